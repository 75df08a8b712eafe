"""The Gradio chat: streaming answers, citation chips that open the cited passage, documents
and settings panels. Every action goes through :class:`qa.assistant.Assistant`."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr
from gradio.components.chatbot import ExampleMessage
from gradio.events import Dependency

from index.errors import QAError
from index.pipeline import IndexReport
from qa.answer import Answer, Status, Token
from qa.assistant import FILE_TYPES, Assistant
from qa.settings import Settings
from ui.examples import examples
from ui.render import (
    EMPTY_PANEL,
    answer_html,
    draft_html,
    header_html,
    is_draft,
    source_html,
    stopped_html,
)

ASSETS = Path(__file__).parent
Messages = list[dict[str, Any]]
FOCUS_INPUT = "() => document.querySelector('#qa-input textarea')?.focus()"
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


def upload_status(report: IndexReport) -> str:
    """What an upload (or re-index) did, then a line per file that was skipped, naming it and
    the fix."""
    lines = [report.summary() + "."]
    lines += [f"- skipped: {failure}" for failure in report.failures]
    return "\n".join(lines)


def _examples(assistant: Assistant) -> list[ExampleMessage] | None:
    """The chat's example questions (None hides them)."""
    return [{"text": q} for q in examples(assistant)] or None


# Gradio scopes custom CSS to the page's content; the margins around it need a plain style.
PAGE_CSS = "@media (max-width: 720px) { .gradio-container .main.app { padding: 8px 10px; } }"


def _head() -> str:
    script = (ASSETS / "cite.js").read_text(encoding="utf-8")
    return f"<style>{PAGE_CSS}</style><script>{script}</script>"


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

    def pick_example(history: Messages, event: gr.SelectData) -> Messages:
        return [*history, {"role": "user", "content": str(event.value["text"])}]

    def submit(message: str, history: Messages) -> tuple[str, Messages]:
        try:
            question = assistant.check_question(message)
        except QAError as exc:
            raise gr.Error(str(exc)) from exc
        return "", [*history, {"role": "user", "content": question}]

    def stopped(history: Messages) -> Messages:
        """Say that an answer cut short was stopped, instead of leaving it at "Searching…"."""
        if history and history[-1]["role"] == "assistant":
            content = _text(history[-1]["content"])
            if is_draft(content):
                history = [*history[:-1], {"role": "assistant", "content": stopped_html(content)}]
        return history

    def regenerate(history: Messages) -> Messages:
        while history and history[-1]["role"] != "user":
            history = history[:-1]
        if not history:
            raise gr.Error("Nothing to regenerate yet.")
        return history

    def open_citation(target: str) -> tuple[str, Any]:
        try:
            source, *offsets = target.split("/")  # the source name's own "/" are quoted
            begin, stop, *value = (int(n) for n in offsets)
        except ValueError:
            return EMPTY_PANEL, gr.update()
        found = (value[0], value[1]) if len(value) == 2 else None
        panel = source_html(
            unquote(source), assistant.document(unquote(source)), begin, stop, found
        )
        return panel, gr.Tabs(selected="source")

    # Gradio tracks a handler's progress through a gr.Progress() default argument.
    def upload(
        files: list[str] | None,
        prefs: dict[str, Any],
        progress: gr.Progress = gr.Progress(),  # noqa: B008
    ) -> tuple[Any, ...]:
        if not files:
            raise gr.Error(f"Choose one or more files to upload ({', '.join(FILE_TYPES)}).")

        def step(done: int, total: int) -> None:
            progress((done, max(total, 1)), desc="Embedding", unit="sentences")

        try:
            report = assistant.add_files([Path(f) for f in files], progress=step)
        except QAError as exc:
            raise gr.Error(str(exc)) from exc
        return (*_documents(assistant), upload_status(report), None, *page(prefs))

    def delete(source: str | None, prefs: dict[str, Any]) -> tuple[Any, ...]:
        if not source:
            raise gr.Error("Choose a document to delete.")
        try:
            removed = assistant.delete(source)
        except QAError as exc:
            raise gr.Error(str(exc)) from exc
        return (*_documents(assistant), f"Deleted {source} ({removed} chunks).", *page(prefs))

    def reindex(
        prefs: dict[str, Any],
        progress: gr.Progress = gr.Progress(),  # noqa: B008
    ) -> tuple[Any, ...]:
        report = assistant.reindex(
            progress=lambda d, t: progress((d, max(t, 1)), desc="Embedding", unit="sentences")
        )
        return (*_documents(assistant), "Re-indexed: " + upload_status(report), *page(prefs))

    def page(prefs: dict[str, Any]) -> tuple[str, Any]:
        """The header line and the chat's example questions for the index as it is now."""
        overview = assistant.overview(prefs.get("model"))
        return header_html(overview), gr.Chatbot(examples=_examples(assistant))

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
        header = gr.HTML(header_html(assistant.overview()), elem_id="qa-header")
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=340):
                chat = gr.Chatbot(
                    elem_id="qa-chat",
                    height="var(--qa-chat-height)",
                    sanitize_html=False,
                    buttons=[],
                    placeholder="Ask about the indexed documents. Answers cite their sources.",
                    examples=_examples(assistant),
                    show_label=False,
                    feedback_options=None,
                )
                with gr.Row():
                    box = gr.Textbox(
                        placeholder="Ask a question…",
                        show_label=False,
                        lines=1,
                        max_lines=6,
                        scale=5,
                        autofocus=True,
                        elem_id="qa-input",
                        submit_btn=False,
                    )
                    send = gr.Button(
                        "Ask", variant="primary", scale=1, min_width=56, elem_id="qa-ask"
                    )
                    stop = gr.Button(
                        "Stop", variant="stop", scale=1, min_width=56, elem_id="qa-stop"
                    )
                with gr.Row():
                    again = gr.Button("Regenerate", size="sm", elem_id="qa-regenerate")
                    # The page script writes the conversation's Markdown to a download.
                    gr.Button("Export Markdown", size="sm", elem_id="qa-export")
                    clear = gr.Button("Clear chat", size="sm", elem_id="qa-clear")
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
                        label=f"Add documents ({', '.join(FILE_TYPES)})",
                        file_count="multiple",
                        file_types=FILE_TYPES,
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

        def answering(added: Dependency) -> Dependency:
            """Answer once ``added`` has put the question in the chat; then back to the box."""
            event = added.then(answer_last, [chat, prefs], [chat], **llm)
            event.then(None, js=FOCUS_INPUT)
            return event

        # Queued (not held up by answering): only a queued event's error shows its message.
        asked = [
            answering(trigger(submit, [box, chat], [box, chat], show_progress="hidden"))
            for trigger in (box.submit, send.click)
        ]
        regen = answering(again.click(regenerate, [chat], [chat], queue=False))
        example = answering(chat.example_select(pick_example, [chat], [chat], queue=False))
        stop.click(None, cancels=[*asked, regen, example], js=FOCUS_INPUT).then(
            stopped, [chat], [chat], queue=False
        )
        clear.click(lambda: ([], EMPTY_PANEL), None, [chat, panel], queue=False).then(
            None, js=FOCUS_INPUT
        )
        opener.click(open_citation, [target], [panel, tabs]).then(None, js=SCROLL_TO_MARK)
        shown = [header, chat]
        # Progress shows on the documents panel, not over the conversation.
        files.upload(
            upload,
            [files, prefs],
            [table, chosen, doc_status, files, *shown],
            show_progress_on=[files],
        )
        remove.click(
            delete, [chosen, prefs], [table, chosen, doc_status, *shown], show_progress_on=[table]
        )
        refresh.click(
            reindex, [prefs], [table, chosen, doc_status, *shown], show_progress_on=[table]
        )
        for key, control in (("top_k", top_k), ("temperature", temperature)):
            control.change(
                lambda p, v, k=key: set_pref(p, k, v), [prefs, control], [prefs], queue=False
            )
        model.change(
            lambda p, v: (set_pref(p, "model", v), header_html(assistant.overview(v))),
            [prefs, model],
            [prefs, header],
            queue=False,
        )
        demo.load(page, [prefs], shown, queue=False)
        lists = [table, chosen, listed]
        poll = gr.Timer(DOCUMENTS_POLL_S)
        poll.tick(follow, [listed], lists, queue=False, show_progress="hidden")
        demo.load(follow, [listed], lists, queue=False)
    return demo


def page_options() -> dict[str, Any]:
    """How the page looks, for ``gr.mount_gradio_app`` (see :mod:`ui.server`)."""
    return {
        "theme": THEME,
        "css_paths": [ASSETS / "style.css"],
        "head": _head(),
        "footer_links": [],
    }
