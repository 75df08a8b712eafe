"""``extract``: the value a question asks for, read from the best sentences and around them.

The reader's best sentence often restates the question while the value stands beside it: the
name in the article's title, the figure in the next sentence. So the window of each of the best
few sentences (the sentence, one either side, and the document's title) is tagged by the entity
recogniser, and every value of the asked kind is scored by features that hold for any document:
how relevant the sentence it stands beside is, whether it stands in that sentence or next to
it, how close it is to the question's words and how near in meaning the words around it are
to what the question asks, how much of what the question asks that sentence keeps (for a
name), and how many of the best sentences agree on it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import partial

import numpy as np

from index.chunk import sentence_spans
from index.embed import Embedder
from qa.asked import (
    CHANGES,
    DATELINE,
    NAME_CLASS,
    OUTLETS,
    TITLES,
    VALUE_KINDS,
    Asked,
    Entity,
    called_otherwise,
    entities,
    is_title,
    modifies,
    points_at,
    pos_tags,
    tag,
)
from qa.decide import (
    credited,
    of_another_month,
    of_another_year,
    owned_by_another,
    topic_share,
)
from qa.gazetteer import (
    is_city,
    is_country,
    spellings,
)
from qa.read import Evidence, Windows, evidence_at, head, opening, window
from qa.text import content_terms, stem

ANCHORS = 5  # best sentences whose windows are read
MIN_ANCHOR = 0.75  # an anchor scores at least this share of the best sentence
PLACE_WEIGHT = {"sentence": 1.0, "next": 0.88, "previous": 0.85, "title": 0.85, "quoted": 0.85}
BRIDGES = 3  # best sentences read for the name a question describes
DESCRIBED_SPAN = 100  # characters after a name read for what it does
FALLBACK_WEIGHT = 0.9  # values of a stand-in label ("who" answered by an organisation)
NEAR_BONUS = 0.05  # a value right beside the question's words
TITLE_BONUS = 0.1  # a person given a title in the question's words: "coach Ines Navarro"
PART_BONUS = 0.1  # a share followed by the whole the question names
CHANGE_BONUS = 0.1  # a figure beside a change, for a question asking how much one changed
CHANGE_SPAN = 3  # words either side of a figure read for a change
MONEY_BONUS = 0.1  # a sum of money, for a question asking what was paid
PREPOSITION_BONUS = 0.1  # a value after the question word's preposition: "by 2035"
TOPIC_BONUS = 0.2  # per share of the question's words besides names in the sentence
AGREE_BONUS = 0.02  # per further best sentence whose window gives the same value
SENSE_BONUS = 0.5  # times the similarity of the words around a value to what is asked
SENSE_WORDS = 5  # words either side of a value read for its sense
FAR_RELEVANCE = 0.5  # below this, a sentence is far from the question ...
FAR_SENSE = 0.18  # ... and a value whose words are below this too answers nothing
_WORD = re.compile(r"[A-Za-z][\w'’-]*|\d[\d.,]*")


@dataclass(frozen=True)
class Found:
    """The asked value as written (``holder.text[at:at + len(value)]``), the sentence it
    stands in and the reader's sentence it was found beside (the same one when it stands
    there)."""

    value: str
    holder: Evidence
    anchor: Evidence
    score: float
    at: int  # where the value starts in ``holder.text``
    also: tuple[tuple[int, str], ...] = ()  # further values of the kind in ``holder.text``
    sense: float | None = None  # how near the words around it are to what is asked

    @property
    def values(self) -> list[tuple[int, str]]:
        """Every value stated, as (where it starts in ``holder.text``, the value), in the
        order the sentence gives them."""
        return sorted({(self.at, self.value), *self.also})


def _matches(word: str, terms: set[str]) -> bool:
    """A word of the sentence is one of the question's (same stem, or "opened" for "open")."""
    return any(word == t or (len(t) >= 4 and word.startswith(t)) for t in terms)


def _words_of(entity: Entity, sentence: str) -> tuple[list[re.Match[str]], list[int]]:
    """The words of ``sentence``, and the places among them of those ``entity`` spans."""
    words = list(_WORD.finditer(sentence))
    return words, [i for i, m in enumerate(words) if entity.start <= m.start() < entity.end]


def nearness(entity: Entity, sentence: str, terms: set[str]) -> float:
    """How close ``entity`` stands to the question's words in ``sentence``: each of those
    words counts 1 beside it, less the further away it is (0 when none is there)."""
    if not terms:
        return 0.0
    found, inside = _words_of(entity, sentence)
    if not inside:
        return 0.0
    words = [stem(m.group()) for m in found]
    hits = [i for i, w in enumerate(words) if i not in inside and _matches(w, terms)]
    near = sum(1 / (1 + min(abs(h - i) for i in inside) / 2) for h in hits)
    return min(1.0, near / len(terms))


def _far(asked: Asked, found: Found) -> bool:
    """Whether ``found`` stands beside a sentence far from the question and among words far
    from what it asks: a detail of something else ("the rate was cut on Wednesday" for "When
    did she become governor?"), not its answer. What a question of names and a frame asks
    ("What nationality is Kovac?") has too few words for their sense to say anything."""
    if len(content_terms(asked.asks or "")) < 2:
        return False
    far_words = found.sense is not None and found.sense < FAR_SENSE
    return far_words and found.anchor.relevance < FAR_RELEVANCE


def _around(entity: Entity, sentence: str) -> str:
    """The value with the words either side of it in its sentence ("rescued 37 people from
    rooftops"): what the sentence says of it, whatever words it uses."""
    words, inside = _words_of(entity, sentence)
    if not inside:
        return entity.text
    first = words[max(0, inside[0] - SENSE_WORDS)]
    last = words[min(len(words) - 1, inside[-1] + SENSE_WORDS)]
    return sentence[first.start() : last.end()]


def _senses(asked: Asked, placed: Sequence[str], embedder: Embedder | None) -> np.ndarray:
    """How near in meaning each of the ``placed`` values (see :func:`_around`) is to what the
    question asks of its names: "plucked from rooftops" is nearer "rescued 37 people from
    rooftops" than "killing at least four people", though each shares one word with it."""
    if embedder is None or not placed:
        return np.zeros(len(placed))
    query = embedder.embed_query(asked.asks or asked.question)
    return np.asarray(embedder.embed_documents(list(placed))) @ query


def said_as_asked(asked: Asked, sentence: str, embedder: Embedder) -> float:
    """How near in meaning the words around the nearest value of the asked kind in
    ``sentence`` are to what the question asks (0 when it holds none; see :func:`_senses`)."""
    labels = asked.labels()
    candidates = _candidates(asked, sentence, labels)
    found = [e for e in candidates if _answers(asked, e, sentence, labels)]
    senses = _senses(asked, [_around(e, sentence) for e in found], embedder)
    return float(senses.max()) if len(senses) else 0.0


def _phrase(asked: Asked, entity: Entity, sentence: str) -> str:
    """The value as the answer states it: a count with the noun it counts ("412 ships")."""
    if asked.kind == "count" and asked.counted:
        rest = sentence[entity.end : entity.end + 40]
        for m in _WORD.finditer(rest):
            if stem(m.group()) == asked.counted:
                return sentence[entity.start : entity.end + m.end()]
    return entity.text


# A person's name: capitalised words (with the usual particles), no digits or symbols. A word
# is capitalised again after a hyphen or a surname's prefix ("Owusu-Darko", "McDonald",
# "O'Neill"), not elsewhere ("SteamOS" is a product).
_NAME_PART = r"(?:Mc|Mac|O['’]|D['’]|Di|De|Da|Du|La|Le|Van|Von|Fitz)?[A-Z][a-zà-ÿ'’.]+"
_NAME_WORD = re.compile(
    rf"^(?:{_NAME_PART}(?:-(?:{_NAME_PART}|[a-zà-ÿ]+))*"
    r"|[A-Z]\.|de|van|von|der|den|da|di|du|le|la|bin|al)$"
)
_NOT_A_NAME = re.compile(r"[/:@¶=<>{}\[\]()_|\\#*]|\d")
_VERSION = re.compile(r"\d+\.\d+\.\d+|¶")


_STORMS = frozenset("storm hurricane typhoon cyclone tropical".split())


def plausible(entity: Entity) -> bool:
    """Whether the recogniser's entity looks like what its label says. It was trained on news:
    in manuals it also tags "JIT", "Lib" or a URL as a person, and a version as a number."""
    if entity.label == "PERSON":
        words = entity.text.split()
        return (
            not _NOT_A_NAME.search(entity.text)
            and 1 <= len(words) <= 4
            and all(_NAME_WORD.match(w) for w in words)
            and words[0].lower() not in _STORMS  # "Storm Aisling" is named as people are
        )
    if entity.label in ("ORG", "GPE", "LOC", "FAC", "NORP"):
        name = re.sub(r"^(?:the|a|an)\s+", "", entity.text)
        balanced = name.count("(") == name.count(")")  # not a cut "f(char"
        return name[:1].isupper() and balanced and not re.search(r"[/:@¶=<>{}_|\\#*]", name)
    return not _VERSION.search(entity.text)


# A line crediting who wrote, edited or photographed a story: "(Reporting by Ana Ruiz;
# Editing by Tom Hale)", "By JOHN SMITH, Associated Press", "Photo: Lena Berg".
_STAFF = re.compile(
    r"^\W*(?:(?i:(?:additional\s+)?(?:reporting|writing|editing|compiled|photographs?|pictures?)"
    r"\s+by|photo\s*:)|By\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}(?:,\s*[A-Z][\w .&-]*)?\s*$)"
)


def _answers(asked: Asked, entity: Entity, sentence: str, labels: frozenset[str]) -> bool:
    """Whether ``entity`` is a value of the asked kind that the question does not give."""
    if entity.label not in labels or not plausible(entity):
        return False
    if asked.filed(sentence, entity.start) or _STAFF.match(sentence):
        return False  # "LEEDSWORTH, April 12 (Northline Press) -" filed the story, is not in it
    value = entity.text.lower().replace("’", "'")
    if asked.kind in VALUE_KINDS and labels == asked.labels():
        return value in asked.values(sentence)
    words = [w for w in re.findall(r"\w+", value) if w not in ("the", "of")]
    if _describes_aside(asked, entity, sentence):
        return False  # "Crispwell, based in Milwaukee," is not where Crispwell's buyer is
    if _described(asked, entity, sentence):
        return False  # "the maker of Tango Twists" is what the question gives, not its answer
    if asked.kind == "org" and called_otherwise(asked.noun, sentence, entity.start):
        return False  # "battery maker Hanul Cell" is no bank
    if _does_as_described(asked, entity, sentence):
        return False  # "Skyreach Airways reported a first-half loss": the carrier, not its founder
    if entity.label == "PERSON" and (_named_person(asked) | asked.subject) & set(words):
        return False  # "Who reported Guo's remarks?" is not answered by Guo Jiakun
    if entity.label == "NORP" and not asked.nationality and modifies(entity, sentence):
        return False  # "the Chilean miner" is no party: the miner is
    return bool(words) and not asked.rules_out(value)


# An apposition after a name: ", maker of Tango Twists pretzels," or ", the residents' group,".
_DESCRIBED = re.compile(r"^,\s+((?:(?:the|a|an|its|their)\s+)?[a-z][^,.;()]{3,80}?)\s*[,.;]")


def _describes_aside(asked: Asked, entity: Entity, sentence: str) -> bool:
    """Whether ``entity`` stands in an apposition describing a name the question gives only
    aside ("Crispwell, based in Milwaukee," for "Where is the company that is buying Crispwell
    based?", see :attr:`Asked.aside`): it tells of that name, not of what is asked."""
    for name in asked.aside:
        for match in re.finditer(re.escape(name), sentence):
            between = sentence[match.end() : entity.start]
            if match.end() <= entity.start and re.fullmatch(r",\s+[^,.;()]*", between):
                return True
    return False


def _described(asked: Asked, entity: Entity, sentence: str) -> bool:
    """Whether the sentence describes ``entity`` in apposition with the question's own words
    ("Crispwell Brands, the maker of Tango Twists pretzels," for "Which company agreed to
    acquire the maker of Tango Twists pretzels?"): the question gives it rather than asks it.
    An apposition holding the asked noun names what is asked instead ("Quiet Skies, the
    residents' group that brought the case," for "Which group brought the case?")."""
    after = _DESCRIBED.match(sentence[entity.end :])
    if after is None:
        return False
    words = content_terms(after.group(1))
    if asked.noun in words:  # "the residents' group that brought the case" names the group
        return False
    shared = words & content_terms(asked.question)
    return len(shared) >= 2 and len(shared) >= 0.5 * len(words)


def _does_as_described(asked: Asked, entity: Entity, sentence: str) -> bool:
    """Whether ``entity`` does what the question's relative clause says of something it asks
    about (see :attr:`Asked.described`): "Skyreach Airways reported a first-half loss" for
    "Who set up the carrier that reported a first-half loss?" names the carrier, not its
    founder. Half the clause's words (at least two) follow the name."""
    described = asked.described
    if not described:
        return False
    after = content_terms(sentence[entity.end : entity.end + DESCRIBED_SPAN])
    return len(described & after) >= max(2, (len(described) + 1) // 2)


def bridge(asked: Asked, evidence: Sequence[Evidence]) -> tuple[Entity, Evidence] | None:
    """The name a question describes by a relative clause rather than names, and the best
    sentence saying it does what the clause says (see :func:`_does_as_described`): "Skyreach
    Airways", from "Irish budget airline Skyreach Airways reported a first-half loss", for "Who
    set up the Irish low-cost carrier that reported a first-half loss?". The question is then
    asked of that name (see :meth:`Asked.hop`)."""
    if not asked.described:
        return None
    for e in evidence[:BRIDGES]:
        for entity in entities(e.text):
            if entity.label not in NAME_CLASS or asked.gives_name(entity.text):
                continue
            if asked.describes_a_person and entity.label != "PERSON":
                continue  # "the woman who set the record" is Naomi Chelagat, not "Kenyan"
            if _does_as_described(asked, entity, e.text) or _done_to(asked, entity, e.text):
                return entity, e
    return None


def _done_to(asked: Asked, entity: Entity, sentence: str) -> bool:
    """Whether ``entity`` is what the question's relative clause says its subject does
    something to (see :attr:`Asked.clause_agent`): "Halbrook agreed to buy Corliss Bio" for
    "the developer that Halbrook is buying". The subject's name, then one of the clause's
    other words, stand before the name, within :data:`DESCRIBED_SPAN` characters of it."""
    agent = asked.clause_agent
    if agent is None:
        return False
    at = sentence.rfind(agent, max(0, entity.start - DESCRIBED_SPAN), entity.start)
    if at < 0:
        return False
    doing = asked.described - content_terms(agent)
    return bool(doing & content_terms(sentence[at + len(agent) : entity.start]))


def _named_person(asked: Asked) -> set[str]:
    """The words of the people the question names ("guo" for "Guo's remarks")."""
    return {
        w
        for e in asked.named
        if e.label == "PERSON"
        for w in re.findall(r"\w+", e.text.lower().replace("’", "'"))
        if w != "s"
    }


# A word of a title before a name: capitalised ("Chief Engineer"), or a common noun for a
# person's role by its ending ("spokesman", "director", "secretary", "analyst"; others, such
# as "coach", by qa.asked.is_title).
_ROLE_WORD = re.compile(
    r"^(?:[A-Z][\w.&-]*|[a-z-]+(?:man|woman|person|er|or|ist|yst|ent|ant|ary|ee|ian|ive|chief|"
    r"head))$"
)
_ARTICLES = frozenset({"The", "A", "An", "In", "On", "At", "By", "For", "And", "But"})
# Words that open a title at the head of a sentence without naming its holder's owner: "His
# lawyer, Peter Grantham" may be Lydon's.
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their"})
_APPOSITIVE = re.compile(r"^,\s+((?:the|a|an|its|their)\s+[^,.;()]{3,60}?)\s*[,.;]")


# A title set before a name by a comma: "Her coach, Daniel Kiprop", "The club's captain, ...".
_APPOSITIVE_BEFORE = re.compile(
    r"(?:^|[\s(])((?:(?:the|a|an|his|her|its|their)\s+|[\w-]+['’]s?\s+)[a-z][\w -]{1,40}),\s*$",
    re.IGNORECASE,
)


def _role(name: Entity, sentence: str) -> tuple[int, int] | None:
    """Where the sentence gives the person ``name`` a title: the words before the name ("Chief
    Engineer Ada Vance"), set before it by a comma ("Her coach, Daniel Kiprop") or an
    apposition after it ("Ada Vance, the chief engineer,"). A form of address alone is no
    title: "Dr Abena Owusu-Darko, the hospital's chief executive," is titled after the name."""
    before = list(re.finditer(r"[\w.&'’-]+", sentence[: name.start]))
    first = None
    end = name.start
    for word in reversed(before[-5:]):
        role_word = _ROLE_WORD.match(word.group()) or is_title(word.group())
        if not role_word or word.group() in _ARTICLES:
            break
        if sentence[word.end() : end].strip():  # a comma or a quote: "Separately, Chief ..."
            break
        first, end = word, word.start()
    if first is not None and not _honorific(sentence[first.start() : before[-1].end()]):
        return first.start(), before[-1].end()
    ahead = _APPOSITIVE_BEFORE.search(sentence[: name.start])
    if ahead and is_title(ahead.group(1).split()[-1]):  # "Her coach, Daniel Kiprop"
        return ahead.start(1), ahead.end(1)
    after = _APPOSITIVE.match(sentence[name.end :])
    return (name.end + after.start(1), name.end + after.end(1)) if after else None


# An outlet another cites: "Azernews reports, citing Global Times".
_CITED = re.compile(r"\b(?:citing|quoting|cited by|quoted by)\s+(?:the\s+)?$", re.IGNORECASE)
# A question asking whom a report cites, and not naming it: "Which newspaper did Azernews
# cite?", not "Which outlet published the report citing Global Times?".
_ASKS_CITED = re.compile(r"\b(?:cit|quot)(?:e|es|ed|ing)\b(?!\s+(?:the\s+)?[A-Z])")


def _cites_as_asked(asked: Asked, found: Found) -> bool:
    """Whether ``found`` is cited by another outlet exactly when the question asks for the
    one cited: the outlet that reported is the one citing, not the one it cites."""
    cited = _CITED.search(found.holder.text[: found.at]) is not None
    return cited == bool(_ASKS_CITED.search(asked.question))


# A figure given per something: "42 euros per share", "$80 a barrel", "6,000 euros each".
_PER = (
    r"(?:per|a|an)\s+(?:share|unit|person|head|barrel|tonne|ton|kilo\w*|litre|liter|year|month|"
    r"week|day|night|hour)\b|per\s+\w+|each\b|apiece\b"
)
_RATE = re.compile(rf"^\s*(?:{_PER})", re.IGNORECASE)
_ASKS_RATE = re.compile(rf"\b(?:{_PER}|annual\w*|monthly|weekly|daily|hourly)", re.IGNORECASE)


def _rate_as_asked(asked: Asked, found: Found) -> bool:
    """Whether ``found`` is given per something ("42 euros per share") exactly when the
    question asks per something: "How much is Norvane paying for Pellix?" asks the whole sum,
    "How much is it paying per share?" the price of one."""
    if asked.kind not in ("number", "count"):
        return True
    rate = _RATE.match(found.holder.text[found.at + len(found.value) :]) is not None
    return rate == (_ASKS_RATE.search(asked.question) is not None)


def _preferred(
    scored: dict[str, tuple[float, Found]], keep: Callable[[Found], bool]
) -> dict[str, tuple[float, Found]]:
    """``scored`` narrowed to the values ``keep`` holds for, or all of them when it holds for
    none: a preference among answers, never a reason to give none."""
    return {k: v for k, v in scored.items() if keep(v[1])} or scored


# Places a "which X" question asks that hold towns and cities: the wider place answers them.
_WIDE_PLACES = frozenset(
    stem(n) for n in "country nation state region province continent county island".split()
)
_SITUATED = re.compile(r"(?:\s+in|,)\s+(?:the\s+)?(?:\w+\s+){0,2}?")


def _situated(found: Found, places: Collection[str]) -> bool:
    """Whether the text places ``found`` in another of the candidate ``places`` right after it
    ("Noosa in Queensland state", "Iten in Kenya's Rift Valley"): the finer place of the
    two."""
    text = found.holder.text
    after = _SITUATED.match(text, found.at + len(found.value))
    if after is None:
        return False
    rest = text[after.end() :].lower()
    return any(rest.startswith(p) for p in places if p != found.value.lower())


def _of_the_people(found: Found, peoples: Collection[str]) -> bool:
    """Whether the text gives ``found`` (a person) one of the question's nationalities right
    beside the name: "Henrik Dahl of Norway", "Norway's Henrik Dahl", "Norwegian Henrik
    Dahl"."""
    text = found.holder.text.lower()
    before = text[max(0, found.at - 40) : found.at]
    after = text[found.at + len(found.value) : found.at + len(found.value) + 30]
    for word in {s for p in peoples for s in spellings(p)}:
        said = re.escape(word)
        if re.search(rf"\b{said}(?:['’]s)?\s+(?:[\w-]+\s+){{0,3}}$", before):
            return True
        if re.match(rf"\s*(?:,\s*)?(?:of|from)\s+(?:the\s+)?{said}\b|\s*\({said}\)", after):
            return True
    return False


def _in_currency(asked: Asked, found: Found) -> bool:
    """Whether ``found`` is given in the currency the question asks the amount in."""
    return bool(asked.currency & set(re.findall(r"[a-z]+", found.value.lower())))


def _called_as_asked(asked: Asked, found: Found) -> bool:
    """Whether the text calls the value found by the question's noun (see
    :meth:`qa.asked.Asked.called_by_noun`)."""
    return any(e.start == found.at for e in asked.called_by_noun(found.holder.text))


def _reports(found: Found) -> bool:
    """Whether the text credits the value found with what it says ("Azernews reports",
    "citing Global Times"): the outlet that reported it."""
    value = Entity(found.at, found.at + len(found.value), "ORG", found.value)
    return credited(found.holder.text, value)


def _of_the_whole(asked: Asked, entity: Entity, sentence: str) -> bool:
    """Whether ``entity`` is followed by "of" and the whole the question asks a part of (see
    :attr:`Asked.part_of`): "5 percent of their GDP"."""
    after = _WORD.findall(sentence[entity.end : entity.end + 60])
    if not after or after[0].lower() != "of":
        return False
    return bool(asked.part_of & {stem(w) for w in after[1:5]})


WHOLE_SPAN = 50  # characters after a share read for the whole it is a part of


# The whole a share is given of: "55 percent of global defense expenditure".
_WHOLE_AFTER = re.compile(r"\s+of\s+(?:the\s+|their\s+|its\s+|all\s+)?((?:[\w'’-]+\s*){1,3})")


def _part_of_another(asked: Asked, entity: Entity, sentence: str) -> bool:
    """Whether ``entity``, for a question asking a share of a whole (see
    :attr:`Asked.part_of`), is no such share: a change ("a 7% increase"), unless a change is
    asked; a share of a whole bounded by a place the question does not name ("half of all
    expenditure in Asia" for a share of global spending); or, for a whole given by a figure
    (see :attr:`Asked.part_of_a_figure`), a share of a whole the text words otherwise."""
    if not asked.changed and _beside_a_change(entity, sentence):
        return True
    whole = _WHOLE_AFTER.match(sentence, entity.end) if asked.part_of_a_figure else None
    if whole and not content_terms(whole.group(1)) & asked.part_of:
        return True  # "55 percent of global defense expenditure" is no part of the 5% target
    return any(
        entity.end < other.start <= entity.end + WHOLE_SPAN
        and other.label in ("GPE", "LOC")
        and not asked.gives_name(other.text)
        for other in entities(sentence)
    )


_LEVEL = re.compile(r"\bto\s+(?:(?:an?|the)\s+)?(?:estimated\s+|about\s+|around\s+)?$")


def _beside_a_change(entity: Entity, sentence: str) -> bool:
    """Whether a word of a change in amount ("increase", "rose", "cut") stands within a few
    words of ``entity`` ("a 7% increase", "rose by 7%"), and ``entity`` is not the level
    reached ("raised its budget to an estimated $314 billion")."""
    if _LEVEL.search(sentence[: entity.start]):
        return False
    before = _WORD.findall(sentence[: entity.start])[-CHANGE_SPAN:]
    after = _WORD.findall(sentence[entity.end :])[:CHANGE_SPAN]
    return any(stem(w) in CHANGES for w in before + after)


def _titled_as_asked(asked: Asked, entity: Entity, sentence: str) -> bool:
    """Whether the sentence gives the person ``entity`` a title in the question's words
    ("Vessen coach Aleksander Horvat" for "Who is the coach of the side ...?")."""
    if entity.label != "PERSON" or (role := _role(entity, sentence)) is None:
        return False
    return bool(content_terms(sentence[role[0] : role[1]]) & content_terms(asked.question))


def _office_word(word: str) -> str:
    """A word of a title as compared with the office asked for: "spokesman", "spokeswoman" and
    "spokesperson" are one office; "ministry" holds "minister"."""
    word = re.sub(r"(?:man|woman|person|people)$", "", word.lower()) or word.lower()
    return stem(word)[:6]


def _honorific(words: str) -> bool:
    """Whether ``words`` are forms of address only ("Dr", "Mr"), which say no post."""
    return all(w.lower().rstrip(".") in TITLES for w in words.split())


# Titles of whoever heads a body: "the head" or "the boss" of a hospital is its chief executive,
# of a company its CEO or chairman, of a party its leader.
_TOP = frozenset(
    _office_word(w) for w in "head boss chief ceo president chairman chair leader".split()
)


def _words(text: str) -> set[str]:
    """The lower-case words of ``text``: a name's parts, to compare one name with another."""
    return set(re.findall(r"\w+", text.lower()))


def _before(rank: int, place: str, windows: list[tuple[int, str, Evidence]]) -> Evidence | None:
    """The sentence before the one at ``place`` in the window of anchor ``rank``, if read."""
    wanted = {"sentence": "previous", "next": "sentence"}.get(place)
    return next((e for r, p, e in windows if r == rank and p == wanted), None)


def _of_another(asked: Asked, held: Evidence, before: Evidence | None) -> bool:
    """Whether ``held`` tells of another person than the one the question names: it does not
    name them, and the sentence ``before`` it first names someone else. "The 20-year-old
    saved four break points" after "Mila Kovac won ..., beating Jessica Rourke" is Kovac's
    age, not Rourke's: a sentence that speaks of someone without a name goes on about the
    one named first before it."""
    person = _named_person(asked)
    if not person or person & _words(held.text) or before is None:
        return False
    first = next((e for e in entities(before.text) if e.label == "PERSON"), None)
    return first is not None and not person & _words(first.text)


def _may_hold(asked: Asked, person: Entity, windows: list[tuple[int, str, Evidence]]) -> bool:
    """For a question about who holds an office ("Who is NATO's spokesperson?"), whether
    ``person`` may: one of the titles the text gives them beside their name ("Chinese Foreign
    Ministry spokesperson Guo Jiakun") names the office and no other holder than the one
    the question names, if it names one (NATO's, not China's). Someone the text gives no
    title holds no office it tells of: a name alone answers who, not who holds what."""
    if (office_asked := asked.office) is None:
        return True
    owner, post = office_asked
    wanted = {_office_word(w) for w in post.split()[-1:]}
    if wanted & _TOP:  # "the head of the hospital": its chief executive
        wanted |= _TOP
    said_owner = spellings(owner) | {owner.split()[-1]} if owner else set()
    names = _words(person.text) - {"s"}
    if _held_by(post, names, owner, said_owner, windows):
        return True
    titles = [
        held.text[role[0] : role[1]]
        for _, _, held in windows
        for other in entities(held.text)
        if other.label == "PERSON" and names & _words(other.text)
        if (role := _role(other, held.text))
    ]
    for title in titles:
        words = re.findall(r"[\w'’-]+", title)
        if not wanted & {_office_word(w) for w in words}:
            continue  # another office: "Secretary General" is no spokesperson
        post_words = set(post.split())
        others = [
            w
            for w in words
            if w[:1].isupper() and w.lower() not in post_words and w.lower() not in _DETERMINERS
        ]
        if not others or owner is None or any(o in title.lower() for o in said_owner):
            return True
    return False


# The verbs by which a text says who holds a post: "coached by Daniel Kiprop".
_HELD_BY = {
    _office_word(post): verbs
    for post, verbs in (
        ("coach", "coached|trained"),
        ("head", "headed|led|run"),
        ("chair", "chaired"),
        ("captain", "captained|skippered"),
        ("manager", "managed|run"),
    )
}


def _held_by(
    post: str,
    names: set[str],
    owner: str | None,
    said_owner: Collection[str],
    windows: list[tuple[int, str, Evidence]],
) -> bool:
    """Whether a sentence says the post is held by one of ``names`` with the post's verb ("The
    27-year-old, who is coached by Daniel Kiprop"), naming the holder the question names, if
    it names one."""
    verbs = _HELD_BY.get(_office_word(post.split()[-1]))
    if verbs is None:
        return False
    for _, _, held in windows:
        lowered = held.text.lower()
        if owner is not None and not any(o in lowered for o in said_owner):
            continue
        for m in re.finditer(rf"\b(?:{verbs})\s+by\s+([\w'’-]+)", lowered):
            if m.group(1) in names:
                return True
    return False


def _title_of(
    asked: Asked,
    anchors: Sequence[Evidence],
    windows: list[tuple[int, str, Evidence]],
    store: Windows,
) -> Found | None:
    """The title of the person a "what is X's job" question names, from the best sentence
    (or the text around it) that gives one; else from the opening of its document, where a
    report names a person in full with their title before calling them "Guo"."""
    for rank, place, held in sorted(windows, key=lambda w: (w[0], w[1] != "sentence")):
        score = anchors[rank].score * PLACE_WEIGHT[place]
        if found := _titled_in(asked, held, anchors[rank], score):
            return found
    for anchor in anchors:
        said = opening(anchor.source, store)
        tag(e.text for e in said)
        for held in said:  # cited alone: the best sentence only named the person
            if found := _titled_in(asked, held, held, anchor.score * PLACE_WEIGHT["previous"]):
                return found
    return None


def _titled_in(asked: Asked, held: Evidence, anchor: Evidence, score: float) -> Found | None:
    """The title ``held`` gives the person the question names, found beside ``anchor``."""
    for entity in entities(held.text):
        named = entity.text.lower().replace("’", "'")
        if entity.label != "PERSON" or not any(n in named for n in asked.subject):
            continue
        if role := _role(entity, held.text):
            return Found(held.text[role[0] : role[1]], held, anchor, score, role[0])
    return None


def people_words(texts: Iterable[str]) -> frozenset[str]:
    """The words of the people ``texts`` name in full ("Grace Mwansa"): a place's name among
    them may be a person's ("Florence Kiplagat")."""
    return frozenset(
        word.lower()
        for text in texts
        for e in entities(text)
        if e.label == "PERSON" and len(e.text.split()) > 1 and not _a_place(e.text)
        for word in e.text.split()
    )


def _a_place(name: str) -> bool:
    """Whether ``name`` is a country's or a city's in the gazetteer ("Nong Khai")."""
    return is_country(name) or is_city(name)


def _place_not_person(entity: Entity, people: Collection[str]) -> Entity:
    """``entity`` as a place, where the recogniser took a country or a city of the gazetteer
    for a person ("Zambia beat Ghana 2-1") and no one the document names in full bears the
    name; else as it is."""
    if entity.label != "PERSON" or any(w.lower() in people for w in entity.text.split()):
        return entity
    return replace(entity, label="GPE") if _a_place(entity.text) else entity


def _candidates(
    asked: Asked, text: str, labels: frozenset[str], people: Collection[str] = ()
) -> list[Entity]:
    """The entities of ``text`` that may answer, with the names the text calls by the
    question's noun (see :meth:`qa.asked.Asked.called_by_noun`); for a count, every count of
    the asked noun (see :func:`qa.asked.typed_values`), whatever the recogniser labelled it.
    A country or city taken for a person is a place (see :func:`_place_not_person`, with
    ``people`` the words of the people the document names in full)."""
    found = [_place_not_person(e, people) for e in entities(text)]
    if labels == asked.labels():
        named = {e.start for e in found if e.label in labels}
        found += [e for e in asked.called_by_noun(text) if e.start not in named]
    cities = {e.start: e for e in asked.cities_mistaken(text)}  # "Córdoba recorded 45.7C"
    found = [cities.get(e.start, e) for e in found]
    found += [c for at, c in cities.items() if all(e.start != at for e in found)]
    if asked.kind == "count" and labels == asked.labels():
        held = {(e.start, e.end) for e in found if e.label in labels}  # "1050" may be a DATE
        for value in asked.values(text):
            at = text.lower().find(value)
            if at >= 0 and (at, at + len(value)) not in held:
                found.append(Entity(at, at + len(value), "CARDINAL", text[at : at + len(value)]))
    return found


_SAID_AFTER = re.compile(r"[,.?!…]?[\"”]\s+(?:said|says|added|told|asked|warned)\b")
QUOTATION_CHARS = 1500  # characters before a sentence searched for where its quotation opens


def _opening_the_quotation(anchor: Evidence, store: Windows) -> Evidence | None:
    """The sentence that names who speaks, when ``anchor`` goes on with a quotation opened in
    an earlier sentence of its paragraph: '"Once the sun is gone ...," said Councillor Mei Lin
    Wong. "We keep telling ourselves ... Add them together and you have a canyon."' is hers."""
    offset, text = store.around(anchor.source, anchor.start, anchor.end, QUOTATION_CHARS)
    at = anchor.start - offset
    paragraph = text.rfind("\n", 0, at) + 1
    before = text[paragraph:at]
    if (before.count('"') + before.count("“") + before.count("”")) % 2 == 0:
        return None  # the sentence opens no quotation and goes on with none
    said = _SAID_AFTER.search(before)
    if said is None:
        return None
    spans = sentence_spans(before)
    span = next((sp for sp in spans if sp.start <= said.start() < sp.end), None)
    if span is None:
        return None
    start = offset + paragraph + span.start
    line = anchor.line - text.count("\n", paragraph + span.start, at)
    return evidence_at(anchor, start, before[span.start : span.end], line)


def _in_its_place(
    asked: Asked,
    entity: Entity,
    at: tuple[int, str, Evidence],
    windows: list[tuple[int, str, Evidence]],
) -> bool:
    """Whether ``entity``, a value of the asked kind in the sentence ``at`` (the rank of its
    anchor, its place beside it, the sentence), answers there: a person the question's office
    allows, no city for who acted, no age of another, no share of another whole, and beside the
    best sentence no figure another owns."""
    rank, place, held = at
    if entity.label == "PERSON" and not _may_hold(asked, entity, windows):
        return False
    if asked.kind == "person" and entity.label == "GPE" and not is_country(entity.text):
        return False  # a country may act ("China urged"); a city is where one acts
    if asked.kind == "age" and _of_another(asked, held, _before(rank, place, windows)):
        return False
    if not all(re.search(rf"\b{q}", held.text, re.IGNORECASE) for q in asked.qualifiers):
        return False  # "its previous round": not "it raised $85 million in a round led by"
    if asked.part_of and _part_of_another(asked, entity, held.text):
        return False  # "What share of world spending": not "a 7% increase", "half of Asia's"
    if asked.kind in VALUE_KINDS and asked.far_from_its_figures(held.text, entity.start):
        return False  # "When should members reach 5%?": not "in 2024, ... 55 percent ... 5%"
    if asked.kind in VALUE_KINDS:  # "China's budget in 2023": not "last year ... than 2023"
        head = next((e.text for r, p, e in windows if r == rank and p == "title"), "")
        read = {e.text for r, p, e in windows if r == rank and p in ("sentence", place)}
        if any(
            of_another_year(asked, text, head) or of_another_month(asked, text) for text in read
        ):
            return False  # nor beside a best sentence of another year or month
    # beside the best sentence, NATO's 5% goal is not China's
    return not (
        place != "sentence" and asked.kind in VALUE_KINDS and owned_by_another(asked, held.text)
    )


def extract(
    asked: Asked,
    evidence: Sequence[Evidence],
    store: Windows,
    embedder: Embedder | None = None,
) -> Found | None:
    """The best value of the asked kind around the best sentences, or None when the question
    asks for no kind of value or none is found beside a relevant sentence. With ``embedder``,
    the sense of the words around each value counts too (see :func:`_senses`)."""
    if asked.kind is None or not evidence:
        return None
    best = evidence[0].score
    anchors = [e for e in evidence[:ANCHORS] if e.score >= MIN_ANCHOR * best]
    if asked.coarser_place(evidence[0].text):  # "the summit in Netherlands": no city given
        anchors = anchors[:1]
    windows = [(rank, place, e) for rank, a in enumerate(anchors) for place, e in window(a, store)]
    if asked.kind == "person":  # "Add them together ...": said by whoever opened the quotation
        windows += [
            (rank, "quoted", said)
            for rank, a in enumerate(anchors)
            if (said := _opening_the_quotation(a, store)) is not None
        ]
    tag(e.text for _, _, e in windows)
    if asked.kind == "role":
        return _title_of(asked, anchors, windows, store)
    people = {
        source: people_words(e.text for _, _, e in windows if e.source == source)
        for source in {e.source for _, _, e in windows}
    }
    # a count stands beside what is done, not beside its noun ("2,300 were evacuated")
    terms = content_terms(asked.question) - {asked.counted or ""}
    # A name answers only from a sentence that keeps to what the question asks ("created by
    # Anna Lindqvist", not "Flixa renewed Harbourview"); a figure is placed by its kind.
    topics = [
        0.0 if asked.kind in VALUE_KINDS else topic_share(asked, a.text) or 0.0 for a in anchors
    ]
    passes = [(asked.labels(), 1.0), (asked.labels(fallback=True), FALLBACK_WEIGHT)]
    if asked.office is not None:
        passes = passes[:1]  # an office is held by a person, not stood in for by a ministry
    for labels, weight in passes:
        values: list[tuple[float, Entity, int, Evidence]] = []
        agree: dict[str, set[int]] = defaultdict(set)
        for rank, place, held in windows:
            if weight < 1.0 and place != "sentence":
                continue  # a stand-in kind from beside the sentence is a guess on a guess
            if place == "previous" and not points_at(anchors[rank].text, asked.kind):
                continue  # the sentence speaks of no one unnamed: a name beside it is another's
            for entity in _candidates(asked, held.text, labels, people[held.source]):
                if not _answers(asked, entity, held.text, labels):
                    continue
                if not _in_its_place(asked, entity, (rank, place, held), windows):
                    continue
                introduced = asked.after_preposition(held.text, entity.start)
                if introduced or asked.preposition is None:
                    agree[entity.text.lower()].add(rank)  # "by 2035" agrees with "by 2035"
                score = anchors[rank].score * PLACE_WEIGHT[place] * weight
                score += TOPIC_BONUS * topics[rank]
                if place == "sentence":
                    score += NEAR_BONUS * nearness(entity, held.text, terms)
                if asked.noun and asked.noun in {stem(w) for w in _WORD.findall(entity.text)}:
                    score += NEAR_BONUS  # "which institute": the Peace Research Institute
                if _titled_as_asked(asked, entity, held.text):
                    score += TITLE_BONUS  # "Who is the coach ...": "Vessen coach Aleksander Horvat"
                if introduced:
                    score += PREPOSITION_BONUS  # "By what year": "by 2035"
                if asked.part_of and _of_the_whole(asked, entity, held.text):
                    score += PART_BONUS  # "What percentage of GDP": "5 percent of their GDP"
                if asked.changed and _beside_a_change(entity, held.text):
                    score += CHANGE_BONUS  # "By how much did it rise?": "a 7% increase"
                if asked.pays and entity.label == "MONEY":
                    score += MONEY_BONUS  # "How much did China spend?": "$314 billion"
                values.append((score, entity, rank, held))
        senses = _senses(asked, [_around(e, held.text) for _, e, _, held in values], embedder)
        scored: dict[str, tuple[float, Found]] = {}
        for (score, entity, rank, held), sense in zip(values, senses, strict=True):
            score += SENSE_BONUS * float(sense)
            key = entity.text.lower()
            if key not in scored or score > scored[key][0]:
                value = _phrase(asked, entity, held.text)
                read = float(sense) if embedder is not None else None
                found = Found(value, held, anchors[rank], score, entity.start, sense=read)
                scored[key] = (score, found)
        if asked.noun in OUTLETS:  # "Which outlet reported it?": "Azernews reports"
            scored = _preferred(scored, _reports)
            scored = _preferred(scored, lambda found: _cites_as_asked(asked, found))
        # A price per share answers "How much is it paying?" only when no whole sum does.
        scored = _preferred(scored, lambda found: _rate_as_asked(asked, found))
        if asked.currency:  # "in rand": "312 million rand ($17 million)"
            scored = _preferred(scored, lambda found: _in_currency(asked, found))
        # A name the text calls what is asked ("Quiet Skies Harwick, the residents' group")
        # answers "Which group ...?" before one it does not ("the High Court").
        scored = _preferred(scored, lambda found: _called_as_asked(asked, found))
        peoples = [n.text.lower() for n in asked.named if n.label == "NORP"]
        if asked.kind == "person" and peoples:  # "Which top-seeded Norwegian ...?"
            scored = _preferred(scored, partial(_of_the_people, peoples=peoples))
        if asked.kind == "place" and asked.noun not in _WIDE_PLACES:
            # "a beach house in Noosa in Queensland state": where is Noosa, not Queensland
            scored = _preferred(scored, partial(_situated, places=frozenset(scored)))
        if scored:
            key = max(
                scored,
                key=lambda k: scored[k][0] + AGREE_BONUS * min(3, max(0, len(agree[k]) - 1)),
            )
            found = scored[key][1]
            if _far(asked, found):
                return None
            if asked.several:
                return _with_the_others(asked, found, labels)
            if asked.kind == "person":  # "founded in 2017 by Joost van Leeuwen and Sanne Brouwer"
                found = _with_the_others(asked, found, labels, own_only=True)
            if asked.kind == "time":
                return _as_range(asked, found)
            if asked.kind not in VALUE_KINDS or asked.currency:  # "in rand": the rand alone
                return found
            return _with_conversion(found)
    return None


_CONVERTED = re.compile(r"\s*\(([^()]{1,40})\)")


def _with_conversion(found: Found) -> Found:
    """``found`` with the same figure in other units that the text gives beside it in
    brackets: "about 68 meters (223 feet)", whichever of the two was chosen."""
    text = found.holder.text
    figures = [e for e in entities(text) if e.label in ("MONEY", "QUANTITY", "CARDINAL", "PERCENT")]
    end = found.at + len(found.value)
    after = _CONVERTED.match(text, end)
    if after and any(after.start(1) <= e.start and e.end <= after.end(1) for e in figures):
        return replace(found, value=text[found.at : after.end()])
    if text[: found.at].rstrip().endswith("(") and text[end:].lstrip().startswith(")"):
        opened = text.rfind("(", 0, found.at)
        outer = [e for e in figures if e.end <= opened and not text[e.end : opened].strip()]
        if outer:
            close = text.find(")", end) + 1
            return replace(found, value=text[outer[-1].start : close], at=outer[-1].start)
    return found


_RANGE_OPEN = re.compile(r"\b(?:from|between)\s+$", re.IGNORECASE)
_RANGE_TO = re.compile(r"\s*(?:until|till|to|through|and|[–-])\s*")


def _as_range(asked: Asked, found: Found) -> Found:
    """A time that opens a span the sentence gives ("from March 2003 until March 2005") as
    the whole span: the start alone answers "when was she the leader?" by half."""
    text = found.holder.text
    if not _RANGE_OPEN.search(text[max(0, found.at - 12) : found.at]):
        return found
    joint = _RANGE_TO.match(text, found.at + len(found.value))
    if joint is None:
        return found
    later = [e for e in entities(text) if e.start == joint.end() and asked.values(e.text)]
    if not later:
        return found
    return replace(found, value=text[found.at : later[0].end])


_SMALL_WORDS = frozenset("of for and the de du la le on in to a an".split())


def _spells(words: str, acronym: str) -> bool:
    """Whether the capitalised words of ``words`` begin with the letters of ``acronym``, in
    order ("LDAP Data Interchange Format" for LDIF; small words such as "of" left out)."""
    kept = [w for w in re.findall(r"[\w'’-]+", words) if w.lower() not in _SMALL_WORDS]
    letters = "".join(w[0] for w in kept).lower()
    wanted = re.sub(r"[^A-Za-z0-9]", "", acronym).lower()
    return len(kept) >= 2 and (letters == wanted or letters == wanted.rstrip("s"))


def expansion(asked: Asked, evidence: Sequence[Evidence], store: Windows) -> Found | None:
    """What a short form stands for, as the best sentences spell it out beside it: "LDIF
    (LDAP Data Interchange Format)" or "Stockholm International Peace Research Institute
    (SIPRI)"."""
    acronym = asked.acronym
    if acronym is None:
        return None
    short = re.escape(acronym)
    after = re.compile(rf"\b{short}\b[^()]{{0,20}}?\(([^()]{{3,100}})\)")
    before = re.compile(
        rf"((?:[A-Z][\w'’-]*[\s-]+(?:(?:of|for|and|the|de|in|on|to)\s+)*)+)\(\s*{short}\s*\)"
    )
    said = re.compile(rf"\b{short}\s+(?:stands for|is short for|means)\s+([A-Z][^.,;()]{{3,100}})")
    for anchor in evidence[:ANCHORS]:
        for _, held in window(anchor, store):
            for pattern in (after, before, said):
                for match in pattern.finditer(held.text):
                    lead = re.match(r"\s*(?:(?:the|a|an)\s+)?", match.group(1), re.IGNORECASE)
                    words = match.group(1)[lead.end() if lead else 0 :].strip()
                    if _spells(words, acronym):
                        at = match.start(1) + (lead.end() if lead else 0)
                        return Found(words, held, anchor, anchor.score, at)
    return None


def dated_head(asked: Asked, evidence: Sequence[Evidence], store: Windows) -> Found | None:
    """The date in the head (the first line) of the best sentences' documents, for a question
    about when a document came out: a news article's dateline, a page's "date" line."""
    for source in dict.fromkeys(e.source for e in evidence[:ANCHORS]):
        best = next(e for e in evidence if e.source == source)
        title = head(best, store)
        if title is None:
            continue
        dated = [e for e in entities(title.text) if e.text.lower() in asked.values(title.text)]
        if dated:
            first = min(dated, key=lambda e: e.start)
            return Found(first.text, title, title, best.score, first.start)
    return None


def outlet_of(asked: Asked, evidence: Sequence[Evidence], store: Windows) -> Found | None:
    """The outlet the opening of the best sentences' documents credits with the report
    ("..., Azernews reports, citing Global Times": Azernews), for a question asking which
    outlet ran a document (see :attr:`Asked.asks_a_documents_outlet`)."""
    for source in dict.fromkeys(e.source for e in evidence[:ANCHORS]):
        best = next(e for e in evidence if e.source == source)
        said = opening(source, store)
        tag(e.text for e in said)
        for sentence in said:
            if filed := DATELINE.match(sentence.text):  # "LEEDSWORTH, April 12 (Northline Press)"
                agency = filed.group(1)
                return Found(agency, sentence, sentence, best.score, filed.start(1))
            for entity in entities(sentence.text):
                if entity.label != "ORG" or asked.rules_out(entity.text):
                    continue
                found = Found(entity.text, sentence, sentence, best.score, entity.start)
                if _reports(found) and not _CITED.search(sentence.text[: entity.start]):
                    return found
    return None


def named_for_the_thing(asked: Asked, evidence: Sequence[Evidence], store: Windows) -> Found | None:
    """The name in the best sentences that holds the noun a "which X" question asks for (see
    :attr:`Asked.thing`) as one of its capitalised words: "the NATO Public Forum" for "Which
    forum did Rutte speak at?", "the Cannes Film Festival" for "Which festival ...?". The
    question's own names answer nothing."""
    if asked.thing is None or not evidence:
        return None
    noun = re.escape(asked.thing.capitalize())
    named = re.compile(rf"\b((?:[A-Z][\w'’&.-]*[ \t]+){{0,5}}{noun}(?:e?s)?)\b")
    best = evidence[0].score
    for anchor in evidence[:ANCHORS]:
        if anchor.score < MIN_ANCHOR * best:
            break
        proper = {at for at, pos in pos_tags(anchor.text) if pos in ("NNP", "NNPS")}
        for match in named.finditer(anchor.text):
            value = match.group(1)  # a name: proper nouns, the asked noun last
            words = [m.start() + match.start(1) for m in re.finditer(r"\S+", value)]
            if len(words) < 2 or not set(words) <= proper or asked.gives_name(value):
                continue
            if _in_prose(anchor.text, match.start(1)):  # not a heading ("Deprecated Modules")
                return Found(value, anchor, anchor, anchor.score, match.start(1))
    return None


def _in_prose(text: str, at: int) -> bool:
    """Whether the line of ``text`` holding ``at`` is prose, with words in lower case (not a
    heading or a menu in title case)."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start : end if end >= 0 else len(text)]
    return any(len(w) > 3 for w in re.findall(r"\b[a-z]+\b", line))


MAX_VALUES = 5  # values listed for a question asking for several
_LISTED = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s+)$")  # between items


def _of_one_kind(run: list[Entity], labels: frozenset[str]) -> list[Entity]:
    """The names of a list that are of the asked kind (``labels``): all of them when at least
    two and at least half are; else those the recogniser labelled so."""
    kind = [e for e in run if e.label in labels]
    if len(kind) >= 2 and 2 * len(kind) >= len(run):
        return [e if e.label in labels else replace(e, label=kind[0].label) for e in run]
    return kind


def _with_the_others(
    asked: Asked, found: Found, labels: frozenset[str], own_only: bool = False
) -> Found:
    """``found`` with the values listed beside it: "Which countries ..." is answered by every
    country of a list ("China, North Korea and Iran"), not its first, and not by a country the
    sentence names elsewhere ("the war against Ukraine"). When ``found`` stands in no list and
    its sentence holds one, the list is the answer, unless ``own_only``. Things listed together
    are of one kind: a name the recogniser took for another kind, listed with two of the asked
    kind, is one too ("Kenya, Tanzania and Malawi")."""
    text = found.holder.text
    named = sorted(
        (e for e in _candidates(asked, text, labels) if e.label in labels | NAME_CLASS.keys()),
        key=lambda e: e.start,
    )
    runs: list[list[Entity]] = []
    for entity in named:
        if runs and _LISTED.match(text[runs[-1][-1].end : entity.start]):
            runs[-1].append(entity)
        else:
            runs.append([entity])
    runs = [_of_one_kind(run, labels) for run in runs]
    listed = [[e for e in run if _answers(asked, e, text, labels)] for run in runs if len(run) > 1]
    listed = [run for run in listed if len(run) > 1]
    own = [run for run in listed if any(e.start == found.at for e in run)]
    if not own and (own_only or not listed):
        return found
    run = own[0] if own else max(listed, key=len)
    values = list({_phrase(asked, e, text).lower(): e for e in run}.values())[:MAX_VALUES]
    first, rest = values[0], values[1:]
    return replace(
        found,
        value=_phrase(asked, first, text),
        at=first.start,
        also=tuple((e.start, _phrase(asked, e, text)) for e in rest),
    )
