"""``answer``: from a question to an answer whose every sentence is cited and verified.

The flow reads question -> passages -> evidence -> decision -> answer: work out what the
question asks (:mod:`qa.asked`), retrieve passages (:mod:`qa.retrieve`), score their sentences
(:mod:`qa.read`), decide whether they answer at all and whether sources disagree
(:mod:`qa.decide`), then answer. A question that asks for a value (a name, a date, an amount)
is answered with that value first, read from the best sentences and the text around them
(:mod:`qa.extract`); one that asks for several points gets several cited sentences; any other
lets the model phrase an answer from the best few sentences, keeping only what they support
(:mod:`qa.verify`), and when nothing survives quotes the best sentence instead.
"""

from __future__ import annotations

import collections.abc
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from index.chunk import sentence_spans
from index.embed import Embedder
from index.store import Store
from qa.asked import Asked, Entity, entities, has_verb, nth_document, pos_tags, tag
from qa.decide import (
    about_the_subject,
    by_the_responder,
    find_conflict,
    gives_reason,
    keeping_to_the_topic,
    on_the_subject,
    rerank_by_type,
    should_abstain,
)
from qa.extract import (
    Found,
    bridge,
    dated_head,
    expansion,
    extract,
    named_for_the_thing,
    nearness,
    outlet_of,
    said_as_asked,
)
from qa.generate import Generator, Message
from qa.read import Evidence, RememberedWindows, Windows, in_place, opening, read, window
from qa.retrieve import Passage, retrieve
from qa.settings import Settings
from qa.text import content_terms, numbers
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

MAX_QUOTE_WORDS = 45  # a longer best sentence is quoted around the question's words
MIN_SECOND_QUOTE = 0.85  # a second sentence scoring this share of the best is quoted too…
MAX_TWO_QUOTES_WORDS = 55  # …when the two are this short together
MIN_CONTINUATION = 12  # words quoted at least of the sentence a quote leads in to
MAX_POINTS = 4  # sentences of an answer that lists or summarises
MAX_POINT_WORDS = 140
MIN_POINT = 0.75  # each point scores at least this share of the best sentence
MAX_SEVERAL_WORDS = 55  # the points of a "which functions ..." answer
QUOTE_CHOICES = 5  # sentences a quote is chosen from…
MIN_STATEMENT = 0.75  # …scoring at least this share of the best


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
    highlight: tuple[int, int] | None = None  # the answer's value within the span, when stated
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
    mode: str  # "value", "points", "generated", "extractive", "conflict" or "abstained"
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
    """The values a sentence gives of what is asked, as written in it and in its order, each
    figure once: "Tuesday", "about 140,000" (not also "140,000"). Of several, those standing
    closest to the question's words: "150,000 people had fled to evacuation centres, and five
    were still missing" gives 150,000 evacuees."""
    written = []
    for value in asked.values(e.text):
        match = re.search(rf"\b{re.escape(value)}\b", e.text, re.IGNORECASE)
        if match:
            written.append(Entity(match.start(), match.end(), "VALUE", match.group()))
    terms = content_terms(asked.question) - {asked.counted or ""}
    close = {w: nearness(w, e.text, terms) for w in written}
    best = max(close.values(), default=0.0)
    shown: list[str] = []
    for w in sorted(written, key=lambda w: (w.start, -len(w.text))):
        figures = numbers(w.text)
        said = any(
            w.text.lower() in s.lower() or (figures and figures == numbers(s)) for s in shown
        )
        if close[w] >= best and not said:
            shown.append(w.text)
    return " and ".join(shown)


def _quote(e: Evidence) -> str:
    return "“" + e.text.strip().strip('"“”') + "”"


_WORDS = re.compile(r"\S+")


def trimmed(
    e: Evidence, question: str, limit: int = MAX_QUOTE_WORDS
) -> tuple[Evidence, bool, bool]:
    """``e`` cut to the run of ``limit`` words holding most of the question's different words
    (an exact span of the same file), and whether words were cut before and after it."""
    words = list(_WORDS.finditer(e.text))
    if len(words) <= limit:
        return e, False, False
    terms = content_terms(question)
    hits = [content_terms(w.group()) & terms for w in words]
    places = [i for i, hit in enumerate(hits) if hit]

    def fit(i: int) -> tuple[int, int, float]:
        inside = [p for p in places if i <= p < i + limit]
        distinct = len(set().union(*(hits[p] for p in inside)))
        middle = sum(inside) / len(inside) if inside else 0.0
        # most of the question's words, then most mentions, centred on them
        return distinct, len(inside), -abs(middle - (i + limit / 2))

    first = max(range(len(words) - limit + 1), key=fit)
    start, end = words[first].start(), words[first + limit - 1].end()
    text = e.text[start:end]
    line = e.line + e.text.count("\n", 0, start)
    cut = replace(e, start=e.start + start, end=e.start + end, line=line, text=text)
    return cut, first > 0, first + limit < len(words)


def _quoted(e: Evidence, before: bool, after: bool) -> str:
    body = e.text.strip().strip('"“”')
    return "“" + ("…" if before else "") + body + ("…" if after else "") + "”"


def _similar(a: Evidence, b: Evidence) -> bool:
    """Two sentences that say much the same (most of their content words shared)."""
    ta, tb = content_terms(a.text), content_terms(b.text)
    return bool(ta and tb) and len(ta & tb) / min(len(ta), len(tb)) >= 0.6


_ASKING = re.compile(r"\?[\s\d.]*$")  # a question, maybe followed by its section number


def stating(e: Evidence) -> bool:
    """Whether a sentence states something: not a question (an FAQ's heading: "How compatible
    is Debian?"), not a run of short lines (a page's navigation, a table of contents), and with
    a verb (not a heading or a caption)."""
    text = e.text.strip()
    return not _ASKING.search(text) and text.count("\n") < 3 and has_verb(text)


# A sentence that announces what follows: it ends with a colon, or speaks of several things.
_LEADS_IN = re.compile(
    r":\s*$|\b(?:several|various|the following|a number of|multiple|numerous)\b", re.IGNORECASE
)


def leads_in(e: Evidence) -> bool:
    """Whether a sentence announces what the next one gives: it ends with a colon ("The
    following example rounds pi:") or speaks of several things without naming them there
    ("CUPS is divided between several packages."; not "several types, such as x86, ARM and
    MIPS")."""
    text = e.text.strip()
    found = _LEADS_IN.search(text)
    return found is not None and text.count(",", found.end()) < 2


def _next_sentence(e: Evidence, store: Windows | None) -> Evidence | None:
    """The sentence after ``e`` in its document, when ``e`` leads in to it."""
    if store is None or not leads_in(e):
        return None
    return next((w for place, w in window(e, store) if place == "next"), None)


def points(
    evidence: Sequence[Evidence],
    budget: int = MAX_POINT_WORDS,
    store: Windows | None = None,
    least: float = MIN_POINT,
) -> list[Evidence]:
    """The sentences of an answer that lists, summarises or compares: the most relevant ones
    that state something (see :func:`stating`), are no headline (it only announces the report)
    and do not repeat each other, every source that
    speaks nearly as well as the best represented, within ``budget`` words, in document order.
    A point that leads in to the next sentence (see :func:`leads_in`) is followed by it, given
    the ``store`` to read it from."""
    tag(e.text.strip() for e in evidence)  # one batch for the verbs, not one call a sentence
    evidence = [e for e in evidence if stating(e) and not _is_headline(e, store)]
    if not evidence:
        return []
    relevant = [e for e in evidence[:16] if e.score >= least * evidence[0].score]
    by_score = sorted(relevant, key=lambda e: -e.score)
    best_of_each = list({e.source: e for e in reversed(by_score)}.values())
    chosen: list[Evidence] = []
    words = 0
    for e in sorted(best_of_each, key=lambda e: -e.score) + by_score:
        size = len(e.text.split())
        if e in chosen or len(chosen) >= MAX_POINTS or any(_similar(e, c) for c in chosen):
            continue
        if chosen and words + size > budget:
            continue
        chosen.append(e)
        words += size
    for e in list(chosen):
        following = _next_sentence(e, store)
        size = len(following.text.split()) if following else 0
        if following and words + size <= budget and all(c.start != following.start for c in chosen):
            chosen.append(following)
            words += size
    return _in_document_order(chosen)


LEAD_SPAN = 1500  # characters read from a document's head for its lead
MAX_LEADS = 2  # documents whose lead a summary opens with…
MIN_LEAD = 0.5  # …when the lead scores at least this share of the best sentence
MIN_SUMMARY_POINT = 0.5  # the further points of a summary, as a share of the best


def lead(source: str, store: Windows) -> tuple[int, int] | None:
    """Where the first sentence of ``source`` that states something (see :func:`stating`)
    stands, past its headline and any dateline: a report's lead, which tells its gist."""
    said = _lead_sentence(source, store)
    return (said.start, said.end) if said else None


def _lead_sentence(source: str, store: Windows) -> Evidence | None:
    """The lead of ``source`` (see :func:`lead`), as evidence the reader did not score."""
    return next(
        (e for e in opening(source, store, LEAD_SPAN) if stating(e) and not _is_headline(e, store)),
        None,
    )


def summary_points(
    evidence: Sequence[Evidence],
    store: Windows,
    budget: int = MAX_POINT_WORDS,
    every_source: bool = False,
) -> list[Evidence]:
    """The points of a summary: the lead (see :func:`lead`) of each document that speaks
    nearly as well as the best, when it is among the relevant sentences, then the most
    relevant others (see :func:`points`), in document order. A report tells its gist first;
    the sentences closest to the request's words may only restate its headline. With
    ``every_source`` (a question comparing the documents, whose words match none), each
    document's lead opens, however it scores."""
    evidence = [e for e in evidence if stating(e)]
    if not evidence:
        return []
    best = 0.0 if every_source else evidence[0].score
    sources = dict.fromkeys(e.source for e in evidence if e.score >= MIN_POINT * best)
    leads = []
    for source in list(sources)[:MAX_LEADS]:
        first = _lead_sentence(source, store)
        place = (source, first.start, first.end) if first else None
        said = [e for e in evidence if (e.source, e.start, e.end) == place]
        if every_source and not said and first is not None:
            said = [first]
        leads += [e for e in said if e.score >= MIN_LEAD * best]
    rest = [e for e in evidence if e not in leads and not any(_similar(e, led) for led in leads)]
    room = budget - sum(len(e.text.split()) for e in leads)
    more = points(rest, room, store, 0.0 if every_source else MIN_SUMMARY_POINT) if room > 0 else []
    return _in_document_order(leads + more[: MAX_POINTS - len(leads)])


def _in_document_order(chosen: Sequence[Evidence]) -> list[Evidence]:
    """``chosen`` by source, the best one's source first, and by place within each."""
    order = list(dict.fromkeys(e.source for e in chosen))
    return sorted(chosen, key=lambda e: (order.index(e.source), e.start))


def _said_by(asked: Asked, evidence: Sequence[Evidence]) -> list[Evidence]:
    """For a question asking for someone's words ("What did Guo say about NATO?"), the
    sentences that do not name another person without naming them: "Rutte said ..." gives
    another's words on the same subject; "China is a builder of world peace" in the middle of
    Guo's remarks may be his."""
    if not asked.speaker:
        return list(evidence)
    tag(e.text for e in evidence)

    def anothers(e: Evidence) -> bool:
        if asked.speaker & set(re.findall(r"\w+", e.text.lower())):
            return False
        return any(n.label == "PERSON" for n in entities(e.text))

    return [e for e in evidence if not anothers(e)]


def _listed(values: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    return values[0] if len(values) == 1 else f"{', '.join(values[:-1])} and {values[-1]}"


def _state(found: Found) -> tuple[str, list[Citation]]:
    """The value first (every value, for a question asking for several), cited to the
    sentence it stands in and, when it was found beside the reader's sentence rather than in
    it, to that sentence too: "Portugal [1] [2]."."""
    stated = [
        (at + len(value) - len(value.lstrip()), value.strip().rstrip("."))
        for at, value in found.values
    ]
    start = found.holder.start
    highlight = (start + stated[0][0], start + max(at + len(value) for at, value in stated))
    citations = [replace(_citation(1, found.holder), highlight=highlight)]
    if found.holder.start != found.anchor.start or found.holder.source != found.anchor.source:
        citations.append(_citation(2, found.anchor))
    marks = " ".join(f"[{c.id}]" for c in citations)
    return f"{_listed([value for _, value in stated])} {marks}.", citations


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
    passages = _in_the_document_meant(question, passages, store)
    asked = Asked.of(question)
    around = RememberedWindows(store)  # read once for the subject rules and extraction
    read_all, evidence = _read_for(asked, passages, embedder, store, around, context)
    evidence = by_the_responder(asked, evidence, around)
    timings["retrieve_ms"] = ms()

    def abstained() -> Answer:
        related = tuple(_citation(i, e) for i, e in enumerate(read_all[:3], 1))
        return done(
            text=NOT_IN_DOCUMENTS,
            citations=(),
            abstained=True,
            mode="abstained",
            related=related,
            evidence=tuple(evidence),
        )

    senses: dict[str, float] = {}  # the abstention check and the topic filter read the same

    def sense(e: Evidence) -> float:
        if e.text not in senses:
            senses[e.text] = said_as_asked(asked, e.text, embedder)
        return senses[e.text]

    dated = dated_head(asked, evidence, around) if asked.dates_a_document else None
    ran = outlet_of(asked, evidence, around) if asked.asks_a_documents_outlet else None
    spelled = dated or ran or expansion(asked, evidence, around)
    if spelled is None:  # a question about what it describes, asked of the name it has
        spelled = _hop(asked, evidence, passages, embedder, settings, store, around, context)
    if spelled:
        text, citations = _state(spelled)
        yield done(
            text=text,
            citations=tuple(citations),
            abstained=False,
            mode="value",
            evidence=tuple(evidence),
        )
        return

    if asked.acronym or (  # not spelled out
        should_abstain(asked, evidence, settings, around, sense)
        and not (asked.whole_documents and evidence)
    ):
        yield abstained()
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

    if asked.multi or (asked.several and asked.kind is None):
        # "Which functions ...": every sentence giving some, as short as a single answer
        evidence = rerank_by_type(asked, in_place(evidence))  # sentences read in their place
        evidence = _said_by(asked, evidence)
        if asked.summary:
            chosen = summary_points(evidence, around, every_source=asked.whole_documents)
        else:
            chosen = points(evidence, MAX_POINT_WORDS if asked.multi else MAX_SEVERAL_WORDS, around)
        if not asked.multi:
            chosen = [trimmed(e, question)[0] for e in chosen]
        text = "\n".join(f"- {e.text.strip()} [{n}]" for n, e in enumerate(chosen, 1))
        citations = [_citation(n, e) for n, e in enumerate(chosen, 1)]
        mode = "points"
    elif found := extract(
        asked, keeping_to_the_topic(asked, evidence, settings, around, sense), around, embedder
    ) or named_for_the_thing(asked, evidence, around):
        text, citations = _state(found)
        mode = "value"
    elif asked.kind == "role" or asked.needs_value:  # no such value beside the subject
        yield abstained()
        return
    else:
        evidence = rerank_by_type(asked, in_place(evidence))
        events = _phrase(question, evidence, embedder, generator, settings, timings, ms, around)
        text, citations, mode = yield from events
    yield done(
        text=text, citations=tuple(citations), abstained=False, mode=mode, evidence=tuple(evidence)
    )


def _in_the_document_meant(question: str, passages: list[Passage], store: Store) -> list[Passage]:
    """``passages`` from the document the question points at by its place in the list of
    documents ("according to the first article", see :func:`qa.asked.nth_document`), when it
    points at one and any are from it; all of them otherwise."""
    nth = nth_document(question)
    files = sorted(store.files()) if nth is not None else []
    if nth is None or not -len(files) <= nth < len(files):
        return passages
    return [p for p in passages if p.source == files[nth]] or passages


def _read_for(
    asked: Asked,
    passages: Sequence[Passage],
    embedder: Embedder,
    store: Store,
    around: Windows,
    context: str | None,
) -> tuple[list[Evidence], list[Evidence]]:
    """The sentences of ``passages`` read for the question, those holding its kind of value
    raised; and of them, the evidence about its subject (see
    :func:`qa.decide.about_the_subject` and :func:`qa.decide.on_the_subject`)."""
    question = asked.question
    read_all = rerank_by_type(
        asked, read(question, passages, embedder, context=context, asks=asked.asks)
    )
    return read_all, on_the_subject(asked, about_the_subject(asked, read_all, store), around)


def _hop(
    asked: Asked,
    evidence: Sequence[Evidence],
    passages: Sequence[Passage],
    embedder: Embedder,
    settings: Settings,
    store: Store,
    around: Windows,
    context: str | None,
) -> Found | None:
    """The value a question asks of something it describes rather than names, read as the
    question asked of that name (see :func:`qa.extract.bridge`): "Who set up Skyreach
    Airways?" for "Who set up the Irish low-cost carrier that reported a first-half loss?". It
    is cited with the sentence naming the thing described. None when no sentence names it, or
    the question asked of it finds no value."""
    if asked.kind is None or (bridged := bridge(asked, evidence)) is None:
        return None
    name, said = bridged
    question = asked.hop(name.text)
    if question is None or (hop := Asked.of(question)).kind != asked.kind:
        return None
    _, hop_evidence = _read_for(hop, passages, embedder, store, around, context)
    if should_abstain(hop, hop_evidence, settings, around):
        return None
    found = extract(
        hop, keeping_to_the_topic(hop, hop_evidence, settings, around), around, embedder
    )
    if found is None or asked.rules_out(found.value):
        return None
    return found if found.holder.start == said.start else replace(found, anchor=said)


def _phrase(
    question: str,
    evidence: Sequence[Evidence],
    embedder: Embedder,
    generator: Generator | None,
    settings: Settings,
    timings: dict[str, float],
    ms: Callable[[], float],
    store: Windows | None = None,
) -> collections.abc.Generator[Event, None, tuple[str, list[Citation], str]]:
    """The model's verified sentences from the best few sentences, streaming its draft; the
    best sentence quoted when nothing it says rests on the best evidence."""
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
        text, citations = _quote_best(evidence, question, store)
        mode = "extractive"
    return text, citations, mode


def _statements_first(evidence: Sequence[Evidence], store: Windows | None = None) -> list[Evidence]:
    """``evidence`` with its best sentence that states something (see :func:`stating`) first,
    when one scores nearly as well as the best: a heading or a line of navigation that shares
    the question's words answers nothing. Given the ``store``, a document's headline (restating
    what the whole report is about) gives way to a sentence of its text."""
    tag(e.text.strip() for e in _near(evidence))
    return _raised(evidence, lambda e: stating(e) and not _is_headline(e, store))


def _near(evidence: Sequence[Evidence]) -> list[Evidence]:
    """The best :data:`QUOTE_CHOICES` sentences of ``evidence`` that score at least
    :data:`MIN_STATEMENT` of the best: those a quote may be chosen from."""
    return [e for e in evidence[:QUOTE_CHOICES] if e.score >= MIN_STATEMENT * evidence[0].score]


def _raised(evidence: Sequence[Evidence], keep: Callable[[Evidence], bool]) -> list[Evidence]:
    """``evidence`` with the first of its close sentences (see :func:`_near`) that ``keep``
    holds for put first, when one does."""
    first = next((e for e in _near(evidence) if keep(e)), None)
    if first is None or first is evidence[0]:
        return list(evidence)
    return [first, *(e for e in evidence if e is not first)]


def _reasons_first(evidence: Sequence[Evidence], question: str) -> list[Evidence]:
    """For a question asking why, ``evidence`` with its best sentence that gives a reason
    (see :func:`qa.decide.gives_reason`) first, when one scores nearly as well as the best: a
    sentence that only restates what happened ("Ghana opened a maternity wing") answers no
    "why"."""
    return _raised(evidence, lambda e: gives_reason(question, e.text))


def _thing_asked(question: str) -> str | None:
    """The noun a "which X" or "what is the name of the X" question asks a name of, lower
    case: "strain" in "Which strain of avian influenza was found?", "asteroid" in "What is the
    name of the asteroid the probe will study?"; read from the part-of-speech tags."""
    opener = _WHICH_THING.search(question)
    if opener is None:
        return None
    head = None  # the last noun of the phrase: "metal-rich asteroid", "police operation"
    for at, pos in pos_tags(question):
        if at < opener.end():
            continue
        if pos in ("NN", "NNS"):
            word = re.match(r"[a-z]+", question[at:])
            head = word.group() if word else None
        elif pos in ("JJ", "HYPH", "NNP"):
            continue
        elif head is not None or pos not in ("DT", "POS", "PRP$", "RB"):
            break
    return head


# "Which strain ...", "What is the name of the asteroid ...", "What was the code name of ...".
_WHICH_THING = re.compile(
    r"\b(?:which|what)\b(?:\s+(?:is|was|are|were)\s+the\s+(?:code\s*)?names?\s+of)?",
    re.IGNORECASE,
)


def _named_by_noun_first(evidence: Sequence[Evidence], question: str) -> list[Evidence]:
    """For a question asking the name of a thing by its noun ("Which strain ...?"),
    ``evidence`` with its best sentence that names one so ("the H5N1 strain", "the asteroid
    Lyra") first, when one scores nearly as well as the best: a sentence that only speaks of
    "a strain of bird flu" names none."""
    noun = _thing_asked(question)
    if noun is None:
        return list(evidence)
    named = re.compile(
        rf"\b(?:the|a|its|their)\s+(?:[A-Z][\w-]*\s+)+{noun}s?\b"
        rf"|\b(?:the|a|its|their)\s+{noun}s?\s+(?:called\s+|named\s+)?[A-Z][\w-]+"
    )
    return _raised(evidence, lambda e: bool(named.search(e.text)))


def _is_headline(e: Evidence, store: Windows | None) -> bool:
    """Whether ``e`` is its document's headline: its first line, ending as no sentence does
    (a first line ending "… Cold War mentality." is the report's first sentence)."""
    title = store.title(e.source) if store is not None else None
    return title is not None and title[0] == e.start and not _SENTENCE_END.search(title[2])


_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")


def _quote_best(
    evidence: Sequence[Evidence], question: str, store: Windows | None = None
) -> tuple[str, list[Citation]]:
    """The best sentence quoted (the best that states something, when one is nearly as good);
    then the sentence after it when it leads in to that one (see :func:`leads_in`); else the
    next best too when it scores nearly as well, says something else and both are short: the
    reader cannot tell which of the two answers, and the user can at a glance."""
    evidence = _statements_first(evidence, store)
    evidence = _reasons_first(evidence, question)
    evidence = _named_by_noun_first(evidence, question)
    quote, before, after = trimmed(evidence[0], question)
    text, citations = f"{_quoted(quote, before, after)} [1]", [_citation(1, quote)]
    if not after and (following := _next_sentence(quote, store)):
        room = max(MIN_CONTINUATION, MAX_TWO_QUOTES_WORDS - len(quote.text.split()))
        rest, _, cut = trimmed(following, "", room)  # its opening words: it continues
        text += f" {_quoted(rest, False, cut)} [2]"
        citations.append(_citation(2, rest))
    elif len(evidence) > 1:
        second = evidence[1]
        words = len(quote.text.split()) + len(second.text.split())
        close = second.score >= MIN_SECOND_QUOTE * evidence[0].score
        if close and words <= MAX_TWO_QUOTES_WORDS and not _similar(quote, second):
            text += f" {_quote(second)} [2]"
            citations.append(_citation(2, second))
    return text, citations
