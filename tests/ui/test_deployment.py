"""Two `qa serve` processes on one index (its SQLite file on this host, its vectors in a `chroma
run` server): a document uploaded through one is answered by the other, and deleted through it.
Every server is started by the test on a free loopback port and always stopped."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest

from tests.conftest import DATA, SEEDS
from tests.servers import free_port, running

QUESTION = "How high above the sea does the Pellmouth lighthouse lantern stand?"


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    root = tmp_path_factory.mktemp("two")
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent))
    assert chroma, "the chroma command comes with the chromadb package"
    chroma_port = free_port()
    chroma_url = f"http://127.0.0.1:{chroma_port}"
    env = {
        **os.environ,
        "QA_INDEX_DIR": str(root / "index"),
        "QA_SEEDS_DIR": str(seeds),
        "QA_INDEX__CHROMA_URL": chroma_url,
    }
    with ExitStack() as stack:
        stack.enter_context(
            running(
                [chroma, "run", "--path", str(root / "db"), "--host", "127.0.0.1",
                 "--port", str(chroma_port)],
                f"{chroma_url}/api/v2/heartbeat",
                root / "chroma.log",
            )
        )  # fmt: skip
        urls = []
        for name in ("a", "b"):  # one after the other: the first indexes the seeds
            port = free_port()
            command = [sys.executable, "-m", "ui.cli", "serve", "--port", str(port)]
            url = f"http://127.0.0.1:{port}"
            stack.enter_context(
                running(command, f"{url}/api/health", root / f"serve-{name}.log", env)
            )
            urls.append(url)
        yield urls[0], urls[1]


def _sources(url: str) -> set[str]:
    return {d["source"] for d in httpx.get(f"{url}/api/documents", timeout=30).json()}


def test_one_process_indexes_the_other_answers(two_servers: tuple[str, str]) -> None:
    a, b = two_servers
    files = {"files": ("lighthouse.md", (DATA / "lighthouse.md").read_bytes(), "text/markdown")}
    response = httpx.post(f"{a}/api/documents", files=files, timeout=300)
    assert response.status_code == 200, response.text
    assert "lighthouse.md" in _sources(b)
    answer = httpx.post(f"{b}/api/ask", json={"question": QUESTION}, timeout=300).json()
    assert "34" in answer["answer"]
    assert [c["source"] for c in answer["citations"]] == ["lighthouse.md"]
    shown = httpx.get(f"{b}/api/documents/lighthouse.md", timeout=30).json()["text"]
    c = answer["citations"][0]
    assert shown[c["start"] : c["end"]] == c["text"]

    assert httpx.delete(f"{b}/api/documents/lighthouse.md", timeout=60).status_code == 200
    assert "lighthouse.md" not in _sources(a)
    after = httpx.post(f"{a}/api/ask", json={"question": QUESTION}, timeout=300).json()
    assert all(c["source"] != "lighthouse.md" for c in after["citations"])
