"""``retrieve``: hybrid search, dense (Chroma) and lexical (BM25 in tantivy), fused by rank."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise

from index.embed import Embedder
from index.store import Store, StoredChunk, Unit
from qa.settings import RetrievalSettings


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk: ``text == file[start:end]`` for ``source`` under the indexed root."""

    id: str
    source: str
    start: int
    end: int
    line: int
    text: str
    score: float
    dense: float | None = None
    lexical: float | None = None
    units: tuple[Unit, ...] = ()


def retrieve(
    query: str,
    store: Store,
    embedder: Embedder,
    settings: RetrievalSettings,
    context: str | None = None,
) -> list[Passage]:
    """The ``settings.top_k`` passages for ``query``, best first, then any passage lying
    between two of them in one document (see :func:`_gaps`).

    Each ranking (dense and lexical, for the query and, at half weight, for ``context`` such as
    the conversation so far) adds ``weight / (rrf_k + rank)`` to a chunk's score.

    >>> retrieve("What share of global spending did China attribute to NATO?", ...)[0].text
    "Chinese Foreign Ministry spokesman said that NATO's combined military expenditure was 55% ..."
    """
    queries = [(query, 1.0)] + ([(context, 0.5)] if context else [])
    fused: dict[str, float] = defaultdict(float)
    dense_scores: dict[str, float] = {}
    lexical_scores: dict[str, float] = {}
    for text, weight in queries:
        dense = store.dense(embedder.embed_query(text), settings.candidates)
        lexical = store.lexical(text, settings.candidates)
        for ranking, scores in ((dense, dense_scores), (lexical, lexical_scores)):
            for rank, (cid, score) in enumerate(ranking):
                fused[cid] += weight / (settings.rrf_k + rank + 1)
                scores.setdefault(cid, score)
    best = sorted(fused, key=fused.__getitem__, reverse=True)[: settings.top_k]
    chunks = store.chunks(best)
    for cid, chunk in _gaps(store, list(chunks.values())).items():
        chunks[cid] = chunk
        fused[cid] = min(fused[b] for b in best)
        best.append(cid)
    units = store.units(best)
    return [
        Passage(
            c.id,
            c.source,
            c.start,
            c.end,
            c.line,
            c.text,
            fused[cid],
            dense_scores.get(cid),
            lexical_scores.get(cid),
            tuple(units.get(cid, ())),
        )
        for cid in best
        if (c := chunks.get(cid))
    ]


GAP_CHUNKS = 1


def _gaps(store: Store, chosen: list[StoredChunk]) -> dict[str, StoredChunk]:
    """The chunks lying between two chosen chunks of one document, when at most
    :data:`GAP_CHUNKS` lie there: a passage between two that answer a question continues their
    discussion, though its own words ranked it lower ("China is a builder of world peace"
    between two passages on Guo's remarks)."""
    by_source: dict[str, list[StoredChunk]] = defaultdict(list)
    for c in chosen:
        by_source[c.source].append(c)
    found: dict[str, StoredChunk] = {}
    known = {c.id for c in chosen}
    for source, picked in by_source.items():
        picked.sort(key=lambda c: c.start)
        for a, b in pairwise(picked):
            if b.start <= a.end:
                continue
            inside = [c for c in store.between(source, a.start + 1, b.end - 1) if c.id not in known]
            if 0 < len(inside) <= GAP_CHUNKS:
                found.update((c.id, c) for c in inside)
    return found
