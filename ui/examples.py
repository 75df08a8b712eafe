"""Example questions that fit what is indexed.

The seeds get their own questions. Any other corpus gets questions made from its documents'
titles (a Markdown heading, an HTML ``<h1>``, a text file's headline) with a template, each
kept only when the pipeline, without the model, answers it from that document.
Nothing here calls the model; results are cached per index state.
"""

from __future__ import annotations

import re
import threading

from qa.answer import Answer
from qa.assistant import Assistant

SEED_QUESTIONS = (
    "What share of global spending did China attribute to NATO?",
    "What did China urge NATO to stop doing?",
    "On which day did Rutte speak?",
    "Who is the president of South Korea?",
)
TEMPLATE = "What do the documents say about “{title}”?"
SHOWN = 3
TRIED = 8  # documents whose titles are tried, spread over the index
_WORD = re.compile(r"[^\W\d_]{2,}")
_cache: dict[tuple[str, str], list[str]] = {}
_lock = threading.Lock()


def title(text: str) -> str | None:
    """A document's title: its first non-empty line when that reads as a headline (a few
    words, mostly letters, no full stop at the end), else None.

    >>> title("# The Harbour Lighthouse\\n\\nThe lighthouse was first lit in 1871.")
    'The Harbour Lighthouse'
    """
    for raw in text.splitlines():
        line = raw.strip().lstrip("#").strip()
        if not line:
            continue
        tokens = line.split()
        words = _WORD.findall(line)
        headline = (
            3 <= len(tokens) <= 14
            and len(words) * 2 >= len(tokens)
            and len(line) <= 90
            and not line.endswith((".", "?", "!", ":", ";", ","))
        )
        return line.strip("\"'“”") if headline else None
    return None


def _answered_from(assistant: Assistant, question: str, source: str) -> bool:
    """Whether the pipeline, without the model, answers ``question`` citing ``source``."""
    settings = assistant.settings.model_copy(
        update={"answer": assistant.settings.answer.model_copy(update={"generate": False})}
    )
    final = next(e for e in assistant.ask(question, (), settings) if isinstance(e, Answer))
    return not final.abstained and any(c.source == source for c in final.citations)


def _spread(sources: list[str], n: int) -> list[str]:
    """``n`` of ``sources`` evenly spaced, so a large index is sampled throughout."""
    if len(sources) <= n:
        return sources
    step = len(sources) / n
    return [sources[int(i * step)] for i in range(n)]


def _from_titles(assistant: Assistant) -> list[str]:
    questions: list[str] = []
    for source in _spread(sorted(r.source for r in assistant.documents()), TRIED):
        heading = title(assistant.document_text(source) or "")
        if heading is None:
            continue
        question = TEMPLATE.format(title=heading)
        if _answered_from(assistant, question, source):
            questions.append(question)
        if len(questions) == SHOWN:
            break
    return questions


def examples(assistant: Assistant) -> list[str]:
    """Example questions for what ``assistant`` has indexed (possibly none).

    The seeds' own questions when the seeds are what is indexed; otherwise up to three made
    from the documents' titles and checked to be answered from those documents.
    """
    key = (str(assistant.settings.index_dir.resolve()), assistant.index_state())
    with _lock:
        if key not in _cache:
            found = list(SEED_QUESTIONS) if assistant.seeds_indexed() else _from_titles(assistant)
            _cache[key] = found
        return list(_cache[key])
