"""The chat as a daily tool on a corpus that is not the seeds (tests/data/news), in a real
headless Chromium against `qa serve`: examples from the corpus, a window-high conversation,
answers copied and exported as Markdown, clean quotes, the keyboard."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT, SEEDS
from tests.ui.conftest import serving
from ui.examples import SEED_QUESTIONS

ARTIFACTS = ROOT / "test-artifacts"
GULLS = "How many spectators watched the Marlow Cup final?"
ANSWERS = "#qa-chat .qa-answer"
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`qa serve` over an index of the news reports; the seeds folder exists but is not indexed."""
    root = tmp_path_factory.mktemp("news-serve")
    news, seeds = root / "news", root / "seeds"
    shutil.copytree(DATA / "news", news)
    shutil.copytree(SEEDS, seeds)
    env = {"QA_INDEX_DIR": str(root / "index"), "QA_SEEDS_DIR": str(seeds)}
    subprocess.run(
        [sys.executable, "-m", "qa.cli", "index", str(news)],
        cwd=ROOT,
        env={**os.environ, **env},
        check=True,
        capture_output=True,
    )
    with serving(root, env) as url:
        yield url


def _open(browser, server: str, width: int, height: int, **context):  # type: ignore[no-untyped-def]
    page = browser.new_context(viewport={"width": width, "height": height}, **context).new_page()
    page.goto(server)
    page.wait_for_selector("#qa-input textarea")
    return page


def _answered(page, before: int) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function(
        "n => document.querySelectorAll('#qa-chat .qa-answer').length > n",
        arg=before,
        timeout=120_000,
    )


def _ask(page, question: str) -> None:  # type: ignore[no-untyped-def]
    before = page.locator(ANSWERS).count()
    page.fill("#qa-input textarea", question)
    page.keyboard.press("Enter")
    _answered(page, before)


def _input_focused(page) -> bool:  # type: ignore[no-untyped-def]
    return bool(page.evaluate("document.activeElement?.matches('#qa-input textarea')"))


def test_examples_come_from_the_corpus_and_the_chat_fills_the_window(
    server: str,
    browser,  # type: ignore[no-untyped-def]
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page = _open(browser, server, 1440, 1400)
    facts = page.inner_text("#qa-facts")
    assert "6 documents" in facts and "chunks" in facts and "in-process" in facts, facts
    assert "Chroma local" in facts

    examples = page.locator("#qa-chat .example")
    examples.first.wait_for()
    shown = [t.strip() for t in examples.all_inner_texts()]
    assert shown and not set(shown) & set(SEED_QUESTIONS)
    assert "How many signatures against the first design?" in shown  # ferry-terminal.txt

    chat = page.locator("#qa-chat").bounding_box()
    box = page.locator("#qa-input textarea").bounding_box()
    assert chat and box
    assert chat["height"] > 1400 - 300  # the conversation takes the window's height...
    assert box["y"] + box["height"] <= 1400  # ...and the question box stays in view

    page.screenshot(path=str(ARTIFACTS / "chat-news-examples.png"))
    page.get_by_text("How many signatures against the first design?").click()
    _answered(page, 0)
    assert "2,300" in page.locator(ANSWERS).last.inner_text()
    assert "ferry-terminal.txt" in page.inner_text("#qa-chat .qa-sources")
    page.wait_for_function("document.activeElement?.matches('#qa-input textarea')")
    page.close()


def test_copy_and_export_give_markdown_with_sources_and_long_quotes_end_cleanly(
    server: str,
    browser,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    page = _open(browser, server, 1440, 1000, permissions=["clipboard-read", "clipboard-write"])
    _ask(page, GULLS)
    answer = page.locator(ANSWERS).last
    assert "18,400" in answer.inner_text()

    # The cited sentence is longer than a source list shows: cut at a word, one ellipsis, the
    # closing quote mark on the same line as the last word.
    quote = page.locator("#qa-chat .qa-sources .qa-quote").first
    text = quote.inner_text().strip()
    assert text.startswith("“") and text.endswith("…”"), text
    assert not [line for line in text.splitlines() if not line.strip(" “”\"'…")], text
    last_word = re.findall(r"[\w,]+", text)[-1].rstrip(",")
    source = (DATA / "news" / "gulls-cup.md").read_text(encoding="utf-8")
    assert re.search(rf"\b{re.escape(last_word)}\b", source), last_word
    end = page.locator("#qa-chat .qa-sources .qa-quote-end").first
    assert end.evaluate("e => e.getClientRects().length") == 1

    page.locator("#qa-chat .qa-copy").last.click()
    page.wait_for_function("document.querySelector('#qa-chat .qa-copy').textContent === 'Copied'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "18,400" in copied and "[1]" in copied
    listed = r"^Sources:\n\n- \[1\] gulls-cup\.md, line \d+: “The Harbour City"
    assert re.search(listed, copied, re.M)
    assert "waterlogged pitch.”" in copied  # the whole quote in the Markdown

    _ask(page, "How much will the new ferry terminal cost?")
    with page.expect_download() as download:
        page.click("#qa-export")
    saved = tmp_path / "conversation.md"
    download.value.save_as(saved)
    exported = saved.read_text(encoding="utf-8")
    assert download.value.suggested_filename.endswith(".md")
    assert exported.startswith("# Questions and answers\n\n## " + GULLS)
    assert "## How much will the new ferry terminal cost?" in exported
    assert exported.count("Sources:") == 2 and "ferry-terminal.txt, line" in exported
    assert _input_focused(page)

    page.get_by_text("gulls-cup.md", exact=False).first.wait_for()
    page.locator(ANSWERS).first.locator(".qa-chip").first.click()
    page.wait_for_selector("#qa-mark", timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "chat-news-desktop.png"))
    page.close()


def test_enter_asks_shift_enter_adds_a_line_escape_stops(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    page = _open(browser, server, 1440, 1000)
    box = page.locator("#qa-input textarea")
    box.click()
    page.keyboard.type("How many tonnes of apples")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("does the cooperative expect?")
    assert box.input_value() == "How many tonnes of apples\ndoes the cooperative expect?"
    assert page.locator(ANSWERS).count() == 0

    page.keyboard.press("Enter")
    _answered(page, 0)
    assert "6,000" in page.locator(ANSWERS).last.inner_text()
    assert box.input_value() == ""
    assert _input_focused(page)

    # A question the model phrases: a value is stated without a draft there would be time to stop.
    page.keyboard.type("What did the cameras at the Kestrel Hill observatory record?")
    page.keyboard.press("Enter")
    page.wait_for_selector("#qa-chat .qa-status")  # searching, or the model's draft
    page.keyboard.press("Escape")
    page.wait_for_selector("#qa-chat .qa-stopped", timeout=30_000)
    page.wait_for_timeout(2000)  # a cancelled answer never arrives
    assert page.locator(ANSWERS).count() == 1
    assert _input_focused(page)
    page.close()


def test_the_phone_layout_keeps_the_question_box_in_view(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    page = _open(browser, server, 390, 844, is_mobile=True, has_touch=True)
    _ask(page, GULLS)
    box = page.locator("#qa-input textarea").bounding_box()
    chat = page.locator("#qa-chat").bounding_box()
    assert box and chat
    assert box["y"] + box["height"] <= 844 and chat["height"] > 844 / 2
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(ARTIFACTS / "chat-news-phone.png"))
    page.close()
