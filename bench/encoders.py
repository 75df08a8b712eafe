"""Encoder variants: speed on corpus sentences, and how far their vectors are from fp32's.

    .venv/bin/python -m bench.encoders [--sentences 1000] [--old-index DIR --new-index DIR]

Speed: the distinct sentence units of the first corpus files (what `qa index` encodes), through
each variant in one run: the fp32 and int8 exports, with ONNX Runtime's default threading
(spinning threads) and with the one the embedder uses. Drift: cosine of every variant's vectors
to the fp32 export's, on the same sentences; with two indexes of one corpus (e.g. fp32 and
int8), the cosine between their stored chunk and sentence vectors, matched by chunk id.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import numpy as np

from bench.common import WORK, Timer, build_corpus, save
from bench.ingest import units
from index.config import IndexSettings
from index.embed import bundled_model_path
from index.onnx_embedder import OnnxEmbedder, load_onnx_embedder
from index.store import Store


def cosines(a: np.ndarray, b: np.ndarray) -> dict[str, float]:
    c = (a * b).sum(axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
    return {
        "mean": round(float(c.mean()), 5),
        "p1": round(float(np.percentile(c, 1)), 5),
        "min": round(float(c.min()), 5),
        "n": len(c),
    }


def spinning(embedder: OnnxEmbedder) -> OnnxEmbedder:
    """``embedder`` with ONNX Runtime's default thread pool (threads spin between operators)."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = len(__import__("os").sched_getaffinity(0))
    options.log_severity_level = 3
    embedder._session = onnxruntime.InferenceSession(
        str(embedder.onnx_file), options, providers=["CPUExecutionProvider"]
    )
    return embedder


def compare_indexes(old: Path, new: Path) -> dict[str, Any]:
    """Cosine between the chunk vectors (Chroma) and sentence vectors (SQLite) of two indexes
    of one corpus, matched by chunk id (and sentence offsets)."""
    pairs = ((old, "fp32"), (new, "int8"))
    stores = [Store(d, IndexSettings(embed_precision=p)) for d, p in pairs]
    ids = sorted(
        {cid for s in stores[0].files() for cid in stores[0].ids_of(s)}
        & {cid for s in stores[1].files() for cid in stores[1].ids_of(s)}
    )
    chunk_vectors = []
    for store in stores:
        got: dict[str, Any] = {}
        for i in range(0, len(ids), 5000):
            part = store._collection.get(ids=ids[i : i + 5000], include=["embeddings"])
            got.update(zip(part["ids"], part["embeddings"], strict=True))
        chunk_vectors.append(np.array([got[cid] for cid in ids], dtype=np.float32))
    unit_vectors = []
    for store in stores:
        rows = store._db.execute('SELECT chunk_id, start, "end", vector FROM units').fetchall()
        unit_vectors.append({(r[0], r[1], r[2]): r[3] for r in rows})
    keys = sorted(unit_vectors[0].keys() & unit_vectors[1].keys())

    def stack(table: dict[Any, bytes]) -> np.ndarray:
        return np.array([np.frombuffer(table[k], dtype=np.float16) for k in keys], np.float32)

    return {
        "old_index": str(old),
        "new_index": str(new),
        "chunks_matched": len(ids),
        "chunk_vectors": cosines(*chunk_vectors),
        "sentence_vectors": cosines(stack(unit_vectors[0]), stack(unit_vectors[1])),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sentences", type=int, default=1000)
    parser.add_argument("--old-index", type=Path)
    parser.add_argument("--new-index", type=Path)
    args = parser.parse_args()

    result: dict[str, Any] = {"command": "python -m bench.encoders"}
    if args.old_index and args.new_index:
        result["indexes"] = compare_indexes(args.old_index, args.new_index)
        print(result["indexes"], flush=True)

    settings = IndexSettings()
    corpus = build_corpus()
    texts = list(dict.fromkeys(t.strip() for t in units(corpus / "django", settings)))
    texts = texts[: args.sentences]
    folder = bundled_model_path()
    cache = WORK / "cache-encoders"
    fp32 = load_onnx_embedder(folder, settings.embed_batch_size, cache, "fp32")
    int8 = load_onnx_embedder(folder, settings.embed_batch_size, cache, "int8")
    variants = {
        "fp32, spinning threads": spinning(
            load_onnx_embedder(folder, settings.embed_batch_size, cache, "fp32")
        ),
        "fp32": fp32,
        "int8, spinning threads": spinning(
            load_onnx_embedder(folder, settings.embed_batch_size, cache, "int8")
        ),
        "int8": int8,
    }
    reference = fp32.embed_documents(texts)
    rows = {}
    for name, embedder in variants.items():
        embedder.embed_documents(texts[:32])
        with Timer() as timer:
            vectors = embedder.embed_documents(texts)
        rows[name] = {
            "seconds": round(timer.seconds, 2),
            "cosine_to_fp32": cosines(vectors, reference),
        }
        print(name, rows[name], flush=True)
    alone = np.stack([int8.embed_documents([t])[0] for t in texts[:200]])
    batched = int8.embed_documents(texts[:200])
    result.update(
        sentences=len(texts),
        mean_chars=round(sum(map(len, texts)) / len(texts), 1),
        variants=rows,
        int8_alone_vs_in_batches=cosines(alone, batched),
        int8_alone_vs_fp32=cosines(alone, reference[:200]),
    )
    save("encoders", result)


if __name__ == "__main__":
    main()
