"""Retrieval latency (embed the query + dense + lexical + fuse + fetch) at growing index sizes.

    .venv/bin/python -m bench.retrieval [--sizes 1000 10000] [--queries 200]

One index grows through the sizes (files are added in order until each size is reached), and
at each size the same queries are timed. Queries are real sentences of the corpus, cut to their
first eight words, so each has a genuine answer somewhere in the index.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import time
from typing import Any

from bench.common import WORK, Timer, build_corpus, save, summary_ms
from index.chunk import sentence_spans
from index.embed import Embedder, settings_embedder
from index.load import discover
from index.pipeline import index_paths
from index.store import Store
from qa.retrieve import retrieve
from qa.settings import RetrievalSettings, Settings


def queries(store: Store, n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    ids = [cid for source in store.files() for cid in store.ids_of(source)]
    picked = []
    for chunk in store.chunks(rng.sample(ids, min(n * 3, len(ids)))).values():
        spans = sentence_spans(chunk.text)
        words = chunk.text[spans[0].start : spans[0].end].split()[:8] if spans else []
        if len(words) >= 5:
            picked.append(" ".join(words))
    return picked[:n]


def measure(store: Store, embedder: Embedder, n_queries: int) -> dict[str, Any]:
    """Time whole retrievals, and the dense and lexical queries alone, on ``store`` as it is."""
    retrieval = RetrievalSettings()
    asked = queries(store, n_queries)
    timings = []
    for q in asked:
        start = time.perf_counter()
        retrieve(f"{q} ", store, embedder, retrieval)  # a fresh string: no query-cache hit
        timings.append((time.perf_counter() - start) * 1000)
    dense, lexical = [], []
    for q in asked[:50]:
        vector = embedder.embed_query(q)
        start = time.perf_counter()
        store.dense(vector, retrieval.candidates)
        dense.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        store.lexical(q, retrieval.candidates)
        lexical.append((time.perf_counter() - start) * 1000)
    return {
        "chunks": store.count(),
        "retrieve": summary_ms(timings),
        "dense_only": summary_ms(dense),
        "lexical_only": summary_ms(lexical),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--existing", action="store_true", help="only time queries on the index already built"
    )
    args = parser.parse_args()

    settings = Settings().index  # QA_INDEX__* variables apply
    index_dir = WORK / "retrieval-index"
    embedder = settings_embedder(settings)
    embedder.embed_query("warm up")
    if args.existing:
        result = measure(Store(index_dir, settings), embedder, args.queries)
        save(
            "retrieval-existing",
            {"command": "python -m bench.retrieval --existing", "sizes": [result]},
        )
        return

    corpus = build_corpus()
    shutil.rmtree(index_dir, ignore_errors=True)
    store = Store(index_dir, settings)
    files = [f.path for f in discover([corpus])]
    results, added, build_s = [], 0, 0.0
    for size in sorted(args.sizes):
        while store.count() < size and added < len(files):
            batch = files[added : added + 10]
            with Timer() as t:
                index_paths(batch, store, embedder, settings, root=corpus)
            build_s += t.seconds
            added += len(batch)
        results.append({**measure(store, embedder, args.queries), "build_s": round(build_s, 1)})
        print(results[-1], flush=True)
    command = ["--sizes", *map(str, args.sizes), "--queries", str(args.queries)]
    save(
        "retrieval", {"command": "python -m bench.retrieval " + " ".join(command), "sizes": results}
    )


if __name__ == "__main__":
    main()
