"""Ingest cost vs the raw encoder, and re-indexing an unchanged corpus.

    .venv/bin/python -m bench.ingest [--chunks 2000]

Both sides run in one process, one after the other, so a noisy machine skews both alike:
`qa index` (chunking, hashing, encoding, Chroma and FTS5 writes) into a fresh index, and
`SentenceTransformer.encode` (torch) of the same chunk texts with the same batch size; also the
same texts through the ONNX Runtime encoder `qa index` uses, and `qa index` with torch.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from bench.common import WORK, Timer, build_corpus, save
from index.chunk import chunk
from index.config import IndexSettings
from index.embed import load_embedder
from index.load import discover, load
from index.pipeline import index_paths
from index.store import Store


def pick_files(corpus_dir: Path, settings: IndexSettings, chunks: int) -> list[Path]:
    """The first corpus files (sorted) that together hold about ``chunks`` chunks."""
    picked, total = [], 0
    for found in discover([corpus_dir]):
        doc = load(found)
        picked.append(found.path)
        total += len(chunk(doc.text, settings.chunk_chars, settings.overlap_sentences))
        if total >= chunks:
            break
    return picked


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chunks", type=int, default=2000)
    args = parser.parse_args()

    settings = IndexSettings()
    corpus = build_corpus()
    files = pick_files(corpus, settings, args.chunks)
    subset = WORK / "ingest-corpus"
    shutil.rmtree(subset, ignore_errors=True)
    for path in files:
        target = subset / path.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)

    embedder = load_embedder(settings.embed_model, settings.embed_batch_size)
    embedder.embed_query("warm up")
    torch = load_embedder(settings.embed_model, settings.embed_batch_size, backend="torch")
    torch.embed_query("warm up")
    texts = [
        c.text
        for f in discover([subset])
        for c in chunk(load(f).text, settings.chunk_chars, settings.overlap_sentences)
    ]

    index_dir = WORK / "ingest-index"
    shutil.rmtree(index_dir, ignore_errors=True)
    store = Store(index_dir, settings)
    with Timer() as ingest:
        report = index_paths([subset], store, embedder, settings)
    with Timer() as again:
        unchanged = index_paths([subset], store, embedder, settings)
    with Timer() as raw:
        torch.embed_documents(texts)
    with Timer() as raw_onnx:
        embedder.embed_documents(texts)
    torch_dir = WORK / "ingest-index-torch"  # Chroma keeps the first index's files open
    shutil.rmtree(torch_dir, ignore_errors=True)
    with Timer() as ingest_torch:
        index_paths([subset], Store(torch_dir, settings), torch, settings)

    save(
        "ingest",
        {
            "command": f"python -m bench.ingest --chunks {args.chunks}",
            "files": len(files),
            "chunks": store.count(),
            "characters": sum(len(load(f).text) for f in discover([subset])),
            "sentences_encoded": report.embedded,
            "ingest_s": round(ingest.seconds, 2),
            "raw_encode_chunks_s": round(raw.seconds, 2),
            "ingest_over_raw_encode": round(ingest.seconds / raw.seconds, 3),
            "raw_encode_chunks_onnx_s": round(raw_onnx.seconds, 2),
            "ingest_torch_s": round(ingest_torch.seconds, 2),
            "ingest_torch_over_raw_encode": round(ingest_torch.seconds / raw.seconds, 3),
            "reindex_unchanged_s": round(again.seconds, 3),
            "reindex_over_ingest": round(again.seconds / ingest.seconds, 4),
            "reindex_embedded": unchanged.embedded,
            "chunks_per_s": round(store.count() / ingest.seconds, 1),
        },
    )


if __name__ == "__main__":
    main()
