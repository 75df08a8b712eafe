"""``verify``: keep only answer sentences that the passage they cite supports.

A sentence is supported by a passage when every number and every name in it appears in the
passage, and the passage carries its meaning: most of its content words, or a close embedding.
Unsupported sentences are re-cited to a passage that does support them, or dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from index.chunk import sentence_spans
from index.embed import Embedder
from qa.text import content_terms, markers, names, numbers, strip_markers

_TRAILING_MARKERS = re.compile(r"([.!?])((?:\s*\[\d+\])+)")
MIN_OVERLAP = 0.6
MIN_SIMILARITY = 0.75


@dataclass(frozen=True)
class Claim:
    """An answer sentence (markers removed) and the 1-based evidence number that supports it."""

    text: str
    evidence: int


def facts_match(claim: str, passage: str) -> bool:
    """Every number and every name of ``claim`` occurs in ``passage``."""
    if not numbers(claim) <= numbers(passage):
        return False
    lowered = passage.lower().replace("’", "'")
    return all(name in lowered for name in names(claim))


def supports(claim: str, passage: str, embedder: Embedder | None = None) -> bool:
    """Whether ``passage`` supports the sentence ``claim`` (see the module docstring).

    >>> supports("NATO spent 55% of the world total.", "NATO's expenditure was 55% of global spending.")
    True
    >>> supports("NATO spent 65% of the world total.", "NATO's expenditure was 55% of global spending.")
    False
    """
    claim = strip_markers(claim)
    terms = content_terms(claim)
    if not terms or not facts_match(claim, passage):
        return False
    if len(terms & content_terms(passage)) / len(terms) >= MIN_OVERLAP:
        return True
    if embedder is None:
        return False
    a, b = embedder.embed_documents([claim, passage])
    return float(a @ b) >= MIN_SIMILARITY


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
