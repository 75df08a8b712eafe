"""``verify``: keep only answer sentences that the passage they cite supports.

A sentence is supported by a passage when every number, name and quotation in it appears in
the passage, every person, organisation and place it names is named as such there, all but one
in ten of its content words do, and their embeddings are close.
Unsupported sentences are re-cited to a passage that does support them, or dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from index.chunk import sentence_spans
from index.embed import Embedder
from qa.asked import NAME_CLASS, entities
from qa.text import content_terms, markers, names, numbers, strip_markers

_TRAILING_MARKERS = re.compile(r"([.!?])((?:\s*\[\d+\])+)")
_QUOTED = re.compile(r'"([^"]{3,})"|“([^”]{3,})”')
MAX_UNSUPPORTED = 0.1  # share of content words the passage may lack (at least one)
MIN_SIMILARITY = 0.45


@dataclass(frozen=True)
class Claim:
    """An answer sentence (markers removed) and the 1-based evidence number that supports it."""

    text: str
    evidence: int


def rambles(sentence: str) -> bool:
    """The sentence repeats a run of four words (small models loop)."""
    words = [w.lower() for w in sentence.split()]
    grams = [tuple(words[i : i + 4]) for i in range(len(words) - 3)]
    return len(grams) != len(set(grams))


def _plain(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def facts_match(claim: str, passage: str) -> bool:
    """Every number, every name and every quotation of ``claim`` occurs in ``passage``."""
    if not numbers(claim) <= numbers(passage):
        return False
    lowered = _plain(passage)
    quoted = (_plain(m.group(1) or m.group(2)).strip(" ,.") for m in _QUOTED.finditer(claim))
    return all(name in lowered for name in names(claim)) and all(q in lowered for q in quoted)


def _same(a: str, b: str) -> bool:
    a, b = a.lower().removeprefix("the "), b.lower().removeprefix("the ")
    return a in b or b in a


def roles_match(claim: str, passage: str) -> bool:
    """Every person, organisation and place ``claim`` names is named as the same kind of thing
    in ``passage``: "the company that built the bridge was Karst" is not supported by a bridge
    over the Karst river, though every word of it is there."""
    theirs = [(e.text, NAME_CLASS[e.label]) for e in entities(passage) if e.label in NAME_CLASS]
    return all(
        any(kind == NAME_CLASS[e.label] and _same(e.text, text) for text, kind in theirs)
        for e in entities(claim)
        if e.label in NAME_CLASS
    )


def supports(claim: str, passage: str, embedder: Embedder | None = None) -> bool:
    """Whether ``passage`` supports the sentence ``claim`` (see the module docstring).

    >>> supports("NATO spent 55% of world spending.", "NATO spent 55% of world spending.")
    True
    >>> supports("NATO spent 65% of world spending.", "NATO spent 55% of world spending.")
    False
    """
    claim = strip_markers(claim)
    terms = content_terms(claim)
    if not terms or rambles(claim) or not facts_match(claim, passage):
        return False
    if not roles_match(claim, passage):
        return False
    unsupported = len(terms - content_terms(passage))
    if unsupported > max(1, int(len(terms) * MAX_UNSUPPORTED)):
        return False
    if embedder is None:
        return True
    # embed_query caches by text: a claim and a passage are checked again as the draft grows.
    similarity = embedder.embed_query(claim) @ embedder.embed_query(passage)
    return float(similarity) >= MIN_SIMILARITY


def verify(answer: str, evidence: Sequence[str], embedder: Embedder | None = None) -> list[Claim]:
    """The supported sentences of ``answer``, each with the evidence number it now cites.

    ``evidence[i]`` is the passage the model saw as ``[i + 1]``. A sentence whose citations do
    not support it is re-cited to the first passage that does; one that no passage supports
    is dropped.
    """
    answer = _TRAILING_MARKERS.sub(r"\2\1", answer)
    claims: list[Claim] = []
    for span in sentence_spans(answer):
        sentence = answer[span.start : span.end]
        text = strip_markers(sentence)
        cited = [n for n in markers(sentence) if 1 <= n <= len(evidence)]
        others = [n for n in range(1, len(evidence) + 1) if n not in cited]
        for n in cited + others:
            if supports(text, evidence[n - 1], embedder):
                claims.append(Claim(text, n))
                break
    return claims
