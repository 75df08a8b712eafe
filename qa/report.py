"""An answer as data for machines and as plain text for people: one shape for every face.

``answer_json`` is the object of ``qa ask --json``, of the HTTP API's ``/api/ask`` and the
``citations`` of its OpenAI-compatible replies; ``sources_text`` is the source list printed
under an answer by ``qa ask`` and appended to OpenAI-compatible replies.
"""

from __future__ import annotations

from typing import Any

from qa.answer import Answer, Citation

TIMINGS = ("retrieve_ms", "first_token_ms", "total_ms")


def citation_json(c: Citation) -> dict[str, Any]:
    """One citation: ``text == document[start:end]``, ``line`` is 1-based, ``page`` the PDF
    page (None for other formats), ``highlight`` the answer's value inside it (None when the
    answer states no value)."""
    return {
        "id": c.id,
        "source": c.source,
        "page": c.page,
        "start": c.start,
        "end": c.end,
        "line": c.line,
        "text": c.text,
        "highlight": list(c.highlight) if c.highlight is not None else None,
    }


def answer_json(answer: Answer) -> dict[str, Any]:
    """The JSON contract of an answer (``qa ask --json``, ``POST /api/ask``)."""
    return {
        "question": answer.question,
        "answer": answer.text,
        "citations": [citation_json(c) for c in answer.citations],
        "abstained": answer.abstained,
        "mode": answer.mode,
        "related": [citation_json(c) for c in answer.related],
        "timings": {key: answer.timings.get(key, 0.0) for key in TIMINGS},
    }


def sources_text(answer: Answer) -> str:
    """The answer's sources, one per line: ``[1] FILE:LINE "quote"``; then, for an answer that
    abstains, the related passages (which are not citations). Empty when there are none.

    >>> sources_text(answer)  # doctest: +SKIP
    '[1] 000_ec397f79bacca5ab.txt:9 "Chinese Foreign Ministry spokesman said ..."'
    """
    lines = [f'[{c.id}] {c.where} "{c.text}"' for c in answer.citations]
    if answer.related:
        if lines:
            lines.append("")
        lines.append("Related passages:")
        lines += [f'  {c.where} "{c.text}"' for c in answer.related]
    return "\n".join(lines)
