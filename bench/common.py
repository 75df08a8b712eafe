"""Shared pieces of the benchmarks: the scale corpus, timing, and the results file."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import time
from pathlib import Path
from typing import Any

from index.load import html_text

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"  # corpora and indexes: large, never committed
RESULTS = ROOT / "bench" / "results"
PYTHON_DOCS = Path("/usr/share/doc/python3.11-doc/html")


def build_corpus(target: Path = WORK / "pydocs") -> Path:
    """The Python 3.11 documentation (Debian's python3.11-doc) as text files, converted by the
    ingestion's own HTML reader. Real English prose that nobody here wrote."""
    if not PYTHON_DOCS.is_dir():
        raise SystemExit("install the corpus first: apt-get install python3.11-doc")
    if target.is_dir() and any(target.rglob("*.txt")):
        return target
    for page in sorted(PYTHON_DOCS.rglob("*.html")):
        if "_static" in page.parts or "_sources" in page.parts:
            continue
        out = target / page.relative_to(PYTHON_DOCS).with_suffix(".txt")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(html_text(page.read_bytes()), encoding="utf-8")
    return target


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def summary_ms(values: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(percentile(values, 50), 2),
        "p95_ms": round(percentile(values, 95), 2),
        "mean_ms": round(statistics.fmean(values), 2),
        "n": len(values),
    }


class Timer:
    def __enter__(self) -> Timer:
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.start


def machine() -> dict[str, Any]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "commit": commit,
    }


def save(name: str, result: dict[str, Any]) -> Path:
    """Write one benchmark's figures to bench/results/NAME.json."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps({"machine": machine(), **result}, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return path
