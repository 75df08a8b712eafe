"""``/v1/chat/completions`` and ``/v1/models``, OpenAI-compatible: the ``openai`` package and
chat front ends such as Open WebUI ask the assistant unchanged.

The last user message is the question and the earlier user messages are its history. The reply's
content is the verified answer with its ``[n]`` markers, then a plain-text source list, so a client
that shows only text still shows the sources; ``citations`` (the structured list of ``/api/ask``)
is an extra top-level field. Sampling options (``temperature``, ``max_tokens``...) are accepted and
ignored: the answer is the verified one, the same for every client.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field
from sse_starlette import EventSourceResponse

from index.errors import QAError
from qa.answer import Answer
from qa.report import answer_json, sources_text
from qa.settings import Settings
from ui.api import CitationOut
from ui.service import ERROR_RESPONSES, ApiError, Asking, api_error


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")

    role: str
    content: str | list[dict[str, Any]] | None = None


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="allow")

    model: str | None = Field(
        None, description="A model from GET /v1/models (default: the server's)."
    )
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False


class ReplyMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str


class Choice(BaseModel):
    index: int = 0
    message: ReplyMessage
    finish_reason: Literal["stop"] = "stop"


class ChatCompletion(BaseModel):
    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    choices: list[Choice]
    citations: list[CitationOut] = Field(description="What each [n] of the content points at.")


class ModelCard(BaseModel):
    id: str
    object: Literal["model"] = "model"
    created: int = 0
    owned_by: str = "qa"


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelCard]


def _text(content: str | list[dict[str, Any]] | None) -> str:
    """A message's text, whether a string or a list of content parts."""
    if isinstance(content, list):
        return " ".join(str(p.get("text", "")) for p in content if p.get("type", "text") == "text")
    return content or ""


def question_and_history(messages: list[ChatMessage]) -> tuple[str, list[str]]:
    """The last user message and the user messages before it."""
    asked = [_text(m.content) for m in messages if m.role == "user"]
    if not asked:
        raise ApiError(
            400, "no user message: the last user message is the question", "invalid_request_error"
        )
    return asked[-1], asked[:-1]


def content(answer: Answer) -> str:
    """The answer with its markers, then its sources as plain text."""
    sources = sources_text(answer)
    return f"{answer.text}\n\n{sources}" if sources else answer.text


def _chunk(ident: str, created: int, model: str, delta: dict[str, Any], **extra: Any) -> str:
    choice = {"index": 0, "delta": delta, "finish_reason": extra.pop("finish_reason", None)}
    body = {
        "id": ident,
        "object": "chat.completion.chunk",
        "created": created,
        "model": model,
        "choices": [choice],
        **extra,
    }
    return json.dumps(body, ensure_ascii=False)


def router(asking: Asking) -> APIRouter:
    """The ``/v1`` routes (the caller adds the API key check)."""
    v1 = APIRouter(prefix="/v1", tags=["openai"], responses=ERROR_RESPONSES)

    def final(question: str, history: list[str], settings: Settings) -> Answer:
        for event in asking.events(question, history, settings):
            if isinstance(event, Answer):
                return event
        raise AssertionError("answer() always ends with an Answer")

    def chunks(
        question: str, history: list[str], settings: Settings, ident: str, created: int
    ) -> Iterator[dict[str, str]]:
        model = settings.model
        yield {"data": _chunk(ident, created, model, {"role": "assistant", "content": ""})}
        try:
            answer = final(question, history, settings)
        except QAError as exc:
            yield {"data": json.dumps(api_error(exc).body())}
            return
        yield {"data": _chunk(ident, created, model, {"content": content(answer)})}
        yield {
            "data": _chunk(
                ident,
                created,
                model,
                {},
                finish_reason="stop",
                citations=answer_json(answer)["citations"],
            )
        }
        yield {"data": "[DONE]"}

    @v1.post(
        "/chat/completions",
        response_model=ChatCompletion,
        responses={200: {"content": {"text/event-stream": {}}}},
        summary="Answer the last user message (OpenAI-compatible)",
    )
    def chat_completions(body: ChatRequest) -> Any:
        question, history = question_and_history(body.messages)
        asking.check(question, history)
        settings = asking.settings(body.model)
        ident, created = f"chatcmpl-{uuid.uuid4().hex}", int(time.time())
        if body.stream:
            return EventSourceResponse(chunks(question, history, settings, ident, created))
        answer = final(question, history, settings)
        return ChatCompletion(
            id=ident,
            created=created,
            model=settings.model,
            choices=[Choice(message=ReplyMessage(content=content(answer)))],
            citations=[CitationOut.model_validate(c) for c in answer_json(answer)["citations"]],
        )

    @v1.get("/models", response_model=ModelList, summary="The models a request may name")
    def models() -> ModelList:
        return ModelList(data=[ModelCard(id=name) for name in asking.models()])

    return v1
