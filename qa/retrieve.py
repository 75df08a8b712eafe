"""``retrieve``: hybrid search, dense (Chroma) and lexical (BM25 in tantivy), fused by rank."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from index.embed import Embedder
from index.store import Store, Unit
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
    """The ``settings.top_k`` passages for ``query``, best first.

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
