"""HTML for the chat: answers with citation chips, source lists, the highlighted source panel."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING
from urllib.parse import quote

from qa.answer import Answer, Citation
from qa.assistant import Overview

if TYPE_CHECKING:
    from index.readers import Extracted

_MARKER = re.compile(r"\[(\d+)\]")
_QUOTES = "\"'“”‘’«»„"
_TRAILING = " ,;:-–—(" + _QUOTES
QUOTE_CHARS = 300
STATUS_TEXT = {"searching": "Searching the documents…", "answering": "Answering…"}
MODE_TEXT = {
    "generated": "Each sentence checked against the passage it cites.",
    "extractive": "Quoted from the best matching passage.",
    "value": "The asked value, as the cited passage states it.",
    "points": "Several passages, one point each, each cited.",
    "conflict": "The documents disagree: both are cited.",
    "abstained": "Nothing in the documents answers this.",
}


def cite_href(c: Citation) -> str:
    """The chip's link: ``#cite/<source>/<start>/<end>`` (then ``/<start>/<end>`` of the
    answer's value inside the span, when it has one), read by the page script."""
    value = f"/{c.highlight[0]}/{c.highlight[1]}" if c.highlight else ""
    return f"#cite/{quote(c.source, safe='')}/{c.start}/{c.end}{value}"


def value_of(c: Citation) -> str | None:
    """The answer's value as it stands in the citation's text, when the answer states one."""
    if c.highlight is None:
        return None
    return c.text[c.highlight[0] - c.start : c.highlight[1] - c.start] or None


def _marked(text: str, value: str | None) -> str:
    """``text`` escaped, with the first ``value`` in it emphasised."""
    if not value or value not in text:
        return html.escape(text)
    at = text.index(value)
    return (
        f'{html.escape(text[:at])}<strong class="qa-value">{html.escape(value)}</strong>'
        f"{html.escape(text[at + len(value) :])}"
    )


def _where(c: Citation) -> str:
    """Where a citation is in its file: ``page 3`` for paged documents, else ``line 9``."""
    page = getattr(c, "page", None)
    return f"page {page}" if page else f"line {c.line}"


def clip(text: str, limit: int = QUOTE_CHARS) -> str:
    """``text`` on one line without enclosing quote marks, cut at a word boundary with ``…``
    when longer than ``limit``; when the cut leaves a quotation open, its marks are dropped.

    >>> clip("Gulls won the Marlow Cup in May.", 20)
    'Gulls won the Marlow…'
    """
    text = " ".join(text.split())
    if len(text) > 1 and text[0] in _QUOTES and text[-1] in _QUOTES and _balanced(text[1:-1]):
        text = text[1:-1].strip()
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    space = cut.rfind(" ")
    cut = (cut[:space] if space > 0 else text[:limit]).rstrip(_TRAILING)
    if not _balanced(cut):
        cut = "".join(ch for ch in cut if ch not in '"“”').rstrip(_TRAILING)
    return cut + "…"


def _balanced(text: str) -> bool:
    """Straight double quotes come in pairs and curly ones open before they close."""
    depth = 0
    for ch in text:
        depth += ch == "“"
        depth -= ch == "”"
        if depth < 0:
            return False
    return depth == 0 and text.count('"') % 2 == 0


def _chip(c: Citation) -> str:
    title = html.escape(f"{c.source}, {_where(c)}", quote=True)
    return (
        f'<a class="qa-chip" href="{cite_href(c)}" title="{title}" '
        f'data-source="{html.escape(c.source, quote=True)}">{c.id}</a>'
    )


def answer_html(answer: Answer) -> str:
    """The answer with clickable ``[n]`` chips, then its sources (or related passages)."""
    by_id = {c.id: c for c in answer.citations}

    def chip(match: re.Match[str]) -> str:
        c = by_id.get(int(match.group(1)))
        return _chip(c) if c else match.group()

    body = _MARKER.sub(chip, html.escape(answer.text.strip(), quote=False))
    body = re.sub(r"\s*\n\s*", "<br>", body)
    kind = "qa-abstained" if answer.abstained else f"qa-{answer.mode}"
    markdown = html.escape(answer_markdown(answer), quote=True).replace("\n", "&#10;")
    question = html.escape(" ".join(answer.question.split()), quote=True)
    parts = [
        f'<div class="qa-answer {kind}">{body}</div>',
        f'<div class="qa-meta"><span class="qa-mode">{MODE_TEXT.get(answer.mode, "")}</span>'
        f'<button class="qa-copy" type="button" title="Copy the answer and its sources as '
        f'Markdown" data-md="{markdown}" data-question="{question}">Copy</button></div>',
    ]
    if answer.citations:
        parts.append(_source_list("Sources", answer.citations, chips=True))
    if answer.related:
        parts.append(_source_list("Related passages (not cited)", answer.related, chips=False))
    return "\n".join(parts)


def _source_list(title: str, citations: tuple[Citation, ...], chips: bool) -> str:
    rows = []
    for c in citations:
        label = _chip(c) if chips else f'<a class="qa-related" href="{cite_href(c)}">open</a>'
        rows.append(
            f'<li>{label} <span class="qa-file">{html.escape(c.source)}</span> '
            f'<span class="qa-where">{_where(c)}</span> '
            f'<span class="qa-score">score {c.score:.2f}</span>'
            f"{_quote_html(c.text, value_of(c))}</li>"
        )
    css = "qa-sources" if chips else "qa-sources qa-related-list"
    items = "".join(rows)
    return f'<div class="{css}"><div class="qa-sources-title">{title}</div><ol>{items}</ol></div>'


def _quote_html(text: str, value: str | None = None) -> str:
    """The clipped quote between typographic quote marks, the answer's ``value`` emphasised
    in it; the last word, the ellipsis and the closing mark never wrap apart."""
    clipped = clip(text)
    words = clipped.rsplit(" ", 1)
    if value and value in clipped and value not in words[0]:  # the value reaches the last word
        return f'<span class="qa-quote">“{_marked(clipped, value)}”</span>'
    head = _marked(words[0] + " ", value) if len(words) == 2 else ""
    tail = html.escape(words[-1])
    return f'<span class="qa-quote">“{head}<span class="qa-quote-end">{tail}”</span></span>'


def _source_markdown(c: Citation, numbered: bool) -> str:
    label = f"[{c.id}] " if numbered else ""
    return f"- {label}{c.source}, {_where(c)}: “{clip(c.text, 10_000)}”"


def answer_markdown(answer: Answer) -> str:
    """The answer as Markdown: its text with ``[n]`` markers, then each source numbered
    (file, line or page, the quoted sentence); related passages of an abstention after."""
    parts = [answer.text.strip()]
    if answer.citations:
        sources = "\n".join(_source_markdown(c, True) for c in answer.citations)
        parts.append(f"Sources:\n\n{sources}")
    if answer.related:
        related = "\n".join(_source_markdown(c, False) for c in answer.related)
        parts.append(f"Related passages (not cited):\n\n{related}")
    return "\n\n".join(parts) + "\n"


def draft_html(stage: str, draft: str) -> str:
    """What the chat shows while it works: the stage, then the model's unverified draft."""
    status = f'<div class="qa-status">{STATUS_TEXT.get(stage, stage)}</div>'
    if not draft:
        return status
    return f'{status}<div class="qa-draft">{html.escape(draft)}</div>'


def is_draft(content: str) -> bool:
    """Whether a chat message is still a draft (made by :func:`draft_html`)."""
    return content.startswith('<div class="qa-status">')


def stopped_html(draft: str) -> str:
    """A draft cut short: its status line says it was stopped; the unverified text stays."""
    said = "Stopped: this draft was not checked." if 'class="qa-draft"' in draft else "Stopped."
    status = f'<div class="qa-status qa-stopped">{said}</div>'
    return re.sub(r'^<div class="qa-status">.*?</div>', lambda _: status, draft, count=1)


def source_html(
    source: str,
    document: Extracted | None,
    start: int,
    end: int,
    value: tuple[int, int] | None = None,
) -> str:
    """The source document with the cited span highlighted (``id="qa-mark"``): the whole text,
    or for a paged document (PDF) the cited page(s)."""
    if document is None:
        return f'<div class="qa-panel-empty">{html.escape(source)} is no longer on disk.</div>'
    text = document.text
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    first, last = document.page_at(start), document.page_at(max(start, end - 1))
    if first is None or last is None:
        line = text.count("\n", 0, start) + 1
        where, lo, hi = f"line {line}", 0, len(text)
    else:
        pages = document.pages
        where = f"p. {first}" if first == last else f"pp. {first}–{last}"
        lo, hi = pages[first - 1], pages[last] if last < len(pages) else len(text)
    return (
        f'<div class="qa-panel-head"><b>{html.escape(source)}</b> · {where} · '
        f"characters {start}–{end}</div>"
        f'<div class="qa-doc">{html.escape(text[lo:start])}'
        f'<mark id="qa-mark">{_span_html(text, start, end, value)}</mark>'
        f"{html.escape(text[end:hi])}</div>"
    )


def _span_html(text: str, start: int, end: int, value: tuple[int, int] | None) -> str:
    """The cited span, escaped, with the answer's value (file offsets) emphasised in it."""
    if value is None or not start <= value[0] < value[1] <= end:
        return html.escape(text[start:end])
    return _marked(text[start:end], text[value[0] : value[1]])


EMPTY_PANEL = (
    '<div class="qa-panel-empty">Click a citation such as '
    '<span class="qa-chip">1</span> to see the passage in its document.</div>'
)


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def header_html(overview: Overview) -> str:
    """The page's title and one line on what is indexed and what answers."""
    if overview.llm_server:
        model = f"model served by {overview.llm_server}"
    else:
        model = f"{overview.model} in-process"
    chroma = f"server {overview.chroma_server}" if overview.chroma_server else "local"
    facts = [
        _count(overview.documents, "document"),
        _count(overview.chunks, "chunk"),
        model,
        f"Chroma {chroma}",
    ]
    items = " ".join(f'<span class="qa-fact">{html.escape(f)}</span>' for f in facts)
    return (
        '<div class="qa-header"><div class="qa-title"><b>qa</b> · answers from your documents, '
        f'every sentence cited</div><div class="qa-facts" id="qa-facts">{items}</div></div>'
    )
