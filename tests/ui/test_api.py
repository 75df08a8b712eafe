"""The HTTP API and the OpenAI-compatible endpoint over real HTTP, against `qa serve` started by
the test on a free loopback port (real MiniLM, Chroma, tantivy and SmolLM2)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from tests.conftest import DATA, NATO_QUESTION, ROOT, SEEDS
from tests.servers import free_port, running
from ui.server import SHUTDOWN_GRACE_S

KEY = "test-key-0123456789"
QUESTIONS = [
    NATO_QUESTION,
    "What did China urge NATO to stop doing?",
    "On which day did Rutte speak?",
    "Who is the president of South Korea?",
]
LIGHTHOUSE_QUESTION = "How high above the sea does the Pellmouth lighthouse lantern stand?"


def _serve(root: Path, env: dict[str, str]) -> Iterator[str]:
    """`qa serve` over a fresh index of the seeds, once /api/health says the model is loaded."""
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    port = free_port()
    env = {**os.environ, "QA_INDEX_DIR": str(root / "index"), "QA_SEEDS_DIR": str(seeds), **env}
    command = [sys.executable, "-m", "ui.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    url = f"http://127.0.0.1:{port}"
    with running(command, f"{url}/api/health", root / "serve.log", env):
        yield url


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The default: loopback, no API key."""
    yield from _serve(tmp_path_factory.mktemp("api"), {})


@pytest.fixture(scope="module")
def keyed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """With an API key and a 20 kB upload limit."""
    env = {"QA_UI__API_KEY": KEY, "QA_UI__MAX_UPLOAD_MB": "0.02"}
    yield from _serve(tmp_path_factory.mktemp("api-keyed"), env)


def _ask(url: str, question: str, **fields: Any) -> dict[str, Any]:
    response = httpx.post(f"{url}/api/ask", json={"question": question, **fields}, timeout=300)
    assert response.status_code == 200, response.text
    return dict(response.json())


def _same(answer: dict[str, Any]) -> tuple[str, str]:
    """What must not change between runs of one question (timings do)."""
    return answer["answer"], json.dumps(answer["citations"])


def _error(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"message", "type"}
    assert "Traceback" not in response.text
    return str(body["error"]["message"])


def test_ask_returns_the_json_of_qa_ask(server: str) -> None:
    obj = _ask(server, NATO_QUESTION)
    assert set(obj) == {
        "question", "answer", "citations", "abstained", "mode", "related", "timings"
    }  # fmt: skip
    assert "55" in obj["answer"] and obj["citations"] and not obj["abstained"]
    for c in obj["citations"]:
        assert set(c) == {"id", "source", "page", "start", "end", "line", "text", "highlight"}
        assert f"[{c['id']}]" in obj["answer"]
        doc = httpx.get(f"{server}/api/documents/{c['source']}", timeout=30).json()
        assert doc["text"][c["start"] : c["end"]] == c["text"]
        assert doc["text"][: c["start"]].count("\n") + 1 == c["line"]


def test_ask_streams_status_tokens_then_the_answer(server: str) -> None:
    events: list[tuple[str, Any]] = []
    # A question the model phrases (a value would be stated without a draft to stream).
    question = "What did Guo say NATO's false information cannot do?"
    body = {"question": question, "stream": True}
    with httpx.stream("POST", f"{server}/api/ask", json=body, timeout=300) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        name = ""
        for line in response.iter_lines():
            if line.startswith("event:"):
                name = line.split(":", 1)[1].strip()
            elif line.startswith("data:"):
                events.append((name, json.loads(line.split(":", 1)[1])))
    kinds = [k for k, _ in events]
    assert kinds[0] == "status" and events[0][1] == {"stage": "searching"}
    assert "token" in kinds and kinds[-1] == "answer" and kinds.count("answer") == 1
    assert _same(events[-1][1]) == _same(_ask(server, question))


def test_four_concurrent_asks_get_their_own_answers(server: str) -> None:
    alone = [_ask(server, q) for q in QUESTIONS]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda q: _ask(server, q), QUESTIONS))
    assert [a["question"] for a in together] == QUESTIONS
    assert [_same(a) for a in together] == [_same(a) for a in alone]
    assert len({a["answer"] for a in together}) == 4
    assert "55" in together[0]["answer"]
    assert together[3]["abstained"]  # the seeds do not name South Korea's president


def test_history_makes_a_follow_up_answerable(server: str) -> None:
    obj = _ask(server, "And what about China's own budget?", history=[NATO_QUESTION])
    assert obj["question"] == "And what about China's own budget?"
    assert obj["citations"] or obj["related"]


def test_documents_upload_show_ask_delete(server: str) -> None:
    listed = httpx.get(f"{server}/api/documents", timeout=30).json()
    assert {d["source"] for d in listed} == {"000_ec397f79bacca5ab.txt", "001_af2cb071c3335e74.txt"}
    assert set(listed[0]) == {"source", "chunks", "size", "sha256", "indexed_at"}
    text = (DATA / "lighthouse.md").read_bytes()
    files = {"files": ("lighthouse.md", text, "text/markdown")}
    report = httpx.post(f"{server}/api/documents", files=files, timeout=300)
    assert report.status_code == 200, report.text
    assert report.json()["added"] == ["lighthouse.md"] and report.json()["embedded"] > 0
    shown = httpx.get(f"{server}/api/documents/lighthouse.md", timeout=30).json()
    assert shown["source"] == "lighthouse.md" and "Pellmouth" in shown["text"]
    obj = _ask(server, LIGHTHOUSE_QUESTION)
    assert obj["citations"] and obj["citations"][0]["source"] == "lighthouse.md"
    removed = httpx.delete(f"{server}/api/documents/lighthouse.md", timeout=60)
    assert removed.status_code == 200 and removed.json()["chunks"] > 0
    assert "lighthouse.md" not in {
        d["source"] for d in httpx.get(f"{server}/api/documents", timeout=30).json()
    }
    _error(httpx.get(f"{server}/api/documents/lighthouse.md", timeout=30), 404)
    _error(httpx.delete(f"{server}/api/documents/lighthouse.md", timeout=30), 404)


@pytest.mark.parametrize("name", ["../x.txt", "/etc/x.txt", "a/b.txt", "..", ".hidden.txt"])
def test_upload_names_stay_in_the_documents_folder(server: str, name: str) -> None:
    files = {"files": (name, b"Some text.", "text/plain")}
    message = _error(httpx.post(f"{server}/api/documents", files=files, timeout=60), 400)
    assert "plain file name" in message


def test_upload_name_with_a_nul_byte_is_refused(server: str) -> None:
    body = (
        b'--b\r\nContent-Disposition: form-data; name="files"; filename="x\x00.txt"\r\n'
        b"Content-Type: text/plain\r\n\r\nSome text.\r\n--b--\r\n"
    )
    headers = {"Content-Type": "multipart/form-data; boundary=b"}
    response = httpx.post(f"{server}/api/documents", content=body, headers=headers, timeout=60)
    _error(response, 400)


def test_upload_errors(server: str) -> None:
    image = {"files": ("photo.png", b"\x89PNG\r\n", "image/png")}
    message = _error(httpx.post(f"{server}/api/documents", files=image, timeout=60), 415)
    assert "photo.png" in message and ".txt" in message
    _error(httpx.post(f"{server}/api/documents", data={"x": "1"}, timeout=60), 400)


def test_question_errors(server: str) -> None:
    assert "empty" in _error(httpx.post(f"{server}/api/ask", json={"question": "  "}), 400)
    long = "why " * 600
    assert "2000" in _error(httpx.post(f"{server}/api/ask", json={"question": long}), 400)
    missing = _error(httpx.post(f"{server}/api/ask", json={"history": []}), 400)
    assert "question" in missing
    bad_json = httpx.post(
        f"{server}/api/ask", content=b"{", headers={"Content-Type": "application/json"}
    )
    _error(bad_json, 400)
    unknown = {"question": NATO_QUESTION, "model": "nope"}
    assert "nope" in _error(httpx.post(f"{server}/api/ask", json=unknown), 404)


def test_health_and_openapi(server: str) -> None:
    health = httpx.get(f"{server}/api/health", timeout=30).json()
    assert health == {
        "status": "ok", "error": None, "documents": 2, "chunks": health["chunks"],
        "model": "smollm2", "llm": "in-process", "chroma": "local",
    }  # fmt: skip
    assert health["chunks"] > 0
    paths = httpx.get(f"{server}/openapi.json", timeout=30).json()["paths"]
    assert {"/api/ask", "/api/documents", "/v1/chat/completions", "/v1/models"} <= set(paths)
    assert httpx.get(f"{server}/", timeout=30).status_code == 200  # the chat is still there


def test_openai_client(server: str) -> None:
    from openai import OpenAI

    client = OpenAI(base_url=f"{server}/v1", api_key="unused", timeout=300)
    assert "smollm2" in [m.id for m in client.models.list()]
    messages: Any = [
        {"role": "system", "content": "ignored"},
        {"role": "user", "content": NATO_QUESTION},
    ]
    reply = client.chat.completions.create(model="smollm2", messages=messages)
    text = reply.choices[0].message.content or ""
    assert "55" in text and "[1] 000_ec397f79bacca5ab.txt:" in text
    citations = (reply.model_extra or {})["citations"]
    assert citations and citations[0]["source"] == "000_ec397f79bacca5ab.txt"
    assert _same({"answer": text.split("\n\n")[0], "citations": citations}) == _same(
        _ask(server, NATO_QUESTION)
    )
    streamed = client.chat.completions.create(model="smollm2", messages=messages, stream=True)
    pieces, extra = [], {}
    for chunk in streamed:
        pieces.append(chunk.choices[0].delta.content or "")
        extra.update(chunk.model_extra or {})
    assert "".join(pieces) == text and extra["citations"] == citations


def test_openai_history_is_the_earlier_user_messages(server: str) -> None:
    from openai import OpenAI

    client = OpenAI(base_url=f"{server}/v1", api_key="unused", timeout=300)
    messages: Any = [
        {"role": "user", "content": NATO_QUESTION},
        {"role": "assistant", "content": "55% [1]"},
        {"role": "user", "content": [{"type": "text", "text": "And China's own budget?"}]},
    ]
    reply = client.chat.completions.create(model="smollm2", messages=messages)
    direct = _ask(server, "And China's own budget?", history=[NATO_QUESTION])
    assert (reply.choices[0].message.content or "").startswith(direct["answer"])


def test_the_api_key(keyed: str) -> None:
    ask = {"question": NATO_QUESTION}
    assert "Bearer" in _error(httpx.post(f"{keyed}/api/ask", json=ask, timeout=300), 401)
    wrong = {"Authorization": "Bearer wrong"}
    _error(httpx.post(f"{keyed}/api/ask", json=ask, headers=wrong, timeout=300), 401)
    _error(httpx.get(f"{keyed}/api/documents", headers=wrong, timeout=30), 401)
    _error(httpx.get(f"{keyed}/v1/models", timeout=30), 401)
    right = {"Authorization": f"Bearer {KEY}"}
    response = httpx.post(f"{keyed}/api/ask", json=ask, headers=right, timeout=300)
    assert response.status_code == 200 and "55" in response.json()["answer"]
    assert httpx.get(f"{keyed}/api/health", timeout=30).status_code == 200  # for probes

    from openai import AuthenticationError, OpenAI

    with pytest.raises(AuthenticationError):
        OpenAI(base_url=f"{keyed}/v1", api_key="wrong").models.list()
    assert OpenAI(base_url=f"{keyed}/v1", api_key=KEY).models.list().data


def test_an_upload_over_the_limit_is_refused_while_it_streams(keyed: str) -> None:
    """Half an upload, with no Content-Length, is enough for the 413: the server answers before
    the client has sent the rest (and so never holds it)."""
    host, port = keyed.removeprefix("http://").split(":")
    head = (
        f"POST /api/documents HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {KEY}\r\n"
        "Content-Type: multipart/form-data; boundary=b\r\nTransfer-Encoding: chunked\r\n\r\n"
    ).encode()
    part = b'--b\r\nContent-Disposition: form-data; name="files"; filename="big.txt"\r\n\r\n'
    part += b"All work and no play. " * 1500  # 33 kB, over the 20 kB limit; more would follow
    with socket.create_connection((host, int(port)), timeout=60) as conn:
        conn.sendall(head + f"{len(part):x}\r\n".encode() + part + b"\r\n")
        reply = b""
        while b"\r\n\r\n" not in reply:
            reply += conn.recv(65536)
    assert reply.startswith(b"HTTP/1.1 413"), reply[:200]
    right = {"Authorization": f"Bearer {KEY}"}
    files = {"files": ("big.txt", b"x" * 30_000, "text/plain")}  # with a Content-Length
    message = _error(httpx.post(f"{keyed}/api/documents", files=files, headers=right), 413)
    assert "QA_UI__MAX_UPLOAD_MB" in message
    listed = httpx.get(f"{keyed}/api/documents", headers=right, timeout=30).json()
    assert "big.txt" not in {d["source"] for d in listed}


def test_serving_beyond_loopback_requires_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.cli import main

    for name in ("QA_UI__USERNAME", "QA_UI__PASSWORD", "QA_UI__API_KEY"):
        monkeypatch.delenv(name, raising=False)
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--port", "7999"])
    assert result.exit_code != 0
    assert "QA_UI__USERNAME and QA_UI__PASSWORD" in result.output
    assert "QA_UI__API_KEY" in result.output
    monkeypatch.setenv("QA_UI__USERNAME", "u")
    monkeypatch.setenv("QA_UI__PASSWORD", "p")
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--port", "7999"])
    assert result.exit_code != 0 and "QA_UI__API_KEY" in result.output


def test_503_while_the_model_loads(seeded_settings: Any) -> None:
    """A fresh assistant has no model loaded: the first question is refused with 503 and starts
    loading it; once loaded, the same question is answered."""
    import time

    import uvicorn

    from qa.assistant import Assistant
    from ui.server import create_app
    from ui.service import Asking

    asking = Asking(Assistant(seeded_settings))
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(asking), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    try:
        while not server.started:
            time.sleep(0.05)
        health = httpx.get(f"{url}/api/health", timeout=30)
        assert health.status_code == 503 and health.json()["status"] == "loading"
        first = httpx.post(f"{url}/api/ask", json={"question": NATO_QUESTION}, timeout=300)
        assert "loading" in _error(first, 503) and first.headers["Retry-After"]
        deadline = time.monotonic() + 120
        while not asking.ready() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert httpx.get(f"{url}/api/health", timeout=30).status_code == 200
        assert "55" in _ask(url, NATO_QUESTION)["answer"]
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def test_the_server_stops_on_sigterm_while_a_chat_client_is_connected(tmp_path: Path) -> None:
    """A process manager's SIGTERM (or Ctrl-C) stops `qa serve` within its grace period even
    while a browser tab or API client keeps a stream open."""
    from gradio_client import Client

    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    port = free_port()
    env = {**os.environ, "QA_INDEX_DIR": str(tmp_path / "index"), "QA_SEEDS_DIR": str(seeds)}
    command = [sys.executable, "-m", "ui.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    log = (tmp_path / "serve.log").open("wb")
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 240
        while proc.poll() is None and time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).is_success:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        message = [{"role": "user", "content": [{"type": "text", "text": NATO_QUESTION}]}]
        assert "55" in str(client.predict(message, api_name="/answer_last"))
        proc.terminate()
        assert proc.wait(timeout=SHUTDOWN_GRACE_S + 30) is not None
    finally:
        if proc.poll() is None:
            proc.kill()
        log.close()
