"""The Gradio chat: streaming answers, citation chips that open the cited passage, documents
and settings panels. Every action goes through :class:`qa.assistant.Assistant`."""

from __future__ import annotations

import ipaddress
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr

from index.errors import QAError
from qa.answer import Answer, Status, Token
from qa.assistant import Assistant
from qa.settings import Settings
from ui.render import EMPTY_PANEL, answer_html, draft_html, source_html

ASSETS = Path(__file__).parent
EXAMPLES = [
    "What share of global spending did China attribute to NATO?",
    "What did China urge NATO to stop doing?",
    "On which day did Rutte speak?",
    "Who is the president of South Korea?",
]
Messages = list[dict[str, Any]]
DOCUMENTS_POLL_S = 2.0  # how often an open page checks for documents indexed elsewhere
# Centre the highlighted span inside the document view, then bring the view on screen.
SCROLL_TO_MARK = """() => {
  const mark = document.getElementById("qa-mark");
  const doc = mark && mark.closest(".qa-doc");
  if (!doc) return;
  doc.scrollTop = mark.offsetTop - doc.offsetTop - doc.clientHeight / 3;
  doc.scrollIntoView({block: "nearest"});
}"""

# System fonts only: nothing is fetched from a font service.
THEME = gr.themes.Soft(
    font=["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"],
    font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"],
)


def _text(content: Any) -> str:
    """A chat message's text, whether stored as a string or as content parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(_text(part) for part in content)
    if isinstance(content, dict):
        return str(content.get("text") or content.get("value") or "")
    return str(content or "")


def _turns(history: Messages) -> list[tuple[str, str]]:
    """Earlier user questions, the context a follow-up leaves unsaid."""
    return [(_text(m["content"]), "") for m in history if m["role"] == "user"]


def _settings(assistant: Assistant, prefs: dict[str, Any]) -> Settings:
    s = assistant.settings
    return s.model_copy(
        update={
            "model": prefs.get("model", s.model),
            "retrieval": s.retrieval.model_copy(
                update={"top_k": int(prefs.get("top_k", s.retrieval.top_k))}
            ),
            "llm": s.llm.model_copy(
                update={"temperature": float(prefs.get("temperature", s.llm.temperature))}
            ),
        }
    )


def _documents(assistant: Assistant) -> tuple[list[list[Any]], Any]:
    rows = [
        [
            r.source,
            r.chunks,
            r.size,
            time.strftime("%Y-%m-%d %H:%M", time.localtime(r.indexed_at)),
        ]
        for r in assistant.documents()
    ]
    sources = [r[0] for r in rows]
    return rows, gr.update(choices=sources, value=None)


def _head() -> str:
    script = (ASSETS / "cite.js").read_text(encoding="utf-8")
    return f"<script>{script}</script>"


def build(assistant: Assistant) -> gr.Blocks:
    """The chat page for ``assistant``."""
    defaults: dict[str, Any] = {
        "model": assistant.settings.model,
        "top_k": assistant.settings.retrieval.top_k,
        "temperature": assistant.settings.llm.temperature,
    }

    def answer_last(history: Messages, prefs: dict[str, Any]) -> Iterator[Messages]:
        """Stream the answer to the last user message of ``history``."""
        question = _text(history[-1]["content"])
        earlier = _turns(history[:-1])
        history = [*history, {"role": "assistant", "content": draft_html("searching", "")}]
        yield history
        stage, draft = "searching", ""
        try:
            for event in assistant.ask(question, earlier, _settings(assistant, prefs)):
                if isinstance(event, Status):
                    stage = event.stage
                elif isinstance(event, Token):
                    draft += event.text
                elif isinstance(event, Answer):
                    history[-1] = {"role": "assistant", "content": answer_html(event)}
                    yield history
                    return
                history[-1] = {"role": "assistant", "content": draft_html(stage, draft)}
                yield history
        except QAError as exc:
            raise gr.Error(str(exc)) from exc

    def submit(message: str, history: Messages) -> tuple[str, Messages]:
        if not message.strip():
            raise gr.Error("Type a question about your documents first.")
        return "", [*history, {"role": "user", "content": message.strip()}]

    def regenerate(history: Messages) -> Messages:
        while history and history[-1]["role"] != "user":
            history = history[:-1]
        if not history:
            raise gr.Error("Nothing to regenerate yet.")
        return history

    def open_citation(target: str) -> tuple[str, Any]:
        try:
            source, start, end = target.rsplit("/", 2)
            source = unquote(source)
            begin, stop = int(start), int(end)
        except ValueError:
            return EMPTY_PANEL, gr.update()
        return source_html(source, assistant.document_text(source), begin, stop), gr.Tabs(
            selected="source"
        )

    # Gradio tracks a handler's progress through a gr.Progress() default argument.
    def upload(files: list[str] | None, progress: gr.Progress = gr.Progress()) -> tuple[Any, ...]:  # noqa: B008
        if not files:
            raise gr.Error("Choose one or more .txt or .md files to upload.")

        def step(done: int, total: int) -> None:
            progress((done, max(total, 1)), desc="Embedding", unit="sentences")

        try:
            report = assistant.add_files([Path(f) for f in files], progress=step)
        except QAError as exc:
            raise gr.Error(str(exc)) from exc
        message = report.summary()
        if report.failures:
            message += " — " + "; ".join(str(f) for f in report.failures)
        return (*_documents(assistant), message, None)

    def delete(source: str | None) -> tuple[Any, ...]:
        if not source:
            raise gr.Error("Choose a document to delete.")
        try:
            removed = assistant.delete(source)
        except QAError as exc:
            raise gr.Error(str(exc)) from exc
        return (*_documents(assistant), f"Deleted {source} ({removed} chunks).")

    def reindex(progress: gr.Progress = gr.Progress()) -> tuple[Any, ...]:  # noqa: B008
        report = assistant.reindex(
            progress=lambda d, t: progress((d, max(t, 1)), desc="Embedding", unit="sentences")
        )
        return (*_documents(assistant), f"Re-indexed: {report.summary()}.")

    def follow(shown: list[list[Any]]) -> tuple[Any, ...]:
        """The documents list, when it changed since ``shown`` (a watched folder, another tab)."""
        rows, _ = _documents(assistant)
        if rows == shown:
            return gr.update(), gr.update(), shown
        return rows, gr.update(choices=[row[0] for row in rows]), rows

    def set_pref(prefs: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
        return {**prefs, key: value}

    rows, _ = _documents(assistant)
    with gr.Blocks(title="qa · cited answers", analytics_enabled=False) as demo:
        prefs = gr.State(defaults)
        gr.HTML(
            '<div class="qa-title"><b>qa</b> · answers from your documents, every sentence '
            "cited</div>"
        )
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=340):
                chat = gr.Chatbot(
                    elem_id="qa-chat",
                    height=560,
                    sanitize_html=False,
                    buttons=["copy", "copy_all"],
                    placeholder="Ask about the indexed documents. Answers cite their sources.",
                    show_label=False,
                    feedback_options=None,
                )
                with gr.Row():
                    box = gr.Textbox(
                        placeholder="Ask a question…",
                        show_label=False,
                        scale=5,
                        autofocus=True,
                        elem_id="qa-input",
                        submit_btn=False,
                    )
                    send = gr.Button(
                        "Ask", variant="primary", scale=1, min_width=70, elem_id="qa-ask"
                    )
                    stop = gr.Button(
                        "Stop", variant="stop", scale=1, min_width=70, elem_id="qa-stop"
                    )
                with gr.Row():
                    again = gr.Button("Regenerate", size="sm", elem_id="qa-regenerate")
                    clear = gr.Button("Clear chat", size="sm", elem_id="qa-clear")
                gr.Examples(EXAMPLES, inputs=[box], label="Examples")
            with gr.Column(scale=2, min_width=340), gr.Tabs() as tabs:
                with gr.Tab("Source", id="source"):
                    panel = gr.HTML(EMPTY_PANEL, elem_id="qa-panel")
                with gr.Tab("Documents", id="documents"):
                    table = gr.Dataframe(
                        headers=["Document", "Chunks", "Characters", "Indexed"],
                        value=rows,
                        interactive=False,
                        elem_id="qa-docs",
                    )
                    files = gr.File(
                        label="Add documents (.txt, .md, .html)",
                        file_count="multiple",
                        file_types=[".txt", ".md", ".markdown", ".html", ".htm"],
                        elem_id="qa-upload",
                    )
                    with gr.Row():
                        chosen = gr.Dropdown(
                            label="Document",
                            choices=[row[0] for row in rows],
                            elem_id="qa-doc-choice",
                            scale=3,
                        )
                        remove = gr.Button("Delete", variant="stop", scale=1, elem_id="qa-delete")
                    refresh = gr.Button("Re-index all", size="sm", elem_id="qa-reindex")
                    doc_status = gr.Markdown(elem_id="qa-doc-status")
                with gr.Tab("Settings", id="settings"):
                    model = gr.Dropdown(
                        label="Model",
                        choices=assistant.models(),
                        value=defaults["model"],
                        allow_custom_value=True,
                    )
                    top_k = gr.Slider(
                        1, 20, value=defaults["top_k"], step=1, label="Passages (top-k)"
                    )
                    temperature = gr.Slider(
                        0.0, 1.5, value=defaults["temperature"], step=0.1, label="Temperature"
                    )
        listed = gr.State(rows)
        target = gr.Textbox(visible="hidden", elem_id="qa-cite-target")
        opener = gr.Button(visible="hidden", elem_id="qa-cite-open")

        llm = {"concurrency_limit": 1, "concurrency_id": "llm"}
        asked = [
            trigger(submit, [box, chat], [box, chat], queue=False).then(
                answer_last, [chat, prefs], [chat], **llm
            )
            for trigger in (box.submit, send.click)
        ]
        regen = again.click(regenerate, [chat], [chat], queue=False).then(
            answer_last, [chat, prefs], [chat], **llm
        )
        stop.click(None, cancels=[*asked, regen])
        clear.click(lambda: ([], EMPTY_PANEL), None, [chat, panel], queue=False)
        opener.click(open_citation, [target], [panel, tabs]).then(None, js=SCROLL_TO_MARK)
        files.upload(upload, [files], [table, chosen, doc_status, files])
        remove.click(delete, [chosen], [table, chosen, doc_status])
        refresh.click(reindex, None, [table, chosen, doc_status])
        lists = [table, chosen, listed]
        poll = gr.Timer(DOCUMENTS_POLL_S)
        poll.tick(follow, [listed], lists, queue=False, show_progress="hidden")
        demo.load(follow, [listed], lists, queue=False)
        for key, control in (("model", model), ("top_k", top_k), ("temperature", temperature)):
            control.change(
                lambda p, v, k=key: set_pref(p, k, v), [prefs, control], [prefs], queue=False
            )
    return demo


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(assistant: Assistant, block: bool = True, index_seeds: bool = True) -> gr.Blocks:
    """Index the seeds if needed (and ``index_seeds``), load the models and serve the chat."""
    ui = assistant.settings.ui
    auth = (ui.username, ui.password) if ui.username and ui.password else None
    if not _loopback(ui.host) and auth is None:
        raise QAError(
            f"serving on {ui.host} exposes your documents: set QA_UI__USERNAME and "
            "QA_UI__PASSWORD to require a login, or bind to 127.0.0.1"
        )
    if index_seeds and (report := assistant.ensure_index()):
        print(f"indexed {assistant.settings.seeds_dir}/: {report.summary()}", flush=True)
    assistant.warm_up()
    demo = build(assistant)
    demo.queue(default_concurrency_limit=4)
    print(
        f"qa chat: http://{ui.host}:{ui.port}" + (" (login required)" if auth else ""), flush=True
    )
    demo.launch(
        server_name=ui.host,
        server_port=ui.port,
        auth=auth,
        share=False,
        ssr_mode=False,
        show_error=True,
        quiet=True,
        prevent_thread_lock=not block,
        theme=THEME,
        css_paths=[ASSETS / "style.css"],
        head=_head(),
        footer_links=[],
    )
    return demo
