"""``evaluate``: score answers against a question file (format in ``shared/README.md``)."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from statistics import quantiles
from typing import Any

from index.errors import QAError
from qa.answer import Answer
from qa.assistant import Assistant
from qa.text import strip_markers


@dataclass(frozen=True)
class Score:
    """How one answer did. ``None`` where a measure does not apply to the question."""

    id: str
    question: str
    answerable: bool
    answer: str
    abstained: bool
    correct: bool | None
    grounded: bool | None
    citation_precision: float | None
    recall: bool | None
    exact_spans: bool
    first_token_ms: float
    total_ms: float
    kind: str | None = None
    mode: str = ""
    words: int = 0
    within_length: bool = True
    top1: bool | None = None
    top5: bool | None = None
    facts: float | None = None


def load_questions(path: Path) -> list[dict[str, Any]]:
    """The questions of a JSONL file; a malformed line is an error naming its line number."""
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            item["question"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise QAError(f"{path}:{number}: not a question object ({exc})") from exc
        questions.append(item)
    return questions


def _matches(patterns: Iterable[str], text: str) -> bool:
    return any(re.search(p, text, re.IGNORECASE) for p in patterns)


def exact_spans(answer: Answer, assistant: Assistant) -> bool:
    """Every citation's text is exactly ``file[start:end]`` of its source file."""
    for citation in (*answer.citations, *answer.related):
        text = assistant.store.document_text(citation.source)
        if text is None or text[citation.start : citation.end] != citation.text:
            return False
    return True


def judge(
    item: dict[str, Any], text: str, cited: Iterable[tuple[str, str]], abstained: bool = False
) -> tuple[bool, bool]:
    """Whether an answer is correct and grounded, by the question file's rules: correct when an
    ``answers`` pattern matches its text (markers removed); grounded when also one of its cited
    ``(source, text)`` pairs comes from a listed source and matches an ``evidence`` pattern."""
    correct = not abstained and _matches(item["answers"], strip_markers(text))
    sources = set(item.get("sources", []))
    evidence = item.get("evidence", item["answers"])
    grounded = correct and any(s in sources and _matches(evidence, t) for s, t in cited)
    return correct, grounded


MAX_WORDS = 60  # a single-fact answer longer than this is not a short answer
MAX_WORDS_MULTI = 150  # nor is a longer answer to a question asking for several points


def _holds_evidence(item: dict[str, Any], answer: Answer, k: int) -> bool:
    """Whether a sentence matching the question's evidence, from a listed source, is among
    the first ``k`` sentences the reader chose."""
    sources = set(item.get("sources", []))
    evidence = item.get("evidence", item["answers"])
    return any(e.source in sources and _matches(evidence, e.text) for e in answer.evidence[:k])


def score(item: dict[str, Any], answer: Answer, assistant: Assistant) -> Score:
    """Score one answer against its question's expectations."""
    answerable = item.get("answerable", True)
    sources = set(item.get("sources", []))
    correct = grounded = precision = recall = top1 = top5 = facts = None
    plain = strip_markers(answer.text)
    words = len(plain.split())
    multi = item.get("kind") == "multi" or "facts" in item
    if answerable:
        cited = [(c.source, c.text) for c in answer.citations]
        correct, grounded = judge(item, answer.text, cited, answer.abstained)
        if answer.citations:
            precision = sum(c.source in sources for c in answer.citations) / len(answer.citations)
        recall = any(e.source in sources for e in answer.evidence)
        top1, top5 = _holds_evidence(item, answer, 1), _holds_evidence(item, answer, 5)
        if item.get("facts"):
            shown = "" if answer.abstained else plain
            facts = sum(_matches([f], shown) for f in item["facts"]) / len(item["facts"])
    return Score(
        id=str(item.get("id", "")),
        question=item["question"],
        answerable=answerable,
        answer=answer.text,
        abstained=answer.abstained,
        correct=correct,
        grounded=grounded,
        citation_precision=precision,
        recall=recall,
        exact_spans=exact_spans(answer, assistant),
        first_token_ms=answer.timings.get("first_token_ms", 0.0),
        total_ms=answer.timings.get("total_ms", 0.0),
        kind=item.get("kind"),
        mode=answer.mode,
        words=words,
        within_length=words <= (MAX_WORDS_MULTI if multi else MAX_WORDS),
        top1=top1,
        top5=top5,
        facts=facts,
    )


def _mean(values: Iterable[float | bool | None]) -> float | None:
    kept = [float(v) for v in values if v is not None]
    return round(sum(kept) / len(kept), 3) if kept else None


def _shares(values: Iterable[str]) -> dict[str, float]:
    counts = Counter(values)
    total = sum(counts.values())
    return {k: round(v / total, 3) for k, v in counts.most_common()} if total else {}


def _by_kind(scores: list[Score]) -> dict[str, dict[str, float | int | None]]:
    """Per kind of question: how many, and how often answered correctly or abstained."""
    kinds: dict[str, list[Score]] = {}
    for s in scores:
        kinds.setdefault(f"{s.kind or '-'}{'' if s.answerable else ' (unanswerable)'}", []).append(
            s
        )
    return {
        kind: {
            "n": len(group),
            "correct": _mean(s.correct for s in group),
            "abstained": _mean(s.abstained for s in group),
        }
        for kind, group in sorted(kinds.items())
    }


def percentiles(values: list[float]) -> tuple[float, float]:
    """The 50th and 95th percentiles of ``values`` (rounded to 0.1)."""
    if len(values) < 2:
        return (values[0], values[0]) if values else (0.0, 0.0)
    cuts = quantiles(values, n=100, method="inclusive")
    return round(cuts[49], 1), round(cuts[94], 1)


def summarize(scores: list[Score]) -> dict[str, Any]:
    """Totals: rates over answerable / unanswerable questions and latency percentiles."""
    answerable = [s for s in scores if s.answerable]
    unanswerable = [s for s in scores if not s.answerable]
    first = percentiles([s.first_token_ms for s in scores])
    total = percentiles([s.total_ms for s in scores])
    return {
        "questions": len(scores),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "correct": _mean(s.correct for s in answerable),
        "grounded": _mean(s.grounded for s in answerable),
        "false_abstentions": _mean(s.abstained for s in answerable),
        "abstained_unanswerable": _mean(s.abstained for s in unanswerable),
        "citation_precision": _mean(s.citation_precision for s in answerable),
        "recall_at_k": _mean(s.recall for s in answerable),
        "exact_spans": _mean(s.exact_spans for s in scores),
        "correct_and_short": _mean(
            s.correct and s.within_length if s.correct is not None else None for s in answerable
        ),
        "reader_top1": _mean(s.top1 for s in answerable),
        "reader_top5": _mean(s.top5 for s in answerable),
        "facts_stated": _mean(s.facts for s in answerable),
        "modes": _shares(s.mode for s in answerable if not s.abstained),
        "by_kind": _by_kind(scores),
        "first_token_ms_p50": first[0],
        "first_token_ms_p95": first[1],
        "total_ms_p50": total[0],
        "total_ms_p95": total[1],
    }


def evaluate(path: Path, assistant: Assistant) -> tuple[list[Score], dict[str, Any]]:
    """Run every question of ``path`` through the same path as ``qa ask --json``."""
    assistant.ensure_index()
    assistant.warm_up()
    scores = [
        score(item, assistant.ask_final(item["question"]), assistant)
        for item in load_questions(path)
    ]
    return scores, summarize(scores)


def score_dict(s: Score) -> dict[str, Any]:
    return asdict(s)
