"""The chat in a real headless Chromium (Debian's), against `qa serve` started by the test."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import NATO_QUESTION, ROOT, SEEDS
from tests.servers import free_port, running

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`qa serve` on a free loopback port over a fresh index of the seeds; always stopped."""
    root = tmp_path_factory.mktemp("serve")
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    port = free_port()
    env = {**os.environ, "QA_INDEX_DIR": str(root / "index"), "QA_SEEDS_DIR": str(seeds)}
    url = f"http://127.0.0.1:{port}/"
    command = [sys.executable, "-m", "ui.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    with running(command, url, root / "serve.log", env):
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()


def _ask(page, question: str) -> None:  # type: ignore[no-untyped-def]
    before = page.locator("#qa-chat .qa-answer").count()
    page.fill("#qa-input textarea", question)
    page.click("#qa-ask")
    page.wait_for_function(
        "n => document.querySelectorAll('#qa-chat .qa-answer').length > n",
        arg=before,
        timeout=120_000,
    )


def test_ask_click_a_citation_upload_and_delete(server: str, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(server)
    page.wait_for_selector("#qa-input textarea")

    _ask(page, NATO_QUESTION)
    answer = page.locator("#qa-chat .qa-answer").last
    assert "55" in answer.inner_text()
    chip = answer.locator(".qa-chip").first
    assert chip.is_visible()
    page.screenshot(path=str(ARTIFACTS / "chat-desktop.png"))

    chip.click()
    page.wait_for_selector("#qa-mark", timeout=30_000)
    assert "55" in page.inner_text("#qa-mark")
    assert ".txt" in page.inner_text(".qa-panel-head")
    page.screenshot(path=str(ARTIFACTS / "source-panel-desktop.png"))

    note = tmp_path / "pellmouth-note.txt"
    note.write_text(
        "The Pellmouth lighthouse was first lit in 1871. Its keeper in 1903 was Ada Morrow.\n",
        encoding="utf-8",
    )
    page.get_by_role("tab", name="Documents").click()
    page.set_input_files("#qa-upload input[type=file]", str(note))
    page.wait_for_function(
        "() => document.querySelector('#qa-docs')?.innerText.includes('pellmouth-note.txt')",
        timeout=120_000,
    )

    _ask(page, "Who was the keeper of the Pellmouth lighthouse in 1903?")
    answer = page.locator("#qa-chat .qa-answer").last
    assert "Ada Morrow" in answer.inner_text()
    sources = page.locator("#qa-chat .qa-sources").last.inner_text()
    assert "pellmouth-note.txt" in sources

    page.get_by_role("tab", name="Documents").click()
    page.click("#qa-doc-choice input")
    page.get_by_role("option", name="pellmouth-note.txt").click()
    page.click("#qa-delete")
    page.wait_for_function(
        "() => !document.querySelector('#qa-docs')?.innerText.includes('pellmouth-note.txt')",
        timeout=60_000,
    )
    assert "Deleted pellmouth-note.txt" in page.inner_text("#qa-doc-status")

    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_role("tab", name="Source").click()
    page.screenshot(path=str(ARTIFACTS / "chat-phone.png"), full_page=True)
    page.close()


def test_abstention_shows_related_passages_not_citations(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(server + "?__theme=dark")
    page.wait_for_selector("#qa-input textarea")
    _ask(page, "Who is the president of South Korea?")
    answer = page.locator("#qa-chat .qa-answer").last
    assert "do not say" in answer.inner_text()
    assert page.locator("#qa-chat .qa-related-list").last.is_visible()
    assert answer.locator(".qa-chip").count() == 0
    page.screenshot(path=str(ARTIFACTS / "abstain-dark.png"))
    page.close()
