"""Growing onto servers: vectors in a `chroma run` server, answers from `llama_cpp.server`.

Both servers are started by the test on free loopback ports and always stopped.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from qa.answer import Answer, Token
from qa.assistant import Assistant
from qa.models import resolve_model
from qa.settings import Settings
from tests.conftest import NATO_QUESTION, ROOT, SEEDS
from tests.servers import chroma_server, free_port, running


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with chroma_server(tmp_path_factory.mktemp("chroma")) as url:
        yield url


@pytest.fixture(scope="module")
def llm_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("llm")
    port = free_port()
    model = resolve_model("smollm2", ROOT / "models")
    command = [
        sys.executable, "-m", "llama_cpp.server", "--model", str(model),
        "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "2048", "--verbose", "False",
    ]  # fmt: skip
    with running(command, f"http://127.0.0.1:{port}/v1/models", root / "llm.log"):
        yield f"http://127.0.0.1:{port}"


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
    answer = assistant.ask_final(NATO_QUESTION)  # a value: read from the passages on Chroma
    assert "55" in answer.text and answer.citations
    assert "55" in answer.citations[0].text
    events = list(assistant.ask("What did Guo say NATO's false information cannot do?"))
    assert any(isinstance(e, Token) for e in events)  # the draft streamed from the server
    assert isinstance(events[-1], Answer) and "deceive" in events[-1].text
    again = Assistant(settings).index([SEEDS])
    assert again.embedded == 0 and again.unchanged == 2
