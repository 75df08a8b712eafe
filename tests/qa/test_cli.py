"""The ``qa`` command through click's CliRunner, with the real bundled models."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from click.testing import CliRunner

from qa.assistant import Assistant
from qa.cli import _ProgressBar, main
from qa.settings import Settings
from tests.conftest import NATO_QUESTION, ROOT

CONTRACT_KEYS = {"question", "answer", "citations", "abstained", "timings"}


def _check_contract(obj: dict, corpus: Path) -> None:
    assert set(obj) >= CONTRACT_KEYS
    assert set(obj["timings"]) == {"retrieve_ms", "first_token_ms", "total_ms"}
    assert all(isinstance(v, float) for v in obj["timings"].values())
    ids = {c["id"] for c in obj["citations"]}
    for n in re.findall(r"\[(\d+)\]", obj["answer"]):
        assert int(n) in ids
    for c in obj["citations"]:
        assert set(c) == {"id", "source", "page", "start", "end", "line", "text", "highlight"}
        assert c["page"] is None  # text files have no pages
        text = (corpus / c["source"]).read_bytes().decode("utf-8")
        assert text[c["start"] : c["end"]] == c["text"]
        if c["highlight"] is not None:  # the answer's value, inside the cited span
            start, end = c["highlight"]
            assert c["start"] <= start < end <= c["end"] and text[start:end] in obj["answer"]


def test_ask_json_builds_the_index_and_keeps_the_contract(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ask", "--json", NATO_QUESTION])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1
    obj = json.loads(lines[0])
    _check_contract(obj, ROOT / "seeds")
    assert obj["question"] == NATO_QUESTION
    assert "55" in obj["answer"] and obj["citations"] and not obj["abstained"]


def test_ask_json_file_prints_one_object_per_question(tmp_path: Path) -> None:
    questions = tmp_path / "questions.txt"
    questions.write_text(
        f"{NATO_QUESTION}\n\nWho is the president of South Korea?\n", encoding="utf-8"
    )
    runner = CliRunner()
    assert runner.invoke(main, ["index"]).exit_code == 0
    result = runner.invoke(main, ["ask", "--json", "--file", str(questions)])
    assert result.exit_code == 0, result.output
    objs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["abstained"] for o in objs] == [False, True]
    for obj in objs:
        _check_contract(obj, ROOT / "seeds")


def test_ask_prints_the_answer_then_its_sources(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ask", "--extractive", NATO_QUESTION])
    assert result.exit_code == 0, result.output
    assert re.search(r'^\[1\] 00[01]_\w+\.txt:\d+ ".*55.*"$', result.stdout, re.MULTILINE)


def test_index_reports_an_unreadable_path_in_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["index", str(tmp_path / "missing")])
    assert result.exit_code != 0
    assert result.output.strip().splitlines()[-1].startswith("Error: ")
    assert "missing: no such file or directory" in result.output
    assert "Traceback" not in result.output


def test_index_names_a_bad_file_and_exits_non_zero(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text("The harbour light was lit in 1871.", encoding="utf-8")
    (folder / "bad.txt").write_bytes(bytes(range(256)) * 2)
    result = CliRunner().invoke(main, ["index", str(folder)])
    assert result.exit_code == 3
    assert "bad.txt: binary content" in result.output
    docs = CliRunner().invoke(main, ["docs"])
    assert "good.txt" in docs.output and "bad.txt" not in docs.output


def test_index_root_keeps_same_named_files_apart(tmp_path: Path) -> None:
    for team in ("a", "b"):
        (tmp_path / team).mkdir()
        (tmp_path / team / "notes.txt").write_text(f"Team {team} notes.", encoding="utf-8")
    clash = CliRunner().invoke(main, ["index", str(tmp_path / "a"), str(tmp_path / "b")])
    assert clash.exit_code == 3
    assert f"Index from a common folder to keep both (qa index --root {tmp_path}" in clash.output
    both = CliRunner().invoke(main, ["index", "--root", str(tmp_path), str(tmp_path)])
    assert both.exit_code == 0, both.output
    docs = CliRunner().invoke(main, ["docs"]).output
    # a/notes.txt, first indexed as notes.txt, now goes by its new name only
    assert sorted(line.split("\t")[0] for line in docs.splitlines()) == [
        "a/notes.txt",
        "b/notes.txt",
    ]


def test_an_unknown_model_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ask", "--model", "nope.gguf", NATO_QUESTION])
    assert result.exit_code != 0
    assert "model 'nope.gguf' not found" in result.output


def test_eval_reports_the_measures(tmp_path: Path) -> None:
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        json.dumps(
            {
                "id": "a",
                "question": NATO_QUESTION,
                "answers": ["55"],
                "sources": ["000_ec397f79bacca5ab.txt", "001_af2cb071c3335e74.txt"],
                "evidence": ["55"],
            }
        )
        + "\n"
        + json.dumps(
            {"id": "b", "question": "Who is the president of South Korea?", "answerable": False}
        )
        + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["eval", "--json", str(questions)])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout.splitlines()[-1])["summary"]
    assert summary["grounded"] == 1.0 and summary["abstained_unanswerable"] == 1.0
    assert summary["exact_spans"] == 1.0


def test_any_gguf_in_models_is_offered_and_resolves(tmp_path: Path) -> None:
    from qa.models import available_models, resolve_model

    folder = tmp_path / "models"
    folder.mkdir()
    (folder / "tiny.gguf").write_bytes(b"GGUF")
    assert available_models(folder) == ["smollm2", "gemma3", "tiny.gguf"]
    assert resolve_model("tiny.gguf", folder) == folder / "tiny.gguf"
    assert resolve_model("tiny", folder) == folder / "tiny.gguf"
    assert resolve_model(str(folder / "tiny.gguf"), tmp_path) == folder / "tiny.gguf"


def test_a_gguf_dropped_into_models_answers(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from qa.models import resolve_model

    folder = tmp_path / "models"
    folder.mkdir()
    (folder / "my-model.gguf").symlink_to(resolve_model("smollm2", ROOT / "models"))
    monkeypatch.setenv("QA_MODELS_DIR", str(folder))
    result = CliRunner().invoke(main, ["ask", "--json", "--model", "my-model.gguf", NATO_QUESTION])
    assert result.exit_code == 0, result.output
    obj = json.loads(result.stdout.splitlines()[-1])
    assert "55" in obj["answer"] and obj["citations"]


def test_index_shows_progress_with_rate_and_time_left(tmp_path: Path, corpus: Path) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    shown = Terminal()
    Assistant(Settings(index_dir=tmp_path / "index")).index([corpus], progress=_ProgressBar(shown))
    last = shown.getvalue().split("\r")[-1]
    assert re.search(r"embedding: 100%.* (\d+)/\1 \[\d\d:\d\d<00:00, +[\d.]+sentence/s\]", last)
