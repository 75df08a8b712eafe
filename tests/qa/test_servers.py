"""Growing onto servers: vectors in a `chroma run` server, answers from `llama_cpp.server`.

Both servers are started by the test on free loopback ports and always stopped.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from qa.answer import Answer, Token
from qa.assistant import Assistant
from qa.models import resolve_model
from qa.settings import Settings
from tests.conftest import NATO_QUESTION, ROOT, SEEDS


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(command: list[str], probe: str, log: Path) -> Iterator[str]:
    with log.open("wb") as out:
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{command[0]} did not start: {log.read_text(errors='replace')}")
            try:
                with urllib.request.urlopen(probe, timeout=2):
                    break
            except OSError:
                time.sleep(0.3)
        yield probe.rsplit("/", 3)[0] if "/api/" in probe else probe.rsplit("/v1/", 1)[0]
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("chroma")
    port = _port()
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent))
    assert chroma, "the chroma command comes with the chromadb package"
    command = [
        chroma,
        "run",
        "--path",
        str(root / "db"),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    probe = f"http://127.0.0.1:{port}/api/v2/heartbeat"
    yield from _serve(command, probe, root / "chroma.log")


@pytest.fixture(scope="module")
def llm_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("llm")
    port = _port()
    model = resolve_model("smollm2", ROOT / "models")
    command = [
        sys.executable, "-m", "llama_cpp.server", "--model", str(model),
        "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "2048", "--verbose", "False",
    ]  # fmt: skip
    yield from _serve(command, f"http://127.0.0.1:{port}/v1/models", root / "llm.log")


def test_answers_with_vectors_and_model_on_servers(
    chroma_url: str, llm_url: str, tmp_path: Path
) -> None:
    settings = Settings(
        index_dir=tmp_path / "index",
        index={"chroma_url": chroma_url},
        llm={"server_url": llm_url},
    )
    assistant = Assistant(settings)
    report = assistant.index([SEEDS])
    assert sorted(report.added) == ["000_ec397f79bacca5ab.txt", "001_af2cb071c3335e74.txt"]
    assert not (tmp_path / "index" / "chroma").exists()  # the vectors live on the server
    events = list(assistant.ask(NATO_QUESTION))
    assert any(isinstance(e, Token) for e in events)  # the draft streamed from the server
    answer = events[-1]
    assert isinstance(answer, Answer)
    assert "55" in answer.text and answer.citations
    assert "55" in answer.citations[0].text
    again = Assistant(settings).index([SEEDS])
    assert again.embedded == 0 and again.unchanged == 2
