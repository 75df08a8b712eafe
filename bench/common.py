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
from qa.evaluate import percentiles

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"  # corpora and indexes: large, never committed
RESULTS = ROOT / "bench" / "results"
# Debian's HTML manuals: real English prose that nobody here wrote.
DOC_ROOTS = {
    "python": Path("/usr/share/doc/python3.11-doc/html"),
    "django": Path("/usr/share/doc/python-django-doc/html"),
    "postgresql": Path("/usr/share/doc/postgresql-doc-15/html"),
    "git": Path("/usr/share/doc/git-doc"),
    "sqlite": Path("/usr/share/doc/sqlite3"),
    "rust": Path("/usr/share/doc/rust-doc/html"),
}
DOC_PACKAGES = "python3.11-doc python-django-doc postgresql-doc-15 git-doc sqlite3-doc rust-doc"
# Generated API listings and page sources: code, not prose.
_SKIP = frozenset({"_static", "_sources", "src", "std", "core", "alloc", "proc_macro", "test"})


def build_corpus(target: Path = WORK / "manuals") -> Path:
    """The installed manuals of ``DOC_ROOTS`` as text files, converted by the ingestion's own
    HTML reader. Python's alone gives about 27,000 chunks; all of them over 100,000."""
    if target.is_dir() and any(target.rglob("*.txt")):
        return target
    roots = {name: root for name, root in DOC_ROOTS.items() if root.is_dir()}
    if not roots:
        raise SystemExit(f"install the corpus first: apt-get install {DOC_PACKAGES}")
    for name, root in roots.items():
        for page in sorted(root.rglob("*.html")):
            if _SKIP & set(page.relative_to(root).parts):
                continue
            out = target / name / page.relative_to(root).with_suffix(".txt")
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(html_text(page.read_bytes()), encoding="utf-8")
    return target


def summary_ms(values: list[float]) -> dict[str, float]:
    p50, p95 = percentiles(values)
    return {
        "p50_ms": p50,
        "p95_ms": p95,
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
