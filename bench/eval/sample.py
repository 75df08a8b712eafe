"""Pick random passages of the wide evaluation corpus, for questions to be written from them.

    .venv/bin/python -m bench.eval.sample --count 320 --seed-passages 24 > passages.jsonl

A passage is a run of whole lines of a document's indexed text (what citations point into),
400 to 1,200 characters long, starting at a random line. Documents are drawn uniformly, so a
long manual is not sampled more than a short article. The seeds (two news articles among over
300 manuals) get passages of their own as well, ``--seed-passages`` of them. The random seed is
fixed: the same corpus gives the same passages.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from bench.eval.corpus import CORPUS, SEED
from index.load import read_text

MIN_CHARS, MAX_CHARS = 400, 1200


def passage(text: str, rng: random.Random) -> str | None:
    """A run of lines of ``text`` within the size bounds, or None when the draw finds none."""
    lines = [line for line in text.splitlines() if line.strip()]
    for _ in range(20):
        start = rng.randrange(len(lines))
        taken: list[str] = []
        for line in lines[start:]:
            if sum(map(len, taken)) + len(line) > MAX_CHARS:
                break
            taken.append(line)
            if sum(map(len, taken)) >= MIN_CHARS:
                return "\n".join(taken)
    return None


def sample(corpus: Path, count: int, seed_passages: int = 0) -> list[dict[str, str]]:
    """``count`` passages (a document drawn at random, then a passage in it), then
    ``seed_passages`` more drawn from the seeds only."""
    rng = random.Random(SEED)
    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    seeds = [f for f in files if f.parent.name == "seeds"]
    texts = {f: read_text(f)[0] for f in files}
    picked: list[dict[str, str]] = []
    while len(picked) < count + seed_passages:
        file = rng.choice(files if len(picked) < count else seeds)
        text = passage(texts[file], rng)
        if text is not None:
            source = file.relative_to(corpus).as_posix()
            picked.append({"passage": f"p{len(picked) + 1:03d}", "source": source, "text": text})
    return picked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--count", type=int, default=320)
    parser.add_argument("--seed-passages", type=int, default=24)
    args = parser.parse_args()
    for item in sample(args.corpus, args.count, args.seed_passages):
        sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
