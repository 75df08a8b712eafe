"""Example questions that fit what is indexed.

The seeds get their own questions. Any other corpus gets questions made from its documents
with templates: "How many <things> <what follows>?" from a count in a sentence ("About 4,000
books were lost" gives "How many books were lost?"), else, for documents without counts, one
about a title (a Markdown heading, an HTML ``<h1>``, a text file's headline). A question is
kept only when the pipeline, without the model, answers it from its document (for a count,
with a sentence that holds the count). Nothing here calls the model; results are cached per
index state.
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
TRIED = 6  # documents tried, spread over the index
PER_DOCUMENT = 2  # count questions tried per document
_WORD = re.compile(r"[^\W\d_]{2,}")
_NUMBERING = re.compile(r"^(?:(?:chapter|section|part)\s+)?\d+(?:\.\d+)*\.?\s+", re.IGNORECASE)
# A count, an optional "million", a plural noun, and up to five words after it.
_COUNT = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s+(?:million\s+|thousand\s+)?"
    r"([a-z]{3,}s)\b((?:\s+[A-Za-z][\w'-]*){0,5})"
)
_NOT_COUNTED = frozenset(
    "percent pounds dollars euros years days hours minutes weeks months times does says "
    "was has this its plus less across unless thus".split()
)
_TAIL_ENDS = frozenset(
    "and but which who because while than down after before when so said".split()
)
_DANGLING = frozenset("the a an of to in at on for by with from".split())
# The words after the counted noun must begin a phrase the question can keep: a preposition
# ("at Riverside Park") or a verb ("were lost", "voted"), not the middle of a clause.
_TAIL_STARTS = frozenset(
    "at in on from against per of for with across over under near during since between "
    "were are was is have had has will would could can did".split()
)
_cache: dict[tuple[str, str], list[str]] = {}
_lock = threading.Lock()


def title(text: str) -> str | None:
    """A document's title: its first non-empty line when that reads as a headline (a few
    words, mostly letters, no full stop at the end), else None.

    >>> title("# The Harbour Lighthouse\\n\\nThe lighthouse was first lit in 1871.")
    'The Harbour Lighthouse'
    """
    for raw in text.splitlines():
        line = _NUMBERING.sub("", raw.strip().lstrip("#").strip())
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


def count_questions(text: str) -> list[tuple[str, str]]:
    """Questions asking how many of something ``text`` counts, each with the count it asks
    for; those whose words after the noun name something (a capital) first, then longer ones.

    >>> count_questions("About 4,000 books were lost, and 300 more damaged.")
    [('How many books were lost?', '4,000')]
    """
    found = []
    for match in _COUNT.finditer(text):
        count, noun, after = match.groups()
        if noun in _NOT_COUNTED or re.fullmatch(r"1[89]\d\d|20\d\d", count):
            continue
        words: list[str] = []
        for word in after.split():
            if word.lower() in _TAIL_ENDS:
                break
            words.append(word)
        while words and words[-1].lower() in _DANGLING:
            words.pop()
        if words and (words[0].lower() in _TAIL_STARTS or words[0].endswith("ed")):
            found.append((f"How many {noun} {' '.join(words)}?", count))
    return sorted(found, key=lambda q: (not re.search(r" [A-Z]", q[0]), -len(q[0])))


def _answered_from(
    assistant: Assistant, question: str, source: str, holding: str | None = None
) -> bool:
    """Whether the pipeline, without the model, answers ``question`` citing ``source`` (with
    a sentence that holds ``holding``, when given)."""
    settings = assistant.settings.model_copy(
        update={"answer": assistant.settings.answer.model_copy(update={"generate": False})}
    )
    final = next(e for e in assistant.ask(question, (), settings) if isinstance(e, Answer))
    return not final.abstained and any(
        c.source == source and (holding is None or holding in c.text) for c in final.citations
    )


def _spread(sources: list[str], n: int) -> list[str]:
    """``n`` of ``sources`` evenly spaced, so a large index is sampled throughout."""
    if len(sources) <= n:
        return sources
    step = len(sources) / n
    return [sources[int(i * step)] for i in range(n)]


def _from_documents(assistant: Assistant) -> list[str]:
    """Up to ``SHOWN`` questions, one per document: about a count when a document has one
    the pipeline answers; about titles only when no document gave a count question."""
    texts = {
        source: assistant.document_text(source) or ""
        for source in _spread(sorted(r.source for r in assistant.documents()), TRIED)
    }
    counted: list[str] = []
    for source, text in texts.items():
        for question, count in count_questions(text)[:PER_DOCUMENT]:
            if _answered_from(assistant, question, source, count):
                counted.append(question)
                break
        if len(counted) == SHOWN:
            return counted
    if counted:
        return counted
    titled: list[str] = []
    for source, text in texts.items():
        heading = title(text)
        if heading and _answered_from(assistant, TEMPLATE.format(title=heading), source):
            titled.append(TEMPLATE.format(title=heading))
        if len(titled) == SHOWN:
            break
    return titled


def examples(assistant: Assistant) -> list[str]:
    """Example questions for what ``assistant`` has indexed (possibly none).

    The seeds' own questions when the seeds are what is indexed; otherwise up to three made
    from the documents and checked to be answered from them.
    """
    key = (str(assistant.settings.index_dir.resolve()), assistant.index_state())
    with _lock:
        if key not in _cache:
            found = (
                list(SEED_QUESTIONS) if assistant.seeds_indexed() else _from_documents(assistant)
            )
            _cache[key] = found
        return list(_cache[key])
