"""Split a question set into its tune and holdout halves, by a hash of each id.

    .venv/bin/python -m bench.eval.split              # the wide set, bench/eval/
    .venv/bin/python -m bench.eval.split bench/eval/news

The halves are fixed by the ids alone, so the split never depends on order or on the answers.
Tune on ``tune.jsonl``; report ``holdout.jsonl`` and never tune on it.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def half(question_id: str) -> str:
    """``tune`` or ``holdout`` for a question id."""
    return "tune" if hashlib.sha256(question_id.encode()).digest()[0] % 2 == 0 else "holdout"


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    lines = (folder / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    halves: dict[str, list[str]] = {"tune": [], "holdout": []}
    for line in lines:
        if line.strip():
            halves[half(json.loads(line)["id"])].append(line)
    for name, kept in halves.items():
        (folder / f"{name}.jsonl").write_text("\n".join(kept) + "\n", encoding="utf-8")
        print(f"{name}: {len(kept)} questions")


if __name__ == "__main__":
    main()
