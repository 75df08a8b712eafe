"""Answers from the real pipeline: MiniLM, Chroma, tantivy and the bundled SmolLM2."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.answer import Answer, Status, Token
from qa.assistant import Assistant
from qa.retrieve import retrieve
from qa.settings import Settings
from tests.conftest import NATO_QUESTION


def _file_text(assistant: Assistant, source: str) -> str:
    text = assistant.store.document_text(source)
    assert text is not None
    return text


def _assert_exact(assistant: Assistant, answer: Answer) -> None:
    for c in (*answer.citations, *answer.related):
        assert _file_text(assistant, c.source)[c.start : c.end] == c.text


def _answered(assistant: Assistant, question: str, start: str | tuple[str, ...]) -> Answer:
    """The answer to ``question``, checked to open with ``start`` and to cite exact spans."""
    answer = assistant.ask_final(question)
    assert answer.text.startswith(start), answer.text
    _assert_exact(assistant, answer)
    return answer


def _refused(assistant: Assistant, question: str) -> Answer:
    """The answer to ``question``, checked to be a refusal."""
    answer = assistant.ask_final(question)
    assert answer.abstained, answer.text
    return answer


def _indexed(tmp_path: Path, files: dict[str, str]) -> Assistant:
    """An assistant over a new folder holding ``files`` (name -> text), indexed."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in files.items():
        (corpus / name).write_text(text, encoding="utf-8")
    assistant = Assistant(Settings(index_dir=tmp_path / "index"))
    assistant.index([corpus])
    return assistant


def test_retrieval_finds_the_55_percent_sentence_in_the_top_3(assistant: Assistant) -> None:
    passages = retrieve(
        NATO_QUESTION, assistant.store, assistant.embedder, assistant.settings.retrieval
    )
    assert any("55%" in p.text or "55 percent" in p.text for p in passages[:3])
    for p in passages:
        assert _file_text(assistant, p.source)[p.start : p.end] == p.text
        assert p.score > 0


def test_the_example_question_is_answered_with_55_and_a_seed_citation(
    assistant: Assistant,
) -> None:
    events = list(assistant.ask(NATO_QUESTION))
    assert isinstance(events[0], Status) and events[0].stage == "searching"
    answer = events[-1]
    assert isinstance(answer, Answer) and not answer.abstained
    assert "55" in answer.text
    assert "[1]" in answer.text
    cited = answer.citations[0]
    assert cited.source in {"000_ec397f79bacca5ab.txt", "001_af2cb071c3335e74.txt"}
    assert "55" in cited.text
    _assert_exact(assistant, answer)
    assert set(answer.timings) >= {"retrieve_ms", "first_token_ms", "total_ms"}


def test_the_model_streams_tokens_before_the_verified_answer(assistant: Assistant) -> None:
    events = list(assistant.ask("What did Guo say NATO's false information cannot do?"))
    assert any(isinstance(e, Token) for e in events)
    answer = events[-1]
    assert isinstance(answer, Answer) and "deceive" in answer.text


def test_a_name_is_stated_first_and_cited(assistant: Assistant) -> None:
    answer = assistant.ask_final("Who is the Secretary General of NATO?")
    assert answer.mode == "value" and answer.text.startswith("Mark Rutte [1]")
    start, end = answer.citations[0].highlight or (0, 0)
    assert _file_text(assistant, answer.citations[0].source)[start:end] == "Mark Rutte"
    assert "Mark Rutte" in answer.citations[0].text
    _assert_exact(assistant, answer)


def test_who_a_named_person_is_is_their_title_or_not_said(assistant: Assistant) -> None:
    answer = assistant.ask_final("Who is Zhang Xiaogang?")
    assert answer.mode == "value" and answer.text == "Chinese Defense Ministry [1]."
    _assert_exact(assistant, answer)
    held = assistant.ask_final("What position does Guo Jiakun hold?")
    assert held.text.startswith("Chinese Foreign Ministry spokes")
    assert assistant.ask_final("What is Trump's job?").abstained


def test_a_question_asking_for_several_things_gets_them_all_cited_and_short(
    assistant: Assistant,
) -> None:
    answer = assistant.ask_final("What outdated concepts did Guo urge NATO to abandon?")
    assert answer.mode == "points" and len(answer.text.split()) <= 60
    for concept in ("Cold War", "zero-sum"):
        assert concept in answer.text
    _assert_exact(assistant, answer)


def test_a_name_given_only_in_a_title_answers(tmp_path: Path) -> None:
    """The sentence that matches the question only says "the carmaker"; the title names it."""
    assistant = _indexed(
        tmp_path,
        {
            "recall.txt": "Volvo recalls 40,000 cars over a brake fault\n"
            "The recall was announced in Gothenburg on Monday. "
            "The carmaker said the recall covers 40,000 vehicles built since 2021. "
            "Owners will be contacted by letter and repairs are free.\n",
            "harbour.txt": "Harbour traffic grows\nSome 412 ships arrived at the harbour last "
            "year. The harbour master expects more cruise ships next summer.\n",
        },
    )
    answer = assistant.ask_final("Which carmaker is recalling 40,000 vehicles?")
    assert answer.mode == "value" and answer.text.startswith("Volvo [1]"), answer.text
    title, sentence = answer.citations
    assert (title.source, title.line, title.text) == (
        "recall.txt",
        1,
        "Volvo recalls 40,000 cars over a brake fault",
    )
    assert "The carmaker said" in sentence.text
    _assert_exact(assistant, answer)
    count = assistant.ask_final("How many ships arrived at the harbour last year?")
    assert count.mode == "value" and "412 ships [1]" in count.text, count.text


def test_a_document_named_at_its_head_a_dateline_and_a_unit_answer(tmp_path: Path) -> None:
    """The question names the bulletin only its head gives, asks the date only its dateline
    gives, and an amount the recogniser calls a bare number ("512 bytes")."""
    assistant = _indexed(
        tmp_path,
        {
            "bulletin.txt": "Harbour Bulletin, 26 June 2025\n"
            "The boot sector of the harbour's archive disk occupies the first 512 bytes of it. "
            "The archive was moved to a new server on Thursday.\n",
            "weather.txt": "Weather\nStorms closed the harbour for two days in March.\n",
        },
    )
    size = assistant.ask_final(
        "According to the Harbour Bulletin, how much space does the archive disk's boot "
        "sector occupy?"
    )
    assert size.mode == "value" and size.text.startswith("512 bytes [1]"), size.text
    moved = assistant.ask_final("On what date was the archive moved to a new server?")
    assert not moved.abstained and "26 June 2025" in moved.text, moved.text
    _assert_exact(assistant, size)
    _assert_exact(assistant, moved)


@pytest.mark.parametrize(
    "question",
    [
        "Who is the president of South Korea?",
        "What was France's military budget in 2024?",
        "What is the recipe for apple pie?",
        "What share of global military spending did NATO members account for in 2019?",
    ],
)
def test_out_of_corpus_questions_abstain(assistant: Assistant, question: str) -> None:
    answer = assistant.ask_final(question)
    assert answer.abstained and answer.mode == "abstained"
    assert not answer.citations
    assert answer.text.startswith("The documents do not")
    _assert_exact(assistant, answer)


def test_when_an_article_came_out_is_its_heads_date(assistant: Assistant) -> None:
    answer = assistant.ask_final("When was the Azernews article published?")
    assert answer.mode == "value" and answer.text.startswith("2025-06-26 [1]"), answer.text
    assert answer.citations[0].source == "001_af2cb071c3335e74.txt"
    _assert_exact(assistant, answer)


def test_a_short_form_is_spelled_out_or_refused(assistant: Assistant) -> None:
    sipri = assistant.ask_final("What does SIPRI stand for?")
    assert sipri.text == "Stockholm International Peace Research Institute [1].", sipri.text
    _assert_exact(assistant, sipri)
    assert assistant.ask_final("What does NATO stand for?").abstained  # the seeds never say


def test_conflicting_sources_are_both_cited(assistant: Assistant) -> None:
    answer = assistant.ask_final("On which day did Rutte speak?")
    assert answer.mode == "conflict"
    assert {c.source for c in answer.citations} == {
        "000_ec397f79bacca5ab.txt",
        "001_af2cb071c3335e74.txt",
    }
    assert "Tuesday" in answer.text and "Wednesday" in answer.text
    _assert_exact(assistant, answer)


def test_how_the_reports_differ_on_a_day_is_their_conflict(assistant: Assistant) -> None:
    answer = assistant.ask_final("How do the two reports differ on when Rutte spoke?")
    assert answer.mode == "conflict", answer.text
    assert "Tuesday" in answer.text and "Wednesday" in answer.text
    _assert_exact(assistant, answer)


def test_what_someone_said_is_not_anothers_words(assistant: Assistant) -> None:
    answer = assistant.ask_final("What did Guo say about China's role in the Ukraine conflict?")
    assert answer.mode == "points" and "urging peace talks" in answer.text, answer.text
    assert "Rutte" not in answer.text  # Rutte's words on Ukraine are his
    _assert_exact(assistant, answer)


def test_a_change_a_share_of_a_whole_and_the_outlet_that_reported(assistant: Assistant) -> None:
    rise = assistant.ask_final("By how much did China's military budget increase in 2024?")
    assert rise.text.startswith("7% [1]"), rise.text  # not the budget, $314 billion
    budget = assistant.ask_final("What was China's military budget in 2024?")
    assert budget.text.startswith("an estimated $314 billion [1]"), budget.text
    gdp = assistant.ask_final("What percentage of GDP does NATO want members to spend on defence?")
    assert gdp.text.startswith(("5% [1]", "5 percent [1]")), gdp.text  # not 55% of the world's
    # not NATO, named everywhere
    _answered(assistant, "Which outlet reported Guo's remarks?", "Azernews [1]")


def test_a_country_named_otherwise_than_the_text_does(assistant: Assistant) -> None:
    """The seeds say "the US"; a question may say "the United States" or "Washington"."""
    aid = assistant.ask_final(
        "How much military assistance did the United States approve for Taiwan?"
    )
    assert aid.text.startswith("$500 million [1]"), aid.text
    _answered(
        assistant,
        "How many China-US joint communiqués did Zhang urge Washington to abide by?",
        "three China-US joint communiqués [1]",
    )
    assert assistant.ask_final("What did the UK say about NATO's spending?").abstained


def test_a_document_pointed_at_by_its_place_in_the_list(assistant: Assistant) -> None:
    """The two reports disagree on the day; "the second article" is the second file."""
    second = assistant.ask_final("When did Rutte speak, according to the second article?")
    assert second.text.startswith("Wednesday [1]"), second.text
    assert second.citations[0].source == "001_af2cb071c3335e74.txt"
    first = assistant.ask_final("When did Rutte speak, according to the first article?")
    assert first.text.startswith("Tuesday [1]"), first.text


def test_the_outlet_that_ran_a_document_is_the_one_its_opening_credits(
    assistant: Assistant, tmp_path: Path
) -> None:
    """The second seed credits Azernews ("Azernews reports, citing Global Times"); a wire
    story names its agency in its dateline."""
    _answered(assistant, "Which outlet published the second report?", "Azernews [1]")
    wire = _indexed(
        tmp_path,
        {
            "bridge.txt": "Footbridge opens in Hollins\nHOLLINS, May 3 (Ridgeway Wire) -\nThe new "
            "footbridge over the Hollins river opened on Monday after two years of building "
            "work.\n",
        },
    )
    _answered(
        wire, "Which agency filed the story about the Hollins footbridge?", "Ridgeway Wire [1]"
    )


def test_what_was_spent_is_a_sum_and_a_named_document_is_summarised(
    assistant: Assistant,
) -> None:
    spent = assistant.ask_final("How much did China spend on its military in 2024?")
    assert spent.text.startswith("an estimated $314 billion [1]"), spent.text  # not the 7% rise
    gist = assistant.ask_final("Summarize the Azernews article.")
    assert gist.mode == "points", gist.text
    assert {c.source for c in gist.citations} == {"001_af2cb071c3335e74.txt"}
    assert gist.text.startswith("- Certain NATO figures"), gist.text  # its lead first
    _assert_exact(assistant, gist)


def test_a_persons_job_is_their_title_where_first_named_in_full(assistant: Assistant) -> None:
    job = assistant.ask_final("What is Guo's job?")  # the best sentences say only "Guo said"
    assert job.text.startswith("Chinese Foreign Ministry spokes"), job.text
    _assert_exact(assistant, job)


def test_a_which_question_of_no_kind_is_answered_by_the_name_holding_its_noun(
    assistant: Assistant,
) -> None:
    _answered(assistant, "Which forum did Rutte speak at?", "NATO Public Forum [1]")


def test_a_year_far_from_the_share_the_question_gives_is_no_conflict(
    assistant: Assistant,
) -> None:
    """The second report's 2024 is when members' spending was measured, far from the 5% it
    also names: no deadline to set against the first report's 2035."""
    _answered(assistant, "When should NATO members reach the 5% target?", "2035 [1]")


def test_a_figure_of_another_actor_or_another_year_answers_nothing(
    assistant: Assistant,
) -> None:
    """NATO's 5% goal is named before Russia; the $314 billion is 2024's, compared with
    2023."""
    assert assistant.ask_final("How much did Russia spend on its military in 2024?").abstained
    # the summit is placed in a country; Beijing is where Guo spoke
    assert assistant.ask_final("Which city hosted the NATO summit?").abstained
    assert assistant.ask_final("What was China's military budget in 2023?").abstained
    budget = assistant.ask_final("What was China's military budget in 2024?")
    assert budget.text.startswith("an estimated $314 billion [1]"), budget.text


def test_a_deadline_and_a_sum_in_the_currency_asked(assistant: Assistant) -> None:
    deadline = assistant.ask_final(
        "By what year should members meet NATO's 5% defence spending target?"
    )
    assert deadline.text.startswith("2035 [1]"), deadline.text  # "by 2035", not "in 2024"
    dollars = "How many dollars did the US approve for military assistance to Taiwan?"
    assert assistant.ask_final(dollars).text.startswith("$500 million [1]")
    # the seeds give NATO's spending as a share of the world's, never in dollars
    assert assistant.ask_final(
        "How much did NATO members spend on defence in 2024, in dollars?"
    ).abstained
    _assert_exact(assistant, deadline)


def test_a_share_owned_by_another_after_the_subjects_name_is_not_its(assistant: Assistant) -> None:
    # "China accounted for half of all expenditure in Asia": a share of another whole
    world = "What share of world military spending did China account for last year?"
    assert assistant.ask_final(world).abstained
    asia = "What share of military spending in Asia did China account for last year?"
    assert assistant.ask_final(asia).text.startswith("half [1]")
    # "Chinese Foreign Ministry spokesman said that NATO's combined military expenditure was 55%"
    china = assistant.ask_final(
        "What percentage of the world's defence spending was China's in 2024?"
    )
    assert "55" not in china.text.split("[")[0], china.text
    _answered(
        assistant, "What share of global military spending did China attribute to NATO?", "55% [1]"
    )


def test_a_response_is_the_responders_not_anothers_words(assistant: Assistant) -> None:
    # Rutte names North Korea in his own words: no response of North Korea's
    north = "How did North Korea react to Rutte's remarks about the war in Ukraine?"
    assert assistant.ask_final(north).abstained
    guo = assistant.ask_final("How did Guo respond to Rutte's remarks?")
    assert not guo.abstained and guo.citations[0].text.startswith("Guo called"), guo.text
    _assert_exact(assistant, guo)
    # Guo speaks for China: the seeds title him "Chinese Foreign Ministry spokesman"
    china = assistant.ask_final("Summarize China's response to NATO's summit.")
    assert "Guo called the remarks" in china.text, china.text
    assert "endorsed a higher defense spending goal" not in china.text  # NATO's act, not China's
    _assert_exact(assistant, china)


def test_comparing_the_reports_opens_with_each_ones_lead(assistant: Assistant) -> None:
    answer = assistant.ask_final("How do the two reports differ?")
    assert answer.mode == "points", answer.text
    assert "China on Thursday urged NATO" in answer.text  # 000's lead
    assert "Certain NATO figures are deliberately hyping up" in answer.text  # 001's lead
    assert {c.source for c in answer.citations} == {
        "000_ec397f79bacca5ab.txt",
        "001_af2cb071c3335e74.txt",
    }
    _assert_exact(assistant, answer)
    agree = assistant.ask_final("Do the two articles agree on when Rutte spoke?")
    assert agree.mode == "conflict" and "Tuesday" in agree.text and "Wednesday" in agree.text


def test_a_follow_up_is_read_in_the_context_of_the_conversation(assistant: Assistant) -> None:
    history = [(NATO_QUESTION, "55% of global military spending in 2024 [1].")]
    answer = assistant.ask_final("And what about China's own budget?", history)
    assert not answer.abstained
    assert "$314 billion" in answer.citations[0].text


def test_every_answer_sentence_is_verified_against_its_citation(assistant: Assistant) -> None:
    from qa.verify import supports

    for question in (NATO_QUESTION, "What did Guo say NATO's false information cannot do?"):
        answer = assistant.ask_final(question)
        if answer.mode == "generated":
            for c in answer.citations:
                assert any(supports(s, c.text) for s in answer.text.split(f"[{c.id}]")[:1])
        assert answer.citations and all(
            c.text in _file_text(assistant, c.source) for c in answer.citations
        )


def test_distractor_documents_do_not_answer_for_the_subject(tmp_path, corpus) -> None:  # type: ignore[no-untyped-def]
    """A document that shares a question's topic words but not its subject is no evidence."""
    (corpus / "ai-notes.txt").write_text(
        "Artificial intelligence systems can now write code and summarise reports. "
        "Researchers said artificial intelligence will change how offices work.\n",
        encoding="utf-8",
    )
    assistant = Assistant(Settings(index_dir=tmp_path / "index"))
    assistant.index([corpus])
    answer = _refused(assistant, "What did Rutte say about artificial intelligence?")
    assert not answer.citations
    kept = assistant.ask_final(NATO_QUESTION)
    assert not kept.abstained and "55" in kept.text


def test_a_sentence_that_leads_in_is_quoted_with_the_next(tmp_path: Path) -> None:
    """The sentence closest to the question only announces the packages; the next names them.
    A question naming a figure the documents never give, or asking who when they name no one,
    is refused."""
    assistant = _indexed(
        tmp_path,
        {
            "printing.txt": "Printing in Harbour Linux 4.2\n"
            "Harbour Linux distributes the print system divided between several packages. "
            "The scheduler is in the harbour-print-daemon package, and the tools are in "
            "harbour-print-client. Printers are found on the network by the scheduler.\n",
        },
    )
    answer = assistant.ask_final("How does Harbour Linux divide its print system between packages?")
    assert answer.mode in ("extractive", "generated"), answer.text
    assert "harbour-print-daemon" in answer.text, answer.text
    _assert_exact(assistant, answer)
    for question in (
        "How many packages hold the print system in Harbour Linux 5.1?",  # 5.1 is never given
        "Who wrote the print scheduler of Harbour Linux?",  # no one is named
    ):
        refused = assistant.ask_final(question)
        assert refused.abstained, refused.text


def test_news_values_are_read_by_their_kind(tmp_path: Path) -> None:
    """Wire-style articles: a count whose noun was left out, an age set off by commas, a
    duration, money in a currency name, the size of a crowd, an owner named by the noun for
    it, countries listed with one the recogniser mislabels, where a buyer is based (not the
    dateline's city, not the bought company's), a buyer beside the company the question
    describes, an age said of the one named first before it."""
    assistant = _indexed(
        tmp_path,
        {
            "storm.txt": "Storm Delia floods eastern towns\n"
            "Storm Delia brought heavy rain to eastern Spain on Sunday. "
            "At least 14 people died and 2,300 were evacuated, regional officials said.\n",
            "show.txt": "Harbourview renewed for second season\n"
            "The lead actor, Tom Okafor, 34, will return next spring. "
            "Repairs to the studio will take about two hours a day, the producers said.\n",
            "match.txt": "Harbor City reach the cup final\n"
            "Harbor City beat Castlebridge Rovers 2-1 on Saturday in front of a crowd of 18,450.\n",
            "airport.txt": "Court quashes Harwick Airport runway plan\n"
            "The High Court quashed planning permission for a runway extension at Harwick "
            "Airport on Wednesday. The airport's owner, Castellan Infrastructure, said it "
            "would consider an appeal.\n",
            "trial.txt": "Malaria vaccine cuts infections in trial\n"
            "The trial enrolled 4,800 children in Kenya, Tanzania and Malawi.\n",
            "takeover.txt": "Northgate to buy Brisco\n"
            "NEW YORK, Jan 13 (Meridian Wire) -\n"
            "Northgate Foods agreed on Monday to buy the snack maker Brisco. "
            "Brisco, based in Milwaukee, employs around 5,600 people. "
            "The buyer, based in Minneapolis, is best known for frozen meals.\n",
            "final.txt": "Qualifier stuns top seed in Harbour Open final\n"
            "Lena Brandt won her first title on Sunday, beating top seed Ruth Haldane in the "
            "final of the Harbour Open. The 22-year-old saved three match points.\n",
            "deal.txt": "Nordhaven to buy Crispwell\n"
            "Nordhaven Foods agreed to buy Crispwell Brands, maker of Tango Twists pretzels, "
            "for 4.1 billion euros. The museum's renovation cost 68 million euros.\n",
            "cholera.txt": "Cholera spreads in the south\nHealth Minister Ada Banda said the "
            "government needed $18m to contain the outbreak. Cases have doubled since May.\n",
            "quake.txt": "Quake shakes eastern Turkey\nA strong earthquake struck eastern "
            "Turkey on Tuesday, killing 41 people. Health Minister Selin Arslan said 527 people "
            "had been injured, 34 of them seriously.\n",
            "comeback.txt": "Dunford come from behind to beat Alsop Town\nDunford beat Alsop "
            "Town 2-1 on Saturday. Alsop Town, who had won their previous three games, "
            "finished with 10 men after a red card in the second half.\n",
            "fraud.txt": "Builder's former director pleads guilty\nIan Rowe, the former "
            "finance director of Ashby Homes, pleaded guilty to fraud on Monday and will be "
            "sentenced next month, prosecutors said.\n",
        },
    )
    for question, value in (
        ("How many people were evacuated?", "2,300"),
        ("How old is Tom Okafor?", "34"),
        ("How old is Lena Brandt?", "22-year-old"),
        ("How long will repairs to the studio take?", "about two hours"),
        ("How much did the museum's renovation cost?", "68 million euros"),
        ("How much does the government say it needs to contain the cholera outbreak?", "$18m"),
        ("How big was the crowd when Harbor City beat Castlebridge Rovers?", "18,450"),
        ("Which company owns Harwick Airport?", "Castellan Infrastructure"),
        ("In which countries was the malaria vaccine tested?", "Kenya, Tanzania and Malawi"),
        ("Where is the company that is buying Brisco based?", "Minneapolis"),
        ("Which company agreed to buy the maker of Tango Twists pretzels?", "Nordhaven Foods"),
    ):
        answer = assistant.ask_final(question)
        assert answer.mode == "value" and answer.text.startswith(f"{value} [1]"), answer.text
        _assert_exact(assistant, answer)
    assert assistant.ask_final("How old is Ruth Haldane?").abstained  # the age is Brandt's
    # "next month" says when, not how long
    assert assistant.ask_final("How long a prison term did Ian Rowe get?").abstained
    _answered(assistant, "How many people were seriously hurt in the Turkish quake?", "34")
    # "10 men" are players, not spectators
    assert assistant.ask_final("How many spectators saw Dunford beat Alsop Town?").abstained


def test_the_title_of_a_work_is_no_ones_job(tmp_path: Path) -> None:
    assistant = _indexed(
        tmp_path,
        {
            "theft.txt": "Thieves take Dutch master from Ghent museum\nThieves stole a "
            "17th-century painting from a museum in Ghent overnight, police said. The painting, "
            "The Herring Girl, by the Delft painter Jan Oostrom, was insured for 3 million "
            "euros.\n",
        },
    )
    answer = assistant.ask_final("What is the title of the painting stolen in Ghent?")
    assert not answer.abstained and "The Herring Girl" in answer.text, answer.text


def test_the_one_a_question_describes_is_not_its_answer(tmp_path: Path) -> None:
    """The runner the question describes by what she did is not who coaches her."""
    assistant = _indexed(
        tmp_path,
        {
            "race.txt": "Wanjiru breaks Lisbon marathon record\nKenyan runner Mary Wanjiru set a "
            "course record of 2:17:40 at the Lisbon Marathon on Sunday. The 27-year-old, who is "
            "coached by Daniel Kiprop, finished almost two minutes clear of the field.\n",
        },
    )
    coach = assistant.ask_final("Who coaches the woman who set the Lisbon course record?")
    assert coach.text.startswith("Daniel Kiprop [1]"), coach.text
    runner = assistant.ask_final("Who set the Lisbon course record?")
    assert runner.text.startswith("Mary Wanjiru [1]"), runner.text


def test_people_and_businesses_by_trade_a_place_by_its_adjective(
    tmp_path: Path,
) -> None:
    """The side is described, not named, and its name stands in the coach's title; the
    "Patagonian" dinosaur's report names Patagonia."""
    assistant = _indexed(
        tmp_path,
        {
            "league.txt": "Dorran thrash Port Ellis to go top of the league\nDorran moved to the "
            'top of the league on Saturday with a 3-0 home win over Port Ellis. "We were patient '
            'and we punished them," said Dorran coach Tom Reyes, whose side have won six of their '
            "eight games.\n",
            "dig.txt": "Giant dinosaur found in Patagonia\nThe fossils were discovered in 2019 by "
            "a farm worker, Luis Cayul, who noticed a large bone sticking out of a riverbank.\n",
            "clinic.txt": "Hackers hit Tampere hospitals\nThe district's chief medical officer, Dr "
            'Ilkka Salo, said 200 operations had been postponed. "We are working with paper and '
            'pens, as we did in the 1980s," he said.\n',
            "plant.txt": "Chile plans lithium plant\nThe plant, a joint venture between Korean "
            "battery maker Hanul Cell and a Chilean partner, is planned near Antofagasta.\n",
            "guide.txt": "Oslo guide\nThe English edition of the Oslo guide was first published "
            "in Paris in 2004.\n",
            "shows.txt": "Mira Solt breaks stadium record with three Bergen shows\nPop singer Mira "
            "Solt played to 261,000 fans over three nights at Bergen's stadium this weekend.\n",
        },
    )
    _answered(assistant, "Who is the coach of the side that beat Port Ellis?", "Tom Reyes [1]")
    found = assistant.ask_final("Who discovered the fossils of the Patagonian dinosaur?")
    assert found.text.startswith("Luis Cayul [1]"), found.text
    doctor = assistant.ask_final("Which doctor said staff were working with paper and pens?")
    assert doctor.text.startswith("Ilkka Salo [1]"), doctor.text  # "which doctor" asks who
    maker = assistant.ask_final("Which battery maker is a partner in the Chilean plant?")
    assert maker.text.startswith("Hanul Cell [1]"), maker.text  # "which maker" asks a company
    fans = assistant.ask_final("How many people saw Mira Solt's three concerts in Bergen?")
    assert fans.text.startswith("261,000 [1]"), fans.text  # fans are people
    # a battery maker is no bank, a place no publisher
    assert assistant.ask_final("Which bank financed the Chilean lithium plant?").abstained
    assert assistant.ask_final("Which publisher first put out the Oslo guide?").abstained
    # no one is given the office asked of
    assert assistant.ask_final("Who is the director of the dinosaur museum?").abstained


def test_a_lettered_round_a_city_for_who_a_firm_by_another_noun_a_described_runner(
    tmp_path: Path,
) -> None:
    assistant = _indexed(
        tmp_path,
        {
            "fernly.txt": "Fernly raises 120 million dollars\nBerlin start-up Fernly has raised "
            "120 million dollars in a Series C round led by Halvorsen Capital, it said on "
            "Tuesday. The company makes invoicing software for freelancers.\n",
            "carrier.txt": "Airline results\nThe low-cost carrier from Dublin reported a "
            "first-half loss on Monday, blaming fuel costs. Its fleet is to grow next year.\n",
            "marathon.txt": "Chelagat breaks Berlin record\nKenyan runner Naomi Chelagat won the "
            "Berlin Marathon on Sunday in a course record of 2 hours, 11 minutes. Crowds lined "
            "the route from dawn. Chelagat trains in Iten with coach Daniel Kiprop, who also "
            "coaches three Olympic medallists.\n",
            "breach.txt": "Hackers steal data of 2.7 million Telvia customers\nMobile operator "
            "Telvia said on Thursday that hackers had stolen the names of 2.7 million customers. "
            "Chief executive Fiona Marsh apologised and said the firm had brought in "
            "cybersecurity specialist Greyline to investigate. The Information Commissioner's "
            "Office said it was looking into the incident.\n",
        },
    )
    firm = assistant.ask_final("Which cybersecurity firm was called in to investigate the hack?")
    assert firm.text.startswith("Greyline [1]"), firm.text  # not the regulator
    done = assistant.ask_final("What has Telvia done in response to the hack?")
    assert done.mode == "points" and "Greyline" in done.text, done.text  # what it did, in points
    # the runner the question describes is named by the sentence saying she set the record
    coach = assistant.ask_final("Who trains the woman who set the Berlin course record?")
    assert coach.text.startswith("Daniel Kiprop [1] [2]"), coach.text
    assert "course record" in coach.citations[1].text
    _assert_exact(assistant, coach)
    assert assistant.ask_final("Who founded the low-cost carrier?").abstained  # not Dublin
    _answered(
        assistant, "How much did Fernly raise in its Series C round?", "120 million dollars [1]"
    )
    assert assistant.ask_final("How much did Fernly raise in its Series B round?").abstained


def test_names_beside_a_sentence_that_speaks_of_no_one_answer_nothing(tmp_path: Path) -> None:
    """A speaker named in the sentence before, and the staff credited with the story."""
    assistant = _indexed(
        tmp_path,
        {
            "summit.txt": 'Climate summit ends\nDelegates argued late into the night. "This is a '
            'turning point," Anna Berg said. The summit in Oslo this week agreed a new climate '
            "fund worth 5 billion dollars. Talks resume next year.\n",
            "bridge.txt": "Footbridge opens in Hollins\nThe new footbridge over the Hollins river "
            "opened on Monday after two years of building work.\n(Reporting by Ana Ruiz; "
            "Editing by Tom Hale)\n",
        },
    )
    assert assistant.ask_final("Who hosted the summit in Oslo?").abstained
    assert assistant.ask_final("Who built the new footbridge over the Hollins river?").abstained


def test_a_length_of_time_is_no_answer_to_when(tmp_path: Path) -> None:
    assistant = _indexed(
        tmp_path,
        {
            "final.txt": "Harbor City reach the cup final\nHarbor City beat Castlebridge Rovers "
            "2-1 on Saturday. The club reached the final for the first time in 23 years.\n",
        },
    )
    before = assistant.ask_final("When had Harbor City last reached the final before?")
    assert not before.text.startswith("23 years"), before.text  # how long, not when
    since = assistant.ask_final("How long since Harbor City last reached the final?")
    assert since.text.startswith("23 years [1]"), since.text


def test_the_sentence_answering_what_is_asked_of_a_name_outranks_one_naming_it(
    tmp_path: Path,
) -> None:
    """The sentence naming the town gives the day of the election; the one after it, which
    names no town, gives the day the mayor is sworn in, which is what taking office asks."""
    assistant = _indexed(
        tmp_path,
        {
            "vote.txt": "Former nurse wins Dunmore mayoral race\n"
            "Carla Mendes won the Dunmore mayoral election on Sunday with 51 percent of the "
            "vote. The mayor-elect will be sworn in on February 9.\n",
        },
    )
    _answered(assistant, "When will Dunmore's new mayor take office?", "February 9 [1]")


def test_a_value_is_chosen_by_what_the_words_around_it_say(tmp_path: Path) -> None:
    """Both counts of people share a word with the question; the words around the second say
    what it asks in other words ("rescued ... from rooftops" for "plucked from rooftops")."""
    assistant = _indexed(
        tmp_path,
        {
            "floods.txt": "Flash floods hit the Alder valley\nFlash floods tore through the "
            "Alder valley on Tuesday after heavy rain, killing at least three people and "
            "forcing about 900 residents from their homes, officials said. Crews in boats and "
            "a helicopter rescued 41 people from rooftops. The river is expected to fall by "
            "Friday.\n",
        },
    )
    for question in (
        "How many people were plucked from rooftops during the Alder floods?",
        "How many people were lifted off roofs in the Alder valley?",
    ):
        answer = assistant.ask_final(question)
        assert answer.text.startswith("41 people [1]"), (question, answer.text)
        _assert_exact(assistant, answer)


def test_a_name_the_text_calls_what_is_asked_answers_before_another(tmp_path: Path) -> None:
    """The court is the best sentence's organisation, but the text calls the villagers' group
    a group, and "Which group ...?" asks for one."""
    assistant = _indexed(
        tmp_path,
        {
            "quarry.txt": "Court blocks Elmford quarry expansion\nThe High Court on Monday "
            "quashed planning permission for a quarry expansion near Elmford, ruling that the "
            "council had not properly assessed the dust it would bring to nearby farms. Save "
            "Elmford Valley, the villagers' group that brought the case, called the ruling a "
            "relief. The quarry's owner, Brant Aggregates, said it would study the judgment.\n",
        },
    )
    _answered(
        assistant,
        "Which group brought the legal challenge against the Elmford quarry expansion?",
        "Save Elmford Valley [1]",
    )


def test_a_value_far_from_the_question_in_sentence_and_words_is_no_answer(
    tmp_path: Path,
) -> None:
    """The day the bank cut its rate is no answer to when its governor took office: neither
    the sentence nor the words around the day are close to what is asked."""
    assistant = _indexed(
        tmp_path,
        {
            "bank.txt": "Lindmark central bank cuts rate\nLindmark's central bank cut its main "
            "interest rate by half a point to 6.5 percent on Wednesday, its second cut this "
            "year. Governor Eva Strand told reporters that inflation was falling faster than "
            "expected. The bank's next decision is due in March.\n",
        },
    )
    answer = assistant.ask_final("When did Eva Strand become governor of Lindmark's central bank?")
    assert not answer.text.startswith("Wednesday"), answer.text


def test_a_person_named_by_surname_a_name_before_a_score_and_a_nationality(tmp_path: Path) -> None:
    assistant = _indexed(
        tmp_path,
        {
            "open.txt": "Qualifier stuns top seed\nDUBAI, Feb 25 (Alpine News Service) -\n"
            "Norwegian qualifier Nadia Berg won her first title on Saturday, beating top seed "
            "Carla Ruiz 6-4 3-6 7-5 in the final of the Harbour Open.\n",
        },
    )
    _answered(assistant, "Who did Berg beat in the Harbour Open final?", "Carla Ruiz [1]")
    nationality = assistant.ask_final("What nationality is Nadia Berg?")  # a people's word
    assert nationality.text.startswith("Norwegian [1]"), nationality.text


def test_a_deal_named_by_both_parties_its_closing_and_its_whole_price(tmp_path: Path) -> None:
    assistant = _indexed(
        tmp_path,
        {
            "deal.txt": "Norvane to buy Pellix\nNorvane said on Tuesday it would buy Pellix, "
            "paying $3.4 billion in cash and shares. Norvane will pay 42 euros per Pellix "
            "share, a premium of 38 percent. The deal is expected to close in the fourth "
            "quarter, subject to approval by regulators. Pellix was founded in Amsterdam in "
            "2017 by Joost van Leeuwen and Sanne Brouwer, who met while working at a bank.\n",
        },
    )
    _answered(
        assistant, "When is the Norvane-Pellix deal expected to close?", "the fourth quarter [1]"
    )
    whole = assistant.ask_final("How much is Norvane paying for Pellix?")
    assert whole.text.startswith("$3.4 billion [1]"), whole.text  # not the price of a share
    founders = assistant.ask_final("Who founded Pellix?")  # the two named together
    assert founders.text.startswith("Joost van Leeuwen and Sanne Brouwer [1]"), founders.text


def test_a_party_named_before_the_noun_that_calls_it_one(tmp_path: Path) -> None:
    """ "the centrist Forward party": the recogniser does not take "Forward" for a name."""
    assistant = _indexed(
        tmp_path,
        {
            "vote.txt": "Centrists win Valdorian election\nThe centrist Forward party of former "
            "environment minister Ana Petrova won Valdoria's parliamentary election on Sunday, "
            "but fell short of a majority, official results showed. Forward won 29.4 percent of "
            "the vote and 31 of the 90 seats in the National Assembly.\n",
        },
    )
    _answered(assistant, "Which party won Valdoria's election?", "Forward [1]")


def test_a_country_before_the_noun_asked_need_not_be_named(tmp_path: Path) -> None:
    """A report on a company's new office names the city, not the country it is in."""
    assistant = _indexed(
        tmp_path,
        {
            "lumen.txt": "Dutch start-up Lumen raises $40 million\nLumen, a Delft-based maker "
            "of quantum sensors, said on Thursday it had raised $40 million. Chief executive "
            "Femke de Wit said the company would open an office in Denver next year.\n",
        },
    )
    _answered(assistant, "In which US city will Lumen open an office?", "Denver [1]")


def test_how_someone_described_something_is_answered_in_points(assistant: Assistant) -> None:
    answer = assistant.ask_final("How did Guo Jiakun describe China's role in the world?")
    assert answer.mode == "points" and "builder of world peace" in answer.text
    _assert_exact(assistant, answer)


def test_a_summary_opens_with_what_the_report_tells_first(assistant: Assistant) -> None:
    """The sentence closest to "response to NATO's summit" tells of the summit, not of China's
    response; the report's lead tells the response."""
    answer = assistant.ask_final("Summarize China's response to NATO's summit.")
    first = answer.text.splitlines()[0]
    assert answer.mode == "points" and first.startswith("- China on Thursday urged NATO"), first
    assert len(answer.citations) >= 3 and len(answer.text.split()) <= 150
    _assert_exact(assistant, answer)


def test_a_reason_given_after_the_name_is_an_answer(tmp_path: Path) -> None:
    """The sentence giving the reason calls the baker "the 79-year-old"; the one before it
    names him."""
    assistant = _indexed(
        tmp_path,
        {
            "bakery.txt": "Beloved village bakery shuts after half a century\n"
            "Henri Lacombe, whose croissants drew queues across Valmont, locked the doors of "
            "the shop his father opened in 1961 on Sunday. The 79-year-old said a bad back had "
            "made baking before dawn impossible. Dozens of customers queued for a final loaf.\n",
        },
    )
    answer = assistant.ask_final("Why is Henri Lacombe giving up baking?")
    assert not answer.abstained and any("a bad back" in c.text for c in answer.citations)
    _assert_exact(assistant, answer)


def test_a_figure_of_another_actor_named_in_its_sentence_is_no_answer(tmp_path: Path) -> None:
    """Norway is named around the sentence, but the share in it is the union's."""
    assistant = _indexed(
        tmp_path,
        {
            "fish.txt": "Norway answers the union on fishing quotas\n"
            "Norway's fisheries minister rejected the criticism on Friday. In 2024, European "
            "Union fleets accounted for 38 percent of the cod caught in the Barents Sea, she "
            "said. Catches by the country's own boats rose sharply.\n",
        },
    )
    assert assistant.ask_final("What share of the Barents Sea cod did Norway catch?").abstained
    union = assistant.ask_final("What share of Barents Sea cod did European Union fleets catch?")
    assert union.text.startswith("38 percent [1]"), union.text


def test_a_passage_between_two_retrieved_ones_reaches_the_reader(assistant: Assistant) -> None:
    question = "How did Guo Jiakun describe China's role in the world?"
    settings = assistant.settings.retrieval
    passages = retrieve(question, assistant.store, assistant.embedder, settings)
    assert any("a builder of world peace" in p.text for p in passages)
    for p in passages:
        assert _file_text(assistant, p.source)[p.start : p.end] == p.text


def test_a_report_is_quoted_from_its_text_not_its_headline(tmp_path: Path) -> None:
    """A headline restates what the report is about; the sentence that answers is in the
    text. A director is read from the sentence about directing, not the actor's award. A
    "Spanish" question is answered by a report that names Spain."""
    assistant = _indexed(
        tmp_path,
        {
            "film.txt": "Debut film 'The Salt Road' wins top prize in Porto\n"
            "PORTO, Oct 4 (Wire) -\n"
            '"The Salt Road", the first feature by director Yasmine Belkadi, won the Golden '
            "Anchor for best film at the Porto Film Festival on Saturday. It follows two "
            "sisters who drive a truck across the desert. The best actor award went to "
            'Caio Fernandes for playing a boxer in "The Salt Road".\n',
            "heat.txt": "Red alert as temperatures near 46C\n"
            "MADRID, July 14 (Wire) -\n"
            "Spain's weather agency placed five regions on red alert on Monday. "
            "The thermometer in Seville reached 45.7C on Sunday, the highest reading in the "
            "country this year.\n",
        },
    )
    answer = assistant.ask_final('What prize did "The Salt Road" take at the Porto festival?')
    assert "Golden Anchor" in answer.text, answer.text
    _assert_exact(assistant, answer)
    answer = assistant.ask_final('Who directed "The Salt Road"?')
    assert answer.text.startswith("Yasmine Belkadi [1]"), answer.text
    _answered(
        assistant, "Which Spanish city recorded the highest temperature this year?", "Seville [1]"
    )


def test_a_share_given_as_a_fraction_and_an_office_held_by_another(assistant: Assistant) -> None:
    answer = assistant.ask_final("What share of Asia's military expenditure did China account for?")
    assert answer.mode == "value" and answer.text.startswith("half [1]"), answer.text
    _assert_exact(assistant, answer)
    # Guo Jiakun is the Chinese Foreign Ministry's spokesperson, Mark Rutte NATO's chief
    assert assistant.ask_final("Who is NATO's official spokesperson?").abstained
    answer = assistant.ask_final("Who is NATO's Secretary General?")
    assert answer.text.startswith("Mark Rutte [1]"), answer.text
    # the seeds give NATO's 5% goal and fears about Russia, not Russia's budget
    assert assistant.ask_final("What was the size of Russia's military budget?").abstained


def test_a_name_said_in_other_words_than_the_question_answers(tmp_path: Path) -> None:
    """The sentence shares few of the question's words ("gave evidence" for "testified",
    "pleaded guilty" for "admitting her guilt"), but the words around the name say what is
    asked: the name answers rather than the question being refused."""
    assistant = _indexed(
        tmp_path,
        {
            "trial.txt": "Former Ardley Foods chief jailed for seven years\nA former chief "
            "executive of Ardley Foods was jailed for seven years on Friday for defrauding "
            "lenders of 40 million pounds. Tomas Reiner, 61, was convicted in May of fraud "
            'after a ten-week trial. Judge Alan Pryce said he had shown "no remorse at all." '
            "His former deputy, Nadia Kerr, who pleaded guilty and gave evidence against "
            "him, was sentenced to three years. Reiner's lawyers said he would appeal.\n",
        },
    )
    _answered(
        assistant,
        "Who testified against the former Ardley boss after admitting her own guilt?",
        "Nadia Kerr [1]",
    )


def test_the_name_of_a_person_asked_by_their_occupation_is_a_person(tmp_path: Path) -> None:
    """ "What was the name of the farmer ...?" asks for a person: answered by the name beside
    what the question says of them, and refused when the documents name no such person."""
    assistant = _indexed(
        tmp_path,
        {
            "fossil.txt": "Giant dinosaur found on Patagonian ranch\nPalaeontologists in "
            "Argentina said on Tuesday they had identified a new giant dinosaur from bones "
            "found on a sheep ranch. The first bone was spotted in 2021 by a farmer, Ramon "
            "Quilapan, who was looking for a lost calf. The dig took three summers.\n",
        },
    )
    _answered(
        assistant, "What was the name of the farmer who spotted the first bone?", "Ramon Quilapan"
    )
    refused = assistant.ask_final("What was the name of the pilot who flew the bones home?")
    assert refused.abstained, refused.text


def test_several_things_set_out_then_asked_for_are_answered_in_points(tmp_path: Path) -> None:
    """ "The minister named four priorities. What are they?" asks for each of them: the sentence
    listing them is among the cited points, not one quote of the best-scoring neighbour."""
    assistant = _indexed(
        tmp_path,
        {
            "budget.txt": "Finance minister sets out spending plan\nFinance Minister Lena "
            "Varga presented the 2027 budget to parliament on Tuesday. Varga said the plan has "
            "four priorities: cheaper housing, shorter hospital waiting lists, faster trains "
            "and cleaner rivers. The opposition called the plan unaffordable. Parliament will "
            "vote on the budget next month.\n",
        },
    )
    answer = assistant.ask_final("Varga named four priorities for the budget. What are they?")
    assert answer.mode == "points", answer.text
    assert "cheaper housing" in answer.text and "cleaner rivers" in answer.text, answer.text
    _assert_exact(assistant, answer)


def test_a_titled_speaker_quoting_we_points_at_no_one_in_the_sentence_before(
    tmp_path: Path,
) -> None:
    """ "Secretary General Anna Holm said the alliance was built "to deter the Russians ... They
    are our most pressing threat"": the title is Holm's and the quote's "our" is hers, so the
    person named in the sentence before is no answer; the people she names are."""
    assistant = _indexed(
        tmp_path,
        {
            "alliance.txt": 'Beijing rejects alliance criticism\n"The alliance should stop '
            'stoking confrontation," Chinese Foreign Ministry spokesman Wei Lan told reporters '
            "in Beijing. Alliance Secretary General Anna Holm had said the bloc was built "
            '"to deter the Russians if they would attack us. They are our most pressing '
            'threat." The alliance meets again in June.\n',
        },
    )
    _answered(
        assistant, "Who did Holm describe as the alliance's most pressing threat?", "Russians"
    )


def test_a_peoples_word_asked_for_stands_for_one_of_them(tmp_path: Path) -> None:
    """ "Which Brazilian scored ...?" asks for a person: the Brazilian the text names, not a
    quote of the sentence that speaks of a 29-year-old forward."""
    assistant = _indexed(
        tmp_path,
        {
            "derby.txt": "Sevilla win derby\nSevilla beat Real Betis 3-1 on Sunday. Betis "
            "had led through Brazilian winger Caio Ferreira, who scored in the 20th minute. "
            "The 29-year-old forward Luis Mena then scored twice for Sevilla before halftime.\n",
        },
    )
    _answered(
        assistant, "Which Brazilian scored for the beaten side in the derby?", "Caio Ferreira"
    )


def test_the_name_after_the_noun_asked_names_it_not_the_place_before(tmp_path: Path) -> None:
    """ "the independent Manchester label Flat Cap Records": the label is Flat Cap Records, not
    Manchester, though the recogniser may take either for anything."""
    assistant = _indexed(
        tmp_path,
        {
            "prize.txt": "Rapper wins music prize\nThe Salford rapper Jordan Ellis has won the "
            "Mercury prize for his debut album, Concrete Psalms. The album was recorded over 18 "
            "months and released in March on the independent Manchester label Flat Cap Records. "
            "It reached No 14 in the album chart.\n",
        },
    )
    _answered(
        assistant,
        "On which record label did the prize winner release his album?",
        "Flat Cap Records",
    )


def test_a_month_the_report_never_names_does_not_rule_it_out(tmp_path: Path) -> None:
    """ "the October quake": the report dates the quake otherwise ("on Tuesday"), yet it is the
    one asked about; the month only says when."""
    assistant = _indexed(
        tmp_path,
        {
            "quake.txt": "Quake kills dozens in eastern Turkey\nA magnitude 6.1 earthquake struck "
            "eastern Turkey on Tuesday, killing 38 people. The government said it would pay "
            "15,000 lira to each affected household to cover immediate needs.\n",
            "floods.txt": "Floods hit northern Italy\nHeavy rain flooded towns in Emilia-Romagna "
            "in October. Rome will release 20 million euros for relief.\n",
        },
    )
    _answered(
        assistant,
        "How much will Turkey pay each household hit by the October quake?",
        "15,000 lira",
    )


def test_a_region_the_question_names_is_read_in_the_countrys_name(tmp_path: Path) -> None:
    """ "Which Scandinavian lorry manufacturer ...?": the report says "Swedish truckmaker", and
    is still read."""
    assistant = _indexed(
        tmp_path,
        {
            "markets.txt": "European shares slip\nEuropean shares fell on Thursday. Swedish "
            "truckmaker Nordvagn fell 6.2% after it warned that orders in North America would "
            "weaken this year. Dutch payments firm Paylane jumped 11%.\n",
        },
    )
    _answered(
        assistant,
        "Shares of which Scandinavian lorry manufacturer fell after a warning about orders?",
        "Nordvagn",
    )


def test_a_value_without_the_questions_qualifier_is_anothers(tmp_path: Path) -> None:
    """ "its previous round", "the runner-up", "the next meeting": a value in a sentence without
    the word is the latest round's, the winner's, the last meeting's; the one with it answers."""
    assistant = _indexed(
        tmp_path,
        {
            "funding.txt": "Sensor start-up raises $85 million\nQubyte, a Delft start-up, said "
            "on Thursday it had raised $85 million in a funding round led by Northbeam "
            "Capital. The company will use the money to open an office in Houston.\n",
            "opec.txt": "OPEC+ keeps output cuts\nOPEC+ agreed on Sunday to keep its output "
            "cuts in place until the end of June. The group will next meet on March 2.\n",
        },
    )
    assert assistant.ask_final("How much did Qubyte raise in its previous funding round?").abstained
    _answered(assistant, "When is the next OPEC+ meeting?", "March 2")


def test_two_reports_the_question_names_side_by_side_are_both_read(tmp_path: Path) -> None:
    """ "according to the Reuters and the AP reports": each report names only its own outlet,
    and the two death tolls they give are stated as a difference, each cited."""
    assistant = _indexed(
        tmp_path,
        {
            "quake_reuters.txt": "Quake kills 38 in eastern Turkey\nMALATYA, Turkey, Oct 3 "
            "(Reuters) - A magnitude 6.1 earthquake struck eastern Turkey on Tuesday, killing "
            "at least 38 people and injuring hundreds, officials said.\n",
            "quake_ap.txt": "Eastern Turkey earthquake kills 41\nMALATYA, Turkey (AP) - An "
            "earthquake in eastern Turkey on Tuesday killed 41 people, the disaster agency "
            "said, as rescuers searched collapsed buildings.\n",
        },
    )
    answer = _answered(
        assistant,
        "How many people did the earthquake in eastern Turkey kill according to the Reuters "
        "and the AP reports?",
        "The sources differ",
    )
    assert "38" in answer.text and "41" in answer.text and len(answer.citations) == 2


def test_a_city_taken_for_a_person_answers_where(tmp_path: Path) -> None:
    """The recogniser calls "Córdoba" a person at the head of its sentence; it is a city of the
    world's gazetteer, and answers "Which Spanish city ...?"."""
    assistant = _indexed(
        tmp_path,
        {
            "heat.txt": "Spain issues red alert as temperatures near 46C\nMADRID, July 14 "
            "(Continental Press Agency) - Spain's weather agency placed five regions on red "
            "alert on Monday as a heatwave pushed temperatures towards 46C. Córdoba recorded "
            "45.7C on Sunday afternoon, the highest reading in the country so far this year.\n",
        },
    )
    _answered(
        assistant,
        "Which Spanish city logged the country's hottest temperature of the year so far?",
        "Córdoba",
    )


def test_a_town_the_recogniser_does_not_know_answers_where(tmp_path: Path) -> None:
    """ "Iten" is too small for the gazetteer and the recogniser tags nothing there; standing
    after "trains in" it is the town asked for, not the marathon he won nor Kenya."""
    assistant = _indexed(
        tmp_path,
        {
            "berlin.txt": "Kiprotich wins Berlin Marathon\nBERLIN, Sept 28 (Reuters) - Kenya's "
            "Brian Kiprotich won the Berlin Marathon on Sunday in 2 hours 2 minutes 16 seconds. "
            "Kiprotich, who trains in Iten in Kenya's Rift Valley, finished second in Berlin "
            "last year and won the Rotterdam Marathon in April. Berlin, known for its flat and "
            "fast course, has hosted eight of the last twelve men's world records.\n",
        },
    )
    _answered(
        assistant, "In which town does the winner of the men's Berlin Marathon train?", "Iten"
    )


def test_a_striker_named_after_the_questions_people_word_is_no_city(tmp_path: Path) -> None:
    """ "Nigerian striker Okafor" in the title calls Okafor a striker: "Which Nigerian city"
    is answered by where he was born."""
    assistant = _indexed(
        tmp_path,
        {
            "okafor.txt": "Eintracht Frankfurt sign Nigerian striker Okafor from Genk\n"
            "FRANKFURT, Jan 29 (Reuters) - Eintracht Frankfurt have signed Nigeria striker "
            "Chidi Okafor from Belgian club Genk on a contract until 2030, the club said on "
            "Wednesday. Okafor was born in Enugu and joined Genk at 18. He has scored 41 goals "
            "in 88 games for the Belgian side.\n",
        },
    )
    _answered(assistant, "In which Nigerian city was Frankfurt's new striker born?", "Enugu")


def test_an_office_named_by_a_peoples_word_is_held_only_by_one_so_titled(tmp_path: Path) -> None:
    """ "Who is the Chilean president ...?": the text names Chile's foreign minister and says
    the presidents were there without naming them, so it is refused; the minister is found."""
    assistant = _indexed(
        tmp_path,
        {
            "treaty.txt": "Chile and Argentina sign glacier treaty\nThe agreement was signed at "
            "the presidential palace in Santiago by Chile's Foreign Minister Claudia Herrera and "
            "her Argentine counterpart, Martin Gallardo, in the presence of both countries' "
            "presidents. The treaty protects 200 glaciers along the border.\n",
        },
    )
    refused = assistant.ask_final("Who is the Chilean president who attended the treaty signing?")
    assert refused.abstained, refused.text
    _answered(assistant, "Who is the Chilean foreign minister?", "Claudia Herrera")


def test_what_a_named_subject_acts_on_is_read_by_its_name(tmp_path: Path) -> None:
    """ "the developer that Halbrook is buying": the sentence saying Halbrook is buying names
    Corliss Bio after the verb, and the question is asked of Corliss Bio."""
    assistant = _indexed(
        tmp_path,
        {
            "deal.txt": "Halbrook to buy weight-loss pill developer\nHalbrook Pharma agreed on "
            "Monday to buy Corliss Bio, a developer of weight-loss pills, for $4 billion. "
            "Corliss Bio was founded in 2017 by Harvard scientist Alan Whitcomb. The deal is "
            "expected to close next year.\n",
        },
    )
    _answered(
        assistant,
        "Who set up the weight-loss pill developer that Halbrook is buying?",
        "Alan Whitcomb",
    )


def test_the_head_of_a_body_asked_in_either_way_is_its_chief(tmp_path: Path) -> None:
    """ "Who heads the clinic?" asks for its head; the text names her with a form of address
    and a double surname, and titles her its chief executive after the name."""
    assistant = _indexed(
        tmp_path,
        {
            "clinic.txt": "Kumasi clinic opens eye unit\nKUMASI, Ghana, May 4 (Reuters) - A "
            "clinic in Kumasi opened a 40-bed eye unit on Monday. Dr Abena Owusu-Darko, the "
            "clinic's chief executive, said the unit would cut waiting times by half. Health "
            "Minister Kwabena Mensah attended the opening. A Danish charity paid for the "
            "scanners.\n",
        },
    )
    for question in ("Who is the head of the Kumasi clinic?", "Who heads the Kumasi clinic?"):
        _answered(assistant, question, "Abena Owusu-Darko")
    paid = assistant.ask_final("Who paid for the Kumasi clinic's scanners?")
    assert not paid.text.startswith("Danish"), paid.text  # the charity paid, not a people


def test_how_many_before_a_verb_counts_whoever_the_text_counts(tmp_path: Path) -> None:
    """ "How many were killed ...?" names nothing it counts: the toll answers it."""
    assistant = _indexed(
        tmp_path,
        {
            "ferry.txt": "Ferry sinks in rough seas\nMURA, March 3 (AFP) - The ferry capsized "
            "in rough seas on Sunday night. The death toll from the sinking rose to 47 on "
            "Tuesday, rescue officials said.\n",
        },
    )
    _answered(assistant, "How many were killed in the ferry sinking?", "47")


def test_an_amount_asked_in_a_currency_is_given_in_it(tmp_path: Path) -> None:
    """The report gives the sum in rand and in dollars; the question asks it in rand."""
    assistant = _indexed(
        tmp_path,
        {
            "fraud.txt": "Pension fund boss convicted over fraud\nJOHANNESBURG, May 4 (Reuters) "
            "- A South African court convicted the former head of a pension fund on Monday. "
            "Prosecutors said he had steered 312 million rand ($17 million) of the fund's money "
            "into companies he secretly controlled.\n",
        },
    )
    _answered(
        assistant, "How much money did the pension fund boss divert, in rand?", "312 million rand"
    )


def test_a_price_in_a_currency_named_after_its_country(tmp_path: Path) -> None:
    """ "3,200 Danish kroner" is the menu's price, though the recogniser reads a number and a
    people's word."""
    assistant = _indexed(
        tmp_path,
        {
            "star.txt": "Copenhagen's Tang & Tid wins third Michelin star\nTang & Tid opened in "
            "2017 and won its first star in 2019. Its 19-course tasting menu, built around "
            "Danish seafood, costs 3,200 Danish kroner per person before drinks, and the dining "
            "room seats 34.\n",
        },
    )
    _answered(
        assistant, "How much does the tasting menu at Tang & Tid cost?", "3,200 Danish kroner"
    )


def test_a_company_described_by_its_city_owns_the_figure_its_name_stands_by(
    tmp_path: Path,
) -> None:
    """ "the Bielefeld e-bike maker" is Voltrad, whose recall the title counts; the city only
    says which maker."""
    assistant = _indexed(
        tmp_path,
        {
            "recall.txt": "German e-bike maker Voltrad recalls 61,000 batteries over fire risk\n"
            "BERLIN, March 11 (Reuters) - German electric bicycle maker Voltrad said on "
            "Tuesday it was recalling batteries after reports of fires while charging. The "
            "company, based in Bielefeld, estimated the cost of the recall at about 28 million "
            "euros. Voltrad sold about 210,000 e-bikes last year.\n",
        },
    )
    _answered(assistant, "How many batteries is the Bielefeld e-bike maker recalling?", "61,000")


def test_a_company_the_recogniser_takes_for_a_place_in_the_question(tmp_path: Path) -> None:
    """ "Sable Ridge" in the question looks like a place, so Beira would be another place;
    the report names Sable Ridge Minerals, a company, and Beira is where it shipped."""
    assistant = _indexed(
        tmp_path,
        {
            "lithium.txt": "Zimbabwe opens $300 million lithium plant\nHARARE, July 17 "
            "(Reuters) - A $300 million lithium processing plant opened in Zimbabwe on "
            "Thursday. The plant, built by Sable Ridge Minerals at its mine near Goromonzi, will "
            "produce up to 450,000 tonnes a year of concentrate.\n\nChief executive Farai "
            "Chidziva said the plant had been built in 19 months and that commissioning had "
            "begun in May. The company expects to reach "
            "full capacity by the end of the year. It exported its first shipment of "
            "concentrate through the Mozambican port of Beira last week, he said.\n",
        },
    )
    _answered(
        assistant,
        "Through which Mozambican port did Sable Ridge export its first concentrate?",
        "Beira",
    )


def test_a_post_given_by_a_pronoun_before_the_name_is_the_subjects(tmp_path: Path) -> None:
    """ "His lawyer, Peter Grantham" follows a sentence about Lydon: "His" names no other
    client, and the appositive is the post asked for."""
    assistant = _indexed(
        tmp_path,
        {
            "lydon.txt": "Former adviser jailed for stealing clients' savings\nSYDNEY (AP) -- A "
            "former financial adviser who stole 23 million Australian dollars from his clients "
            "was sentenced on Friday to 11 years in prison. Gregory Lydon, 58, must serve at "
            "least seven years before he is eligible for parole.\n\nLydon, wearing a gray "
            "suit, showed no reaction.\n\nHis lawyer, Peter Grantham, told reporters outside "
            "the court that his client was considering an appeal.\n",
        },
    )
    _answered(assistant, "According to the AP, who is Lydon's lawyer?", "Peter Grantham")


def test_a_sentence_by_a_court_of_a_people_answers_for_the_park(tmp_path: Path) -> None:
    """The headline's "South African court" gives the poachers' sentence; the question names
    the park they poached in, not South Africa."""
    assistant = _indexed(
        tmp_path,
        {
            "rhino.txt": "South African court jails two rhino poachers for 25 years each\n"
            "JOHANNESBURG, May 22 (Reuters) - A South African court sentenced two men on "
            "Thursday for killing a rhino in the Kruger National Park, the prosecuting "
            "authority said. Sipho Mabunda, 34, and Joao Cossa, 41, were arrested in 2023 with "
            "a freshly cut horn.\n",
        },
    )
    _answered(assistant, "How long were the two Kruger rhino poachers jailed for?", "25 years")


def test_a_country_the_recogniser_takes_for_a_person_does_not_score(tmp_path: Path) -> None:
    """ "Zambia beat Ghana 2-1": Ghana, tagged a person, is the team beaten; Grace Mwansa
    scored."""
    assistant = _indexed(
        tmp_path,
        {
            "zambia.txt": "Zambia beat Ghana to reach Olympic women's football\nACCRA, Ghana "
            "(AP) -- Grace Mwansa scored twice as Zambia beat Ghana 2-1 on Tuesday to qualify "
            "for the women's Olympic soccer tournament for the third consecutive Games. A crowd "
            "of 21,000 watched at the Accra Sports Stadium.\n",
        },
    )
    _answered(assistant, "Who scored both of Zambia's goals in Accra?", "Grace Mwansa")


def test_a_part_of_a_whole_the_text_does_not_divide_is_refused(tmp_path: Path) -> None:
    """The report gives the 5% target and NATO's 55 percent of global spending; it never
    splits the target, so how much of it goes to core defence is refused."""
    assistant = _indexed(
        tmp_path,
        {
            "nato.txt": "China responds to NATO summit\nNATO, at the summit in the Netherlands "
            "this week, endorsed a higher defense spending goal of 5% of national outputs by "
            "2035. China's foreign ministry noted that in 2024, NATO members' military spending "
            "already accounted for 55 percent of global defense expenditure.\n",
        },
    )
    _refused(
        assistant,
        "How much of the 5% target is meant for core defence versus wider security spending?",
    )


def test_what_something_cost_is_answered_by_its_price(tmp_path: Path) -> None:
    """ "What did ... cost?" asks an amount: the price two sentences on, not the opening."""
    assistant = _indexed(
        tmp_path,
        {
            "kampala.txt": "Cancer patients' long wait eases as new machines open\nKAMPALA, "
            "March 6 (Reuters) - Two new radiotherapy machines were switched on at the Uganda "
            "Cancer Institute in Kampala on Friday, a step that doctors say will halve the "
            "waiting time for treatment. The linear accelerators, housed in two newly built "
            "concrete bunkers, cost about $14 million including construction and training. "
            "Uganda was left without any radiotherapy for several months in 2016.\n",
        },
    )
    _answered(
        assistant,
        "What did the two new radiotherapy machines in Kampala cost?",
        "about $14 million",
    )


def test_a_figure_and_its_conversion_are_one_answer(tmp_path: Path) -> None:
    """The report gives the thickness in metres with feet in brackets: the answer states
    both, cited to the sentence."""
    assistant = _indexed(
        tmp_path,
        {
            "guyana.txt": "Guyana announces new offshore oil discovery\nGEORGETOWN, Guyana "
            "(AP) -- A consortium led by Atlantica Energy has made a new oil discovery off "
            "Guyana. The Jacana-1 well struck about 68 meters (223 feet) of high-quality "
            "oil-bearing sandstone, the company said.\n",
        },
    )
    _answered(
        assistant,
        "How much oil-bearing sandstone did Jacana-1 hit?",
        "about 68 meters (223 feet)",
    )


def test_where_is_the_finer_of_two_nested_places(tmp_path: Path) -> None:
    """The house stands "in Noosa in Queensland state": where it is, is Noosa."""
    assistant = _indexed(
        tmp_path,
        {
            "lydon.txt": "Former adviser jailed for stealing clients' savings\nSYDNEY (AP) -- "
            "A former financial adviser was sentenced on Friday to 11 years in prison. "
            "Prosecutors said Lydon told clients he was placing their savings in low-risk term "
            "deposits and bond funds, but instead moved the money through a series of accounts "
            "he controlled between 2012 and 2021. He used it to buy a yacht, a beach house in "
            "Noosa in Queensland state and luxury cars, and to pay returns to earlier clients "
            "to keep the scheme going.\n",
        },
    )
    _answered(assistant, "Where was the beach house Lydon bought with his clients' money?", "Noosa")


def test_a_referee_the_report_does_not_name_is_refused(tmp_path: Path) -> None:
    """The report names the players, not the referee: "Who refereed ...?" asks who held that
    post, and no player did."""
    assistant = _indexed(
        tmp_path,
        {
            "rugby.txt": "Ireland 27-24 France: Kinsella's late penalty keeps Grand Slam hopes "
            "alive\n\nIt came down, as these nights so often do, to one man standing alone over "
            "the ball with the clock red and 51,700 people holding their breath. Rory Kinsella, "
            "24 years old and in only his fourth Six Nations start, struck his penalty from 38 "
            "metres and watched it curl in off the wind. Ireland 27, France 24, and the Aviva "
            "Stadium came apart at the seams.\n\nIt was a match France will feel they should "
            "have won. They scored three tries to Ireland's two and led 24-17 with 13 minutes to "
            "play after their captain, the flanker Mathieu Lacombe, finished a rolling maul.\n",
        },
    )
    _refused(assistant, "Who refereed Ireland's 27-24 win over France?")


def test_a_player_asked_by_nationality_and_a_compound_written_apart(tmp_path: Path) -> None:
    """ "top-seeded" meets "top seed", and the Norwegian is the player the text says is "of
    Norway"."""
    assistant = _indexed(
        tmp_path,
        {
            "rotterdam.txt": "Brenner saves match point to win Rotterdam Open\nROTTERDAM, Feb 16 "
            "(Reuters) - Austria's Lukas Brenner saved a match point before beating Italy's "
            "Matteo Ricci 6-4 3-6 7-6(5) to win the Rotterdam Open on Sunday. In the "
            "semi-finals on Saturday, Brenner upset top seed Henrik Dahl of Norway 7-5 6-4, "
            "while Ricci beat Germany's Felix Wagner.\n",
        },
    )
    _answered(
        assistant,
        "Which top-seeded Norwegian did the Rotterdam champion knock out on Saturday?",
        "Henrik Dahl",
    )


def test_a_count_of_health_districts_is_no_count_of_health_workers(tmp_path: Path) -> None:
    """ "How many health workers ...?" counts workers; the report counts health districts and
    cases, never workers, so the question is refused."""
    assistant = _indexed(
        tmp_path,
        {
            "malawi.txt": "Malawi launches measles-rubella vaccination drive\nLILONGWE, March 2 "
            "(Reuters) - Malawi began a week-long measles-rubella vaccination campaign on "
            "Monday. Since the start of the year, Malawi has confirmed 1,240 measles cases in 18 "
            "of its 29 health districts, according to the health ministry. Most of the dead were "
            "under five.\n",
        },
    )
    _refused(
        assistant, "How many health workers are taking part in Malawi's measles-rubella campaign?"
    )


def test_a_pay_rise_in_percent_is_no_size_of_a_bonus(tmp_path: Path) -> None:
    """The airline's offer is a rise in percent; the bonus is mentioned without a sum, so
    how big it was is refused."""
    assistant = _indexed(
        tmp_path,
        {
            "fjordair.txt": "Fjordair pilots strike over pay\nOSLO, June 3 (Reuters) - Pilots at "
            "Norwegian regional carrier Fjordair walked out on Monday. The airline said it had "
            "offered a 4.1 percent pay rise and a one-off bonus, which the union rejected as "
            "too little.\n",
        },
    )
    _refused(assistant, "How big was the one-off bonus Fjordair offered its pilots?")


def test_a_count_of_another_months_eruption_is_refused(tmp_path: Path) -> None:
    """The report counts the houses lost in January; the question asks about August's
    eruption, of which it counts none."""
    assistant = _indexed(
        tmp_path,
        {
            "iceland.txt": "Iceland volcano erupts again near Grindavik\nREYKJAVIK, Aug 22 "
            "(Reuters) - A volcano on Iceland's Reykjanes peninsula erupted on Thursday for the "
            "sixth time this year, sending lava towards defensive barriers. Crews worked through "
            "the night to raise sections of the barriers. In January 2024 lava breached the "
            "defences and destroyed three houses on the northern edge of Grindavik.\n",
        },
    )
    _refused(
        assistant, "How many houses did the lava destroy in the August eruption near Grindavik?"
    )


def test_other_countries_than_the_one_asked_about_place_nothing(tmp_path: Path) -> None:
    """The question names Romania; the best sentence names two other countries the epidemic
    is compared with, which say nothing of where in Romania; the county is named further on."""
    assistant = _indexed(
        tmp_path,
        {
            "measles.txt": "Romania declares measles epidemic\nBUCHAREST, Jan 17 (AP) - Romania "
            "declared a national measles epidemic on Friday after 19 people, mostly children, "
            "died. The World Health Organization's regional office for Europe said measles "
            "cases across the region had risen sharply, with the highest rates in Kazakhstan "
            "and Azerbaijan. The Health Ministry said 4,812 cases had been confirmed in 39 of "
            "the country's 41 counties. The worst-hit area is the northeastern county of Iasi, "
            "with 1,140 cases, followed by Bucharest with 610.\n",
        },
    )
    _answered(assistant, "Which Romanian county has recorded the most measles cases?", "Iasi")


def test_the_journal_a_study_appeared_in_owns_none_of_its_figures(tmp_path: Path) -> None:
    """The journal named before the count published the study; the count is the study's."""
    assistant = _indexed(
        tmp_path,
        {
            "study.txt": "Swedish study finds blood test spots Alzheimer's\nSTOCKHOLM, May 4 "
            "(Reuters) - A simple blood test identified Alzheimer's disease more accurately "
            "than family doctors did, Swedish researchers said. The study, published in the "
            "Journal of the American Medical Association, followed 1,213 patients seen at 17 "
            "clinics in Sweden between 2020 and 2024.\n",
        },
    )
    _answered(assistant, "How many patients were followed in the Swedish study?", "1,213 patients")


def test_a_city_in_the_region_asked_about_keeps_to_it(tmp_path: Path) -> None:
    """The sentence naming the bus's company names cities in Peru, not the Peruvian Andes."""
    assistant = _indexed(
        tmp_path,
        {
            "crash.txt": "Bus plunges into Andean ravine in Peru\nLIMA, Aug 30 (AFP) - At least "
            "23 people were killed when a bus plunged into a ravine in the Andes on Friday. The "
            "bus that fell into the ravine, run by the company Transportes Condor Andino, was "
            "travelling from Lima to Cusco with 52 passengers.\n",
        },
    )
    _answered(
        assistant,
        "What company ran the bus that fell into the ravine in the Peruvian Andes?",
        "Transportes Condor Andino",
    )


def test_a_name_the_text_calls_by_the_questions_noun_after_a_preposition(tmp_path: Path) -> None:
    """ "on Palawan island" names the island the question asks for; Venice, where the festival
    was, stands in the sentence nearest the question."""
    assistant = _indexed(
        tmp_path,
        {
            "lion.txt": "Filipino drama wins Golden Lion at Venice\nVENICE, Sept 7 (Reuters) - "
            '"The Salt Orchard" won the Golden Lion at the Venice Film Festival on Saturday. '
            "The film was shot in 24 days on Palawan island on a budget of about $1.7 million. "
            "In recent years the Golden Lion has become a launching pad for awards campaigns, "
            "and films that win in Venice this year are often filmed for little.\n",
        },
    )
    _answered(assistant, "On which island was this year's Golden Lion winner filmed?", "Palawan")


def test_the_captain_of_the_side_the_question_names_not_of_its_opponent(tmp_path: Path) -> None:
    """Both captains are named; the question names New Zealand, then the opponent."""
    assistant = _indexed(
        tmp_path,
        {
            "test.txt": "South Africa win Christchurch test\nCHRISTCHURCH, March 11 (AP) - South "
            "Africa captain Dewald Marais scored 121 as his side won the test against New "
            "Zealand at Hagley Oval by 49 runs on Tuesday. New Zealand had reached 181-3 with "
            "captain Tom Harcourt well set before they collapsed.\n",
        },
    )
    _answered(
        assistant,
        "Who captained New Zealand in the Hagley Oval test against South Africa?",
        "Tom Harcourt",
    )


def test_why_is_answered_by_the_sentence_giving_the_reason(tmp_path: Path) -> None:
    """The opening sentence restates what happened; the one after gives the reason."""
    assistant = _indexed(
        tmp_path,
        {
            "wing.txt": "Ghana opens maternity wing at Accra hospital\nACCRA, June 2 (Reuters) - "
            "Ghana on Monday opened a 220-bed maternity wing at one of the capital's busiest "
            "hospitals, a project that had been delayed for years. Construction began in 2021 "
            "but was delayed by about 18 months because of the COVID-19 pandemic. The wing cost "
            "$48 million.\n",
        },
    )
    answer = assistant.ask_final("Why was construction of the Accra maternity wing delayed?")
    assert "because of the COVID-19 pandemic" in answer.text.split("[1]")[0], answer.text


def test_why_is_answered_by_a_reason_in_other_words(tmp_path: Path) -> None:
    """ "pushed back by a day" is "delayed by 24 hours": the sentence gives the reason."""
    assistant = _indexed(
        tmp_path,
        {
            "launch.txt": "Europe launches Glacia satellite to track melting ice\nKOUROU, Feb 4 "
            "(Reuters) - An Ariane 6 rocket carried Europe's Glacia ice-monitoring satellite "
            "into a polar orbit on Tuesday, the European Space Agency said. The rocket lifted "
            "off from the Guiana Space Centre at 6:24 p.m. local time. The launch had been "
            "delayed by 24 hours because of strong high-altitude winds over Kourou. The "
            "satellite will map the polar ice caps for seven years.\n",
        },
    )
    answer = assistant.ask_final("Why was the Glacia launch pushed back by a day?")
    assert "because of strong high-altitude winds" in answer.text, answer.text


def test_who_said_words_of_a_quotation_going_on_is_its_speaker(tmp_path: Path) -> None:
    """The question quotes the quotation's third sentence; the speaker is named in its first."""
    assistant = _indexed(
        tmp_path,
        {
            "tower.txt": "Melbourne council backs Southbank tower\nMELBOURNE, May 14 (Reuters) - "
            "City of Melbourne councillors approved a 68-storey tower on Tuesday.\n\n"
            '"Once the sun is gone from the river in June, it is gone for a hundred years," '
            "said Councillor Mei Lin Wong, one of the two councillors who voted against. "
            '"We keep telling ourselves each tower is only a small change. Add them together '
            'and you have a canyon."\n',
        },
    )
    _answered(
        assistant,
        "Which Melbourne councillor warned that adding towers together creates a canyon?",
        "Mei Lin Wong",
    )


def test_a_clause_naming_the_report_to_read_leaves_the_question_to_its_rest(
    tmp_path: Path,
) -> None:
    """The opening clause names the report and its crash; the minister is named in a quote
    the reporters heard in Lima."""
    assistant = _indexed(
        tmp_path,
        {
            "crash.txt": "Bus plunges into Andean ravine in Peru\nLIMA, Aug 30 (AFP) - At least 23 "
            "people were killed when a bus plunged into a ravine in the Ayacucho region on "
            "Friday. The bus, operated by the company Transportes Condor Andino, was "
            "travelling from Lima to Cusco.\n\n\"Companies that put passengers' lives at risk "
            'will not keep operating," Transport Minister Luis Alberto Vargas told reporters '
            "in Lima.\n",
        },
    )
    _answered(
        assistant,
        "According to the AFP report on the Ayacucho bus crash, who is Peru's transport minister?",
        "Luis Alberto Vargas",
    )


def test_which_thing_is_quoted_from_the_sentence_naming_one(tmp_path: Path) -> None:
    """The opening sentence tells of the outbreak; the one naming "the H5N1 strain" answers
    which strain."""
    assistant = _indexed(
        tmp_path,
        {
            "flu.txt": "Poland culls 1.4 million birds over avian flu\nWARSAW, Jan 9 (Reuters) - "
            "Polish authorities have ordered the culling of about 1.4 million chickens, ducks "
            "and turkeys after highly pathogenic avian influenza was confirmed on 11 commercial "
            "poultry farms in the west of the country. The outbreaks on the Polish farms, of "
            "the H5N1 strain, are the largest since 2021, the veterinary inspectorate said.\n",
        },
    )
    answer = assistant.ask_final("Which strain of avian influenza was found on the Polish farms?")
    assert "H5N1" in answer.text.split("[1]")[0], answer.text
