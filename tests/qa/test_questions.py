"""Odd questions get an answer or a clear one-line message, never a traceback."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from index.errors import QAError
from qa.assistant import Assistant, clean_question
from qa.cli import main
from tests.conftest import NATO_QUESTION

LONG = "What share of global spending did China attribute to NATO " + "and why " * 1250 + "?"
CONTROL = "What share of\x00 global spending\r\ndid China\x07 attribute\x1b to NATO?\x85\x1f"


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("", "the question is empty"),
        (" \n\t\x00 ", "the question is empty"),
        (LONG, r"the question is 10,\d\d\d characters long; the limit is 1,000\."),
        ("?!… ;; -- ¿¡ ***", "the question has no words, only punctuation"),
    ],
)
def test_questions_that_cannot_be_asked_say_why(question: str, message: str) -> None:
    with pytest.raises(QAError, match=message):
        clean_question(question, 1000)


def test_control_characters_become_spaces() -> None:
    assert clean_question(CONTROL, 1000) == NATO_QUESTION


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("", "Error: the question is empty"),
        ("   ", "Error: the question is empty"),
        (LONG, "Error: the question is 10,059 characters long; the limit is 1,000."),
        ("?!?! ...", "Error: the question has no words, only punctuation"),
    ],
)
def test_the_cli_refuses_them_in_one_line(question: str, message: str) -> None:
    result = CliRunner().invoke(main, ["ask", question])
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert line.startswith(message)
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "question",
    [
        "¿Qué porcentaje del gasto mundial atribuyó China a la OTAN?",
        "中国认为北约的军费占全球的百分之几？",
        "Какую долю мировых расходов Китай приписал НАТО?",
        CONTROL,
    ],
)
def test_other_languages_and_control_characters_get_an_answer(question: str) -> None:
    result = CliRunner().invoke(main, ["ask", "--json", question])
    assert result.exit_code == 0, result.output
    obj = json.loads(result.stdout.splitlines()[-1])
    assert obj["answer"]
    if question == CONTROL:
        assert "55" in obj["answer"] and obj["question"] == NATO_QUESTION


def test_a_file_of_questions_answers_the_good_ones_and_names_the_bad(tmp_path) -> None:  # type: ignore[no-untyped-def]
    questions = tmp_path / "q.txt"
    questions.write_text(f"{NATO_QUESTION}\n...\n{LONG}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["ask", "--json", "--extractive", "--file", str(questions)])
    assert result.exit_code == 1
    objs = [json.loads(line) for line in result.stdout.splitlines()]
    assert "55" in objs[0]["answer"]
    assert "no words" in objs[1]["error"] and "limit is 1,000" in objs[2]["error"]
    assert "2 of 3 questions were not asked" in result.output


def test_the_assistant_answers_in_other_languages(assistant: Assistant) -> None:
    for question in ("北约", "OTAN dépenses militaires 2024 ?", "ÄÖÜ ß"):
        answer = assistant.ask_final(question)
        assert answer.text
