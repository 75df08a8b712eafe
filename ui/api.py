"""The HTTP API under ``/api``: ask (JSON or server-sent events) with citations, manage the
indexed documents, and report health. Every action goes through :class:`qa.assistant.Assistant`.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field
from sse_starlette import EventSourceResponse
from starlette.datastructures import FormData, UploadFile
from starlette.types import Message

from index.errors import QAError, UnsupportedFileError
from index.pipeline import IndexReport
from qa.answer import Answer, Status, Token
from qa.assistant import Assistant
from qa.report import answer_json
from ui.service import ERROR_RESPONSES, ApiError, Asking, api_error

# --- requests and responses -----------------------------------------------------------------


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(description="The question.")
    history: list[str] = Field(
        default_factory=list, description="Earlier questions of the conversation, oldest first."
    )
    top_k: int | None = Field(None, ge=1, le=50, description="Passages to read.")
    model: str | None = Field(None, description="A model from GET /v1/models.")
    stream: bool = Field(False, description="Answer as server-sent events.")


class CitationOut(BaseModel):
    """``text == document[start:end]`` of ``source`` (see GET /api/documents/{source})."""

    id: int
    source: str
    page: int | None = Field(None, description="The PDF page holding start (null otherwise).")
    start: int
    end: int
    line: int
    text: str
    highlight: list[int] | None = Field(
        None, description="The answer's value inside the span, [start, end] (null when none)."
    )


class Timings(BaseModel):
    retrieve_ms: float
    first_token_ms: float
    total_ms: float


class AnswerOut(BaseModel):
    """The object of ``qa ask --json``: every ``[n]`` in ``answer`` has the citation ``id == n``."""

    question: str
    answer: str
    citations: list[CitationOut]
    abstained: bool
    mode: Literal["value", "points", "generated", "extractive", "conflict", "abstained"]
    related: list[CitationOut] = Field(description="Closest passages when abstaining; not cited.")
    timings: Timings


class DocumentOut(BaseModel):
    source: str
    chunks: int
    size: int = Field(description="Characters of indexed text.")
    sha256: str
    indexed_at: datetime


class DocumentText(BaseModel):
    source: str
    text: str = Field(description="The indexed text that citation offsets refer to.")


class Removed(BaseModel):
    source: str
    chunks: int = Field(description="Chunks removed with their vectors.")


class IndexReportOut(BaseModel):
    added: list[str]
    updated: list[str]
    removed: list[str]
    unchanged: int
    embedded: int = Field(description="Chunks embedded.")
    failures: list[str] = Field(description="Files that could not be indexed, and why.")
    summary: str


class Health(BaseModel):
    status: Literal["ok", "loading", "failed"]
    error: str | None = Field(None, description="Why the model failed to load.")
    documents: int
    chunks: int
    model: str
    llm: Literal["in-process", "server"]
    chroma: Literal["local", "server"]


# --- answering ------------------------------------------------------------------------------


def _sse(event: str, data: dict[str, Any]) -> dict[str, str]:
    return {"event": event, "data": json.dumps(data, ensure_ascii=False)}


def _answer_events(asking: Asking, body: AskRequest, settings: Any) -> Iterator[dict[str, str]]:
    """``status`` and ``token`` events, then one ``answer`` (or ``error``) event."""
    try:
        for event in asking.events(body.question, body.history, settings):
            if isinstance(event, Status):
                yield _sse("status", {"stage": event.stage})
            elif isinstance(event, Token):
                yield _sse("token", {"text": event.text})
            elif isinstance(event, Answer):
                yield _sse("answer", answer_json(event))
    except ApiError as exc:
        yield _sse("error", exc.body())
    except QAError as exc:
        yield _sse("error", api_error(exc).body())


# --- documents ------------------------------------------------------------------------------

_UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "files": {"type": "array", "items": {"type": "string", "format": "binary"}}
                    },
                    "required": ["files"],
                }
            }
        },
    }
}


class _TooLarge(Exception):
    pass


def _too_large(limit_mb: float) -> ApiError:
    return ApiError(
        413,
        f"the upload is larger than {limit_mb:g} MB: send fewer or smaller files, or raise "
        "QA_UI__MAX_UPLOAD_MB",
        "upload_too_large",
    )


async def _read_form(request: Request, limit_mb: float) -> FormData:
    """The multipart form, refused with 413 as soon as the body passes the limit (before it
    is all received, so an oversized upload is never stored whole)."""
    limit = int(limit_mb * 1_000_000)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(limit_mb)
    received = 0

    async def receive() -> Message:
        nonlocal received
        message = await request.receive()
        received += len(message.get("body", b""))
        if received > limit:
            raise _TooLarge
        return message

    try:
        return await Request(request.scope, receive).form(max_files=1000)
    except _TooLarge:
        raise _too_large(limit_mb) from None


def safe_name(name: str | None) -> str:
    """An uploaded file's name, refused (400) unless it is a plain name inside the documents
    folder: no folders, no ``..``, no absolute paths, no NUL bytes, not hidden."""
    if not name:
        raise ApiError(400, "an uploaded file has no name: send a filename", "invalid_file_name")
    plain = name not in (".", "..") and not name.startswith(".")
    if not plain or "\x00" in name or "/" in name or "\\" in name or len(name) > 255:
        raise ApiError(
            400,
            f"{name!r} is not a plain file name: send the name alone (no folders, '..' or NUL), "
            "not starting with a dot",
            "invalid_file_name",
        )
    return name


def _report(report: IndexReport) -> IndexReportOut:
    return IndexReportOut(
        added=report.added,
        updated=report.updated,
        removed=report.removed,
        unchanged=report.unchanged,
        embedded=report.embedded,
        failures=[str(f) for f in report.failures],
        summary=report.summary(),
    )


def _known(assistant: Assistant, source: str) -> None:
    if source not in assistant.store.files():
        raise ApiError(
            404,
            f"{source} is not in the index: GET /api/documents lists the indexed documents",
            "document_not_found",
        )


# --- routes ---------------------------------------------------------------------------------


def router(asking: Asking) -> APIRouter:
    """The ``/api`` routes (the caller adds the API key check)."""
    assistant = asking.assistant
    api = APIRouter(prefix="/api", tags=["api"], responses=ERROR_RESPONSES)

    @api.post(
        "/ask",
        response_model=AnswerOut,
        responses={200: {"content": {"text/event-stream": {}}}},
        summary="Answer a question with citations",
    )
    def ask(body: AskRequest) -> Any:
        """The answer object of ``qa ask --json``; with ``"stream": true``, server-sent events:
        ``status`` (``{"stage"}``), ``token`` (``{"text"}``, the unverified draft), then one
        ``answer`` event with the final object (or ``error`` with ``{"error"}``)."""
        asking.check(body.question, body.history)
        settings = asking.settings(body.model, body.top_k)
        if body.stream:
            return EventSourceResponse(_answer_events(asking, body, settings))
        for event in asking.events(body.question, body.history, settings):
            if isinstance(event, Answer):
                return AnswerOut.model_validate(answer_json(event))
        raise AssertionError("answer() always ends with an Answer")

    @api.get("/documents", response_model=list[DocumentOut], summary="The indexed documents")
    def documents() -> list[DocumentOut]:
        return [
            DocumentOut(
                source=r.source,
                chunks=r.chunks,
                size=r.size,
                sha256=r.sha256,
                indexed_at=datetime.fromtimestamp(r.indexed_at, UTC),
            )
            for r in assistant.documents()
        ]

    @api.post(
        "/documents",
        response_model=IndexReportOut,
        openapi_extra=_UPLOAD_BODY,
        responses={
            413: {"model": ERROR_RESPONSES[400]["model"], "description": "Upload too large"},
            415: {"model": ERROR_RESPONSES[400]["model"], "description": "Unsupported file type"},
        },
        summary="Upload and index documents",
    )
    async def upload(request: Request) -> IndexReportOut:
        """Upload one or more ``.txt``, ``.md`` or ``.html`` files (multipart, any field name)
        into the index's documents folder and index them; returns the index report."""
        form = await _read_form(request, assistant.settings.ui.max_upload_mb)
        try:
            uploads = [v for _, v in form.multi_items() if isinstance(v, UploadFile)]
            if not uploads:
                raise ApiError(
                    400,
                    "no files: send multipart/form-data with one or more files (field `files`)",
                    "invalid_request_error",
                )
            names = [safe_name(u.filename) for u in uploads]
            if len(set(names)) < len(names):
                raise ApiError(400, "two uploaded files share a name", "invalid_request_error")
            with tempfile.TemporaryDirectory(prefix="qa-upload-") as folder:
                paths = []
                for name, upload in zip(names, uploads, strict=True):
                    path = Path(folder) / name
                    path.write_bytes(await upload.read())
                    paths.append(path)
                report = await run_in_threadpool(assistant.add_files, paths)
        finally:
            await form.close()
        if report.failures and not (report.added or report.updated or report.unchanged):
            message = "; ".join(str(f) for f in report.failures)
            if all(isinstance(f, UnsupportedFileError) for f in report.failures):
                raise ApiError(415, message, "unsupported_file_type")
            raise ApiError(400, message, "invalid_document")
        return _report(report)

    @api.get(
        "/documents/{source:path}",
        response_model=DocumentText,
        summary="A document's indexed text",
    )
    def document(source: str) -> DocumentText:
        """The text citation offsets refer to (``text[start:end]`` is the cited passage)."""
        _known(assistant, source)
        text = assistant.document_text(source)
        if text is None:
            raise ApiError(
                404,
                f"{source} is indexed but its file is gone: re-index or DELETE it",
                "document_not_found",
            )
        return DocumentText(source=source, text=text)

    @api.delete("/documents/{source:path}", response_model=Removed, summary="Remove a document")
    def delete(source: str) -> Removed:
        """Remove the document and its vectors (and the uploaded copy, if it was uploaded)."""
        _known(assistant, source)
        return Removed(source=source, chunks=assistant.delete(source))

    return api


def health_router(asking: Asking) -> APIRouter:
    """``GET /api/health``, open without the API key so load balancers can probe it."""
    assistant = asking.assistant
    api = APIRouter(prefix="/api", tags=["api"])

    @api.get(
        "/health",
        response_model=Health,
        responses={503: {"model": Health, "description": "The model is loading"}},
        summary="Ready to answer?",
    )
    def health(response: Response) -> Health:
        """``ok`` once the default model is loaded; ``loading`` (status 503) before, ``failed``
        (503) when it cannot load."""
        settings = assistant.settings
        ready, failure = asking.ready(), asking.failure()
        if not ready:
            response.status_code = 503
            response.headers["Retry-After"] = "5"
        return Health(
            status="ok" if ready else "failed" if failure else "loading",
            error=str(failure) if failure else None,
            documents=len(assistant.documents()),
            chunks=assistant.store.count(),
            model=settings.model,
            llm="server" if settings.llm.server_url else "in-process",
            chroma="server" if settings.index.chroma_url else "local",
        )

    return api
