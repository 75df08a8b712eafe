"""Which passages retrieval hands the reader."""

from __future__ import annotations

from index.store import StoredChunk
from qa.retrieve import _gaps


class _Chunks:
    """A stand-in for the store's ``between``: the chunks of one document."""

    def __init__(self, chunks: list[StoredChunk]) -> None:
        self.chunks = chunks

    def between(self, source: str, start: int, end: int) -> list[StoredChunk]:
        return [c for c in self.chunks if c.source == source and c.start >= start and c.end <= end]


def _chunk(at: int, source: str = "a.txt") -> StoredChunk:
    return StoredChunk(f"{source}:{at}", source, at * 100, at * 100 + 100, 1, f"chunk {at}")


def test_a_passage_between_two_chosen_ones_of_a_document_is_read_too() -> None:
    chunks = [_chunk(i) for i in range(6)] + [_chunk(1, "b.txt")]
    store = _Chunks(chunks)
    chosen = [chunks[0], chunks[2], chunks[5], chunks[6]]
    found = _gaps(store, chosen)  # type: ignore[arg-type]
    assert list(found) == ["a.txt:1"]  # chunks 3 and 4 are two: too far apart to join
