"""The chat in a real headless Chromium: uploading a PDF, a Word file and bad files, the cited
page in the source panel, and questions that cannot be asked."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.documents import make_docx, make_pdf, make_scanned_pdf
from tests.qa.test_formats_cli import KELL, REPORT
from tests.servers import free_port, running
from tests.ui.test_browser import _ask

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`qa serve` on a free loopback port over an index of one text file; always stopped."""
    root = tmp_path_factory.mktemp("serve-formats")
    seeds = root / "seeds"
    seeds.mkdir()
    (seeds / "lighthouse.txt").write_text(
        "The Pellmouth lighthouse was first lit in 1871.\n", encoding="utf-8"
    )
    port = free_port()
    env = {**os.environ, "QA_INDEX_DIR": str(root / "index"), "QA_SEEDS_DIR": str(seeds)}
    url = f"http://127.0.0.1:{port}/"
    command = [sys.executable, "-m", "ui.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    with running(command, url, root / "serve.log", env):
        yield url


def test_upload_formats_and_bad_files_then_open_a_pdf_page(
    server: str, browser, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(server)
    page.wait_for_selector("#qa-input textarea")

    files = [
        make_pdf(tmp_path / "pellmouth-report.pdf", REPORT),
        make_docx(tmp_path / "minutes.docx", ["The council met on a Tuesday in May."]),
        make_scanned_pdf(tmp_path / "scan.pdf"),
        tmp_path / "empty.txt",
    ]
    files[-1].write_bytes(b"")
    page.get_by_role("tab", name="Documents").click()
    page.set_input_files("#qa-upload input[type=file]", [str(f) for f in files])
    page.wait_for_function(
        "() => document.querySelector('#qa-doc-status')?.innerText.includes('skipped')",
        timeout=120_000,
    )
    status = page.inner_text("#qa-doc-status")
    assert "2 added" in status and "2 skipped" in status
    assert "scan.pdf: no text layer (a scan?): run OCR first" in status
    assert "empty.txt: empty file" in status
    docs = page.inner_text("#qa-docs")
    assert "pellmouth-report.pdf" in docs and "minutes.docx" in docs and "scan.pdf" not in docs

    _ask(page, "How many ship arrivals did Tomas Kell record at Pellmouth in 1899?")
    answer = page.locator("#qa-chat .qa-answer").last
    assert "412" in answer.inner_text()
    sources = page.locator("#qa-chat .qa-sources").last.inner_text()
    assert "pellmouth-report.pdf page 2" in sources
    answer.locator(".qa-chip").first.click()
    page.wait_for_selector("#qa-mark", timeout=30_000)
    assert "pellmouth-report.pdf · p. 2 ·" in page.inner_text(".qa-panel-head")
    assert KELL in page.inner_text("#qa-mark")
    panel = page.inner_text(".qa-doc")
    assert "Arrivals" in panel and "breakwater" not in panel  # the cited page only
    page.close()


def test_questions_that_cannot_be_asked_show_a_clear_message(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(server)
    page.wait_for_selector("#qa-input textarea")
    for question, message in (
        ("?!... ;;", "the question has no words"),
        ("why " * 2600, "the limit is 1,000"),
    ):
        page.fill("#qa-input textarea", question)
        page.click("#qa-ask")
        page.wait_for_function(
            "m => document.body.innerText.includes(m)", arg=message, timeout=30_000
        )
    assert page.locator("#qa-chat .qa-answer").count() == 0
    page.fill("#qa-input textarea", "When was the\x07 Pellmouth lighthouse\x00 first lit?")
    page.click("#qa-ask")
    page.wait_for_function(
        "() => document.querySelectorAll('#qa-chat .qa-answer').length > 0", timeout=120_000
    )
    assert "1871" in page.locator("#qa-chat .qa-answer").last.inner_text()
    page.close()
