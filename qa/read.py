"""``read``: score the sentences of the retrieved passages against the question.

The model only ever sees the few sentences chosen here, which keeps the prompt short (fast on a
CPU) and the answer close to the documents.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from index.chunk import Span, sentence_spans
from index.embed import Embedder
from qa.retrieve import Passage
from qa.text import content_terms

_SHORT = 30  # a sentence this short ("Guo asked.") is read together with the one before it


@dataclass(frozen=True)
class Evidence:
    """A sentence of a source file with its relevance to the question.

    ``relevance`` is the cosine similarity with the question, ``overlap`` the IDF-weighted share
    of the question's content words it contains, ``score`` their blend.
    """

    source: str
    start: int
    end: int
    line: int
    text: str
    score: float
    relevance: float
    overlap: float


def _spans(passage: Passage) -> list[Span]:
    spans: list[Span] = []
    for span in sentence_spans(passage.text):
        if spans and span.end - span.start < _SHORT:
            spans[-1] = Span(spans[-1].start, span.end)
        else:
            spans.append(span)
    return spans


def _candidates(passages: Sequence[Passage]) -> list[tuple[Passage, Span]]:
    """Sentences of all passages, each once (chunks overlap)."""
    seen: set[tuple[str, int]] = set()
    out = []
    for passage in passages:
        for span in _spans(passage):
            key = (passage.source, passage.start + span.start)
            if key not in seen:
                seen.add(key)
                out.append((passage, span))
    return out


def _overlaps(question: str, sentences: list[str]) -> list[float]:
    terms = content_terms(question)
    if not terms:
        return [0.0] * len(sentences)
    bags = [content_terms(s) for s in sentences]
    df = Counter(t for bag in bags for t in bag & terms)
    idf = {t: math.log(1 + (len(bags) + 1) / (df[t] + 0.5)) for t in terms}
    total = sum(idf.values())
    return [sum(idf[t] for t in terms & bag) / total for bag in bags]


def read(
    question: str,
    passages: Sequence[Passage],
    embedder: Embedder,
    context: str | None = None,
) -> list[Evidence]:
    """Every sentence of ``passages``, scored against ``question``, best first.

    ``context`` (the conversation so far) counts for a quarter of the semantic score, so a
    follow-up such as "and what about its budget?" still finds its subject.
    """
    candidates = _candidates(passages)
    if not candidates:
        return []
    texts = [p.text[s.start : s.end] for p, s in candidates]
    queries = [question] + ([f"{context} {question}"] if context else [])
    vectors = embedder.embed_documents(queries + texts)
    sims = vectors[len(queries) :] @ vectors[: len(queries)].T
    relevance = sims[:, 0] if not context else 0.75 * sims[:, 0] + 0.25 * sims[:, 1]
    overlap = np.asarray(_overlaps(question, texts))
    scores = 0.6 * relevance + 0.4 * overlap
    evidence = [
        Evidence(
            source=p.source,
            start=p.start + s.start,
            end=p.start + s.end,
            line=p.line + p.text.count("\n", 0, s.start),
            text=text,
            score=float(score),
            relevance=float(rel),
            overlap=float(ov),
        )
        for (p, s), text, score, rel, ov in zip(
            candidates, texts, scores, relevance, overlap, strict=True
        )
    ]
    return sorted(evidence, key=lambda e: e.score, reverse=True)
