"""`qa serve --watch`: the chat's documents list and answers follow a watched folder, in a real
headless Chromium against a server started by the test."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import free_port, running
from tests.ui import test_browser

pytestmark = pytest.mark.browser


@pytest.fixture
def watched(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """`qa serve --watch FOLDER` on a free loopback port; the chat's URL and the folder."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "mill.txt").write_text(
        "The old mill on the Tansy river ground flour until 1952.\n", encoding="utf-8"
    )
    port = free_port()
    env = {**os.environ, "QA_INDEX_DIR": str(tmp_path / "index")}
    command = [sys.executable, "-m", "ui.cli", "serve", "--watch", str(folder), "--port", str(port)]
    with running(command, f"http://127.0.0.1:{port}/", tmp_path / "serve.log", env):
        yield f"http://127.0.0.1:{port}/", folder


def _listed(page, name: str, present: bool = True) -> None:  # type: ignore[no-untyped-def]
    """Wait until the Documents table lists ``name`` (or, with ``present=False``, no longer)."""
    page.wait_for_function(
        "([n, present]) => "
        "(document.querySelector('#qa-docs')?.innerText || '').includes(n) === present",
        arg=[name, present],
        timeout=120_000,
    )


def test_the_documents_list_and_answers_follow_the_watched_folder(  # type: ignore[no-untyped-def]
    watched: tuple[str, Path], browser
) -> None:
    url, folder = watched
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(url)
    page.wait_for_selector("#qa-input textarea")
    page.get_by_role("tab", name="Documents").click()
    _listed(page, "mill.txt")
    assert "000_" not in page.inner_text("#qa-docs")  # the watched folder, not the seeds

    (folder / "ferry.txt").write_text(
        "The Harrow Point ferry carries 212 passengers and a dozen bicycles.\n", encoding="utf-8"
    )
    _listed(page, "ferry.txt")  # no click: the open page follows
    test_browser._ask(page, "How many passengers does the Harrow Point ferry carry?")
    assert "212" in page.locator("#qa-chat .qa-answer").last.inner_text()

    (folder / "ferry.txt").unlink()
    page.get_by_role("tab", name="Documents").click()
    _listed(page, "ferry.txt", present=False)
    page.reload()
    page.get_by_role("tab", name="Documents").click()
    _listed(page, "mill.txt")
    assert "ferry.txt" not in page.inner_text("#qa-docs")
    page.close()
