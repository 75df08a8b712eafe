"""Watched folders: files written, edited, renamed and deleted there are indexed or dropped within
seconds, and the answers follow (real embedder, real Chroma, real model)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from index.pipeline import IndexReport
from qa.assistant import Assistant
from qa.settings import Settings
from tests.conftest import ROOT

FERRY = "ferry.txt"
FERRY_QUESTION = "How many passengers does the Harrow Point ferry carry?"


def _ferry(passengers: int) -> str:
    return (
        "The Harrow Point ferry leaves the north quay at twenty to eight every morning.\n"
        f"The Harrow Point ferry carries {passengers} passengers and a dozen bicycles.\n"
    )


def _wait(condition: Callable[[], bool], what: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting until {what}")
        time.sleep(0.1)


@pytest.fixture
def watched(tmp_path: Path) -> Iterator[tuple[Assistant, Path, list[IndexReport]]]:
    """An assistant watching a folder (in a background thread, as `qa serve --watch` does)."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "mill.md").write_text(
        "# The old mill\n\nThe old mill on the Tansy river ground flour until 1952.\n",
        encoding="utf-8",
    )
    assistant = Assistant(Settings(index_dir=tmp_path / "index"))
    reports: list[IndexReport] = []
    with assistant.watcher([folder], reports.append):
        yield assistant, folder, reports


def _sha(assistant: Assistant, source: str) -> str | None:
    record = assistant.store.files().get(source)
    return record.sha256 if record else None


def test_a_watched_folder_keeps_the_index_and_the_answers_in_step(
    watched: tuple[Assistant, Path, list[IndexReport]],
) -> None:
    assistant, folder, reports = watched
    assert reports[0].added == ["mill.md"]  # what was there before the watch began
    assert "1952" in assistant.ask_final("Until which year did the old mill grind flour?").text

    (folder / FERRY).write_text(_ferry(212), encoding="utf-8")
    _wait(lambda: FERRY in assistant.store.files(), "the new file is indexed")
    answer = assistant.ask_final(FERRY_QUESTION)
    assert "212" in answer.text and answer.citations[0].source == FERRY

    before = _sha(assistant, FERRY)
    (folder / FERRY).write_text(_ferry(180), encoding="utf-8")
    _wait(lambda: _sha(assistant, FERRY) != before, "the edit is indexed")
    answer = assistant.ask_final(FERRY_QUESTION)
    assert "180" in answer.text and "212" not in answer.text

    (folder / "logs").mkdir()
    (folder / "logs" / "winter.txt").write_text(
        "In the winter of 1963 the Tansy river froze for six weeks.\n", encoding="utf-8"
    )
    (folder / ".draft.txt").write_text("Hidden notes are not indexed.\n", encoding="utf-8")
    (folder / "scan.bin").write_bytes(b"\x00\x01")
    _wait(lambda: "logs/winter.txt" in assistant.store.files(), "a new subfolder is indexed")
    assert set(assistant.store.files()) == {"mill.md", FERRY, "logs/winter.txt"}

    (folder / FERRY).unlink()
    _wait(lambda: FERRY not in assistant.store.files(), "the deleted file is dropped")
    assert assistant.ask_final(FERRY_QUESTION).abstained
    assert not assistant.store.lexical("Harrow ferry passengers", 5)

    (folder / "logs" / "winter.txt").rename(folder / "winter-1963.txt")
    _wait(lambda: "winter-1963.txt" in assistant.store.files(), "the renamed file is indexed")
    _wait(lambda: "logs/winter.txt" not in assistant.store.files(), "its old name is dropped")

    (folder / "broken.txt").write_bytes(bytes(range(256)) * 4)  # binary under .txt
    _wait(lambda: any(r.failures for r in reports), "the unreadable file is reported")
    (failure,) = [f for r in reports for f in r.failures]
    assert "broken.txt" in str(failure)
    assert set(assistant.store.files()) == {"mill.md", "winter-1963.txt"}
    assert assistant.store._collection.count() == assistant.store.count()


def test_qa_index_watch_prints_a_line_per_change_until_stopped(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    log = tmp_path / "watch.log"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "qa.cli", "index", "--watch", str(folder)]
    with log.open("wb") as out:
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)

    def lines() -> str:
        return log.read_text(errors="replace")

    try:
        _wait(lambda: "watching" in lines(), "the watch begins")
        (folder / FERRY).write_text(_ferry(212), encoding="utf-8")
        _wait(lambda: f"(added {FERRY})" in lines(), "the new file is reported")
        (folder / FERRY).write_text(_ferry(180), encoding="utf-8")
        _wait(lambda: f"(updated {FERRY})" in lines(), "the edit is reported")
        (folder / FERRY).unlink()
        _wait(lambda: f"(removed {FERRY})" in lines(), "the deletion is reported")
        assert "Traceback" not in lines()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert f"1 added, 0 updated, 0 removed, 0 unchanged; 2 sentences embedded (added {FERRY})" in (
        lines()
    )


def test_watch_mistakes_get_one_line_that_says_what_to_do(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from ui.cli import main

    runner = CliRunner()
    result = runner.invoke(main, ["index", "--watch", str(tmp_path / "nowhere")])
    assert result.exit_code == 1 and "no such file or directory" in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(main, ["serve", "--watch"])
    assert result.exit_code == 2 and "qa serve --watch PATH" in result.output
    result = runner.invoke(main, ["serve", str(tmp_path)])
    assert result.exit_code == 2 and "add --watch" in result.output
