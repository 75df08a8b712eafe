"""``answer``: from a question to an answer whose every sentence is cited and verified.

Retrieve passages, read their sentences, decide whether the documents answer at all, surface
sources that disagree, let the model phrase an answer from the best few sentences, and keep only
what those sentences support; when nothing survives, quote the best sentence instead.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations

from index.chunk import sentence_spans
from index.embed import Embedder
from index.store import Store
from qa.generate import Generator, Message
from qa.read import Evidence, read
from qa.retrieve import retrieve
from qa.settings import Settings
from qa.text import content_terms, names, numbers, stem
from qa.verify import Claim, verify

SYSTEM_PROMPT = (
    "You answer questions using only the numbered sources. Reply with one or two short "
    "sentences. After each sentence write the number of the source it comes from in brackets, "
    "like [1]."
)
STOP = ("\n\n", "Question:", "Sources:", "<|im_end|>", "<end_of_turn>")
NOT_IN_DOCUMENTS = "The documents do not say."
MIN_SUBJECT_KEPT = 0.75
MIN_CLAIM_EVIDENCE = 0.8  # a claim's evidence scores at least this share of the best
MIN_MAIN_EVIDENCE = 0.95  # and one claim rests on the best sentence or one nearly as good

_WEEKDAYS = ("monday tuesday wednesday thursday friday saturday sunday").split()
_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_TIME_WORDS = re.compile(
    rf"\b(?:{'|'.join(_WEEKDAYS + _MONTHS)})\b|\b(?:1[89]|20)\d\d\b", re.IGNORECASE
)
_COUNT = re.compile(
    r"\b(?:\d+(?:,\d{3})*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"dozens?|hundreds?|thousands?|millions?)\b(?!\s*(?:%|percent|per cent))",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_FULL_NAME = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)+\b")
TYPE_BONUS = 0.1


@dataclass(frozen=True)
class Citation:
    """What a marker ``[id]`` points at: ``text == file[start:end]`` of ``source`` (its text as
    indexed); ``page`` is the 1-based page holding ``start`` in a paged format (PDF), else None."""

    id: int
    source: str
    start: int
    end: int
    line: int
    text: str
    score: float
    page: int | None = None

    @property
    def where(self) -> str:
        """``report.pdf p. 3`` in a paged document, ``notes.txt:12`` (the line) otherwise."""
        return (
            f"{self.source} p. {self.page}"
            if self.page is not None
            else f"{self.source}:{self.line}"
        )


@dataclass(frozen=True)
class Answer:
    """The final, verified answer. ``related`` are the closest passages when it abstains."""

    question: str
    text: str
    citations: tuple[Citation, ...]
    abstained: bool
    mode: str  # "generated", "extractive", "conflict" or "abstained"
    related: tuple[Citation, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Status:
    """A progress note for the user: ``searching`` or ``answering``."""

    stage: str


@dataclass(frozen=True)
class Token:
    """A piece of the model's draft answer, before verification."""

    text: str


Event = Status | Token | Answer


def expected_type(question: str) -> str | None:
    """The kind of value the question asks for: ``count``, ``time``, ``number``, ``person``
    or None."""
    q = question.lower()
    if re.search(r"\bhow many\b", q):
        return "count"
    if re.search(r"\b(when|what (year|day|date|month)|which (year|day|date|month))\b", q):
        return "time"
    if re.search(r"\b(how much|what (share|percentage|proportion|percent|amount))\b", q):
        return "number"
    if re.match(r"\s*who\b", q):
        return "person"
    return None


def _counted(question: str) -> str | None:
    """The stem of what a "how many" question counts ("soldiers" -> "soldie")."""
    match = re.search(r"\bhow many\s+([a-z][\w-]*)", question.lower())
    return stem(match.group(1)) if match else None


def typed_values(text: str, kind: str, counted: str | None = None) -> set[str]:
    """The values of ``kind`` in ``text``: days, months and years; counts (of ``counted``,
    when given: the number is followed closely by that word); numbers; full names."""
    if kind == "time":
        return {m.group().lower() for m in _TIME_WORDS.finditer(text)}
    if kind == "count":
        found = set()
        for m in _COUNT.finditer(text):
            following = [
                stem(w) for w in re.findall(r"[A-Za-z][\w-]*", text[m.end() : m.end() + 40])
            ]
            if not _YEAR.match(m.group()) and (counted is None or counted in following[:3]):
                found.add(m.group().lower())
        return found
    if kind == "person":
        return {m.group() for m in _FULL_NAME.finditer(text)}
    return numbers(text)


@dataclass(frozen=True)
class Asked:
    """What a question asks for, worked out once: the names it is about (its subject), the kind
    of value (see :func:`expected_type`), what a "how many" question counts, and the values of
    that kind the question itself gives (which answer nothing)."""

    question: str
    subject: frozenset[str]
    kind: str | None
    counted: str | None = None
    given: frozenset[str] = frozenset()

    @classmethod
    def of(cls, question: str) -> Asked:
        subject = frozenset(names(question))
        kind = expected_type(question)
        if kind is None:
            return cls(question, subject, None)
        given = frozenset(typed_values(question, kind))
        return cls(question, subject, kind, _counted(question), given)

    def values(self, text: str) -> set[str]:
        """The values of the asked kind in ``text`` that the question does not give."""
        if self.kind is None:
            return set()
        return typed_values(text, self.kind, self.counted) - self.given


def rerank_by_type(asked: Asked, evidence: Sequence[Evidence]) -> list[Evidence]:
    """Raise sentences that hold a value of the kind the question asks for (and that the
    question does not already give): the classic answer-type check of question answering."""
    if asked.kind is None:
        return list(evidence)
    raised = [
        replace(e, score=e.score + TYPE_BONUS) if asked.values(e.text) else e for e in evidence
    ]
    return sorted(raised, key=lambda e: e.score, reverse=True)


def about_the_subject(asked: Asked, evidence: Sequence[Evidence], store: Store) -> list[Evidence]:
    """The sentences from documents that mention every name the question does.

    In a large collection a sentence can share the question's other words while its document is
    about something else entirely; such a sentence is no evidence about the question's subject.
    """
    if not asked.subject:
        return list(evidence)
    sources = {e.source for e in evidence}
    about = {source for source in sources if store.mentions(source, asked.subject)}
    return [e for e in evidence if e.source in about]


def _topic_share(asked: Asked, sentence: str) -> float | None:
    """The share of the question's content words, its names aside, that ``sentence`` holds
    (None when the question is all names). The names only say whom a question is about; a
    sentence that merely names the same people answers nothing about the rest."""
    terms = content_terms(asked.question) - {stem(n) for n in asked.subject}
    if not terms:
        return None
    return len(terms & content_terms(sentence)) / len(terms)


def _missing_names(asked: Asked, evidence: Sequence[Evidence]) -> set[str]:
    """Names in the question that none of the retrieved sentences mention."""
    text = " ".join(e.text for e in evidence).lower().replace("’", "'")
    return {n for n in asked.subject if n not in text}


def should_abstain(asked: Asked, evidence: Sequence[Evidence], settings: Settings) -> bool:
    """Abstain when no sentence is relevant enough; when the question names something the
    passages never mention; when it asks for a count, a time or an amount that no relevant
    sentence holds; or, for other questions, when the best sentence lacks most of the question's
    distinctive words and is not a close paraphrase either. (Questions of a kind are judged by
    their answer, not their words: "which day" rarely appears beside the day.)"""
    rules = settings.answer
    if not evidence or evidence[0].score < rules.min_relevance:
        return True
    if _missing_names(asked, evidence):
        return True
    if asked.kind not in ("count", "time", "number"):
        best = evidence[0]
        topic = _topic_share(asked, best.text)
        overlap = best.overlap if topic is None else min(best.overlap, topic)
        return overlap < rules.min_overlap and best.relevance < rules.paraphrase_relevance
    relevant = [e for e in evidence if e.score >= rules.min_relevance]
    return not any(asked.values(e.text) for e in relevant[:3])


def find_conflict(asked: Asked, evidence: Sequence[Evidence]) -> tuple[Evidence, Evidence] | None:
    """Two relevant sentences from different files that give different values of the kind the
    question asks for (the day something happened, an amount, a count of the asked noun).

    Both must be about the question's subject: they mention every name the question does, or,
    for a question without names, they are nearly equally relevant.
    """
    if asked.kind not in ("count", "time", "number") or not evidence:
        return None
    subject = asked.subject
    close = [e for e in evidence[:6] if e.score >= 0.7 * evidence[0].score]
    for a, b in combinations(close, 2):
        if a.source == b.source:
            continue
        about_it = _mention_all(subject, a, b) if subject else b.score >= 0.85 * a.score
        va, vb = asked.values(a.text), asked.values(b.text)
        if about_it and va and vb and not va & vb:
            return a, b
    return None


def _mention_all(subject: frozenset[str], *sentences: Evidence) -> bool:
    return all(n in s.text.lower() for s in sentences for n in subject)


def _citation(n: int, e: Evidence) -> Citation:
    return Citation(n, e.source, e.start, e.end, e.line, e.text, round(e.score, 4))


def _compose(claims: Sequence[Claim], shown: Sequence[Evidence]) -> tuple[str, list[Citation]]:
    """Answer text with markers renumbered 1..n in order of first use."""
    numbering: dict[int, int] = {}
    parts = []
    for claim in claims:
        n = numbering.setdefault(claim.evidence, len(numbering) + 1)
        body = claim.text.rstrip()
        end = body[-1] if body and body[-1] in ".!?" else "."
        parts.append(f"{body.rstrip('.!?')} [{n}]{end}")
    citations = [_citation(n, shown[k - 1]) for k, n in numbering.items()]
    return " ".join(parts), citations


def _values_text(e: Evidence, asked: Asked) -> str:
    """The values a sentence gives, as written in it: "Tuesday", "55% and 2024"."""
    shown = []
    for value in sorted(asked.values(e.text)):
        match = re.search(rf"\b{re.escape(value)}\b", e.text, re.IGNORECASE)
        shown.append(match.group() if match else value)
    return " and ".join(shown)


def _quote(e: Evidence) -> str:
    return "“" + e.text.strip().strip('"“”') + "”"


def build_messages(question: str, shown: Sequence[Evidence]) -> list[Message]:
    """The chat prompt: a fixed system prompt (cached by llama.cpp) and the numbered sentences."""
    sources = "\n".join(f"[{i}] {e.text}" for i, e in enumerate(shown, 1))
    return [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": f"Sources:\n{sources}\n\nQuestion: {question}"},
    ]


def _context(history: Sequence[tuple[str, str]]) -> str | None:
    """The last two user turns: what a follow-up question leaves unsaid."""
    asked = [user for user, _ in history if user.strip()][-2:]
    return " ".join(asked) or None


def useful_claims(
    draft: str, question: str, shown: Sequence[Evidence], embedder: Embedder
) -> list[Claim]:
    """The verified sentences of the model's draft that answer the question.

    A sentence that only restates the question's words ("the lighthouse was the keeper of the
    lighthouse") tells the user nothing, however well its words are supported; one that drops
    the question's subject (most of the question's words its evidence holds) answers something
    else, however true; so does one resting on a sentence much less relevant than the best.
    """
    asked = content_terms(question)
    claims = verify(draft, [e.text for e in shown], embedder)

    def answers(claim: Claim) -> bool:
        said = content_terms(claim.text)
        subject = asked & content_terms(shown[claim.evidence - 1].text)
        kept = len(said & subject) / len(subject) if subject else 1.0
        relevant = shown[claim.evidence - 1].score >= MIN_CLAIM_EVIDENCE * shown[0].score
        return bool(said - asked) and kept >= MIN_SUBJECT_KEPT and relevant

    return [c for c in claims if answers(c)]


def _complete_first_sentence(draft: str) -> str | None:
    """The draft's first sentence, once another has begun after it."""
    spans = sentence_spans(draft)
    return draft[spans[0].start : spans[0].end] if len(spans) >= 2 else None


def _answers_question(claims: Sequence[Claim], shown: Sequence[Evidence]) -> bool:
    """The verified claims rest on the best sentence (or one as good): a fluent answer built
    on weaker evidence is worse than quoting the best."""
    best = shown[0].score
    return any(shown[c.evidence - 1].score >= MIN_MAIN_EVIDENCE * best for c in claims)


def answer(
    question: str,
    store: Store,
    embedder: Embedder,
    generator: Generator | None,
    settings: Settings,
    history: Sequence[tuple[str, str]] = (),
) -> Iterator[Event]:
    """Answer ``question`` (with the chat so far in ``history``), yielding progress, the
    model's draft tokens, and finally the verified :class:`Answer`.

    >>> [e for e in answer("What share of global spending did China attribute to NATO?", ...)
    ...  if isinstance(e, Answer)][0].text
    'NATO's combined military expenditure was 55% of the global spending in 2024 [1].'
    """
    began = time.perf_counter()
    timings: dict[str, float] = {}

    def ms() -> float:
        return round((time.perf_counter() - began) * 1000, 1)

    def done(**fields: object) -> Answer:
        timings.setdefault("first_token_ms", ms())
        timings["total_ms"] = ms()
        return Answer(question=question, timings=timings, **fields)  # type: ignore[arg-type]

    yield Status("searching")
    context = _context(history)
    passages = retrieve(question, store, embedder, settings.retrieval, context=context)
    asked = Asked.of(question)
    read_all = rerank_by_type(asked, read(question, passages, embedder, context=context))
    evidence = about_the_subject(asked, read_all, store)
    timings["retrieve_ms"] = ms()

    if should_abstain(asked, evidence, settings):
        related = tuple(_citation(i, e) for i, e in enumerate(read_all[:3], 1))
        yield done(
            text=NOT_IN_DOCUMENTS,
            citations=(),
            abstained=True,
            mode="abstained",
            related=related,
            evidence=tuple(evidence),
        )
        return

    if conflict := find_conflict(asked, evidence):
        a, b = conflict
        said = [_values_text(a, asked), _values_text(b, asked)]
        text = (
            f"The sources differ: {a.source} says {said[0]} [1], while {b.source} says "
            f"{said[1]} [2]."
        )
        yield done(
            text=text,
            citations=(_citation(1, a), _citation(2, b)),
            abstained=False,
            mode="conflict",
            evidence=tuple(evidence),
        )
        return

    shown = evidence[: settings.answer.evidence_sentences]
    claims: list[Claim] = []
    if generator is not None and settings.answer.generate:
        yield Status("answering")
        draft, checked = "", False
        for piece in generator.generate(
            build_messages(question, shown),
            max_tokens=settings.llm.max_tokens,
            temperature=settings.llm.temperature,
            stop=STOP,
        ):
            timings.setdefault("first_token_ms", ms())
            draft += piece
            yield Token(piece)
            if not checked and (first := _complete_first_sentence(draft)):
                checked = True
                if not _answers_question(useful_claims(first, question, shown, embedder), shown):
                    draft = ""  # no need to hear the rest: the answer will be extractive
                    break
        claims = useful_claims(draft, question, shown, embedder)

    if _answers_question(claims, shown):
        text, citations = _compose(claims, shown)
        mode = "generated"
    else:
        text, citations = f"{_quote(shown[0])} [1]", [_citation(1, shown[0])]
        mode = "extractive"
    yield done(
        text=text, citations=tuple(citations), abstained=False, mode=mode, evidence=tuple(evidence)
    )
