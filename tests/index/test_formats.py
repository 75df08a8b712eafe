"""Every format read from files the tests build; every kind of bad file named with its fix."""

from __future__ import annotations

import pathlib
import shutil
from pathlib import Path

import pytest

from index.errors import QAError
from index.load import Found, load, read_document
from index.readers import READERS, Extracted, decode
from qa.assistant import Assistant
from qa.settings import Settings
from tests.documents import make_docx, make_encrypted_pdf, make_pdf, make_scanned_pdf

HARBOUR = (
    "The harbour master, Tomas Kell, recorded 412 ship arrivals in 1899, more than in any "
    "year before it and fewer than in the year after the new breakwater was finished."
)
LIGHT = "The lighthouse keeper lit the lamp at dusk every evening for forty-one years."
PAGES = [["Harbour records", HARBOUR], ["Page two begins here.", LIGHT], ["Third page."]]


def _read(path: Path) -> Extracted:
    return read_document(path)


def _refusal(path: Path, max_bytes: int = 2**20) -> str:
    with pytest.raises(QAError) as caught:
        load(Found(path, path.parent), max_bytes)
    message = str(caught.value)
    assert message.startswith(str(path)) and "\n" not in message
    return message


# --- formats ----------------------------------------------------------------------------------


def test_one_reader_per_format() -> None:
    assert {".txt", ".md", ".html", ".pdf", ".docx"} <= set(READERS)


def test_a_pdf_is_read_page_by_page_with_sentences_whole(tmp_path: Path) -> None:
    doc = _read(make_pdf(tmp_path / "report.pdf", PAGES))
    assert len(doc.pages) == 3 and doc.pages[0] == 0
    # Lines wrapped by the layout are joined: the sentence is one run of text.
    start = doc.text.index(HARBOUR)
    assert doc.page_at(start) == 1
    assert doc.page_at(doc.text.index(LIGHT)) == 2
    assert doc.text[doc.pages[2] :].strip() == "Third page."
    for n, start in enumerate(doc.pages, 1):
        assert doc.page_at(start) == n


def test_a_docx_keeps_paragraphs_and_tables_in_reading_order(tmp_path: Path) -> None:
    table = [["Ship", "Arrivals"], ["Aurora", "12"], ["Belle", "7"]]
    doc = _read(make_docx(tmp_path / "log.docx", ["Before the table.", table, "After it."]))
    assert doc.text == "Before the table.\nShip | Arrivals\nAurora | 12\nBelle | 7\nAfter it.\n"
    assert doc.pages == ()


SAMPLE = "Le café coûte 3 € — «très cher», dit la naïve Zoë.\nGrüße aus Köln.\n"


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-8", SAMPLE),
        ("utf-8-sig", SAMPLE),
        ("utf-16", SAMPLE),
        ("cp1252", SAMPLE),
        ("latin-1", SAMPLE.replace("€", "EUR").replace("—", "-")),
    ],
)
def test_text_in_any_common_encoding_is_decoded(tmp_path: Path, encoding: str, text: str) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes(text.encode(encoding))
    assert _read(path).text == text  # no byte-order mark, offsets into the decoded text


def test_utf8_text_is_read_exactly_as_stored(tmp_path: Path) -> None:
    raw = "line one\r\nline two\n"
    (tmp_path / "a.md").write_bytes(raw.encode())
    assert _read(tmp_path / "a.md").text == raw


# --- bad input: one line naming the file and the fix --------------------------------------------


def test_an_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    assert "empty file" in _refusal(tmp_path / "empty.txt")


def test_a_file_of_whitespace(tmp_path: Path) -> None:
    (tmp_path / "blank.md").write_text(" \n\t\n   \r\n")
    assert "only whitespace" in _refusal(tmp_path / "blank.md")


def test_binary_content_under_a_text_extension(tmp_path: Path) -> None:
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "binary content" in _refusal(tmp_path / "photo.txt")
    with pytest.raises(Exception, match="binary"):
        decode(bytes(range(256)) * 8)


def test_a_truncated_pdf(tmp_path: Path) -> None:
    whole = make_pdf(tmp_path / "whole.pdf", PAGES).read_bytes()
    (tmp_path / "half.pdf").write_bytes(whole[: len(whole) // 2])
    assert "truncated PDF" in _refusal(tmp_path / "half.pdf")


def test_a_damaged_pdf(tmp_path: Path) -> None:
    (tmp_path / "junk.pdf").write_bytes(b"%PDF-1.4\nnot a pdf at all\n%%EOF\n")
    assert "damaged PDF" in _refusal(tmp_path / "junk.pdf")


def test_an_encrypted_pdf(tmp_path: Path) -> None:
    source = make_pdf(tmp_path / "plain.pdf", PAGES)
    locked = make_encrypted_pdf(tmp_path / "locked.pdf", source)
    message = _refusal(locked)
    assert "encrypted PDF" in message and "qpdf --decrypt" in message


def test_a_scanned_pdf_without_a_text_layer(tmp_path: Path) -> None:
    message = _refusal(make_scanned_pdf(tmp_path / "scan.pdf"))
    assert "no text layer" in message and "run OCR first" in message


def test_a_file_over_the_size_limit(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("word " * 1000)
    message = _refusal(tmp_path / "big.txt", max_bytes=1000)
    assert "over the" in message and "QA_INDEX__MAX_FILE_MB" in message


def test_a_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    assert "symlink loop" in _refusal(tmp_path / "loop.txt")


def test_an_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("The code is 1234.")
    path.chmod(0)
    real = pathlib.Path.read_bytes

    def denied(self: Path) -> bytes:
        if self == path:  # root reads a chmod 000 file all the same
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", denied)
    assert "permission denied" in _refusal(path)


def test_a_word_file_that_is_not_one(tmp_path: Path) -> None:
    (tmp_path / "fake.docx").write_text("just text")
    assert "not a readable Word document" in _refusal(tmp_path / "fake.docx")


# --- through the index: the rest indexed, nothing lost, the exit code -----------------------------


@pytest.fixture
def assistant(tmp_path: Path) -> Assistant:
    return Assistant(Settings(index_dir=tmp_path / "index", index={"max_file_mb": 0.05}))


def _bad_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text(LIGHT)
    (folder / "report.pdf").write_bytes(make_pdf(tmp_path / "r.pdf", PAGES).read_bytes())
    (folder / "log.docx").write_bytes(make_docx(tmp_path / "l.docx", [HARBOUR]).read_bytes())
    (folder / "windows.txt").write_bytes("Café prices rose by 3 € in 1899.".encode("cp1252"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_text("\n  \n")
    (folder / "photo.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "half.pdf").write_bytes((folder / "report.pdf").read_bytes()[:900])
    make_encrypted_pdf(folder / "locked.pdf", folder / "report.pdf")
    make_scanned_pdf(folder / "scan.pdf")
    (folder / "huge.txt").write_text("word " * 20000)  # over the 0.05 MB limit
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "same.txt").symlink_to(folder / "good.txt")  # the same file under two names
    shutil.copy(folder / "good.txt", folder / "copy-of-good.txt")
    return folder


BAD = {
    "empty.txt": "empty file",
    "blank.md": "only whitespace",
    "photo.txt": "binary content",
    "half.pdf": "truncated PDF",
    "locked.pdf": "encrypted PDF",
    "scan.pdf": "run OCR first",
    "huge.txt": "over the 0.05 MB limit",
    "loop.txt": "symlink loop",
}


def test_bad_files_are_named_once_each_and_the_rest_is_indexed(
    assistant: Assistant, tmp_path: Path
) -> None:
    folder = _bad_folder(tmp_path)
    report = assistant.index([folder])
    assert sorted(report.added) == ["copy-of-good.txt", "log.docx", "report.pdf", "windows.txt"]
    lines = [str(f) for f in report.failures]
    for name, reason in BAD.items():
        (line,) = [m for m in lines if m.startswith(f"{folder / name}:")]
        assert reason in line, line
    (dup,) = [m for m in lines if m.startswith(f"{folder / 'same.txt'}:")]
    assert "the same file as 'copy-of-good.txt'" in dup or "'good.txt'" in dup
    assert len(lines) == len(BAD) + 2  # and good.txt or its copy: one of the two is skipped
    assert "windows.txt" in assistant.store.files()
    assert "Café prices rose by 3 €" in (assistant.document_text("windows.txt") or "")


def test_a_copy_of_an_indexed_file_is_skipped_and_named(
    assistant: Assistant, tmp_path: Path
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(LIGHT)
    assistant.index([folder])
    (folder / "b.txt").symlink_to(folder / "a.txt")
    report = assistant.index([folder])
    (failure,) = report.failures
    assert str(failure).startswith(f"{folder / 'b.txt'}: the same file as 'a.txt'")
    assert list(assistant.store.files()) == ["a.txt"]


def test_a_file_that_turns_bad_keeps_what_was_indexed(assistant: Assistant, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "notes.txt").write_text(LIGHT)
    assistant.index([folder])
    before = assistant.store.ids_of("notes.txt")
    (folder / "notes.txt").write_bytes(b"")  # emptied, e.g. by a failed save
    report = assistant.index([folder])
    assert "empty file" in str(report.failures[0])
    assert assistant.store.ids_of("notes.txt") == before


def test_a_file_that_disappears_mid_run_is_named(
    assistant: Assistant, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import index.pipeline

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "stays.txt").write_text(LIGHT)
    (folder / "goes.txt").write_text(HARBOUR)
    real = index.pipeline.load

    def vanishing(found: Found, max_bytes: int) -> object:
        if found.path.name == "goes.txt":
            found.path.unlink()  # deleted after the folder was listed, before it is read
        return real(found, max_bytes)

    monkeypatch.setattr(index.pipeline, "load", vanishing)
    report = assistant.index([folder])
    assert report.added == ["stays.txt"]
    (failure,) = report.failures
    assert str(failure).startswith(f"{folder / 'goes.txt'}: disappeared while")


def test_strict_refuses_the_run_and_changes_nothing(assistant: Assistant, tmp_path: Path) -> None:
    from index.errors import IndexingError

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "old.txt").write_text(HARBOUR)
    assistant.index([folder])
    (folder / "old.txt").unlink()
    (folder / "new.txt").write_text(LIGHT)
    (folder / "empty.txt").write_bytes(b"")
    with pytest.raises(IndexingError, match=r"empty\.txt: empty file") as caught:
        assistant.index([folder], strict=True)
    assert caught.value.strict
    assert list(assistant.store.files()) == ["old.txt"]  # not removed, nothing added


def test_uploads_report_the_same_lines(assistant: Assistant, tmp_path: Path) -> None:
    folder = _bad_folder(tmp_path)
    files = [folder / name for name in ("good.txt", "empty.txt", "scan.pdf", "report.pdf")]
    files.append(tmp_path / "sheet.xlsx")
    files[-1].write_bytes(b"PK")
    report = assistant.add_files(files)
    assert sorted(report.added) == ["good.txt", "report.pdf"]
    lines = [str(f) for f in report.failures]
    assert len(lines) == 3
    assert any("empty.txt: empty file" in line for line in lines)
    assert any("scan.pdf: no text layer" in line for line in lines)
    assert any(line.startswith("sheet.xlsx: unsupported file type") for line in lines)
    kept = sorted(p.name for p in (assistant.settings.index_dir / "documents").iterdir())
    assert kept == ["good.txt", "report.pdf"]  # copies that were not indexed are not kept
