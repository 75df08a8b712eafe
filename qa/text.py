"""Small text helpers shared by the reader and the verifier."""

from __future__ import annotations

import re
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
    return {
        stem(w)
        for w in _WORD.findall(text)
        if w.lower() not in STOPWORDS and w.lower() not in _QUESTION_WORDS and len(w) > 1
    }


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


def strip_markers(text: str) -> str:
    """The text without ``[n]`` citation markers."""
    return _MARKER.sub("", text).strip()


def markers(text: str) -> list[int]:
    """The citation numbers in ``text``, in order."""
    return [int(m) for m in _MARKER.findall(text)]
