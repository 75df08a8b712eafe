"""Indexing with the real embedder and the real Chroma: idempotent, incremental, careful."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from index.errors import IndexingError, QAError, UnsupportedFileError
from qa.assistant import Assistant
from qa.settings import Settings


@pytest.fixture
def assistant(tmp_path: Path) -> Assistant:
    return Assistant(Settings(index_dir=tmp_path / "index"))


def _ids(assistant: Assistant) -> set[str]:
    return {cid for source in assistant.store.files() for cid in assistant.store.ids_of(source)}


def test_reindexing_an_unchanged_corpus_adds_nothing(assistant: Assistant, corpus: Path) -> None:
    first = assistant.index([corpus])
    assert sorted(first.added) == sorted(p.name for p in corpus.iterdir())
    ids = _ids(assistant)
    again = assistant.index([corpus])
    assert (again.added, again.updated, again.removed, again.embedded) == ([], [], [], 0)
    assert again.unchanged == 3
    assert _ids(assistant) == ids
    assert assistant.store._collection.count() == len(ids)


def test_a_changed_file_replaces_its_chunks_and_keeps_unchanged_vectors(
    assistant: Assistant, corpus: Path
) -> None:
    assistant.index([corpus])
    lighthouse = corpus / "lighthouse.md"
    before = assistant.store.ids_of("lighthouse.md")
    text = lighthouse.read_text(encoding="utf-8")
    lighthouse.write_text(text.replace("automated in 1987", "automated in 1991"), encoding="utf-8")
    report = assistant.index([corpus])
    assert report.updated == ["lighthouse.md"]
    after = assistant.store.ids_of("lighthouse.md")
    assert after != before and after & before  # the first paragraph kept its vector
    assert assistant.store._collection.count() == len(_ids(assistant))
    hits = assistant.store.lexical("automated 1991", 5)
    chunks = assistant.store.chunks([cid for cid, _ in hits])
    assert any("1991" in c.text for c in chunks.values())
    assert not any("1987" in c.text for c in assistant.store.chunks(list(after)).values())
    for c in assistant.store.chunks(list(after)).values():
        current = lighthouse.read_text(encoding="utf-8")
        assert current[c.start : c.end] == c.text


def test_a_deleted_file_loses_its_chunks_and_vectors(assistant: Assistant, corpus: Path) -> None:
    assistant.index([corpus])
    gone = assistant.store.ids_of("lighthouse.md")
    (corpus / "lighthouse.md").unlink()
    report = assistant.index([corpus])
    assert report.removed == ["lighthouse.md"]
    assert "lighthouse.md" not in assistant.store.files()
    assert not assistant.store._collection.get(ids=sorted(gone))["ids"]
    assert assistant.store._collection.count() == len(_ids(assistant))


def test_chunk_ids_are_stable_across_fresh_indexes(tmp_path: Path, corpus: Path) -> None:
    one = Assistant(Settings(index_dir=tmp_path / "a"))
    two = Assistant(Settings(index_dir=tmp_path / "b"))
    one.index([corpus])
    two.index([corpus])
    assert _ids(one) == _ids(two)


def test_an_unreadable_file_is_named_and_nothing_indexed_is_lost(
    assistant: Assistant, corpus: Path
) -> None:
    assistant.index([corpus])
    before = _ids(assistant)
    (corpus / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    report = assistant.index([corpus])
    assert len(report.failures) == 1
    message = str(report.failures[0])
    assert "broken.txt" in message and "binary content" in message
    assert _ids(assistant) == before
    with pytest.raises(IndexingError, match=r"broken\.txt"):
        raise IndexingError(report.failures)


def test_missing_path_and_unsupported_file_say_what_to_do(
    assistant: Assistant, tmp_path: Path
) -> None:
    with pytest.raises(QAError, match="no such file or directory"):
        assistant.index([tmp_path / "nowhere"])
    sheet = tmp_path / "report.xlsx"
    sheet.write_bytes(b"PK\x03\x04")
    with pytest.raises(UnsupportedFileError, match=r"report\.xlsx.*supported"):
        assistant.index([sheet])


def test_changing_the_chunk_size_never_mixes_vectors(tmp_path: Path, corpus: Path) -> None:
    small = Settings(index_dir=tmp_path / "index", index={"chunk_chars": 300})
    Assistant(Settings(index_dir=tmp_path / "index")).index([corpus])
    other = Assistant(small)
    assert other.store.count() == 0  # another fingerprint, another collection
    other.index([corpus])
    assert other.store.count() > 0


def test_html_is_indexed_as_its_readable_text(assistant: Assistant, tmp_path: Path) -> None:
    from tests.conftest import DATA

    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "harbour.html").write_bytes((DATA / "harbour.html").read_bytes())
    assert assistant.index([folder]).added == ["harbour.html"]
    text = assistant.document_text("harbour.html")
    assert text is not None
    assert "The harbour master, Tomas Kell, recorded 412 ship arrivals in 1899." in text
    assert "tracking" not in text and "Home | About" not in text
    for c in assistant.store.chunks(list(assistant.store.ids_of("harbour.html"))).values():
        assert text[c.start : c.end] == c.text


def _two_folders_with_notes(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "team-a", tmp_path / "team-b"
    for folder, year in ((first, 1871), (second, 1902)):
        folder.mkdir()
        (folder / "notes.txt").write_text(f"The harbour light was lit in {year}.", encoding="utf-8")
    return first, second


def test_a_same_named_file_from_another_folder_never_replaces_a_document(
    assistant: Assistant, tmp_path: Path
) -> None:
    first, second = _two_folders_with_notes(tmp_path)
    assistant.index([first])
    before = _ids(assistant)
    report = assistant.index([second])
    assert report.added == report.updated == []
    (failure,) = report.failures
    message = str(failure)
    assert str(second / "notes.txt") in message and str(first / "notes.txt") in message
    assert f"--root {tmp_path}" in message
    assert _ids(assistant) == before
    assert "1871" in (assistant.document_text("notes.txt") or "")


def test_a_root_names_documents_so_same_named_files_both_stay(
    assistant: Assistant, tmp_path: Path
) -> None:
    first, second = _two_folders_with_notes(tmp_path)
    report = assistant.index([first, second / "notes.txt"], root=tmp_path)
    assert sorted(report.added) == ["team-a/notes.txt", "team-b/notes.txt"]
    assert "1902" in (assistant.document_text("team-b/notes.txt") or "")
    with pytest.raises(QAError, match=r"not under the root"):
        assistant.index([first], root=second)


def test_a_moved_file_takes_over_its_name(assistant: Assistant, tmp_path: Path) -> None:
    first, second = _two_folders_with_notes(tmp_path)
    assistant.index([first])
    (first / "notes.txt").unlink()
    report = assistant.index([second])
    assert report.updated == ["notes.txt"] and not report.failures
    assert "1902" in (assistant.document_text("notes.txt") or "")


def test_an_upload_named_like_an_indexed_document_is_refused_before_copying(
    assistant: Assistant, tmp_path: Path
) -> None:
    first, second = _two_folders_with_notes(tmp_path)
    assistant.index([first])
    (failure,) = assistant.add_files([second / "notes.txt"]).failures
    assert re.match(r"notes\.txt: a document of that name .* Rename the file", str(failure))
    assert not (assistant.settings.index_dir / "documents" / "notes.txt").exists()
    assert "1871" in (assistant.document_text("notes.txt") or "")
    (tmp_path / "other.txt").write_text("Another note.", encoding="utf-8")
    assert assistant.add_files([tmp_path / "other.txt"]).added == ["other.txt"]
    assert assistant.add_files([tmp_path / "other.txt"]).unchanged == 1  # the same upload again


def test_files_encoded_in_many_groups_get_the_vectors_of_one_group(
    tmp_path: Path, corpus: Path
) -> None:
    # fp32: int8 scales each batch's activations as a whole, so its vectors move a little with
    # the other texts of their batch
    fp32 = {"embed_precision": "fp32"}
    whole = Assistant(Settings(index_dir=tmp_path / "whole", index=fp32))
    whole.index([corpus])
    reports: list[tuple[int, int]] = []
    # a group per file, each encoded while the one before is written
    parts = Assistant(
        Settings(index_dir=tmp_path / "parts", index={**fp32, "write_group_sentences": 4})
    )
    report = parts.index([corpus], progress=lambda done, total: reports.append((done, total)))
    assert len(reports) == 1 + 3 and reports == sorted(reports)
    assert reports[-1] == (report.embedded, report.embedded)
    ids = sorted(_ids(whole))
    assert sorted(_ids(parts)) == ids
    expected = whole.store._collection.get(ids=ids, include=["embeddings"])["embeddings"]
    got = parts.store._collection.get(ids=ids, include=["embeddings"])["embeddings"]
    assert np.allclose(np.asarray(expected), np.asarray(got), atol=1e-5)


def test_text_around_a_span_splits_into_exact_sentences(
    assistant: Assistant, tmp_path: Path
) -> None:
    """Text pieced together from chunks that share nothing keeps each sentence an exact
    span of the file, whatever whitespace stood between the chunks."""
    from index.chunk import sentence_spans

    folder = tmp_path / "docs"
    folder.mkdir()
    code = " ".join(f"ship[{i}] = dock(berth={i}, cargo='timber')" for i in range(60))
    lines = [
        *(f"Sentence {i} of the harbour log tells how ship {i} came in." for i in range(6)),
        "In other words, the ships are logged like this:",
        code,
        *(f"Sentence {i} of the harbour log tells how ship {i} left." for i in range(6, 12)),
    ]
    (folder / "log.txt").write_text("Harbour log\n" + "\n".join(lines) + "\n", encoding="utf-8")
    assistant.index([folder])
    text = assistant.store.document_text("log.txt")
    assert text is not None
    for i in (3, 5, 6, 9):
        start = text.index(f"Sentence {i} ")
        offset, around = assistant.store.around("log.txt", start, start + 10, 1200)
        spans = sentence_spans(around)
        assert len(spans) > 3
        for span in spans:
            assert text[offset + span.start : offset + span.end] == around[span.start : span.end]


def test_the_vector_index_searches_widely_new_or_made_before(tmp_path: Path) -> None:
    """Chroma rebuilds the newest part of its HNSW graph on several threads each time it opens
    an index; a search keeping Chroma's default 100 candidates could then miss a query's
    nearest chunks in one process and find them in the next. A new index keeps more, and an
    index made with the default is raised to as many when it is opened."""
    import chromadb

    from index.config import IndexSettings
    from index.store import SEARCH_EF, Store

    settings = IndexSettings()
    client = chromadb.PersistentClient(
        path=str(tmp_path / "old" / "chroma"),
        settings=chromadb.Settings(anonymized_telemetry=False),
    )
    client.get_or_create_collection(
        name=f"chunks-{settings.fingerprint()}", configuration={"hnsw": {"space": "cosine"}}
    )
    del client
    for folder in ("new", "old"):
        store = Store(tmp_path / folder, settings)
        hnsw = store._collection.configuration["hnsw"]
        assert hnsw["ef_search"] >= SEARCH_EF and hnsw["space"] == "cosine", folder
