"""``decide``: whether the evidence answers the question, and whether its sources disagree.

The rules work on what the question asks (:class:`qa.asked.Asked`) and the reader's scored
sentences; they never look at the model's draft.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from itertools import combinations
from typing import Protocol

from index.store import STOPWORDS, stands_in
from qa.asked import (
    NAME_CLASS,
    VALUE_KINDS,
    Asked,
    Entity,
    entities,
    modifies,
    tag,
)
from qa.gazetteer import (
    country_forms,
    lies_in,
    said,
    spellings,
)
from qa.read import Evidence, Windows, window
from qa.settings import Settings
from qa.text import REQUESTS, numbers, shared_terms, stem, term_forms

TYPE_BONUS = 0.1


class Mentions(Protocol):
    """What the rules need of the store: whether a document mentions some words."""

    def mentions(self, source: str, spelled: Iterable[Iterable[str]]) -> bool: ...


def rerank_by_type(asked: Asked, evidence: Sequence[Evidence]) -> list[Evidence]:
    """Raise sentences that hold a value of the kind the question asks for (and that the
    question does not already give): the classic answer-type check of question answering."""
    if asked.kind is None:
        return list(evidence)
    tag(e.text for e in evidence)  # one batch, not one call a sentence
    raised = [
        replace(e, score=e.score + TYPE_BONUS) if asked.values(e.text) else e for e in evidence
    ]
    return sorted(raised, key=lambda e: e.score, reverse=True)


def about_the_subject(
    asked: Asked, evidence: Sequence[Evidence], store: Mentions
) -> list[Evidence]:
    """The sentences from documents that mention every name the question does.

    In a large collection a sentence can share the question's other words while its document is
    about something else entirely; such a sentence is no evidence about the question's subject.
    """
    if not asked.subject:
        return list(evidence)
    sources = {e.source for e in evidence}
    spelled = [asked.spelled(part) for n in asked.required for part in asked.parts(n)]
    about = {source for source in sources if store.mentions(source, spelled)}
    return [e for e in evidence if e.source in about]


def about_another(
    asked: Asked, e: Evidence, around: str, kinds: Mapping[Entity, str] | None = None
) -> bool:
    """Whether ``e`` is about another subject than the question's.

    Of the same kind: a place, organisation or person the question names (Spain) is missing
    from the sentence and the text around it (``around``), while the sentence names another of
    that kind (Italy), not a city lying in it (Cusco in "the Peruvian Andes"). A person is
    named in full once and then by one name, so any of a person's names stands for them
    ("Rutte said" is about Mark Rutte).

    For a figure, of another kind too: a sentence that does not name the question's country or
    organisation gives the figure of the one it names before the figure, its owner. "NATO
    members' spending accounted for 55 percent" is no share of China's, though China is named
    around it; "The budget passed by 116 votes, after the deputies of the Islands Movement
    agreed" is still Portugal's vote. A source credited for the figure ("UNICEF said ...")
    does not own it. ``kinds`` gives what the documents make of a name the recogniser
    misread in the question (see :func:`kind_in`)."""
    for named in asked.named:
        kind = (kinds or {}).get(named) or NAME_CLASS[named.label]
        if _names(named, kind, around) or not _required(asked, named):
            continue
        if asked.in_source_clause(named):
            continue  # "According to the report on the Ayacucho crash": said of the document
        if any(
            NAME_CLASS.get(other.label) == kind
            and not (kind == "place" and lies_in(other.text, named.text))
            and not _given(asked, other)
            for other in entities(e.text)
        ):
            return True  # Italy is another place than Spain; Cusco is in the Peruvian Andes
    return asked.kind in VALUE_KINDS and owned_by_another(asked, e.text)


def _given(asked: Asked, name: Entity) -> bool:
    """Whether the question gives ``name`` itself, whatever the recogniser made of it there:
    "the Scottish Open" of "Who won the Scottish Open at The Renaissance Club?" is no other
    subject than the question's."""
    words = _name_words(name.text)
    return bool(words) and words <= set(re.findall(r"\w+", asked.question.lower()))


def _name_words(name: str) -> set[str]:
    """The words of ``name``, lower case, without its articles and possessive."""
    return set(re.findall(r"\w+", name.lower())) - {"the", "of", "s"}


def _required(asked: Asked, named: Entity) -> bool:
    """Whether a document must name ``named`` to be about the question (see
    :attr:`qa.asked.Asked.required`): not "US" in "In which US city ...?"."""
    words = set(re.findall(r"\w+", named.text.lower()))
    return not (words & asked.subject) or bool(words & asked.required)


def owned_by_another(asked: Asked, sentence: str) -> bool:
    """Whether the first figure of the asked kind in ``sentence`` is owned by another country or
    organisation than the question's: one named by its proper name before the figure, not
    credited as its source, while the sentence does not name the question's before the figure
    (see :func:`about_another`: "NATO endorsed a goal of 5% ... as Russia may pose a threat"
    gives no figure of Russia's); or, where it does, one whose possessive stands between the
    question's and the figure: in "China's spokesman said that NATO's expenditure was 55%",
    the 55% is NATO's."""
    found = entities(sentence)
    values = asked.values(sentence)
    figures = [v.start for v in found if v.text.lower() in values]
    if not figures:
        return False
    actors = [
        (n, NAME_CLASS[n.label])
        for n in asked.named
        if NAME_CLASS[n.label] in _ACTORS
        and not (NAME_CLASS[n.label] == "place" and asked.describes(n))
    ]
    before = sentence[: figures[0]]
    ahead = [(n, kind) for n, kind in actors if _names(n, kind, before, partial=True)]
    if ahead:  # the question's actor comes first: its figure, unless another's possessive
        return any(_possessed_between(asked, n, found, sentence, figures[0]) for n, _ in ahead)
    for kind in {kind for _, kind in actors}:
        for other in found:
            actor = NAME_CLASS.get(other.label) in _ACTORS - {kind}
            if other.label == "NORP" and modifies(other, sentence):
                continue  # "A South African court jails ...": the court's people, no owner
            owns = other.end <= figures[0]  # "NATO members' spending ... 55 percent"
            if actor and owns and _proper(other.text) and not credited(sentence, other):
                return True
    return False


_POSSESSIVE = re.compile(r"^(?:['’]s\b|s?['’](?!\w)|\s+(?:members|member states)['’](?!\w))")


def _possessed_between(
    asked: Asked, named: Entity, found: Sequence[Entity], sentence: str, figure: int
) -> bool:
    """Whether an actor the question does not name, in the possessive ("NATO's", "NATO
    members'"), stands after the last mention of ``named`` before ``figure``: the figure is
    that actor's."""
    lowered = sentence.lower()
    words = spellings(named.text.lower()) | set(named.text.lower().split())
    mentions = [m.end() for w in words for m in re.finditer(rf"\b{re.escape(w)}", lowered)]
    last = max((m for m in mentions if m <= figure), default=None)
    if last is None:
        return False
    return any(
        last <= other.start
        and other.end <= figure
        and NAME_CLASS.get(other.label) in _ACTORS
        and _proper(other.text)
        and _POSSESSIVE.match(sentence[other.end :])
        and not any(_names(n, NAME_CLASS[n.label], other.text) for n in asked.named)
        for other in found
    )


def _names(named: Entity, kind: str, text: str, partial: bool = False) -> bool:
    """Whether ``text`` names ``named``: all its words, or for a person (or when ``partial``)
    one of them ("Brightwell's collapse" names Brightwell Logistics), its country's people
    ("Spanish" names Spain), or another name of its country ("the US" names the United
    States, see :func:`qa.gazetteer.country_forms`)."""
    lowered = text.lower()
    words = set(re.findall(r"\w+", lowered))
    name = _name_words(named.text)
    country = spellings(named.text.lower()) - {named.text.lower()}
    partial = partial or kind == "person"
    return (
        name <= words
        or bool(partial and name & words)
        or any(c in lowered for c in country)
        or any(stands_in(f, text, lowered) for f in country_forms(named.text))
    )


def _proper(name: str) -> bool:
    """Whether every word of ``name`` but its articles is capitalised: a proper name, not a
    description ("the health ministry" is likely the country's own)."""
    words = [w for w in name.split() if w.lower() not in ("the", "a", "an", "of", "and")]
    return bool(words) and all(w[:1].isupper() for w in words)


_CREDIT_AFTER = re.compile(r"^\W{0,2}\s*(?:said|says|reported|reports|estimated|estimates|told)\b")
_CREDIT_BEFORE = re.compile(
    r"\b(?:according to|citing|quoting|cited by|quoted by|(?:published|reported|appeared|"
    r"appearing) (?:in|by))(?:\s+the)?\s*$",
    re.IGNORECASE,
)


def credited(text: str, entity: Entity) -> bool:
    """Whether ``entity`` is credited as the source of what ``text`` says ("UNICEF said",
    "according to UNICEF"), or is where it was published ("The study, published in the
    Journal of the American Medical Association, followed 1,213 patients")."""
    return bool(
        _CREDIT_AFTER.match(text[entity.end :]) or _CREDIT_BEFORE.search(text[: entity.start])
    )


_ACTORS = {"org", "place", "group"}


def on_the_subject(
    asked: Asked, evidence: Sequence[Evidence], store: Windows, depth: int = 5
) -> list[Evidence]:
    """``evidence`` without those of its best ``depth`` sentences that are about another
    subject (see :func:`about_another`): however close its words, a sentence about Italy's
    rail budget does not answer a question about Spain's."""
    if not asked.named:
        return list(evidence)
    top = list(evidence[:depth])
    windows = {id(e): " ".join(w.text for _, w in window(e, store)) for e in top}
    tag(e.text for e in top)
    kinds = {named: kind_in(named, [e.text for e in top]) for named in asked.named}
    kept = [e for e in top if not about_another(asked, e, windows[id(e)], kinds)]
    return kept + list(evidence[depth:])


def kind_in(named: Entity, texts: Sequence[str]) -> str:
    """The kind of name ``named`` is, as ``texts`` tag it: where they tag it (or a longer name
    holding it) only as another kind, that kind, else the question's own. The recogniser takes
    "Sable Ridge" in a question for a place; the report names "Sable Ridge Minerals", a
    company."""
    own = NAME_CLASS[named.label]
    words = set(re.findall(r"\w+", named.text.lower()))
    found = Counter(
        NAME_CLASS[e.label]
        for text in texts
        for e in entities(text)
        if e.label in NAME_CLASS and words <= set(re.findall(r"\w+", e.text.lower()))
    )
    return own if not found or own in found else found.most_common(1)[0][0]


def topic_share(asked: Asked, sentence: str) -> float | None:
    """The share of the question's content words, its names aside, that ``sentence`` holds
    (None when the question is all names). The names only say whom a question is about; a
    sentence that merely names the same people answers nothing about the rest."""
    dropped = {stem(n) for n in asked.subject} | REQUESTS
    terms = {t: f for t, f in term_forms(asked.question).items() if t not in dropped}
    if not terms or asked.kind == "role" or asked.nationality:
        return None  # "What position does Guo hold?", "What nationality is Kovac?": a frame
    return len(shared_terms(terms, sentence)) / len(terms)


PARAPHRASE_SENSE = 0.45  # a name whose surrounding words are this near what is asked
HEAD_CHARS = 400  # a document's head: its title and first lines
DOCUMENT_CHARS = 4000  # characters either side of a sentence read for the rest of its document


def _head_text(documents: Windows, source: str) -> str:
    """The first :data:`HEAD_CHARS` characters of ``source``: where it names itself."""
    return documents.around(source, 0, 0, HEAD_CHARS)[1]


def _missing_names(
    asked: Asked, evidence: Sequence[Evidence], documents: Windows | None = None, depth: int = 3
) -> set[str]:
    """Names in the question that neither the retrieved sentences nor (given ``documents``)
    the heads of the best ``depth`` sentences' documents mention.

    A document names what it is (the manual, the outlet, the product) in its title and first
    lines, and then speaks of it without naming it: "In the Handbook's example ..." is answered
    by a page of the Handbook whose sentences never say "Handbook". A person is named in full
    once and then by one name ("Guo Jiakun", then "Guo"), so a person the question names in
    full is mentioned when one of their names is.
    """
    texts = [e.text for e in evidence]
    if documents is not None:
        for source in dict.fromkeys(e.source for e in evidence[:depth]):
            texts.append(_head_text(documents, source))
            if title := documents.title(source):
                texts.append(title[2])
    text = " ".join(texts)
    missing = {n for n in asked.required if not asked.mentioned_in(n, text)}
    text = text.lower().replace("’", "'")
    for person in (e for e in asked.named if e.label == "PERSON"):
        parts = set(re.findall(r"[\w'-]+", person.text.lower().replace("’", "'")))
        parts = {p.removesuffix("'s") for p in parts}
        if any(p in text for p in parts):
            missing -= parts
    return missing


def _missing_figures(
    asked: Asked, evidence: Sequence[Evidence], documents: Windows | None, depth: int = 3
) -> set[str]:
    """Figures the question gives (a year, a version, an article's number) that none of its
    best ``depth`` sentences, the sentences beside them, nor their documents' heads give.

    A figure in a question narrows it as a name does: the notes of PostgreSQL 15.5 do not
    answer a question about 15.6, nor a share in 2024 one about 2023. A figure is given when
    it is written as such or begins a longer one ("3.8" by "3.8.0").
    """
    asked_figures = numbers(asked.question)
    lettered = _lettered(asked.question)
    if not (asked_figures or lettered) or documents is None:
        return set()
    given: set[str] = set()
    read = []
    for e in evidence[:depth]:
        texts = [w.text for _, w in window(e, documents)]
        head = _head_text(documents, e.source)
        texts.append(head)
        given |= {n for text in texts for n in numbers(text)}
        given |= {y for text in texts for y in _years_meant(text, head)}
        read.extend(texts)
    missing = {f for f in asked_figures if not any(n == f or n.startswith(f + ".") for n in given)}
    seen = " ".join(read).lower()
    return missing | {code for code in lettered if not re.search(rf"\b{code}\b", seen)}


_RELATIVE_YEAR = re.compile(r"\b(last|this|next) year\b", re.IGNORECASE)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# A document's date: "2025-06-26", "26 June 2025", "June 26, 2025".
_DATE = re.compile(
    rf"\b((?:19|20)\d\d)-\d\d-\d\d\b|\b\d{{1,2}}\s+{_MONTH}\s+((?:19|20)\d\d)\b"
    rf"|\b{_MONTH}\s+\d{{1,2}},?\s+((?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# The year a figure is compared with: "a 7% increase compared to 2023", "up from 2023".
_COMPARED_YEAR = re.compile(
    r"\b(?:compared (?:to|with)|from|than(?: in)?|on|over|since)\s+((?:19|20)\d\d)\b", re.IGNORECASE
)


def _years_meant(text: str, head: str) -> set[str]:
    """The years ``text`` gives as "last year", "this year" or "next year": counted from the
    date its document's head gives ("2025-06-26"), or, when the head gives none, the year after
    the one a figure of "last year" or "this year" is compared with ("Last year ... a 7%
    increase compared to 2023": 2024)."""
    said = [m.group(1).lower() for m in _RELATIVE_YEAR.finditer(text)]
    if not said:
        return set()
    dated = _DATE.search(head)
    if dated is None:
        if "next" in said:
            return set()
        return {str(int(m.group(1)) + 1) for m in _COMPARED_YEAR.finditer(text)}
    year = int(next(g for g in dated.groups() if g))
    return {str(year + {"last": -1, "this": 0, "next": 1}[word]) for word in said}


_A_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def of_another_year(asked: Asked, sentence: str, head: str = "") -> bool:
    """Whether ``sentence`` gives its figures for another year than the one the question asks
    about: it states a year (or "last year", see :func:`_years_meant`) and not the question's,
    a year it compares with aside. "Last year, China raised its budget to $314 billion, a 7%
    increase compared to 2023" gives 2024's budget, not 2023's."""
    asked_years = set(_A_YEAR.findall(asked.question))
    asked_years -= {m.group(1) for m in _COMPARED_YEAR.finditer(asked.question)}
    if not asked_years or asked.kind == "time":  # "grow compared with 2023" asks no year's
        return False
    compared = {m.group(1) for m in _COMPARED_YEAR.finditer(sentence)}
    meant = (set(_A_YEAR.findall(sentence)) - compared) | _years_meant(sentence, head)
    return bool(meant) and not meant & asked_years


_MONTHS = (
    "January February March April May June July August September October November December"
).split()
# A month's name as a month: capitalised, and "May" not opening a sentence.
_A_MONTH = re.compile(rf"(?<![.!?]\s)(?<!^)\b({'|'.join(_MONTHS)})\b")


def of_another_month(asked: Asked, sentence: str) -> bool:
    """Whether ``sentence`` tells of another month than the one the question asks about: "the
    August eruption" is not the one "In January 2024 lava breached the defences"."""
    if asked.kind == "time":
        return False
    wanted = set(_A_MONTH.findall(asked.question))
    said = set(_A_MONTH.findall(sentence))
    return bool(wanted) and bool(said) and not wanted & said


# A name and a capital letter naming one of a series: "Series B", "Group C", "Plan A".
_LETTERED = re.compile(r"(?<!^)\b([A-Z][a-z]+)\s+([A-HJ-Z])\b(?![.\w'’-])")


def _lettered(question: str) -> set[str]:
    """The lettered names a question gives ("series b" in "How much did Fernly raise in its
    Series B round?"): like a figure, a letter narrows it, and a report of a Series C round
    does not answer it."""
    return {
        f"{m.group(1).lower()} {m.group(2).lower()}"
        for m in _LETTERED.finditer(question.strip())
        if m.group(1).lower() not in STOPWORDS
    }


def should_abstain(
    asked: Asked,
    evidence: Sequence[Evidence],
    settings: Settings,
    documents: Windows | None = None,
    sense: Callable[[Evidence], float] | None = None,
) -> bool:
    """Abstain when no sentence is relevant enough; when the question names something the
    passages never mention (nor, given ``documents``, their documents' heads), or a figure its
    best sentences do not give (see :func:`_missing_figures`); when it asks for
    a count, a time or an amount that no relevant sentence (nor its document's title) holds
    (a bare "when" may be answered by an event: see :attr:`Asked.needs_value`); or, for other
    questions, when the best sentence (and each close one holding a name of the asked kind,
    or, for a question asking no kind, each close one) lacks most of the question's distinctive
    words and is not a close
    paraphrase either. (Questions of a kind are judged by
    their answer, not their words: "which day" rarely appears beside the day.)"""
    rules = settings.answer
    if not evidence or evidence[0].score < rules.min_relevance:
        return True
    if _missing_names(asked, evidence, documents) or _missing_figures(asked, evidence, documents):
        return True
    if asked.kind == "role":
        return False  # judged by the title found beside the name (qa.extract)
    if asked.kind not in VALUE_KINDS:
        # a name may stand in a close sentence that keeps to the question's words ("created
        # by Anna Lindqvist") below one that only names the subject; a question asking no kind
        # of value may be answered by any close sentence that does
        named = [
            e
            for e in evidence[1:3]
            if e.score >= rules.min_relevance and (asked.kind is None or asked.values(e.text))
        ]
        return all(_off_topic(asked, e, settings, documents, sense) for e in [evidence[0], *named])
    relevant = [e for e in evidence if e.score >= rules.min_relevance][:3]
    texts = [e.text for e in relevant]
    if documents is not None:  # a news article's dateline or a page's title
        sources = {e.source for e in relevant}
        texts += [t[2] for source in sources if (t := documents.title(source))]
    if any(asked.values(text) for text in texts):
        return False
    return asked.needs_value or _off_topic(asked, evidence[0], settings, documents)


# A verb by which someone speaks or responds, in words or acts, and a quotation in a sentence.
_SPEAKS = re.compile(
    r"\b(?:said|says|told|urged|responded|reacted|replied|stated|added|noted|warned|called|"
    r"criticised|criticized|condemned|welcomed|rejected|denied|accused|praised|slammed|"
    r"dismissed|hit back|vowed|insisted|argued|asked|endorsed|approved|announced|agreed|"
    r"adopted|imposed|launched|decided|pledged|promised)\b"
)
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")


def _unquoted(text: str) -> str:
    """``text`` with what it quotes blanked out: each quotation, and a quotation begun in an
    earlier sentence (up to its closing mark, when a verb of speaking follows it) or running
    on into a later one."""
    plain = _QUOTED.sub(lambda m: " " * len(m.group()), text)
    lone = re.search(r"[\"“”]", plain)
    if lone is None:
        return plain
    at = lone.start()
    if _SPEAKS.search(plain, at):  # '... against Ukraine," Rutte said.'
        return " " * (at + 1) + plain[at + 1 :]
    return plain[:at] + " " * (len(plain) - at)


def by_the_responder(
    asked: Asked, evidence: Sequence[Evidence], documents: Windows | None = None
) -> list[Evidence]:
    """For a question asking how someone responded (see :attr:`Asked.responder`), ``evidence``
    without the sentences in which another, named, speaks: "'We see what China, North Korea
    and Iran are doing,' Rutte said" is no response of North Korea's, nor are Zhang's words on a
    US aid budget for Taiwan a response of Taiwan's. Who speaks is named outside any quotation,
    before the verb of speaking or acting; a sentence naming no one there ("the ministry said")
    may be theirs. A
    person speaks for a country or an organisation their title in the document names (given
    ``documents``): "Guo said" is China's response where he is the "Chinese Foreign Ministry
    spokesman Guo Jiakun"."""
    if not asked.responder:
        return list(evidence)
    tag(e.text for e in evidence)

    def ours(text: str) -> bool:
        return any(_names(r, NAME_CLASS[r.label], text, partial=True) for r in asked.responder)

    def anothers(e: Evidence) -> bool:
        plain = _unquoted(e.text)
        verb = _SPEAKS.search(plain)
        if verb is None:
            return False
        speakers = [
            n
            for n in entities(e.text)
            if n.end <= verb.start()
            and NAME_CLASS.get(n.label) in _ACTORS | {"person"}
            and not plain[n.start : n.end].isspace()
        ]
        if not speakers or ours(plain[: verb.start()]):
            return False
        people = [n for n in speakers if n.label == "PERSON"]
        return not (documents is not None and people and _titled_for(people, e, documents, ours))

    return [e for e in evidence if not anothers(e)]


TITLE_CHARS = 60  # characters before a person's name read for their title


def _titled_for(
    people: Sequence[Entity], e: Evidence, documents: Windows, ours: Callable[[str], bool]
) -> bool:
    """Whether the document of ``e`` gives one of ``people`` a title ``ours`` accepts, before
    any of their names ("Chinese Foreign Ministry spokesman Guo Jiakun")."""
    _, text = documents.around(e.source, e.start, e.end, DOCUMENT_CHARS)
    for person in people:
        for word in re.findall(r"[A-Z][\w'’-]+", person.text):
            for m in re.finditer(rf"\b{re.escape(word)}\b", text):
                title = re.split(r"[.!?;]\s", text[max(0, m.start() - TITLE_CHARS) : m.start()])
                if ours(title[-1]):  # in the same sentence
                    return True
    return False


def keeping_to_the_topic(
    asked: Asked,
    evidence: Sequence[Evidence],
    settings: Settings,
    documents: Windows | None = None,
    sense: Callable[[Evidence], float] | None = None,
) -> list[Evidence]:
    """For a question asking for a name, ``evidence`` without those of its best sentences
    that are off its topic (see :func:`should_abstain`), when one of them keeps to it: the
    sentence that let the question be answered ("the first feature by director Yasmine
    Belkadi" for "Who directed the film?") is where its answer is read, not one that only
    names the subject ("the best actor award went to Caio Fernandes for the film")."""
    if asked.kind in VALUE_KINDS or asked.kind in (None, "role"):
        return list(evidence)
    close = [e for e in evidence[:3] if e.score >= settings.answer.min_relevance]
    off = [e for e in close if _off_topic(asked, e, settings, documents, sense)]
    if not off or len(off) == len(close):
        return list(evidence)
    return [e for e in evidence if e not in off]


def _off_topic(
    asked: Asked,
    best: Evidence,
    settings: Settings,
    documents: Windows | None = None,
    sense: Callable[[Evidence], float] | None = None,
) -> bool:
    """Whether the best sentence lacks most of the question's distinctive words and is not a
    close paraphrase either. The question's names count among its words unless the sentence or
    the one before it names them all (given ``documents``): "The 81-year-old said arthritis
    ..." after "Walter Duquette pulled his last tray ..." speaks of him without his name.

    Given ``sense`` (see :func:`qa.extract.said_as_asked`), a name of the asked kind among
    words near in meaning to what is asked keeps to the topic however few of its words the
    sentence shares: a long sentence dilutes its likeness to the question, the words around
    its answer do not ("Rachel Osei, who pleaded guilty and gave evidence against him" for
    "Who testified against the boss after admitting her guilt?")."""
    topic = topic_share(asked, best.text)
    if topic is None:
        overlap = best.overlap
    elif documents is not None and _named_before(asked, best, documents):
        overlap = topic
    else:
        overlap = min(best.overlap, topic)
    rules = settings.answer
    if overlap >= rules.min_overlap or best.relevance >= rules.paraphrase_relevance:
        return False
    if gives_reason(asked.question, best.text) and topic:
        return False  # "Why was the launch pushed back?": "The launch was delayed because ..."
    return sense is None or asked.kind in VALUE_KINDS or sense(best) < PARAPHRASE_SENSE


_WHY = re.compile(r"^\W*why\b", re.IGNORECASE)
# Words that give a reason: "delayed by 18 months because of the pandemic".
_CAUSE = re.compile(
    r"\b(?:because|due to|owing to|as a result of|in protest|citing|blamed|caused by|"
    r"thanks to|in order to|so that|on the grounds that|for fear)\b",
    re.IGNORECASE,
)


def gives_reason(question: str, sentence: str) -> bool:
    """Whether ``question`` asks why and ``sentence`` gives a reason ("because of", "due
    to", "citing"): the words of the reason are seldom the question's."""
    return bool(_WHY.match(question) and _CAUSE.search(sentence))


def _named_before(asked: Asked, e: Evidence, documents: Windows) -> bool:
    """Whether ``e`` or the sentence before it names every name of the question's subject."""
    text = " ".join(
        w.text for place, w in window(e, documents) if place in ("sentence", "previous")
    )
    return bool(asked.subject) and all(asked.mentioned_in(n, text) for n in asked.subject)


def find_conflict(asked: Asked, evidence: Sequence[Evidence]) -> tuple[Evidence, Evidence] | None:
    """Two relevant sentences from different files that give different values of the kind the
    question asks for (the day something happened, an amount, a count of the asked noun).

    Both must be about the question's subject: they mention every name a document must (see
    :attr:`qa.asked.Asked.required`), or, for a question without such names, they are nearly
    equally relevant.
    """
    if asked.kind not in VALUE_KINDS or not evidence:
        return None
    subject = asked.required
    close = [e for e in evidence[:6] if e.score >= 0.7 * evidence[0].score]
    for a, b in combinations(close, 2):
        if a.source == b.source:
            continue
        about_it = _mention_all(subject, a, b) if subject else b.score >= 0.85 * a.score
        va, vb = _stated(asked, a.text), _stated(asked, b.text)
        if about_it and va and vb and not _same_values(va, vb):
            return a, b
    return None


def _same_values(a: set[str], b: set[str]) -> bool:
    """Whether two sentences' values share one: the same text, or the same figures however
    written ("5%" and "5 percent"), one value's figures within the other's ("December 2015"
    and "28 December 2015"; "5 May 2020" and "6 May 2020" differ)."""
    if a & b:
        return True
    return any(
        fx and fy and (fx <= fy or fy <= fx)
        for fx, fy in ((numbers(x), numbers(y)) for x in a for y in b)
    )


def _stated(asked: Asked, text: str) -> set[str]:
    """The values of the asked kind ``text`` gives; for a question whose word follows a
    preposition ("By what year"), those after the same one ("by 2035", not "in 2024")."""
    lowered = text.lower()
    values = {
        v
        for v in asked.values(text)
        if not any(
            asked.far_from_its_figures(lowered, m.start())
            for m in re.finditer(re.escape(v), lowered)
        )
    }
    if asked.preposition is None:
        return values

    def introduced(value: str) -> bool:
        places = re.finditer(re.escape(value), lowered)
        return any(asked.after_preposition(lowered, m.start()) for m in places)

    return {v for v in values if introduced(v)}


def _beside_its_figures(asked: Asked, lowered: str, value: str) -> bool:
    """Whether ``value`` stands somewhere in ``lowered`` near the figures the question gives
    (see :meth:`qa.asked.Asked.far_from_its_figures`)."""
    places = [m.start() for m in re.finditer(re.escape(value), lowered)]
    return not places or any(not asked.far_from_its_figures(lowered, at) for at in places)


def _mention_all(subject: frozenset[str], *sentences: Evidence) -> bool:
    return all(said(n, s.text.lower()) for s in sentences for n in subject)
