"""The lexical index (tantivy) beside SQLite: the same documents as SQLite's chunks, always."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import index.lexical as lexical_module
from index.errors import QAError
from index.lexical import LexicalIndex
from index.store import query_words
from qa.assistant import Assistant
from qa.settings import Settings
from tests.conftest import ROOT

_ROWS = [
    ("a1", "a.txt", "The ferry to Harrow runs every hour in summer."),
    ("a2", "a.txt", "Passengers buy tickets at the café on the quay."),
    ("b1", "b.txt", "The lighthouse keeper was relieved of duty in 1987."),
    ("c1", "c.txt", "The ministry of defense published its budget."),
]


def test_words_match_as_sqlite_porter_did_stems_accents_and_case(tmp_path: Path) -> None:
    lexical = LexicalIndex(tmp_path / "lexical")
    lexical.rebuild(_ROWS)
    assert [cid for cid, _ in lexical.search(["cafe"], 5)] == ["a2"]
    assert [cid for cid, _ in lexical.search(["PASSENGER"], 5)] == ["a2"]
    assert [cid for cid, _ in lexical.search(["running"], 5)] == ["a1"]
    best = lexical.search(["harrow", "ferry", "tickets"], 5)
    assert [cid for cid, _ in best] == ["a1", "a2"]
    assert best[0][1] > best[1][1] > 0
    assert lexical.search(["nowhere"], 5) == [] and lexical.search([], 5) == []
    assert [cid for cid, _ in lexical.search(query_words("the defence budget"), 5)] == ["c1"]


def test_replacing_a_file_leaves_no_stale_document(tmp_path: Path) -> None:
    lexical = LexicalIndex(tmp_path / "lexical")
    lexical.rebuild(_ROWS)
    lexical.replace(["a.txt"], [("a3", "a.txt", "The ferry now runs twice an hour.")])
    assert sorted(lexical.ids()) == ["a3", "b1", "c1"]
    assert [cid for cid, _ in lexical.search(["ferry"], 5)] == ["a3"]
    assert lexical.search(["tickets"], 5) == []
    lexical.replace(["b.txt", "c.txt"], [])
    assert lexical.ids() == ["a3"]
    assert LexicalIndex(tmp_path / "lexical").ids() == ["a3"]  # committed, as another process sees


def test_a_reader_sees_what_another_process_commits(tmp_path: Path) -> None:
    """`qa serve` keeps searching while a `qa index` process beside it writes."""
    reader = LexicalIndex(tmp_path / "lexical")
    reader.rebuild(_ROWS)
    write = (
        "import sys; from pathlib import Path; from index.lexical import LexicalIndex; "
        "LexicalIndex(Path(sys.argv[1])).replace(['d.txt'], [('d1', 'd.txt', 'A ferry strike.')])"
    )
    subprocess.run(
        [sys.executable, "-c", write, str(tmp_path / "lexical")], cwd=ROOT, check=True, timeout=60
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "d1" not in dict(reader.search(["strike"], 5)):
        time.sleep(0.1)
    assert [cid for cid, _ in reader.search(["strike"], 5)] == ["d1"]


def test_a_second_writer_waits_then_says_what_is_wrong(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = LexicalIndex(tmp_path / "lexical"), LexicalIndex(tmp_path / "lexical")
    held = first._writer()  # as another `qa index` process would hold it
    monkeypatch.setattr(lexical_module, "WRITER_WAIT_S", 0.3)
    with pytest.raises(QAError, match="another process is writing the index"):
        second.replace(["a.txt"], _ROWS[:1])
    held.rollback()
    held.wait_merging_threads()  # released
    second.replace(["a.txt"], _ROWS[:1])
    assert second.ids() == ["a1"]


def test_a_damaged_folder_is_started_again(tmp_path: Path) -> None:
    folder = tmp_path / "lexical"
    LexicalIndex(folder).rebuild(_ROWS)
    (folder / "meta.json").write_text("{not json", encoding="utf-8")
    assert LexicalIndex(folder).count() == 0


def test_the_store_rebuilds_a_lost_or_older_lexical_index_from_sqlite(
    tmp_path: Path, corpus: Path
) -> None:
    settings = Settings(index_dir=tmp_path / "index")
    assistant = Assistant(settings)
    assistant.index([corpus])
    chunks = assistant.store.count()
    before = assistant.store.lexical("lighthouse keeper", 5)
    assert before and chunks > 0
    fingerprint = settings.index.fingerprint()
    del assistant
    # An index from before the lexical index, with its FTS5 table, and no tantivy folder.
    shutil.rmtree(settings.index_dir / f"lexical-{fingerprint}")
    db = sqlite3.connect(settings.index_dir / f"chunks-{fingerprint}.sqlite3")
    db.execute("CREATE VIRTUAL TABLE chunks_fts USING fts5(text)")
    db.commit()
    db.close()

    reopened = Assistant(settings)
    assert reopened.store.lexical("lighthouse keeper", 5) == before
    assert sorted(reopened.store._lexical.ids()) == sorted(
        cid for source in reopened.store.files() for cid in reopened.store.ids_of(source)
    )
    db = sqlite3.connect(settings.index_dir / f"chunks-{fingerprint}.sqlite3")
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
    assert "chunks_fts" not in tables
