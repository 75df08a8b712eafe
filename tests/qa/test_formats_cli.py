"""`qa index` over bad files and `qa ask` over a PDF, with the real embedder, Chroma and model."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from index.load import read_document
from qa.cli import main
from tests.documents import make_docx, make_pdf, make_scanned_pdf

KELL = "The harbour master, Tomas Kell, recorded 412 ship arrivals at Pellmouth in 1899."
REPORT = [
    [
        "Pellmouth Harbour Annual Report",
        "This report describes the harbour of Pellmouth, its quays and the traffic that used "
        "them over the year, with figures kept by the harbour office.",
    ],
    [
        "Arrivals",
        f"{KELL} Most of them were coastal colliers and fishing smacks from the north.",
    ],
    [
        "Works",
        "The new breakwater was finished in 1901 at a cost of thirty thousand pounds, paid "
        "for by the town council and a loan from the county.",
    ],
]


def test_a_question_answered_from_a_pdf_cites_its_page_and_exact_span(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    pdf = make_pdf(folder / "pellmouth-report.pdf", REPORT)
    make_docx(folder / "minutes.docx", ["The council met on a Tuesday in May."])
    runner = CliRunner()
    indexed = runner.invoke(main, ["index", str(folder)])
    assert indexed.exit_code == 0, indexed.output
    assert "2 added" in indexed.output

    question = "How many ship arrivals did Tomas Kell record at Pellmouth in 1899?"
    result = runner.invoke(main, ["ask", "--json", question])
    assert result.exit_code == 0, result.output
    obj = json.loads(result.stdout.splitlines()[-1])
    assert "412" in obj["answer"] and not obj["abstained"]
    text = read_document(pdf).text
    cited = [c for c in obj["citations"] if c["source"] == "pellmouth-report.pdf"]
    assert cited
    for c in cited:
        assert c["page"] == 2
        assert text[c["start"] : c["end"]] == c["text"]
    assert any(KELL in c["text"] for c in cited)

    shown = runner.invoke(main, ["ask", question])
    assert shown.exit_code == 0, shown.output
    assert '] pellmouth-report.pdf p. 2 "' in shown.stdout


def test_index_names_each_skipped_file_on_its_own_line(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.md").write_text("The harbour light was lit in 1871.", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    make_scanned_pdf(folder / "scan.pdf")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    result = CliRunner().invoke(main, ["index", str(folder)])
    assert result.exit_code == 3  # some files skipped, the rest indexed
    skipped = [line for line in result.output.splitlines() if line.startswith("skipped: ")]
    assert len(skipped) == 3
    assert f"skipped: {folder / 'empty.txt'}: empty file" in result.output
    assert f"skipped: {folder / 'scan.pdf'}: no text layer" in result.output
    assert f"skipped: {folder / 'loop.txt'}: symlink loop" in result.output
    assert "1 added" in result.output and "3 skipped" in result.output
    assert "Traceback" not in result.output
    assert "good.md" in CliRunner().invoke(main, ["docs"]).output


def test_strict_makes_a_skip_an_error_and_changes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.md").write_text("The harbour light was lit in 1871.", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["index", "--strict", str(folder)])
    assert result.exit_code == 1
    assert f"error: {folder / 'empty.txt'}: empty file" in result.output
    assert "nothing was changed (--strict)" in result.output
    assert CliRunner().invoke(main, ["docs"]).output.strip() == ""
    (folder / "empty.txt").unlink()
    assert CliRunner().invoke(main, ["index", "--strict", str(folder)]).exit_code == 0
