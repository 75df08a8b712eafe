"""``qa serve``: the chat, the HTTP API and the OpenAI-compatible endpoint in one process, on one
port, sharing one :class:`qa.assistant.Assistant` (so one loaded model, whose lock serialises
generation for every face)."""

from __future__ import annotations

import ipaddress
import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr
import uvicorn
from fastapi import Depends, FastAPI

from index.errors import QAError
from qa.assistant import Assistant
from qa.models import resolve_model
from qa.settings import UISettings
from ui import api, openai_api
from ui.app import build, page_options
from ui.service import Asking, install_error_handlers, require_key

SHUTDOWN_GRACE_S = 5

DESCRIPTION = """Answers from your documents, every sentence cited to the exact passage.

`POST /api/ask` answers with citations (`"stream": true` for server-sent events);
`/api/documents` lists, uploads, shows and deletes documents; `/v1/chat/completions` is
OpenAI-compatible. When `QA_UI__API_KEY` is set, every route but `/api/health` needs
`Authorization: Bearer <key>`."""


def create_app(asking: Asking) -> FastAPI:
    """The API routes (``/api``, ``/v1``, ``/docs``) on a FastAPI app, without the chat."""
    app = FastAPI(title="qa", description=DESCRIPTION, version="0.1.0", redoc_url=None)
    install_error_handlers(app)
    key = [Depends(require_key(asking.assistant.settings.ui.api_key))]
    app.include_router(api.health_router(asking))
    app.include_router(api.router(asking), dependencies=key)
    app.include_router(openai_api.router(asking), dependencies=key)
    return app


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_credentials(ui: UISettings) -> tuple[str, str] | None:
    """The chat's login; off loopback, refuse to start without it and the API key."""
    auth = (ui.username, ui.password) if ui.username and ui.password else None
    if not _loopback(ui.host) and (auth is None or not ui.api_key):
        raise QAError(
            f"serving on {ui.host} exposes your documents: set QA_UI__USERNAME and "
            "QA_UI__PASSWORD (the chat's login) and QA_UI__API_KEY (the API's bearer key), "
            "or bind to 127.0.0.1"
        )
    return auth


def serve(assistant: Assistant, index_seeds: bool = True) -> None:
    """Index the seeds if needed (and ``index_seeds``), then serve; the models load in the
    background (the API says 503 until they are ready)."""
    ui = assistant.settings.ui
    auth = check_credentials(ui)
    if assistant.settings.answer.generate and not assistant.settings.llm.server_url:
        resolve_model(assistant.settings.model, assistant.settings.models_dir)  # fail now if absent
    if index_seeds and (report := assistant.ensure_index()):
        print(f"indexed {assistant.settings.seeds_dir}/: {report.summary()}", flush=True)
    asking = Asking(assistant)
    asking.load()
    demo = build(assistant)
    demo.queue(default_concurrency_limit=4)
    app = gr.mount_gradio_app(
        create_app(asking),
        demo,
        path="/",
        auth=auth,
        ssr_mode=False,
        show_error=True,
        **page_options(),
    )
    base = f"http://{ui.host}:{ui.port}"
    print(f"qa chat: {base}/" + (" (login required)" if auth else ""), flush=True)
    print(f"qa API: {base}/api, {base}/v1 (OpenAI-compatible); docs at {base}/docs", flush=True)
    # A browser tab or API client keeps a stream open; on Ctrl-C or SIGTERM, requests in flight
    # get this long to finish before the server stops anyway.
    uvicorn.run(
        app,
        host=ui.host,
        port=ui.port,
        log_level="warning",
        timeout_graceful_shutdown=SHUTDOWN_GRACE_S,
    )
