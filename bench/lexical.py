"""BM25 engines side by side on the chunks of an existing index: tantivy (block-max WAND top-k,
what the store uses), SQLite FTS5 (what it used before, built here from the same chunks) and,
when installed, bm25s (sparse matrix scoring).

    pip install --target bench/work/pylib bm25s   # optional, kept out of the project's venv
    PYTHONPATH=.:bench/work/pylib .venv/bin/python -m bench.lexical [--queries 200]

Queries are the first eight words of the first sentence of random chunks (as in
bench.retrieval), made of the same content words for every engine; recall is the share of
queries whose own chunk is among the top ``candidates``, overlap the share of FTS5's top
``candidates`` that the engine also returns.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import shutil
import sqlite3
import time
from pathlib import Path
from typing import Any

from bench.common import WORK, Timer, save, summary_ms
from index.chunk import sentence_spans
from index.lexical import LexicalIndex
from index.store import Store, query_words
from qa.settings import RetrievalSettings, Settings


def sample(store: Store, n: int, seed: int = 7) -> list[tuple[str, str]]:
    """(query, the chunk it was cut from) for ``n`` random chunks with a long first sentence."""
    rng = random.Random(seed)
    ids = [cid for source in store.files() for cid in store.ids_of(source)]
    picked = []
    for cid, chunk in store.chunks(rng.sample(ids, min(n * 3, len(ids)))).items():
        spans = sentence_spans(chunk.text)
        words = chunk.text[spans[0].start : spans[0].end].split()[:8] if spans else []
        if len(words) >= 5:
            picked.append((" ".join(words), cid))
    return picked[:n]


def fts5_engine(rows: list[tuple[str, str]]) -> tuple[Any, float]:
    """SQLite FTS5 ``bm25()`` over the same chunks, as the store used before tantivy."""
    folder = WORK / "fts5-index"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    db = sqlite3.connect(folder / "fts5.sqlite3")
    with Timer() as build:
        db.execute(
            "CREATE VIRTUAL TABLE fts USING fts5(id UNINDEXED, text, tokenize='porter unicode61')"
        )
        with db:
            db.executemany("INSERT INTO fts(id, text) VALUES (?, ?)", rows)

    def search(query: str, n: int) -> list[str]:
        terms = query_words(query)
        if not terms:
            return []
        match = " OR ".join(f'"{w}"' for w in terms)
        return [
            r[0]
            for r in db.execute(
                "SELECT id FROM fts WHERE fts MATCH ? ORDER BY bm25(fts) LIMIT ?", (match, n)
            )
        ]

    return search, build.seconds


def bm25s_engine(rows: list[tuple[str, str]]) -> tuple[Any, float]:
    import bm25s

    ids = [cid for cid, _ in rows]
    with Timer() as build:
        retriever = bm25s.BM25()
        retriever.index(
            bm25s.tokenize([t for _, t in rows], show_progress=False), show_progress=False
        )

    def search(query: str, n: int) -> list[str]:
        terms = query_words(query)
        if not terms:
            return []
        tokens = bm25s.tokenize([" ".join(terms)], show_progress=False)
        docs, _ = retriever.retrieve(tokens, k=n, show_progress=False, n_threads=1)
        return [ids[i] for i in docs[0]]

    return search, build.seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--index-dir", type=Path, default=WORK / "retrieval-index")
    args = parser.parse_args()

    store = Store(args.index_dir, Settings().index)
    n = RetrievalSettings().candidates
    rows = store._db.execute("SELECT id, text FROM chunks ORDER BY rowid").fetchall()
    asked = sample(store, args.queries)

    def in_use(query: str, k: int) -> list[str]:
        return [cid for cid, _ in store.lexical(query, k)]

    with Timer() as rebuild:  # what opening a store without its lexical index costs
        LexicalIndex(WORK / "tantivy-rebuild").rebuild(
            store._db.execute("SELECT id, source, text FROM chunks")
        )
    shutil.rmtree(WORK / "tantivy-rebuild")
    engines: dict[str, tuple[Any, float | None]] = {"tantivy": (in_use, rebuild.seconds)}
    engines["fts5"] = fts5_engine(rows)
    if importlib.util.find_spec("bm25s"):
        engines["bm25s"] = bm25s_engine(rows)
    reference = {q: engines["fts5"][0](q, n) for q, _ in asked}
    result: dict[str, Any] = {
        "command": "python -m bench.lexical",
        "chunks": len(rows),
        "queries": len(asked),
        "top": n,
    }
    for name, (search, build_s) in engines.items():
        timings, found, overlap = [], 0, 0.0
        search(asked[0][0], n)
        for query, cid in asked:
            start = time.perf_counter()
            got = search(query, n)
            timings.append((time.perf_counter() - start) * 1000)
            found += cid in got
            overlap += len(set(got) & set(reference[query])) / max(len(reference[query]), 1)
        result[name] = {
            **summary_ms(timings),
            "recall": round(found / len(asked), 3),
            "overlap_with_fts5": round(overlap / len(asked), 3),
            "build_s": None if build_s is None else round(build_s, 1),
        }
        print(name, result[name], flush=True)
    save("lexical", result)


if __name__ == "__main__":
    main()
