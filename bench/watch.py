"""Watched-folder latency: from a file written, edited or deleted to the index showing it.

    .venv/bin/python -m bench.watch [--files 20]

One watcher (as `qa serve --watch` runs it, in a background thread) follows a folder of small
notes; each change is made alone and timed until ``Store.files()`` reflects it. The time
includes the watcher's quiet period (``index.watch.QUIET_MS``), reading, chunking, encoding
and writing Chroma and SQLite. Then a folder of ``--bulk`` notes is moved in at once, and timed
until every note is indexed.
"""

from __future__ import annotations

import argparse
import shutil
import time
from collections.abc import Callable

from bench.common import WORK, save, summary_ms
from index.pipeline import IndexReport
from index.watch import QUIET_MS
from qa.assistant import Assistant
from qa.settings import Settings


def _note(i: int, version: int) -> str:
    return (
        f"Note {i}, version {version}. The tide gauge at berth {i} read {i + version} metres.\n"
        f"The pilot boat {i} left the harbour at {6 + version % 12} in the morning.\n"
    )


def _until(condition: Callable[[], bool]) -> float:
    """Milliseconds until ``condition`` holds (polled every 5 ms)."""
    start = time.perf_counter()
    while not condition():
        time.sleep(0.005)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--bulk", type=int, default=300)
    args = parser.parse_args()

    root = WORK / "watch"
    shutil.rmtree(root, ignore_errors=True)
    folder = root / "notes"
    folder.mkdir(parents=True)
    assistant = Assistant(Settings(index_dir=root / "index"))
    assistant.embedder.embed_query("warm up")
    reports: list[IndexReport] = []
    latency: dict[str, list[float]] = {"added": [], "edited": [], "deleted": []}
    with assistant.watcher([folder], reports.append):
        time.sleep(1)
        for i in range(args.files):
            path = folder / f"note-{i:03d}.txt"
            path.write_text(_note(i, 0), encoding="utf-8")
            latency["added"].append(_until(lambda n=path.name: n in assistant.store.files()))
        for i in range(args.files):
            path = folder / f"note-{i:03d}.txt"
            before = assistant.store.files()[path.name].sha256
            path.write_text(_note(i, 1), encoding="utf-8")
            latency["edited"].append(
                _until(lambda n=path.name, b=before: assistant.store.files()[n].sha256 != b)
            )
        for i in range(args.files):
            path = folder / f"note-{i:03d}.txt"
            path.unlink()
            latency["deleted"].append(_until(lambda n=path.name: n not in assistant.store.files()))
        staged = root / "staged"
        staged.mkdir()
        for i in range(args.bulk):
            (staged / f"note-{i:03d}.txt").write_text(_note(i, 2), encoding="utf-8")
        staged.rename(folder / "bulk")
        bulk_s = _until(lambda: len(assistant.store.files()) == args.bulk) / 1000
    save(
        "watch",
        {
            "command": f"python -m bench.watch --files {args.files} --bulk {args.bulk}",
            "quiet_ms": QUIET_MS,
            **{f"{change}_latency": summary_ms(values) for change, values in latency.items()},
            "bulk_files": args.bulk,
            "bulk_s": round(bulk_s, 2),
            "bulk_files_per_s": round(args.bulk / bulk_s, 1),
            "failures": sum(len(r.failures) for r in reports),
        },
    )


if __name__ == "__main__":
    main()
