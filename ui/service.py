"""What the HTTP faces (``/api`` and ``/v1``) share: JSON errors, the API key, and asking
:class:`qa.assistant.Assistant` with per-request settings while the models load in the background.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Iterator, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from index.errors import (
    DuplicateNameError,
    ModelNotFoundError,
    NoIndexError,
    QAError,
    UnsupportedFileError,
)
from qa.answer import Event
from qa.assistant import Assistant
from qa.generate import ModelServerError
from qa.settings import Settings

log = logging.getLogger("qa.api")
RETRY_AFTER_S = 5


class ErrorBody(BaseModel):
    message: str
    type: str


class ErrorResponse(BaseModel):
    """Every error: ``{"error": {"message": ..., "type": ...}}``."""

    error: ErrorBody


class ApiError(Exception):
    """An error the client can act on, answered as JSON with ``status``."""

    def __init__(
        self, status: int, message: str, kind: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.kind = kind
        self.headers = headers

    def body(self) -> dict[str, Any]:
        return ErrorResponse(error=ErrorBody(message=self.message, type=self.kind)).model_dump()

    def response(self) -> JSONResponse:
        return JSONResponse(self.body(), status_code=self.status, headers=self.headers)


# The status of each kind of user error raised by the assistant.
_STATUS: list[tuple[type[QAError], int, str]] = [
    (UnsupportedFileError, 415, "unsupported_file_type"),
    (DuplicateNameError, 409, "duplicate_name"),
    (ModelNotFoundError, 404, "model_not_found"),
    (NoIndexError, 409, "no_index"),
    (ModelServerError, 502, "model_server_error"),
]


def api_error(exc: QAError) -> ApiError:
    """The HTTP error for a user error raised by the assistant (400 unless it is known)."""
    for kind, status, name in _STATUS:
        if isinstance(exc, kind):
            return ApiError(status, str(exc), name)
    return ApiError(400, str(exc), "invalid_request_error")


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": text}
    for status, text in {
        400: "Empty or over-long question, or another invalid request",
        401: "Missing or wrong API key",
        404: "Unknown document or model",
        503: "The model is loading; retry after the Retry-After seconds",
    }.items()
}


def install_error_handlers(app: FastAPI) -> None:
    """Every error becomes ``{"error": {...}}`` with its status; never a traceback."""

    @app.exception_handler(ApiError)
    async def _api(request: Request, exc: ApiError) -> JSONResponse:
        return exc.response()

    @app.exception_handler(QAError)
    async def _qa(request: Request, exc: QAError) -> JSONResponse:
        return api_error(exc).response()

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"] if p != "body")
        message = f"{where}: {first['msg']}" if where else str(first["msg"])
        return ApiError(400, message, "invalid_request_error").response()

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return ApiError(exc.status_code, str(exc.detail), "invalid_request_error").response()

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> JSONResponse:
        log.exception("%s %s failed", request.method, request.url.path)
        return ApiError(500, "internal error: see the server log", "server_error").response()


def require_key(key: str | None) -> Any:
    """A dependency that checks ``Authorization: Bearer <key>`` (nothing when ``key`` is unset)."""

    def check(request: Request) -> None:
        if key is None:
            return
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip(), key):
            raise ApiError(
                401,
                "missing or wrong API key: send the header Authorization: Bearer <QA_UI__API_KEY>",
                "authentication_error",
                {"WWW-Authenticate": "Bearer"},
            )

    return check


class Asking:
    """Questions from HTTP clients: checked, answered with per-request settings, and refused
    with 503 while the model they need loads (in the background, once)."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        self._loading: dict[str, threading.Thread] = {}
        self._failed: dict[str, QAError] = {}
        self._lock = threading.Lock()

    def models(self) -> list[str]:
        """The models a client may name: the configured one and every one offered."""
        names = self.assistant.models()
        default = self.assistant.settings.model
        return names if default in names else [default, *names]

    def load(self, model: str | None = None) -> None:
        """Start loading ``model`` (and the embedder) in the background, unless it is loaded."""
        name = model or self.assistant.settings.model
        with self._lock:
            if self.assistant.model_ready(name) or name in self._loading:
                return
            thread = threading.Thread(target=self._load, args=(name,), daemon=True)
            self._loading[name] = thread
        thread.start()

    def _load(self, name: str) -> None:
        try:
            self.assistant.embedder.embed_query("warm up")
            if self.assistant.settings.answer.generate:
                self.assistant.generator(name)
        except QAError as exc:
            self._failed[name] = exc
        finally:
            with self._lock:
                self._loading.pop(name, None)

    def failure(self, model: str | None = None) -> QAError | None:
        """Why ``model`` could not be loaded, if it could not."""
        return self._failed.get(model or self.assistant.settings.model)

    def ready(self, model: str | None = None) -> bool:
        name = model or self.assistant.settings.model
        return self.assistant.model_ready(name)

    def settings(self, model: str | None = None, top_k: int | None = None) -> Settings:
        """The assistant's settings with a request's model and top-k; 404 for a model that is
        not offered, 503 (and loading starts) for one that is not loaded yet."""
        base = self.assistant.settings
        name = model or base.model
        if name not in self.models():
            raise ApiError(
                404,
                f"model {name!r} not found (available: {', '.join(self.models())})",
                "model_not_found",
            )
        if failed := self.failure(name):
            raise api_error(failed)
        if not self.ready(name):
            self.load(name)
            raise ApiError(
                503,
                f"the model {name} is loading: retry in a few seconds",
                "model_loading",
                {"Retry-After": str(RETRY_AFTER_S)},
            )
        update: dict[str, Any] = {"model": name}
        if top_k is not None:
            update["retrieval"] = base.retrieval.model_copy(update={"top_k": top_k})
        return base.model_copy(update=update)

    def check(self, question: str, history: Sequence[str] = ()) -> None:
        """400 for an empty question, or one (or an earlier one) over the length limit."""
        limit = self.assistant.settings.ui.max_question_chars
        if not question.strip():
            raise ApiError(
                400,
                "the question is empty: ask a question about your documents",
                "invalid_request_error",
            )
        for text in (question, *history):
            if len(text) > limit:
                raise ApiError(
                    400,
                    f"a question is {len(text)} characters long; the limit is {limit} "
                    "(QA_UI__MAX_QUESTION_CHARS)",
                    "invalid_request_error",
                )

    def events(self, question: str, history: Sequence[str], settings: Settings) -> Iterator[Event]:
        """The events of answering; the model is released even when the client goes away."""
        stream = self.assistant.ask(question, [(q, "") for q in history], settings)
        try:
            yield from stream
        finally:
            stream.close()
