"""`qa index` of a corpus subset: this code's encoders against another checkout's, one run.

    .venv/bin/python -m bench.ingest [--chunks 2000] [--baseline ../main]

Every variant is a fresh `qa index` process into a fresh index (what a user waits for:
start-up, reading, chunking, encoding, Chroma, SQLite and tantivy writes), one after the other
in the same run, so a busy machine slows them alike. Exported models are made beforehand, each
variant in its own cache folder. Then re-indexing the unchanged subset, and the raw encoder on
the same sentence units for the share of ingest that is not encoding.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from bench.common import ROOT, WORK, Timer, build_corpus, save
from index.chunk import chunk
from index.config import IndexSettings
from index.embed import settings_embedder
from index.load import discover, load
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


def copy_subset(corpus: Path, files: list[Path], subset: Path) -> None:
    shutil.rmtree(subset, ignore_errors=True)
    for path in files:
        target = subset / path.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


def qa_index(checkout: Path, index_dir: Path, corpus: Path, env: dict[str, str]) -> float:
    """Seconds of one `qa index` process of ``checkout``'s code."""
    command = [sys.executable, "-m", "ui.cli", "index", "--index-dir", str(index_dir), str(corpus)]
    full_env = {**os.environ, **env, "PYTHONPATH": str(checkout)}
    with Timer() as timer:
        subprocess.run(command, cwd=checkout, env=full_env, check=True, stderr=subprocess.DEVNULL)
    return timer.seconds


def units(corpus: Path, settings: IndexSettings) -> list[str]:
    """The distinct sentence units `qa index` encodes, file by file."""
    texts = []
    for found in discover([corpus]):
        text = load(found).text
        spans = {
            (c.start + u.start, c.start + u.end)
            for c in chunk(text, settings.chunk_chars, settings.overlap_sentences)
            for u in c.units
        }
        texts += [text[a:b] for a, b in sorted(spans)]
    return texts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chunks", type=int, default=2000)
    parser.add_argument("--baseline", type=Path, help="Another checkout, timed the same way.")
    args = parser.parse_args()

    settings = IndexSettings()
    corpus = build_corpus()
    files = pick_files(corpus, settings, args.chunks)
    subset = WORK / "ingest-corpus"
    copy_subset(corpus, files, subset)

    variants: dict[str, tuple[Path, dict[str, str]]] = {}
    if args.baseline:
        variants["baseline"] = (args.baseline.resolve(), {})
    variants["int8"] = (ROOT, {"QA_INDEX__EMBED_PRECISION": "int8"})
    variants["fp32"] = (ROOT, {"QA_INDEX__EMBED_PRECISION": "fp32"})
    for name, (checkout, env) in variants.items():
        env["QA_INDEX__CACHE_DIR"] = str(WORK / f"cache-{name}")
        warm = WORK / "ingest-warm"  # exports the model into the variant's cache
        shutil.rmtree(warm, ignore_errors=True)
        qa_index(checkout, warm, checkout / "seeds", env)

    seconds = {}
    for name, (checkout, env) in variants.items():
        index_dir = WORK / f"ingest-index-{name}"
        shutil.rmtree(index_dir, ignore_errors=True)
        seconds[name] = qa_index(checkout, index_dir, subset, env)
        print(name, round(seconds[name], 2), flush=True)
    own = WORK / "ingest-index-int8"
    again = qa_index(ROOT, own, subset, variants["int8"][1])

    texts = units(subset, settings)
    encoder = settings_embedder(settings.model_copy(update={"cache_dir": WORK / "cache-int8"}))
    encoder.embed_query("warm up")
    with Timer() as raw:
        encoder.embed_documents(texts)
    chunks = Store(own, settings).count()
    result = {
        "command": f"python -m bench.ingest --chunks {args.chunks}"
        + (f" --baseline {args.baseline}" if args.baseline else ""),
        "files": len(files),
        "chunks": chunks,
        "characters": sum(len(load(f).text) for f in discover([subset])),
        "sentence_units": len(texts),
        "distinct_sentence_units": len({t.strip() for t in texts}),
        **{f"ingest_{name}_s": round(s, 2) for name, s in seconds.items()},
        **{f"chunks_per_s_{name}": round(chunks / s, 1) for name, s in seconds.items()},
        "raw_encode_units_int8_s": round(raw.seconds, 2),
        "ingest_over_raw_encode_int8": round(seconds["int8"] / raw.seconds, 3),
        "reindex_unchanged_process_s": round(again, 2),
    }
    if "baseline" in seconds:
        result["speedup_int8"] = round(seconds["baseline"] / seconds["int8"], 2)
        result["speedup_fp32"] = round(seconds["baseline"] / seconds["fp32"], 2)
    save(f"ingest-{args.chunks}", result)


if __name__ == "__main__":
    main()
