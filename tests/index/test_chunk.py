import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from index.chunk import chunk, sentence_spans, sentence_units
from tests.conftest import SEEDS

# Text built from pieces that stress the splitter: abbreviations, quotes, CRLF, non-ASCII.
text_strategy = st.lists(
    st.sampled_from(
        [*"abc XYZ.!?\n\"'”’,-0123456789", "Dr.", "U.S.", "é", "\r\n", "word ", "Word. "]
    ),
    max_size=600,
).map("".join)


@given(text_strategy, st.integers(min_value=100, max_value=900), st.integers(0, 3))
@settings(max_examples=300, deadline=None)
def test_chunks_slice_back_to_their_text(text: str, max_chars: int, overlap: int) -> None:
    chunks = chunk(text, max_chars, overlap)
    for c in chunks:
        assert text[c.start : c.end] == c.text
        assert c.end - c.start <= max_chars
        assert c.line == text.count("\n", 0, c.start) + 1
        for unit in c.units:
            assert 0 <= unit.start < unit.end <= len(c.text)
    # Every non-blank character belongs to some chunk.
    covered = set()
    for c in chunks:
        covered.update(range(c.start, c.end))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


@given(text_strategy)
@settings(max_examples=200, deadline=None)
def test_sentences_are_trimmed_ordered_spans(text: str) -> None:
    spans = sentence_spans(text)
    for a, b in itertools.pairwise(spans):
        assert a.end <= b.start
    for s in spans:
        piece = text[s.start : s.end]
        assert piece and piece == piece.strip()


def test_sentences_respect_abbreviations_and_lines() -> None:
    text = "Dr. Li met U.S. officials. They agreed.\nNew line here"
    assert [text[s.start : s.end] for s in sentence_spans(text)] == [
        "Dr. Li met U.S. officials.",
        "They agreed.",
        "New line here",
    ]


def test_units_keep_a_pronoun_sentence_with_its_antecedent() -> None:
    text = (
        'Guo named "the zero-sum game". These are outdated concepts, he said. '
        "Then the meeting moved on to trade."
    )
    units = [text[u.start : u.end] for u in sentence_units(text)]
    assert units[0].endswith("he said.") and "zero-sum" in units[0]


def test_seed_chunks_hold_the_55_percent_sentence_whole() -> None:
    text = (SEEDS / "000_ec397f79bacca5ab.txt").read_text(encoding="utf-8")
    sentence = "NATO's combined military expenditure was 55% of the global spending in 2024."
    assert any(sentence in c.text for c in chunk(text))
