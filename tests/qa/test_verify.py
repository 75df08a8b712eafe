"""Verification with and without the embedding model."""

from __future__ import annotations

import numpy as np

from qa.verify import facts_match, supports, verify

PASSAGE = (
    "Chinese Foreign Ministry spokesman said that NATO's combined military expenditure was "
    "55% of the global spending in 2024."
)


class KeywordEmbedder:
    """A fake: texts sharing a first word are similar."""

    name = "fake"

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        return np.array([[1.0, 0.0] if t.split()[0] == "NATO's" else [0.0, 1.0] for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]


def test_a_number_missing_from_the_cited_text_is_rejected() -> None:
    assert not supports("NATO's military expenditure was 65% of global spending.", PASSAGE)
    assert not facts_match("It was 55% in 2023.", PASSAGE)


def test_a_correct_sentence_passes() -> None:
    assert supports("NATO's combined military expenditure was 55% of global spending.", PASSAGE)


def test_a_name_missing_from_the_cited_text_is_rejected() -> None:
    assert not supports("Rutte said NATO's expenditure was 55% of global spending.", PASSAGE)


def test_a_quotation_must_be_verbatim() -> None:
    passage = 'China urged NATO to stop "stoking confrontation."'
    assert supports('China urged NATO to stop "stoking confrontation".', passage)
    assert not supports('China urged NATO to stop "adopting a new perspective".', passage)


def test_padding_with_unsupported_words_is_rejected() -> None:
    claim = (
        "NATO's combined military expenditure was 55% of the global spending, a key principle "
        "of international diplomacy."
    )
    assert not supports(claim, PASSAGE)


def test_rambling_is_rejected() -> None:
    claim = "NATO spending was 55% of global spending and 55% of global spending and more."
    assert not supports(claim, PASSAGE + " NATO spending and more.")


def test_the_semantic_check_uses_the_embedder() -> None:
    claim = "NATO's combined military expenditure was 55% of the global spending in 2024."
    assert supports(claim, claim)
    embedder = KeywordEmbedder()
    assert not supports(claim, "Chinese " + claim, embedder)


def test_verify_recites_and_drops() -> None:
    evidence = ["The lantern stands 34 metres above the sea.", PASSAGE]
    claims = verify(
        "NATO's combined military expenditure was 55% of global spending [1]. "
        "The lantern stands 34 metres above the sea. The moon is made of cheese [2].",
        evidence,
    )
    assert [(c.evidence, c.text[:10]) for c in claims] == [(2, "NATO's com"), (1, "The lanter")]


def test_markers_after_the_full_stop_stay_with_their_sentence() -> None:
    claims = verify(
        "NATO's combined military expenditure was 55% of global spending. [1]", [PASSAGE]
    )
    assert [c.evidence for c in claims] == [1]
