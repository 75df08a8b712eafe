"""Small text helpers shared by the reader and the verifier."""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

import snowballstemmer
from breame.spelling import get_american_spelling

from index.store import STOPWORDS

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+(?:[.,]\d+)*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# A capitalised word, with the capitalised parts joined to it ("Jean-Luc", "O'Neill"): the
# name in "Debian-based" is Debian.
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z]+(?:[-'’][A-Z][A-Za-z]*)*")
_FIRST = re.compile(r"[A-Z][a-zA-Z]+(?:[-'’][A-Z][A-Za-z]*)*")
_QUESTION_WORDS = frozenset("what which who whom whose when where why how".split())
# Verbs that open a request ("Summarize ...", "List ...").
_REQUEST_VERBS = "describe explain list name summarize summarise give show find identify compare"
# Words that often open a sentence or a request without naming anything.
_STARTERS = frozenset(
    "according also although however in last meanwhile separately some yes no not one "
    f"{_REQUEST_VERBS} please should may might must".split()
)
_MARKER = re.compile(r"\s*\[(\d+)\]")
_EDGES = "\"'“”‘’()[],.;:!?"


_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A word's stem: lower case, possessive dropped, American spelling ("defence" and
    "defense" are one word), then the Snowball English stemmer ("citing" and "cite",
    "supplied" and "supply")."""
    word = get_american_spelling(word.lower().replace("’", "'").removesuffix("'s").strip("'"))
    return str(_STEMMER.stemWord(word))


def content_terms(text: str) -> set[str]:
    """Stems of the words that carry meaning (no stop or question words)."""
    return set(term_forms(text))


def _agent_bases(word: str) -> set[str]:
    """The stems of the verb an agent noun is made from: "own" for "owner", "buy" for
    "buyer", "make" for "maker", "invest" for "investor"."""
    word = word.lower()
    if len(word) < 5 or not word.endswith(("er", "or")):
        return set()
    bases = {stem(word[:-2])}
    if word.endswith("er"):
        bases.add(stem(word[:-1]))  # "maker": make
    return {b for b in bases if len(b) >= 3}


@lru_cache(maxsize=65536)
def term_forms(text: str) -> dict[str, frozenset[str]]:
    """Each content term of ``text`` (see :func:`content_terms`) with the stems it may stand
    for: itself and, for an agent noun, its verb ("owner": owner, own). Kept per text (the
    same sentences come back question after question): do not change what it returns."""
    return {
        stem(w): frozenset({stem(w)} | _agent_bases(w) | _parts(w))
        for w in _WORD.findall(text)
        if w.lower() not in STOPWORDS and w.lower() not in _QUESTION_WORDS and len(w) > 1
    }


def _parts(word: str) -> set[str]:
    """The stems of the words a hyphenated compound joins ("top-seeded": top, seed), so that
    it meets the same words written apart ("top seed")."""
    if "-" not in word:
        return set()
    return {stem(p) for p in word.split("-") if len(p) >= 3 and p.isalpha()}


def shared_terms(terms: dict[str, frozenset[str]], text: str) -> set[str]:
    """The terms of ``terms`` (see :func:`term_forms`) that ``text`` holds in one of their
    forms: "owns" holds the question's "owner", "buyer" the question's "buying"."""
    held = term_forms(text)
    forms = {f for fs in held.values() for f in fs}
    return {t for t, fs in terms.items() if fs & forms or t in held}


# A request's verbs ("Summarize ...", "List ..."): they frame a question, they are not its topic.
REQUESTS = frozenset(stem(w) for w in f"{_REQUEST_VERBS} outline overview tell".split())


def numbers(text: str) -> set[str]:
    """Numbers as written, without thousands separators: ``{"55", "314", "2024"}``."""
    return {n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text)}


def names(text: str, first_is_name: bool | None = None) -> set[str]:
    """Capitalised words (names, places, days), lower-cased, possessives dropped.

    A sentence's first word is capitalised anyway: it counts when ``first_is_name`` says so (a
    tagger's proper noun), or, when that is not known, unless it is a common word ("The",
    "What").
    """
    text = text.strip()
    found = {m.group() for m in _CAPITALISED.finditer(text)}
    first = _FIRST.match(text)
    if first and first_is_name is not False:
        word = first.group().lower().replace("’", "'").removesuffix("'s")
        common = word in STOPWORDS or word in _QUESTION_WORDS or word in _STARTERS
        if first_is_name or not common:
            found.add(first.group())
    return {n.lower().replace("’", "'").removesuffix("'s") for n in found}


def without_names(question: str, named: Collection[str] | None = None) -> str:
    """``question`` without the names it is about (``named``, lower case, or else
    :func:`names`): what it asks of them. "When will Dunmore's new mayor take office?" leaves
    "When will new mayor take office?", which "The mayor-elect will be sworn in on January 2."
    matches better than the whole question does, whose vector its names pull towards every
    sentence that names them."""
    named = names(question) if named is None else named
    kept = [
        w
        for w in question.split()
        if w.strip(_EDGES).lower().replace("’", "'").removesuffix("'s") not in named
    ]
    return " ".join(kept)


def strip_markers(text: str) -> str:
    """The text without ``[n]`` citation markers."""
    return _MARKER.sub("", text).strip()


def markers(text: str) -> list[int]:
    """The citation numbers in ``text``, in order."""
    return [int(m) for m in _MARKER.findall(text)]
