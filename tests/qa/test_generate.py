"""The model-server generator against a stand-in server on a free loopback port."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from qa.generate import ModelServerError, OpenAIServerGenerator

PIECE = b'data: {"choices": [{"delta": {"content": "Hello"}}]}\n\n'


@contextmanager
def _server(body: bytes) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _generate(url: str) -> str:
    generator = OpenAIServerGenerator(url, timeout=30)
    pieces = generator.generate([{"role": "user", "content": "Hi"}], max_tokens=5, temperature=0)
    return "".join(pieces)


def test_a_whole_reply_streams() -> None:
    with _server(PIECE + PIECE + b"data: [DONE]\n\n") as url:
        assert _generate(url) == "HelloHello"


def test_a_reply_cut_off_before_done_is_an_error() -> None:
    with (
        _server(PIECE) as url,
        pytest.raises(ModelServerError, match="--interrupt_requests False"),
    ):
        _generate(url)
