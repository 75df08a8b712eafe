"""Generators: turn chat messages into streamed text, in-process or from a llama.cpp server."""

from __future__ import annotations

import atexit
import json
import os
import threading
import urllib.request
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any, Protocol, TypedDict

from index.errors import QAError


class ModelServerError(QAError):
    """The model server's reply broke off."""


class Message(TypedDict):
    role: str
    content: str


class Generator(Protocol):
    """Streams the reply to ``messages`` piece by piece."""

    name: str

    def generate(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int,
        temperature: float,
        stop: Sequence[str] = (),
    ) -> Iterator[str]: ...


class LlamaCppGenerator:
    """A GGUF model run in-process by llama.cpp; one request at a time (llama.cpp is not
    re-entrant), so concurrent callers queue on a lock."""

    def __init__(self, model_path: Path, n_ctx: int = 2048, n_threads: int | None = None) -> None:
        from llama_cpp import Llama

        self.name = model_path.name
        threads = n_threads or os.cpu_count() or 1
        self._llama = Llama(
            model_path=str(model_path),
            n_ctx=n_ctx,
            n_threads=threads,
            n_threads_batch=threads,
            seed=0,
            verbose=False,
        )
        self._lock = threading.Lock()
        # Free the model before interpreter teardown, when llama.cpp's bindings are gone.
        atexit.register(self._llama.close)

    def generate(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int,
        temperature: float,
        stop: Sequence[str] = (),
    ) -> Iterator[str]:
        with self._lock:
            stream: Any = self._llama.create_chat_completion(
                messages=list(messages),  # type: ignore[arg-type]
                max_tokens=max_tokens,
                temperature=temperature,
                top_k=1 if temperature == 0 else 40,
                stop=list(stop),
                stream=True,
                seed=0,
            )
            for event in stream:
                piece = event["choices"][0]["delta"].get("content")
                if piece:
                    yield piece


class OpenAIServerGenerator:
    """An OpenAI-compatible chat endpoint, e.g. ``python -m llama_cpp.server`` on another host."""

    def __init__(self, url: str, timeout: float = 120.0) -> None:
        self.name = url
        self._url = url.rstrip("/") + "/v1/chat/completions"
        self._timeout = timeout

    def generate(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int,
        temperature: float,
        stop: Sequence[str] = (),
    ) -> Iterator[str]:
        body = json.dumps(
            {
                "messages": list(messages),
                "max_tokens": max_tokens,
                "temperature": temperature,
                "stop": list(stop),
                "stream": True,
                "seed": 0,
            }
        ).encode()
        request = urllib.request.Request(self._url, body, {"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=self._timeout) as response:
            for raw in response:
                line = raw.decode().strip()
                if line == "data: [DONE]":
                    return
                if not line.startswith("data:"):
                    continue
                piece = json.loads(line[5:])["choices"][0]["delta"].get("content")
                if piece:
                    yield piece
        # A reply cut off before [DONE] would be verified as if it were whole.
        raise ModelServerError(
            f"the model server at {self.name} ended a reply early; python -m llama_cpp.server "
            "does so when another request arrives: start it with --interrupt_requests False"
        )


@cache
def load_generator(model_path: Path, n_ctx: int, n_threads: int | None) -> LlamaCppGenerator:
    """One loaded model per path and context size, shared by every caller in the process."""
    return LlamaCppGenerator(model_path, n_ctx, n_threads)
