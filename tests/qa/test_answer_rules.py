"""The answer rules on hand-made evidence: answer types, abstention, conflicts (no models)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from index.store import stands_in
from qa.asked import (
    NAME_CLASS,
    Asked,
    compares_sources,
    expected_type,
    nth_document,
    typed_values,
)
from qa.decide import (
    about_the_subject,
    find_conflict,
    keeping_to_the_topic,
    kind_in,
    of_another_month,
    of_another_year,
    owned_by_another,
    rerank_by_type,
    should_abstain,
)
from qa.gazetteer import (
    is_city,
    is_country,
    named_in,
    spellings,
)
from qa.read import Evidence
from qa.settings import Settings
from qa.text import content_terms, names, shared_terms, stem, term_forms, without_names


def ev(text: str, score: float, source: str = "a.txt", overlap: float = 0.5) -> Evidence:
    return Evidence(source, 0, len(text), 1, text, score, score, overlap)


def test_expected_types() -> None:
    assert expected_type("How many ships arrived?") == "count"
    assert expected_type("On which day did Rutte speak?") == "time"
    assert expected_type("What share of spending was it?") == "number"
    assert expected_type("Who is the spokesman?") == "person"
    assert expected_type("Per the Azernews piece, who does Guo accuse?") == "person"
    assert expected_type("What was the name of the farmer who found it?") == "person"
    assert expected_type("What is the name of the 72-year-old woman rescued?") == "person"
    assert expected_type("Which Brazilian scored for the beaten side?") == "person"
    assert expected_type("Which top-seeded Norwegian did she knock out?") == "person"
    assert expected_type("To which Italian base is it moving three planes?") is None
    assert expected_type("What is the name of the company that makes it?") == "org"
    assert expected_type("According to the report, whom did she thank?") == "person"
    assert expected_type("What did China urge?") is None


def test_what_something_cost_or_a_figure_noun_asks_a_number() -> None:
    assert expected_type("What did the two new radiotherapy machines in Kampala cost?") == "number"
    assert expected_type("What did the painting fetch at auction?") == "number"
    assert expected_type("What did Guo say about the cost?") is None
    assert expected_type("What was the winning margin?") == "number"
    assert expected_type("What age was the climber when he died?") == "age"
    assert expected_type("What was Kiprotich's winning time in Berlin?") == "duration"


def test_who_refereed_a_match_asks_who_held_the_post_over_it() -> None:
    asked = Asked.of("Who refereed Ireland's 27-24 win over France?")
    assert asked.office == ("ireland's 27-24 win over france", "referee")
    assert Asked.of("Who captained New Zealand in the test?").office == ("new zealand", "captain")


def test_counts_must_count_the_asked_noun() -> None:
    text = "They raised budgets to 5 percent in 2024, and 412 ships arrived."
    assert typed_values(text, "count", "ship") == {"412"}
    match = "Newcastle finished with 10 men after a red card in the second half."
    assert typed_values(match, "count", stem("spectators")) == set()  # men, not spectators
    assert typed_values(match, "count", stem("people")) == {"10"}
    watched = "Some 17,104 people watched the match."
    assert "17,104" in typed_values(watched, "count", stem("spectators"))
    hurt = "The minister said 527 people had been injured, 34 of them seriously."
    assert typed_values(hurt, "count", stem("people")) == {"527", "34"}  # a part of them
    assert typed_values("Of 12 games, 3 of them were lost.", "count", stem("people")) == set()
    assert typed_values(text, "count", "soldie") == set()
    assert typed_values("Dozens of ships", "count", "ship") == {"dozens"}


def test_a_count_of_a_compound_counts_its_last_noun() -> None:
    assert Asked.of("How many health workers are taking part?").counted == stem("workers")
    assert Asked.of("How many police officers were hurt?").counted == stem("officers")
    assert Asked.of("How many wickets did the bowler take?").counted == stem("wickets")


def test_sentences_with_the_asked_kind_of_value_rise() -> None:
    evidence = [
        ev("The spokesman spoke at length.", 0.6),
        ev("Spokesman Guo Jiakun said so.", 0.55),
    ]
    ranked = rerank_by_type(Asked.of("Who is the spokesman?"), evidence)
    assert ranked[0].text.startswith("Spokesman Guo Jiakun")


def test_abstains_on_an_unknown_name_and_a_missing_count() -> None:
    settings = Settings()
    evidence = [ev("NATO members raised spending to 5 percent of GDP.", 0.6)]
    assert should_abstain(Asked.of("What did France spend?"), evidence, settings)
    assert should_abstain(Asked.of("How many member states does NATO have?"), evidence, settings)
    assert not should_abstain(Asked.of("What did NATO members raise?"), evidence, settings)


def test_abstains_when_the_best_sentence_misses_the_question() -> None:
    settings = Settings()
    weak = [ev("China raised its budget to $314 billion.", 0.4, overlap=0.1)]
    assert should_abstain(Asked.of("What is the population of China?"), weak, settings)


def test_different_days_in_different_files_are_a_conflict() -> None:
    a = ev("Mark Rutte spoke on Tuesday at the forum.", 0.5, "a.txt")
    b = ev("Rutte's claim on Wednesday drew a reply.", 0.45, "b.txt")
    assert find_conflict(Asked.of("On which day did Rutte speak?"), [a, b]) == (a, b)
    same = ev("Rutte spoke on Tuesday, it said.", 0.45, "b.txt")
    assert find_conflict(Asked.of("On which day did Rutte speak?"), [a, same]) is None
    assert find_conflict(Asked.of("What did Rutte say?"), [a, b]) is None


def test_a_count_conflict_compares_counts_of_the_asked_noun_only() -> None:
    a = ev("In 2024, 412 ships arrived at the harbour.", 0.5, "a.txt")
    b = ev("In 2025, 412 ships arrived and 30 crews left.", 0.48, "b.txt")
    assert find_conflict(Asked.of("How many ships arrived?"), [a, b]) is None
    c = ev("Some 390 ships arrived at the harbour.", 0.48, "b.txt")
    assert find_conflict(Asked.of("How many ships arrived?"), [a, c]) == (a, c)


def test_values_the_question_gives_answer_nothing() -> None:
    asked = Asked.of("When will members reach the 5% of GDP agreed in 2025?")
    assert asked.values("In 2025 members agreed to 5% of GDP.") == set()
    assert asked.values("By 2035 members must spend 5% of GDP.") == {"2035"}
    share = Asked.of("How much of the 5% target goes to core defence?")
    assert share.values("Members must raise budgets to 5 percent of GDP.") == set()
    assert share.values("Of that, 3.5 percent goes to core defence.") == {"3.5 percent"}


class _Documents:
    """A stand-in for the store's ``mentions``: which words each document contains."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.texts = texts

    def mentions(self, source: str, spelled: list[frozenset[str]]) -> bool:
        text = self.texts[source]
        return all(any(stands_in(w, text, text.lower()) for w in ws) for ws in spelled)


def test_only_documents_about_the_subject_give_evidence() -> None:
    rutte = ev("Rutte said the bloc must spend more.", 0.5, "nato.txt")
    topic = ev("Artificial intelligence will change offices.", 0.6, "ai.txt")
    store = _Documents({"nato.txt": "Mark Rutte spoke.", "ai.txt": "About AI only."})
    asked = Asked.of("What did Rutte say about artificial intelligence?")
    assert about_the_subject(asked, [topic, rutte], store) == [rutte]  # type: ignore[arg-type]
    unnamed = Asked.of("what about artificial intelligence?")
    assert about_the_subject(unnamed, [topic, rutte], store) == [topic, rutte]  # type: ignore[arg-type]


def test_a_country_is_named_by_its_initials_or_its_capital() -> None:
    """ "the US" names the United States, and "Washington" its government; "us" is a pronoun
    and "Ukraine" no mention of the UK."""
    aid = ev("Zhang urged the US to stop sending wrong signals.", 0.5, "aid.txt")
    talk = ev("They would attack us, he said of Ukraine.", 0.5, "talk.txt")
    store = _Documents({"aid.txt": aid.text, "talk.txt": talk.text})
    for question in (
        "What did Zhang urge the United States to stop?",
        "What did Zhang urge Washington to stop?",
        "What did Zhang urge the U.S. to stop?",
    ):
        asked = Asked.of(question)
        assert about_the_subject(asked, [aid, talk], store) == [aid], question  # type: ignore[arg-type]
    assert about_the_subject(Asked.of("What did the UK say?"), [talk], store) == []  # type: ignore[arg-type]
    assert not named_in(Asked.of("What did the US say?").spelled("us"), "Attack us.")


def test_a_name_after_what_is_whose_thing_is_asked_not_what() -> None:
    asked = Asked.of("What was the United States' total military spending in 2024?")
    assert asked.kind != "place" and asked.noun != "state"
    chief = Asked.of("What is the name of NATO's chief?")
    assert (chief.kind, chief.noun) == ("person", "chief")  # a person, by the noun after it


def test_a_document_is_pointed_at_by_its_place_in_the_list() -> None:
    assert nth_document("What did Guo say, according to the first article?") == 0
    assert nth_document("In the second report, when did Rutte speak?") == 1
    assert nth_document("What does the last story say?") == -1
    assert nth_document("Which was the second-largest spender?") is None
    assert nth_document("When did it happen for the first time?") is None


def test_a_summary_of_documents_picked_by_name_or_place_asks_for_nothing_else() -> None:
    assert Asked.of("Summarize the Azernews article.").whole_documents
    assert Asked.of("Give an overview of the second report.").whole_documents
    assert Asked.of("Compare the two reports.").whole_documents
    assert not Asked.of("Summarize China's response to NATO.").whole_documents
    assert Asked.of("How much did China spend on its military?").pays
    assert not Asked.of("How much did China's budget rise?").pays


def test_a_nationality_is_a_peoples_word_or_a_country() -> None:
    asked = Asked.of("What nationality is Mila Kovac?")
    assert asked.nationality and asked.labels() == {"NORP", "GPE"}
    assert asked.values("Croatian qualifier Mila Kovac won.") == {"croatian"}
    assert not Asked.of("Which nation won the cup?").nationality


def test_a_compound_of_names_is_named_by_each_and_a_quarter_is_a_time() -> None:
    asked = Asked.of("When is the Norvane-Pellix deal expected to close?")
    assert asked.parts("norvane-pellix") == ["norvane", "pellix"]
    assert asked.mentioned_in("norvane-pellix", "Norvane agreed to buy Pellix.")
    assert not asked.mentioned_in("norvane-pellix", "Norvane agreed to buy a rival.")
    assert asked.parts("well-known") == ["well-known"]
    assert asked.values("The deal should close in the fourth quarter.") == {"the fourth quarter"}


def test_a_value_is_said_of_the_amount_the_question_gives_when_near_it() -> None:
    asked = Asked.of("When should members reach the 5% target?")
    assert asked.figures == {"5"}
    near = "NATO endorsed a goal of 5% of national outputs by 2035."
    assert not asked.far_from_its_figures(near, near.index("2035"))
    far = (
        "In 2024, members' spending already accounted for 55 percent of global defense "
        "expenditure, yet they are still pushing for member states to raise their budgets "
        "to 5 percent of GDP."
    )
    assert asked.far_from_its_figures(far, far.index("2024"))
    assert not asked.far_from_its_figures("It was agreed in 2024.", 16)  # no 5 there
    assert Asked.of("When can buyers get the Arc 3?").figures == set()  # a name's number


def test_a_figure_is_owned_by_the_actor_named_before_it() -> None:
    russia = Asked.of("How much did Russia spend on its military?")
    goal = "NATO endorsed a spending goal of 5% of GDP, as Russia may pose a threat."
    assert owned_by_another(russia, goal)  # Russia is named only after NATO's figure
    both = Asked.of("On what day did China urge NATO to drop its Cold War mentality?")
    assert not owned_by_another(both, "China on Thursday urged NATO to stop.")


def test_a_place_describing_the_questions_noun_owns_no_figure() -> None:
    """ "the Bielefeld e-bike maker" asks the maker's figure: Voltrad, named before it, may
    own it; "Spain's rail budget" is Spain's."""
    maker = Asked.of("How many batteries is the Bielefeld e-bike maker recalling?")
    bielefeld = next(n for n in maker.named if n.text == "Bielefeld")
    assert maker.describes(bielefeld)
    assert not owned_by_another(maker, "German e-bike maker Voltrad recalls 61,000 batteries")
    spain = Asked.of("What was Spain's rail budget?")
    assert not any(spain.describes(n) for n in spain.named)


def test_a_name_is_of_the_kind_the_documents_tag_it() -> None:
    """The recogniser takes "Sable Ridge" in the question for a place; the report tags
    "Sable Ridge Minerals", a company. Where the documents agree with the question, or say
    nothing of the name, the question's kind stands."""
    asked = Asked.of("Through which Mozambican port did Sable Ridge export its first concentrate?")
    ridge = next(n for n in asked.named if n.text == "Sable Ridge")
    assert NAME_CLASS[ridge.label] == "place"
    said = "The plant, built by Sable Ridge Minerals near Goromonzi, opened on Thursday."
    assert kind_in(ridge, [said]) == "org"
    assert kind_in(ridge, ["Nothing here names it."]) == "place"


def test_a_peoples_word_before_a_noun_owns_no_figure() -> None:
    """ "A South African court" is a court, not South Africa's figure against Kruger's: a
    people's word qualifying the noun after it names no owner."""
    asked = Asked.of("How long were the two Kruger rhino poachers jailed for?")
    assert not owned_by_another(asked, "South African court jails two rhino poachers for 25 years")
    russia = Asked.of("How much did Russia spend on its military?")
    assert owned_by_another(russia, "The Chinese spent 314 billion dollars on the military.")


def test_a_figure_of_another_month_than_the_one_asked_is_no_answer() -> None:
    asked = Asked.of("How many houses did the lava destroy in the August eruption?")
    assert of_another_month(asked, "In January 2024 lava destroyed three houses.")
    assert not of_another_month(asked, "In August lava destroyed two houses.")
    assert not of_another_month(asked, "Lava destroyed two houses.")
    may = Asked.of("How many houses may the lava destroy?")
    assert not of_another_month(may, "In January lava destroyed three houses.")


def test_a_figure_of_another_year_than_the_one_asked_is_no_answer() -> None:
    asked = Asked.of("What was China's military budget in 2023?")
    last_year = (
        "Last year, China raised its budget to $314 billion, a 7% increase compared to 2023."
    )
    assert of_another_year(asked, last_year)  # 2024's budget: 2023 is what it is compared with
    assert not of_another_year(Asked.of("What was China's budget in 2024?"), last_year)
    assert of_another_year(asked, "In 2024, China spent $314 billion.")
    assert not of_another_year(asked, "China spent $296 billion.")  # no year given
    grew = Asked.of("By how much did China's budget grow compared with 2023?")
    assert not of_another_year(grew, last_year)  # the question's year is a comparison too


def test_a_place_given_only_as_a_country_gives_no_city() -> None:
    asked = Asked.of("Which city hosted the NATO summit?")
    assert asked.coarser_place("NATO, at the summit in Netherlands this week, agreed.")
    assert not asked.coarser_place("NATO met in The Hague this week.")
    spanish = Asked.of("Which Spanish city logged the hottest day?")
    assert not spanish.coarser_place("Spain logged its hottest day.")  # the question's country
    county = Asked.of("Which Romanian county has recorded the most measles cases?")
    listed = "The WHO said cases had also risen in Kazakhstan and Azerbaijan."
    assert not county.coarser_place(listed)  # the question names its country: these are others
    assert asked.coarser_place("At the summit in Netherlands, NATO said Russia was a threat.")


def test_a_day_or_a_month_the_question_names_is_no_subject_a_document_must_name() -> None:
    asked = Asked.of("How much will Turkey pay each household hit by the October quake?")
    assert asked.required == {"turkey"}
    assert Asked.of("What happened on Monday?").required == set()
    both = Asked.of("How many did the quake kill according to the Reuters and the AP reports?")
    assert both.compared_sources == {"reuters", "ap"} and both.required == set()
    nordic = Asked.of("Which Scandinavian truckmaker warned about orders in North America?")
    assert nordic.required == {"north", "america"}  # a text names the country: "Swedish"


def test_a_country_before_the_noun_asked_says_where_the_answer_lies() -> None:
    asked = Asked.of("In which US city will Qubyte open a new office?")
    assert asked.subject == {"us", "qubyte"} and asked.required == {"qubyte"}
    alone = Asked.of("Which Dutch city hosted the summit?")
    assert alone.required == {"dutch"}  # the only name still picks the documents


def test_naming_the_subject_without_the_topic_is_not_an_answer() -> None:
    settings = Settings()
    asked = Asked.of("What did Rutte say about artificial intelligence?")
    names_only = [ev("Rutte said the bloc must spend more.", 0.5, overlap=0.6)]
    assert should_abstain(asked, names_only, settings)
    on_topic = [ev("Rutte said artificial intelligence is a risk.", 0.5, overlap=0.6)]
    assert not should_abstain(asked, on_topic, settings)


def test_names_are_capitalised_words_not_a_request_or_question_opener() -> None:
    assert names("Describe what Guo said about NATO’s summit.") == {"guo", "nato"}
    assert names("Should NATO stop?") == {"nato"}
    assert names("Rutte spoke on Tuesday.") == {"rutte", "tuesday"}
    assert names("How many Debian-based systems are there?") == {"debian"}


def test_a_questions_first_word_is_a_name_only_when_tagged_one() -> None:
    assert Asked.of("Roughly how many volunteers work on Debian?").subject == {"debian"}
    assert Asked.of("What's the name of Debian's desktop task?").subject == {"debian"}
    assert Asked.of("Since when has Debian been part of SPI?").subject == {"debian", "spi"}
    assert Asked.of("Guo said what about NATO?").subject == {"guo", "nato"}


def test_a_count_counts_the_noun_not_its_adjectives() -> None:
    asked = Asked.of("How many active Debian-based distributions were listed?")
    assert asked.counted == stem("distributions")
    assert Asked.of("How many ships arrived?").counted == stem("ship")
    # a verb after "how many" counts no noun: whoever the text counts
    for question in ("How many were killed in the ferry disaster?", "How many are missing?"):
        asked = Asked.of(question)
        assert (asked.kind, asked.counted) == ("count", None), question
        assert asked.values("The toll rose to 47, with 12 people still missing.") == {"47", "12"}


class _Titled:
    """A stand-in for the store's titles and text (the title and ``heads[source]`` after it)."""

    def __init__(self, titles: dict[str, str], heads: dict[str, str] | None = None) -> None:
        self.titles, self.heads = titles, heads or {}

    def title(self, source: str) -> tuple[int, int, str] | None:
        return (0, 1, self.titles[source]) if source in self.titles else None

    def around(self, source: str, start: int, end: int, margin: int = 400) -> tuple[int, str]:
        text = self.titles.get(source, "") + "\n" + self.heads.get(source, "")
        begin = max(0, start - margin)
        return begin, text[begin : end + margin]


def test_a_name_in_the_documents_title_or_a_persons_other_name_is_mentioned() -> None:
    settings = Settings()
    evidence = [ev("Guo said China has never provided weapons to any party.", 0.6, "a.txt")]
    asked = Asked.of("Has China provided weapons to any party, according to Guo Jiakun?")
    assert not should_abstain(asked, evidence, settings)  # "Guo" names Guo Jiakun
    asked = Asked.of("What does the Handbook say about weapons provided to any party?")
    assert should_abstain(asked, evidence, settings)
    titled = _Titled({"a.txt": "The Handbook, chapter 3"})
    assert not should_abstain(asked, evidence, settings, titled)  # type: ignore[arg-type]
    headed = _Titled({"a.txt": "Chapter 3"}, {"a.txt": "The Handbook > Weapons > Parties"})
    assert not should_abstain(asked, evidence, settings, headed)  # type: ignore[arg-type]
    far = _Titled({"a.txt": "Chapter 3"}, {"a.txt": " " * 500 + "the Handbook"})
    assert should_abstain(asked, evidence, settings, far)  # type: ignore[arg-type]


def test_a_possessive_after_what_is_the_names_whose_thing_is_asked() -> None:
    assert Asked.of("What is the project's main product?").kind is None
    assert Asked.of("What was the company's name?").kind == "org"
    assert Asked.of("Which company's chief resigned?").kind == "org"


def test_values_after_the_questions_preposition_are_what_is_asked() -> None:
    asked = Asked.of("By what year must members reach the target?")
    assert asked.preposition == "by"
    a = ev("In 2024 members spent 2% of output.", 0.5, "a.txt")
    b = ev("Members must reach the target by 2035.", 0.48, "b.txt")
    assert find_conflict(asked, [a, b]) is None  # 2024 is when they spent, not the deadline
    c = ev("Members must reach the target by 2030, it said.", 0.47, "c.txt")
    assert find_conflict(asked, [b, c]) == (b, c)


def test_a_year_or_date_question_wants_a_year_or_a_date() -> None:
    asked = Asked.of("On what date was the report published?")
    assert asked.values("It was published on Thursday, 26 June 2025.") == {"26 june 2025"}
    assert asked.values("It was published on Thursday.") == set()
    assert Asked.of("In which year did it open?").values("It opened last year.") == set()


def test_a_date_in_the_documents_title_is_an_answer() -> None:
    settings = Settings()
    evidence = [ev("The report was published on Thursday.", 0.6, "a.txt")]
    asked = Asked.of("On what date was the report published?")
    assert should_abstain(asked, evidence, settings)
    dated = _Titled({"a.txt": "date 2025-06-26 26 June 2025 20:21"})
    assert not should_abstain(asked, evidence, settings, dated)  # type: ignore[arg-type]


def test_words_match_across_inflection_and_british_or_american_spelling() -> None:
    assert stem("citing") == stem("cite") and stem("supplied") == stem("supply")
    assert stem("defence") == stem("defense") and stem("Organisations") == stem("organization")
    question = content_terms("Which newspaper did the agency cite on defence spending?")
    assert {stem("citing"), stem("defense")} <= question


def test_a_bare_when_may_be_answered_by_an_event_a_year_question_may_not() -> None:
    settings = Settings()
    said = [ev("The code inside the block is executed at the time it is parsed.", 0.7, overlap=0.8)]
    assert not should_abstain(
        Asked.of("When is the code inside the block executed?"), said, settings
    )
    asked = Asked.of("In which year is the code inside the block executed?")
    assert should_abstain(asked, said, settings)
    far = [ev("Blocks hold code.", 0.5, overlap=0.1)]
    assert should_abstain(Asked.of("When is the code inside the block executed?"), far, settings)


def test_the_same_figure_written_two_ways_is_no_conflict() -> None:
    asked = Asked.of("What share of GDP must members spend?")
    a = ev("Members must spend 5% of GDP.", 0.5, "a.txt")
    b = ev("Members must spend 5 percent of GDP, not 55 percent.", 0.48, "b.txt")
    assert find_conflict(asked, [a, b]) is None
    c = ev("Members must spend 3 percent of GDP.", 0.48, "c.txt")
    assert find_conflict(asked, [a, c]) == (a, c)
    when = Asked.of("On what date did the bridge open?")
    d = ev("The bridge opened in December 2015.", 0.5, "a.txt")
    e = ev("The bridge opened on 28 December 2015.", 0.48, "b.txt")
    f = ev("The bridge opened on 27 December 2015.", 0.47, "c.txt")
    assert find_conflict(when, [d, e]) is None  # one says more, not something else
    assert find_conflict(when, [e, f]) == (e, f)


class _Files:
    """A stand-in for the store's documents: whole texts, each headed by its first line."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.texts = texts

    def title(self, source: str) -> tuple[int, int, str] | None:
        first = self.texts[source].split("\n", 1)[0]
        return (0, 1, first)

    def around(self, source: str, start: int, end: int, margin: int = 400) -> tuple[int, str]:
        begin = max(0, start - margin)
        return begin, self.texts[source][begin : end + margin]

    def sentence(self, source: str, text: str, score: float) -> Evidence:
        start = self.texts[source].index(text)
        return Evidence(source, start, start + len(text), 1, text, score, score, 0.8)


def test_a_figure_the_question_gives_must_be_given_beside_the_answer() -> None:
    settings = Settings()
    files = _Files(
        {
            "notes.txt": "Release 15.5\nThis release fixes a crash. Seven bugs were fixed in all.",
            "v3.txt": "What's new in Python 3.8.0\nThe parser was rewritten by the core team.",
        }
    )
    fixed = [files.sentence("notes.txt", "Seven bugs were fixed in all.", 0.7)]
    assert not should_abstain(Asked.of("How many bugs were fixed in 15.5?"), fixed, settings, files)
    assert should_abstain(Asked.of("How many bugs were fixed in 15.6?"), fixed, settings, files)
    assert should_abstain(Asked.of("How many bugs were fixed in 2019?"), fixed, settings, files)
    rewritten = [files.sentence("v3.txt", "The parser was rewritten by the core team.", 0.7)]
    asked = Asked.of("Who rewrote the parser in Python 3.8?")  # "3.8.0" gives "3.8"
    assert not should_abstain(asked, rewritten, settings, files)


def test_a_lettered_name_the_question_gives_must_be_given_beside_the_answer() -> None:
    settings = Settings()
    text = "Fernly raises funds\nFernly raised 120 million dollars in a Series C round."
    files = _Files({"fernly.txt": text})
    raised = [files.sentence("fernly.txt", text.split("\n")[1], 0.7)]
    asked = Asked.of("How much did Fernly raise in its Series C round?")
    assert not should_abstain(asked, raised, settings, files)
    asked = Asked.of("How much did Fernly raise in its Series B round?")
    assert should_abstain(asked, raised, settings, files)  # a C round is no B round
    asked = Asked.of("Can I see how much Fernly raised?")  # "Can I" names nothing
    assert not should_abstain(asked, raised, settings, files)


def test_a_hyphenated_number_counts_nothing_and_which_questions_need_a_value() -> None:
    asked = Asked.of("How many characters does the database define?")
    assert asked.values("It returns the 2-character string 'Lu'.") == set()
    assert asked.values("It defines 149,186 characters.") == {"149,186"}
    assert asked.needs_value
    assert not Asked.of("When is the block executed?").needs_value
    assert Asked.of("In which year was the block executed?").needs_value
    assert Asked.of("Who founded the company?").needs_value
    assert Asked.of("In which city was the summit held?").needs_value
    assert not Asked.of("Where should I start the tools from?").needs_value


def test_the_head_noun_after_which_names_the_kind() -> None:
    spokesperson = Asked.of("Which Chinese Foreign Ministry spokesperson criticised NATO?")
    assert (spokesperson.kind, spokesperson.noun) == ("person", stem("spokesperson"))
    assert Asked.of("Which actor will return in the second season?").kind == "person"
    assert Asked.of("Which research institute estimated the budget?").kind == "org"
    assert Asked.of("Which stadium hosted the final?").kind == "place"
    assert Asked.of("Which package manager does Debian use?").kind is None  # a program


def test_how_long_asks_for_a_length_of_time_or_a_measure_not_a_date() -> None:
    asked = Asked.of("How long will the repairs take?")
    assert asked.kind == "duration" and asked.needs_value
    assert asked.values("Repairs take about two hours, the company said.") == {"about two hours"}
    assert asked.values("The repairs began on 3 May 2024.") == set()
    assert Asked.of("How long is the bridge?").values("The bridge is 2 km long.") == {"2 km"}
    sentenced = Asked.of("How long a sentence did Gale receive?")
    assert sentenced.values("Gale will be sentenced next month.") == set()  # no length
    assert sentenced.values("Gale was jailed for seven years.") == {"seven years"}


def test_a_sentence_is_also_read_in_its_place_between_its_neighbours() -> None:

    from index.store import Unit
    from qa.read import in_place, read
    from qa.retrieve import Passage

    drama, views, rain = np.eye(3)

    def passage(source: str, sentences: list[tuple[str, np.ndarray]]) -> Passage:
        text, units = "", []
        for sentence, vector in sentences:
            start = len(text) + (1 if text else 0)
            text = f"{text} {sentence}" if text else sentence
            units.append(Unit(start, len(text), vector))
        return Passage(source, source, 0, len(text), 1, text, 1.0, units=tuple(units))

    show = passage("show.txt", [("Harbourview was renewed.", drama), ("It drew 12m.", views)])
    weather = passage("rain.txt", [("Rain fell.", rain), ("It drew 9m.", views)])

    class Embedder:
        def embed_query(self, question: str) -> np.ndarray:
            return np.array([0.6, 0.8, 0.0])  # the viewers of the drama

    sentences = read("How many watched the drama?", [weather, show], Embedder())  # type: ignore[arg-type]
    alone = {e.text: e.score for e in sentences}
    assert alone["It drew 12m."] == alone["It drew 9m."]  # the same sentence, read alone
    placed = [e.text for e in in_place(sentences)]
    assert placed.index("It drew 12m.") < placed.index("It drew 9m.")


def test_how_old_asks_for_an_age() -> None:
    asked = Asked.of("How old is Tom Okafor?")
    assert asked.kind == "age" and asked.needs_value
    assert asked.values("The lead actor, Tom Okafor, 34, will return.") == {"34"}
    assert asked.values("The 34-year-old actor will return.") == {"34-year-old"}
    assert asked.values("It sold 34, 35 and 36 copies in 2024.") == set()


def test_a_count_whose_noun_was_left_out_is_read_by_the_questions_verb() -> None:
    text = "At least 14 people died and 2,300 were evacuated, officials said."
    evacuated = Asked.of("How many people were evacuated?")
    assert "2,300" in evacuated.values(text)
    assert Asked.of("How many people died?").values(text) == {"at least 14", "14"}
    editions = Asked.of("How many copies of the French edition were sold?")
    assert editions.values("We released 7 other editions of the French book.") == set()


def test_a_percentage_question_wants_a_share_and_where_one_ranks_is_no_place() -> None:
    grew = Asked.of("By what percentage did the budget grow?")
    assert grew.values("It rose to an estimated $314 billion, a 7% increase.") == {"7%"}
    assert Asked.of("Where does China rank among military spenders?").kind is None
    share = Asked.of("What share of Asia's spending did China account for?")
    assert share.values("China spent $314 billion, 45 percent of Asia's total.") == {"45 percent"}


def test_a_request_that_opens_a_question_is_neither_its_name_nor_its_topic() -> None:
    asked = Asked.of("Summarize China's criticism of NATO.")
    assert [e.text for e in asked.named] == ["China's", "NATO"]
    said = [ev("China said NATO's criticism vilifies its military development.", 0.5)]
    assert not should_abstain(asked, said, Settings())


def test_a_word_for_a_countrys_people_is_said_by_naming_the_country() -> None:
    assert {"spanish", "spain"} <= spellings("spanish")
    assert spellings("harbor") == {"harbor"}
    asked = Asked.of("Which Spanish city recorded the country's hottest day?")
    spain = ev("Seville recorded 45.7C on Sunday.", 0.5, "spain.txt")
    store = _Documents({"spain.txt": "Spain issues red alert. Seville recorded 45.7C."})
    assert about_the_subject(asked, [spain], store) == [spain]  # type: ignore[arg-type]


def test_an_adjective_of_a_place_is_said_by_naming_the_place() -> None:
    assert spellings("patagonian") == {"patagonian", "patagonia"}
    assert {"european", "europe"} <= spellings("european")
    assert "korea" in spellings("korean")  # a name in -e or -ea: Europe, Korea
    asked = Asked.of("Who found the Patagonian dinosaur?")
    bones = ev("A farm worker found the bones in 2019.", 0.5, "dig.txt")
    store = _Documents({"dig.txt": "Dinosaur found in Patagonia. A farm worker found the bones."})
    assert about_the_subject(asked, [bones], store) == [bones]  # type: ignore[arg-type]


def test_a_name_the_question_gives_or_a_country_for_a_city_answers_nothing() -> None:
    final = Asked.of("Which team will Harbor City play in the Midland Cup final?")
    assert final.values("Harbor City reached the Midland Cup final.") == set()
    dutch = Asked.of("In which Dutch city was the summit held?")
    assert is_country("the Netherlands") and not is_country("The Hague")
    assert dutch.values("The summit in the Netherlands spoke of Russia.") == set()
    assert dutch.values("The summit was held in The Hague.") == {"the hague"}
    port = Asked.of("Near which Chilean port is the Korean-backed plant planned?")
    assert port.rules_out("South Korea") and port.rules_out("Korea")
    assert not port.rules_out("Antofagasta")


def test_a_share_may_be_a_fraction_a_percentage_may_not() -> None:
    said = "China accounted for half of all spending in Asia, a 7% increase."
    assert Asked.of("What share of Asia's spending did China account for?").values(said) == {
        "half",
        "7%",
    }
    assert Asked.of("What percentage of Asia's spending was China's?").values(said) == {"7%"}


def test_how_big_something_is_may_be_a_bare_number_of_it() -> None:
    asked = Asked.of("How big was the crowd when Harbor City won?")
    said = "Harbor City won 2-1 in front of a crowd of 18,450 and a workforce of about 600."
    assert asked.values(said) == {"18,450"}
    assert Asked.of("How big is the budget?").values(said) == set()


def test_an_agent_noun_holds_its_verb() -> None:
    terms = term_forms("Which company owns the airport?")
    assert shared_terms(terms, "The airport's owner, Castellan, said it would appeal.") == {
        "own",
        "airport",
    }
    buying = term_forms("Where is the company buying Crispwell based?")
    assert "buy" in shared_terms(buying, "The buyer is based in Minneapolis.")
    assert shared_terms(term_forms("Who owns it?"), "The order was placed.") == set()


def test_a_hyphenated_compound_meets_its_words_written_apart() -> None:
    terms = term_forms("Which top-seeded Norwegian did she knock out?")
    assert "top-seed" in shared_terms(terms, "She upset top seed Henrik Dahl of Norway.")
    apart = term_forms("Which top seed did she beat?")
    assert shared_terms(apart, "She beat the top-seeded Dahl.") >= {"top", "seed"}
    assert "e-bik" not in shared_terms(term_forms("Who makes the e-bike?"), "E is for energy.")


def test_a_name_is_read_from_the_close_sentences_that_keep_to_the_topic() -> None:
    settings = Settings()
    asked = Asked.of("Who directed the film The Salt Road?")
    actor = ev("The best actor award went to Caio Fernandes for The Salt Road.", 0.52, overlap=0.1)
    director = ev("The Salt Road is the first feature by director Yasmine Belkadi.", 0.5)
    assert keeping_to_the_topic(asked, [actor, director], settings) == [director]
    both = [director, ev("Caio Fernandes directed the film The Salt Road.", 0.55)]
    assert keeping_to_the_topic(asked, both, settings) == both


def test_an_amount_of_money_is_no_percentage() -> None:
    said = "NATO endorsed a goal of 5% of national output and a $500 million budget."
    assert Asked.of("What was the size of Russia's military budget?").values(said) == {
        "$500 million"
    }
    assert Asked.of("By how much did the budget rise?").values(said) == {"5%", "$500 million"}
    in_dollars = Asked.of("How much did members spend on defence in dollar terms?")
    assert in_dollars.values(said) == {"$500 million"}  # a sum in the currency it names
    assert Asked.of("How much did members spend on defence?").values(said) == {
        "5%",
        "$500 million",
    }


def test_how_many_of_a_currency_asks_an_amount_of_money() -> None:
    asked = Asked.of("How many euros did the club pay for the striker?")
    assert asked.kind == "number" and asked.costs_money
    assert asked.values("The club paid 12 million euros, 20% more than planned.") == {
        "12 million euros"
    }
    assert Asked.of("How many players did the club sign?").kind == "count"


def test_a_bonus_or_a_grant_is_money_not_a_share() -> None:
    asked = Asked.of("How big was the one-off bonus Fjordair offered its pilots?")
    assert asked.costs_money
    assert asked.values("Fjordair offered a 4.1 percent pay rise over two years.") == set()
    assert asked.values("It offered a bonus of 20,000 kroner.") == {"20,000 kroner"}


def test_a_currency_named_after_its_country_is_money() -> None:
    """The recogniser splits "3,200 Danish kroner" into a number and a people's word; with a
    country's name before it, "rand" and "crowns" are currencies too."""
    asked = Asked.of("How much does the tasting menu cost?")
    said = "Its tasting menu costs 3,200 Danish kroner per person, and the room seats 34."
    assert asked.values(said) == {"3,200 danish kroner"}
    assert asked.values("Vestra is valued at 33.5 billion Norwegian crowns.") == {
        "33.5 billion norwegian crowns"
    }
    assert asked.values("He took 312 million South African rand.") == {
        "312 million south african rand"
    }
    assert asked.values("The 25 Danish players won 3 Danish titles.") == set()


def test_what_a_question_asks_of_its_names_is_the_question_without_them() -> None:
    assert without_names("When will Dunmore's new mayor take office?") == (
        "When will new mayor take office?"
    )
    assert without_names("How much did NATO’s members spend?") == "How much did members spend?"
    assert without_names("what is the budget?") == "what is the budget?"
    assert Asked.of("What position does Guo Jiakun hold?").asks is None  # who he is
    assert Asked.of("What did NATO say?").asks is None  # no content word left


def test_a_sentence_answering_what_is_asked_of_the_names_outranks_one_only_naming_them() -> None:
    from index.store import Unit
    from qa.read import read
    from qa.retrieve import Passage

    named, sworn = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    text = "Mendes won the Dunmore vote on Sunday. The mayor-elect is sworn in on May 2."
    cut = text.index(" The")
    units = (Unit(0, cut, named), Unit(cut + 1, len(text), sworn))
    passage = Passage("vote.txt", "vote.txt", 0, len(text), 1, text, 1.0, units=units)

    class Embedder:
        def embed_query(self, question: str) -> np.ndarray:
            # the town's name pulls the whole question towards the sentence naming it
            return np.array([0.8, 0.6]) if "Dunmore" in question else sworn

    question = "When will Dunmore's mayor take office?"
    asks = Asked.of(question).asks
    assert asks == "When will mayor take office?"
    ranked = read(question, [passage], Embedder(), asks=asks)  # type: ignore[arg-type]
    assert ranked[0].text.startswith("The mayor-elect")
    assert ranked[0].relevance == 0.6  # the relevance stays the whole question's
    whole = read(question, [passage], Embedder())  # type: ignore[arg-type]
    assert whole[0].text.startswith("Mendes")
    assert abs(ranked[0].score - whole[0].score) < 1e-9  # how relevant the best is: unchanged


def test_a_question_asking_no_kind_is_answered_when_a_close_sentence_keeps_to_its_words() -> None:
    settings = Settings()
    asked = Asked.of("Has Guo said whether China supplied weapons to the war?")
    first = ev("Guo spoke at length on Tuesday about NATO.", 0.5, overlap=0.1)
    second = ev("China has never supplied weapons to either side of the war.", 0.45, overlap=0.6)
    assert should_abstain(asked, [first], settings)
    assert not should_abstain(asked, [first, second], settings)


def test_a_sentence_after_one_naming_the_subject_need_not_name_it_again() -> None:
    settings = Settings()
    files = _Files(
        {
            "bakery.txt": "Bakery closes\nWalter Duquette baked his last rolls on Saturday. "
            "The 81-year-old said arthritis in his hands made kneading dough impossible.",
            "shop.txt": "Shop closes\nThe town's butcher closed on Monday. "
            "The 81-year-old said arthritis in his hands made kneading dough impossible. "
            "Walter Duquette, who bakes next door, stays open.",
        }
    )
    asked = Asked.of("Why is Walter Duquette giving up kneading dough?")
    reason = "The 81-year-old said arthritis in his hands made kneading dough impossible."
    after_him = [replace(files.sentence("bakery.txt", reason, 0.45), overlap=0.1)]
    assert not should_abstain(asked, after_him, settings, files)
    assert should_abstain(asked, after_him, settings)  # where it stands is not known
    after_another = [replace(files.sentence("shop.txt", reason, 0.45), overlap=0.1)]
    assert should_abstain(asked, after_another, settings, files)


def test_a_sentence_close_in_meaning_answers_in_other_words() -> None:
    settings = Settings()
    asked = Asked.of("Who first spotted the bones while looking for a missing animal?")
    said = (
        "The fossils were discovered in 2019 by a farm worker, Hector Painemal, who noticed a "
        "large bone sticking out of a dry riverbank while searching for a lost calf."
    )
    # few of the question's words, but a similarity of 0.62: a paraphrase
    close = Evidence("a.txt", 0, len(said), 1, said, 0.5, 0.62, 0.1)
    assert not should_abstain(asked, [close], settings)
    far = Evidence("a.txt", 0, len(said), 1, said, 0.5, 0.5, 0.1)
    assert should_abstain(asked, [far], settings)


def test_a_question_comparing_the_documents_and_nothing_in_them() -> None:
    assert compares_sources("How do the two reports differ?")
    assert compares_sources("Compare the articles.")
    assert compares_sources("What are the differences between the two reports?")
    assert not compares_sources("How do the reports differ on when Rutte spoke?")
    assert not compares_sources("Compare the two articles on China.")
    asked = Asked.of("How do the two reports differ?")
    assert asked.multi and asked.summary and asked.compares
    assert Asked.of("Do the reports agree on when he spoke?").kind == "time"


def test_last_year_is_the_year_before_the_documents_date() -> None:
    settings = Settings()
    text = "Spending\ndate 2025-06-26\nLast year, the budget rose 7% to $314 billion."
    dated = _Files({"a.txt": text})
    rose = [dated.sentence("a.txt", "Last year, the budget rose 7% to $314 billion.", 0.7)]
    assert not should_abstain(
        Asked.of("By how much did the budget rise in 2024?"), rose, settings, dated
    )
    assert should_abstain(
        Asked.of("By how much did the budget rise in 2019?"), rose, settings, dated
    )
    said = "Last year, the budget rose 7% compared to 2023."
    undated = _Files({"a.txt": f"Spending\n{said}"})
    rose = [undated.sentence("a.txt", said, 0.7)]
    asked = Asked.of("By how much did the budget rise in 2024?")
    assert not should_abstain(asked, rose, settings, undated)  # the year after 2023
    asked = Asked.of("By how much did the budget rise in 2019?")
    assert should_abstain(asked, rose, settings, undated)


def test_what_someone_has_done_is_asked_in_points() -> None:
    assert Asked.of("What has Telvia done in response to the breach?").multi
    assert Asked.of("What did the government do about the floods?").multi
    assert not Asked.of("What does the function return?").multi
    assert not Asked.of("What did Guo say NATO's false information cannot do?").multi


def test_a_question_that_sets_out_several_things_then_asks_what_they_are_asks_in_points() -> None:
    assert Asked.of("Guo listed several roles China plays. What are they?").multi
    assert Asked.of("The report names three risks. Which were they?").multi
    assert not Asked.of("What are they?").multi  # a follow-up: its context says what


def test_a_name_among_words_that_say_what_is_asked_keeps_to_the_topic() -> None:
    """Few of the question's words, but the words around the name say what it asks: no
    refusal. Without them (or for a figure, placed by its kind) the rule stays as it was."""
    settings = Settings()
    asked = Asked.of("Who testified against the former boss after admitting her guilt?")
    said = [ev("His deputy, Nadia Kerr, who pleaded guilty, gave evidence.", 0.45, overlap=0.1)]
    assert should_abstain(asked, said, settings)
    assert not should_abstain(asked, said, settings, sense=lambda e: 0.5)
    assert should_abstain(asked, said, settings, sense=lambda e: 0.3)
    assert keeping_to_the_topic(asked, said, settings, sense=lambda e: 0.5) == said


def test_a_question_picking_one_of_several_by_a_qualifier_names_the_word() -> None:
    assert Asked.of("How much did Qubyte raise in its previous round?").qualifiers == {"previous"}
    assert Asked.of("What did the runner-up win?").qualifiers == {"runner-up"}
    assert Asked.of("How much did Qubyte raise?").qualifiers == set()


def test_a_city_the_recogniser_took_for_a_person_is_a_place_where_one_is_asked() -> None:
    said = "Córdoba recorded 45.7C on Sunday, the highest reading in the country this year."
    asked = Asked.of("Which Spanish city logged the country's hottest temperature?")
    assert "córdoba" in asked.values(said)
    assert is_city("Bergen") and not is_city("Quorlith")
    assert Asked.of("Who logged the hottest temperature?").cities_mistaken(said) == []


def test_a_name_after_a_preposition_of_place_the_recogniser_missed_is_a_place() -> None:
    asked = Asked.of("In which town does the winner of the men's race train?")
    said = "Kiprotich, who trains in Iten in Kenya's Rift Valley, finished second last year."
    assert "iten" in asked.values(said)
    assert [e.text for e in asked.cities_mistaken(said)] == ["Iten"]  # Kenya is tagged already
    assert Asked.of("Who won the men's race?").cities_mistaken(said) == []


def test_a_name_after_a_persons_noun_is_no_place_of_the_questions_people() -> None:
    """ "Which Nigerian city": "Nigerian striker Okafor" calls Okafor a striker, not a city,
    though "Nigerian" stands before both nouns."""
    asked = Asked.of("In which Nigerian city was Frankfurt's new striker born?")
    said = "Eintracht Frankfurt sign Nigerian striker Okafor from Genk for 28 million euros"
    assert asked.called_by_noun(said) == []
    firm = Asked.of("Which cybersecurity firm found the flaw?")
    assert [e.text for e in firm.called_by_noun("cybersecurity specialist Greyline said")] == [
        "Greyline"
    ]
