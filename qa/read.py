"""``read``: score the sentences of the retrieved passages against the question.

The model only ever sees the few sentences chosen here, which keeps the prompt short (fast on a
CPU) and the answer close to the documents. Sentence vectors were made at indexing time, so
reading costs no encoding beyond the question's own.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np

from index.chunk import sentence_spans
from index.embed import Embedder
from index.store import Unit
from qa.retrieve import Passage
from qa.text import shared_terms, term_forms


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
    in_place: float = 0.0  # the score with the sentences either side of it (see read)


def _candidates(passages: Sequence[Passage]) -> list[tuple[Passage, Unit]]:
    """Sentences of all passages, each once (chunks overlap)."""
    seen: set[tuple[str, int]] = set()
    out = []
    for passage in passages:
        for unit in passage.units:
            key = (passage.source, passage.start + unit.start)
            if key not in seen:
                seen.add(key)
                out.append((passage, unit))
    return out


def _window_vectors(candidates: Sequence[tuple[Passage, Unit]]) -> np.ndarray:
    """Each sentence's vector with those of the sentences either side of it in its passage,
    normalised: the meaning of a sentence in its place ("It was renewed for a second season"
    after the sentence naming the drama)."""
    places = {id(u): (p.units, at) for p, _ in candidates for at, u in enumerate(p.units)}
    out = []
    for _, unit in candidates:
        units, at = places[id(unit)]
        vector = np.sum([u.vector for u in units[max(0, at - 1) : at + 2]], axis=0)
        out.append(vector / (np.linalg.norm(vector) or 1.0))
    return np.stack(out)


def in_place(evidence: Sequence[Evidence]) -> list[Evidence]:
    """``evidence`` ranked by its scores in place (see :func:`read`), as its scores."""
    placed = [replace(e, score=e.in_place) for e in evidence]
    return sorted(placed, key=lambda e: e.score, reverse=True)


def _overlaps(question: str, sentences: list[str]) -> np.ndarray:
    """Each sentence's IDF-weighted share of the question's content words, a word counting in
    any of its forms (see :func:`qa.text.shared_terms`: "owns" holds "owner")."""
    terms = term_forms(question)
    if not terms:
        return np.zeros(len(sentences))
    bags = [shared_terms(terms, s) for s in sentences]
    df = Counter(t for bag in bags for t in bag)
    idf = {t: math.log(1 + (len(bags) + 1) / (df[t] + 0.5)) for t in terms}
    total = sum(idf.values())
    return np.array([sum(idf[t] for t in bag) / total for bag in bags])


def _on_scale(ranking: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """``ranking`` scaled so that its best equals the best of ``scale``: the order comes from
    one score, how relevant the best sentence is from the other (what the thresholds of
    :mod:`qa.decide` read). A short rest of a question ("On which day did speak?") matches
    every sentence weakly; that orders them, but makes none less relevant."""
    top = float(ranking.max())
    return ranking * (float(scale.max()) / top) if top > 0 else ranking


def read(
    question: str,
    passages: Sequence[Passage],
    embedder: Embedder,
    context: str | None = None,
    asks: str | None = None,
) -> list[Evidence]:
    """Every sentence of ``passages``, scored against ``question``, best first.

    Each is scored alone (``score``) and in its place (``in_place``: its vector summed with
    those of the sentences either side of it, see :func:`in_place`). Both blend the question
    with ``asks``, what it asks of the names it gives (see :attr:`qa.asked.Asked.asks`), in
    meaning and in words: the names say which document, the rest which sentence. ``context`` (the
    conversation so far) counts for a quarter of the semantic score, so a follow-up such as
    "and what about its budget?" still finds its subject.
    """
    candidates = _candidates(passages)
    if not candidates:
        return []
    texts = [p.text[u.start : u.end] for p, u in candidates]
    matrix = np.stack([u.vector for _, u in candidates])
    windows = _window_vectors(candidates)
    query = embedder.embed_query(question)
    relevance, around = matrix @ query, windows @ query
    if context:
        talk = embedder.embed_query(context)
        relevance = 0.75 * relevance + 0.25 * (matrix @ talk)
        around = 0.75 * around + 0.25 * (windows @ talk)
    overlap = _overlaps(question, texts)
    scores = 0.6 * relevance + 0.4 * overlap
    placed_scores = 0.6 * around + 0.4 * overlap
    if asks:
        # What the question asks of its names counts as much as the whole question: the
        # sentence answering it may name them only in the sentence before, or not at all.
        gist = embedder.embed_query(asks)
        shared = 0.5 * (overlap + _overlaps(asks, texts))
        scores = _on_scale(0.3 * (relevance + matrix @ gist) + 0.4 * shared, scores)
        placed_scores = _on_scale(0.3 * (around + windows @ gist) + 0.4 * shared, placed_scores)
    evidence = [
        Evidence(
            source=p.source,
            start=p.start + u.start,
            end=p.start + u.end,
            line=p.line + p.text.count("\n", 0, u.start),
            text=text,
            score=float(score),
            relevance=float(rel),
            overlap=float(ov),
            in_place=float(placed),
        )
        for (p, u), text, score, rel, ov, placed in zip(
            candidates, texts, scores, relevance, overlap, placed_scores, strict=True
        )
    ]
    return sorted(evidence, key=lambda e: e.score, reverse=True)


class Windows(Protocol):
    """What extraction needs of the store: text around a span, and a document's title."""

    def around(self, source: str, start: int, end: int, margin: int = 400) -> tuple[int, str]: ...

    def title(self, source: str) -> tuple[int, int, str] | None: ...


class RememberedWindows:
    """A :class:`Windows` that reads each span's surroundings and each title once: the subject
    rules and value extraction look around the same best sentences of one question."""

    def __init__(self, store: Windows) -> None:
        self._store = store
        self._around: dict[tuple[str, int, int, int], tuple[int, str]] = {}
        self._titles: dict[str, tuple[int, int, str] | None] = {}

    def around(self, source: str, start: int, end: int, margin: int = 400) -> tuple[int, str]:
        key = (source, start, end, margin)
        if key not in self._around:
            self._around[key] = self._store.around(source, start, end, margin)
        return self._around[key]

    def title(self, source: str) -> tuple[int, int, str] | None:
        if source not in self._titles:
            self._titles[source] = self._store.title(source)
        return self._titles[source]


def window(anchor: Evidence, store: Windows) -> list[tuple[str, Evidence]]:
    """The anchor sentence, the sentences either side of it and its document's title, each as
    evidence with exact offsets (``text == file[start:end]``)."""
    offset, text = store.around(anchor.source, anchor.start, anchor.end)
    start, end = anchor.start - offset, anchor.end - offset
    spans = sentence_spans(text)
    out: list[tuple[str, Evidence]] = [("sentence", anchor)]
    before = [s for s in spans if s.end <= start]
    after = [s for s in spans if s.start >= end]
    if before:
        span = before[-1]
        line = anchor.line - text.count("\n", span.start, start)
        out.append(
            (
                "previous",
                evidence_at(anchor, offset + span.start, text[span.start : span.end], line),
            )
        )
    if after:
        span = after[0]
        line = anchor.line + text.count("\n", start, span.start)
        out.append(
            ("next", evidence_at(anchor, offset + span.start, text[span.start : span.end], line))
        )
    title = head(anchor, store)
    if title is not None and title.end <= anchor.start:
        out.append(("title", title))
    return out


def opening(source: str, store: Windows, span: int = 1500) -> list[Evidence]:
    """The sentences of ``source`` from its title on, within ``span`` characters of it, as
    evidence the reader did not score: where a report says what it is and who filed it."""
    title = store.title(source)
    if title is None:
        return []
    offset, text = store.around(source, title[0], title[0], span)
    out = []
    for sentence in sentence_spans(text):
        start, end = offset + sentence.start, offset + sentence.end
        if start < title[0]:
            continue
        line = title[1] + text.count("\n", title[0] - offset, sentence.start)
        said = text[sentence.start : sentence.end]
        out.append(Evidence(source, start, end, line, said, 0.0, 0.0, 0.0))
    return out


def head(anchor: Evidence, store: Windows) -> Evidence | None:
    """The title (first line) of ``anchor``'s document, as evidence beside it."""
    title = store.title(anchor.source)
    if title is None or not title[2]:
        return None
    return evidence_at(anchor, title[0], title[2], title[1])


def evidence_at(anchor: Evidence, start: int, text: str, line: int) -> Evidence:
    """``text``, standing at ``start`` (on ``line``) of ``anchor``'s document, as evidence read
    beside ``anchor``: it takes the anchor's scores."""
    return Evidence(
        anchor.source, start, start + len(text), line, text, anchor.score, anchor.relevance, 0.0
    )
