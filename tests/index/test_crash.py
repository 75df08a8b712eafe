"""Crash safety, proved: `qa index` killed with SIGKILL at every stage of a run loses nothing.

The indexer runs as a real process over a generated corpus (a few seconds of work) and is
killed while chunking, while embedding, between the Chroma write and the SQLite commit, between
the SQLite commit and the lexical index's commit, between that and the removal of old vectors,
and at an arbitrary moment. After each kill, opening the index must show one consistent state:
Chroma ids == SQLite chunk ids == lexical documents == sentence-vector owners, every file
record whole (its chunks are exactly those of one version of the file). The next run finishes
the job and the answers are right. The same runs against a `chroma run` server.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from index.chunk import chunk
from index.config import IndexSettings
from index.store import Store, chunk_ids
from tests.conftest import ROOT
from tests.servers import chroma_server

FILES = 240
_SYLLABLES = ["ka", "lo", "mi", "ren", "tu", "sa", "vor", "del", "ix", "or", "bel", "qua"]
_RIVERS = ["Amber", "Slate", "Heron", "Fallow", "Birch", "Cinder", "Morrow", "Tansy"]


def _name(i: int) -> str:
    """A made-up, unique station name per file: Kalomi, Renturen, ..."""
    a, b, c = i % 12, (i // 12) % 12, (i // 144) % 12
    return (_SYLLABLES[a] + _SYLLABLES[b] + _SYLLABLES[c]).capitalize()


def _station(i: int, snow: int) -> str:
    name = _name(i)
    return (
        f"{name} station sits on a ridge above the {_RIVERS[i % 8]} river.\n"
        f"Its weather mast was raised in {1900 + i % 97}. The keeper of {name} station logs "
        f"the wind every {i % 5 + 2} hours and sends the readings down the valley by radio.\n"
        f"Visitors reach {name} by a steep footpath that starts at the old mill.\n"
        f"In winter {name} station records {snow} centimetres of snow on its roof gauge.\n"
        f"The hut at {name} has {i % 9 + 3} bunks, a stove and a shelf of maps.\n"
        f"Climbers who stay at {name} are asked to sign the logbook and to leave the stove "
        f"clean for the next party.\n"
        f"The spring at {name} freezes most nights from November until March.\n"
        f"A supply mule climbs to {name} station once a fortnight with flour, oil and mail.\n"
        f"From the roof of {name} you can see the {_RIVERS[(i + 3) % 8]} valley on a clear "
        f"morning.\n"
    )


def _snow(i: int, version: int) -> int:
    return 20 + i * 3 + version * 1000


class Corpus:
    """The generated folder, remembering every version of every file by its SHA-256."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.versions: dict[str, str] = {}
        folder.mkdir()

    def write(self, i: int, version: int = 0) -> None:
        text = _station(i, _snow(i, version))
        self.versions[hashlib.sha256(text.encode()).hexdigest()] = text
        (self.folder / f"station-{i:03d}.txt").write_text(text, encoding="utf-8")

    def files(self) -> dict[str, str]:
        """Source name -> SHA-256 of what is on disk now."""
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in self.folder.iterdir()}


def _env(index_dir: Path, chroma_url: str | None, crash_at: str | None = None) -> dict[str, str]:
    env = {**os.environ, "QA_INDEX_DIR": str(index_dir), "PYTHONPATH": str(ROOT)}
    env["QA_INDEX__WRITE_GROUP_SENTENCES"] = "256"  # a run writes about ten groups of files
    env.pop("QA_TEST_CRASH_AT", None)
    if chroma_url:
        env["QA_INDEX__CHROMA_URL"] = chroma_url
    if crash_at:
        env["QA_TEST_CRASH_AT"] = crash_at
    return env


def _index(corpus: Corpus, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "qa.cli", "index", str(corpus.folder)]
    return subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)


def _state(env: dict[str, str]) -> dict[str, Any]:
    """The index as a fresh process finds it (opening the store runs its recovery)."""
    command = [sys.executable, "-m", "tests.index.test_crash"]
    out = subprocess.run(
        command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=600, check=True
    )
    return dict(json.loads(out.stdout))


def _dump(index_dir: Path) -> dict[str, Any]:
    settings = IndexSettings(chroma_url=os.environ.get("QA_INDEX__CHROMA_URL"))
    store = Store(index_dir, settings)
    chroma = store._collection.get(include=[])["ids"]
    db = sqlite3.connect(index_dir / f"chunks-{settings.fingerprint()}.sqlite3")
    rows = db.execute("SELECT id, source FROM chunks").fetchall()
    return {
        "chroma": sorted(chroma),
        "chunks": sorted(r[0] for r in rows),
        "lexical": sorted(store._lexical.ids()),
        "units": sorted(r[0] for r in db.execute("SELECT DISTINCT chunk_id FROM units")),
        "pending": [r[0] for r in db.execute("SELECT source FROM pending")],
        "files": {
            source: {"sha256": sha, "chunks": n, "ids": sorted(store.ids_of(source))}
            for source, sha, n in db.execute("SELECT source, sha256, chunks FROM files")
        },
    }


def _check_consistent(state: dict[str, Any], corpus: Corpus) -> None:
    """One whole state: every vector has its chunk and every chunk its vector, full-text row
    and sentence vectors; every file record holds exactly one version's chunks."""
    assert state["pending"] == []
    assert state["chroma"] == state["chunks"]
    assert state["lexical"] == state["chunks"]
    assert state["units"] == state["chunks"]
    owned = sorted(cid for record in state["files"].values() for cid in record["ids"])
    assert owned == state["chunks"]  # no chunk without its file record
    for source, record in state["files"].items():
        text = corpus.versions[record["sha256"]]
        expected = chunk_ids(source, chunk(text, 600, 1))
        assert sorted(expected) == record["ids"], source
        assert record["chunks"] == len(expected)


def _check_complete(state: dict[str, Any], corpus: Corpus) -> None:
    _check_consistent(state, corpus)
    on_disk = corpus.files()
    assert {s: r["sha256"] for s, r in state["files"].items()} == on_disk


def _crash(corpus: Corpus, env: dict[str, str], point: str) -> dict[str, Any]:
    run = _index(corpus, {**env, "QA_TEST_CRASH_AT": point})
    assert run.returncode == -signal.SIGKILL, (point, run.returncode, run.stderr[-2000:])
    state = _state(env)
    _check_consistent(state, corpus)
    return state


def _kill_while_writing(corpus: Corpus, env: dict[str, str], index_dir: Path) -> None:
    """Kill a run at a moment chosen by watching it: once it has written a few more files."""
    db_path = next(index_dir.glob("chunks-*.sqlite3"))

    def indexed() -> int:
        with sqlite3.connect(db_path, timeout=30) as db:
            return int(db.execute("SELECT count(*) FROM files").fetchone()[0])

    start = indexed()
    command = [sys.executable, "-m", "qa.cli", "index", str(corpus.folder)]
    proc = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 300
        while proc.poll() is None and indexed() < start + 15 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()


@pytest.fixture(params=["files", "server"])
def chroma_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str | None]:
    if request.param == "files":
        yield None
        return
    folder = tmp_path / "chroma-server"
    folder.mkdir()
    with chroma_server(folder) as url:
        yield url


def test_a_killed_indexer_loses_nothing_and_the_next_run_finishes(
    tmp_path: Path, chroma_url: str | None
) -> None:
    corpus = Corpus(tmp_path / "stations")
    for i in range(FILES):
        corpus.write(i)
    index_dir = tmp_path / "index"
    env = _env(index_dir, chroma_url)

    assert _crash(corpus, env, "chunk:120")["files"] == {}  # nothing written before embedding
    first = _crash(corpus, env, "embed:2")  # the first group of files was written
    assert 0 < len(first["files"]) < FILES
    second = _crash(corpus, env, "write:chroma:3")  # vectors in Chroma, SQLite not committed
    assert len(first["files"]) < len(second["files"]) < FILES
    _kill_while_writing(corpus, env, index_dir)
    _check_consistent(_state(env), corpus)
    done = _index(corpus, env)
    assert done.returncode == 0, done.stderr
    _check_complete(_state(env), corpus)

    for i in range(0, 60, 2):  # edit thirty files, delete ten, add five
        corpus.write(i, version=1)
    for i in range(200, 210):
        (corpus.folder / f"station-{i:03d}.txt").unlink()
    for i in range(FILES, FILES + 5):
        corpus.write(i)
    _crash(corpus, env, "delete:sqlite:4")  # records gone, their vectors not yet
    _crash(corpus, env, "write:chroma")
    _crash(corpus, env, "write:sqlite")  # new versions committed, lexical index not yet
    corpus.write(3, version=2)
    _crash(corpus, env, "write:lexical")  # lexical index committed, old vectors not yet gone
    done = _index(corpus, env)
    assert done.returncode == 0, done.stderr
    _check_complete(_state(env), corpus)

    question = f"How many centimetres of snow does {_name(10)} station record in winter?"
    command = [sys.executable, "-m", "qa.cli", "ask", "--json", question]
    asked = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    answer = json.loads(asked.stdout)
    assert str(_snow(10, 1)) in answer["answer"], answer
    assert answer["citations"][0]["source"] == "station-010.txt"


if __name__ == "__main__":
    json.dump(_dump(Path(os.environ["QA_INDEX_DIR"])), sys.stdout)
