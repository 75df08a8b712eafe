"""Browser-test fixtures: Debian's Chromium through Playwright, and `qa serve` on a free
loopback port over an index the test chooses."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.servers import free_port, running

CHROMIUM = "/usr/bin/chromium"


@contextmanager
def serving(root: Path, env: dict[str, str]) -> Iterator[str]:
    """`qa serve` with ``env`` added to the environment, logging under ``root``; its URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    command = [sys.executable, "-m", "ui.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    with running(command, url, root / "serve.log", {**os.environ, **env}):
        yield url


@pytest.fixture(scope="session")
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
