"""BM25 engines side by side on the chunks of an existing index: SQLite FTS5 (what the store
uses), tantivy (block-max WAND top-k) and bm25s (sparse matrix scoring).

    pip install --target bench/work/pylib tantivy bm25s   # kept out of the project's venv
    PYTHONPATH=.:bench/work/pylib .venv/bin/python -m bench.lexical [--queries 200]

Queries are the first eight words of the first sentence of random chunks (as in
bench.retrieval), made of the same content words for every engine; recall is the share of
queries whose own chunk is among the top ``candidates``, overlap the share of FTS5's top
``candidates`` that the engine also returns.
"""

from __future__ import annotations

import argparse
import random
import shutil
import time
from pathlib import Path
from typing import Any

from bench.common import WORK, Timer, save, summary_ms
from index.chunk import sentence_spans
from index.store import _WORD, STOPWORDS, Store
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


def words(text: str) -> list[str]:
    return list(dict.fromkeys(w for w in _WORD.findall(text.lower()) if w not in STOPWORDS))


def tantivy_engine(rows: list[tuple[str, str]]) -> tuple[Any, float]:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("text", stored=False, tokenizer_name="en_stem")
    schema = builder.build()
    folder = WORK / "tantivy-index"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    index = tantivy.Index(schema, path=str(folder))
    with Timer() as build:
        writer = index.writer(heap_size=200_000_000, num_threads=1)
        for cid, text in rows:
            writer.add_document(tantivy.Document(id=cid, text=text))
        writer.commit()
        writer.wait_merging_threads()
    index.reload()
    searcher = index.searcher()

    def search(query: str, n: int) -> list[str]:
        terms = words(query)
        if not terms:
            return []
        parsed = index.parse_query(" ".join(terms), ["text"])
        hits = searcher.search(parsed, n).hits
        return [searcher.doc(address)["id"][0] for _, address in hits]

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
        terms = words(query)
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

    def fts(query: str, k: int) -> list[str]:
        return [cid for cid, _ in store.lexical(query, k)]

    engines: dict[str, tuple[Any, float | None]] = {"fts5": (fts, None)}
    engines["tantivy"] = tantivy_engine(rows)
    engines["bm25s"] = bm25s_engine(rows)
    reference = {q: fts(q, n) for q, _ in asked}
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
