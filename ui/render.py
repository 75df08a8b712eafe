"""HTML for the chat: answers with citation chips, source lists, the highlighted source panel."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING
from urllib.parse import quote

from qa.answer import Answer, Citation

if TYPE_CHECKING:
    from index.readers import Extracted

_MARKER = re.compile(r"\[(\d+)\]")
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
    """The chip's link: ``#cite/<source>/<start>/<end>``, read by the page script."""
    return f"#cite/{quote(c.source, safe='')}/{c.start}/{c.end}"


def _chip(c: Citation) -> str:
    place = f"page {c.page}" if c.page is not None else f"line {c.line}"
    title = html.escape(f"{c.source}, {place}", quote=True)
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

    body = _MARKER.sub(chip, html.escape(answer.text, quote=False))
    kind = "qa-abstained" if answer.abstained else f"qa-{answer.mode}"
    parts = [
        f'<div class="qa-answer {kind}">{body}</div>',
        f'<div class="qa-mode">{MODE_TEXT.get(answer.mode, "")}</div>',
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
        quote_text = html.escape(c.text if len(c.text) <= 300 else c.text[:297] + "…")
        rows.append(
            f'<li>{label} <span class="qa-file">{html.escape(c.where)}</span> '
            f'<span class="qa-score">score {c.score:.2f}</span>'
            f'<q class="qa-quote">{quote_text}</q></li>'
        )
    css = "qa-sources" if chips else "qa-sources qa-related-list"
    items = "".join(rows)
    return f'<div class="{css}"><div class="qa-sources-title">{title}</div><ol>{items}</ol></div>'


def draft_html(stage: str, draft: str) -> str:
    """What the chat shows while it works: the stage, then the model's unverified draft."""
    status = f'<div class="qa-status">{STATUS_TEXT.get(stage, stage)}</div>'
    if not draft:
        return status
    return f'{status}<div class="qa-draft">{html.escape(draft)}</div>'


def source_html(source: str, document: Extracted | None, start: int, end: int) -> str:
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
        f'<mark id="qa-mark">{html.escape(text[start:end])}</mark>'
        f"{html.escape(text[end:hi])}</div>"
    )


EMPTY_PANEL = (
    '<div class="qa-panel-empty">Click a citation such as '
    '<span class="qa-chip">1</span> to see the passage in its document.</div>'
)
