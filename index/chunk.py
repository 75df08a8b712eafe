"""Sentence-aware chunking that keeps exact character offsets into the source text."""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass

# A sentence ends at terminal punctuation (plus closing quotes or brackets) followed by
# whitespace, or at a line break. Abbreviations and initials are checked separately.
_BOUNDARY = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s)|\n""")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st mt gen col lt sgt capt gov sen rep rev vs etc inc ltd co "
    "corp jan feb mar apr jun jul aug sep sept oct nov dec no nos fig al approx dept est "
    "u.s u.k u.n e.g i.e a.m p.m".split()
)
_WORD_BEFORE = re.compile(r"([\w.]+)[.]+$")


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` of a text."""

    start: int
    end: int


_SHORT = 30  # a sentence this short ("Guo asked.") is read with the one before it
# A sentence opening with one of these words points back at the one before it.
_ANAPHORA = re.compile(r"^[\"“']?(?:These|This|Those|That|They|Their|It|Its|Such|He|His|She|Her)\b")


@dataclass(frozen=True)
class Chunk:
    """A run of whole sentences: ``source_text[start:end] == text``; ``line`` is 1-based.

    ``units`` are its sentences (offsets relative to ``start``), the pieces the reader scores.
    """

    text: str
    start: int
    end: int
    line: int
    units: tuple[Span, ...]

    @property
    def content_hash(self) -> str:
        return hashlib.sha1(self.text.encode()).hexdigest()[:16]


def _is_abbreviation(text: str, end: int) -> bool:
    match = _WORD_BEFORE.search(text, max(0, end - 12), end)
    if not match:
        return False
    word = match.group(1).lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _next_starts_sentence(text: str, pos: int) -> bool:
    rest = text[pos : pos + 8].lstrip()
    return not rest or not rest[0].islower()


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Split ``text[start:end]`` into sentences: trimmed spans, as offsets into ``text``.

    >>> [text[s.start:s.end] for s in sentence_spans(text := "Dr. Li spoke. It rained.\\nNext")]
    ['Dr. Li spoke.', 'It rained.', 'Next']
    """
    end = len(text) if end is None else end
    spans: list[Span] = []
    begin = start
    for match in _BOUNDARY.finditer(text, start, end):
        stop = match.end()
        if match.group() != "\n" and (
            _is_abbreviation(text, match.start() + 1) or not _next_starts_sentence(text, stop)
        ):
            continue
        if span := _trimmed(text, begin, stop):
            spans.append(span)
        begin = stop
    if span := _trimmed(text, begin, end):
        spans.append(span)
    return spans


def _split_long(text: str, span: Span, max_chars: int) -> list[Span]:
    """Cut a sentence longer than ``max_chars`` at whitespace (or hard, if it has none)."""
    pieces: list[Span] = []
    start = span.start
    while span.end - start > max_chars:
        cut = text.rfind(" ", start + max_chars // 2, start + max_chars)
        cut = cut if cut > start else start + max_chars
        if piece := _trimmed(text, start, cut):
            pieces.append(piece)
        start = cut
    if piece := _trimmed(text, start, span.end):
        pieces.append(piece)
    return pieces


def sentence_units(text: str, max_chars: int = 600) -> list[Span]:
    """Sentences as the reader sees them: a very short sentence or one that opens with a
    pronoun ("These are outdated concepts") joins the one before it; none exceeds ``max_chars``.
    """
    units: list[Span] = []
    for span in sentence_spans(text):
        sentence = text[span.start : span.end]
        joined = Span(units[-1].start, span.end) if units else span
        if (
            units
            and (len(sentence) < _SHORT or _ANAPHORA.match(sentence))
            and (joined.end - joined.start <= max_chars)
        ):
            units[-1] = joined
        else:
            units.extend(_split_long(text, span, max_chars))
    return units


def chunk(text: str, max_chars: int = 600, overlap_sentences: int = 1) -> list[Chunk]:
    """Group whole sentences into chunks of at most ``max_chars`` characters.

    Consecutive chunks share ``overlap_sentences`` sentences so that a fact split across a
    chunk boundary is still found whole. Every chunk satisfies ``text[c.start:c.end] == c.text``.
    """
    units = sentence_units(text, max_chars)
    newlines = [i for i, ch in enumerate(text) if ch == "\n"]
    chunks: list[Chunk] = []
    first = 0
    while first < len(units):
        last = first
        while last + 1 < len(units) and units[last + 1].end - units[first].start <= max_chars:
            last += 1
        start, end = units[first].start, units[last].end
        line = bisect.bisect_left(newlines, start) + 1
        own = tuple(Span(u.start - start, u.end - start) for u in units[first : last + 1])
        chunks.append(Chunk(text[start:end], start, end, line, own))
        if last + 1 >= len(units):
            break
        first = max(first + 1, last + 1 - overlap_sentences)
    return chunks
