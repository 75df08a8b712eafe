"""One reader per file format: a file's bytes in, the text to index (and its pages) out.

``READERS`` maps a file suffix to its reader; supporting a new format is adding one function
and one entry. Offsets everywhere else (chunks, citations) refer to the text a reader returns.
A reader that cannot read its input raises :class:`ReadError` with what went wrong and what to
do; the loader puts the file's name in front.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


class ReadError(Exception):
    """Why a file's text cannot be read, and the fix (without the file's name)."""


@dataclass(frozen=True)
class Extracted:
    """The text of a document. ``pages`` holds the offset where each page starts (1-based page
    ``n`` is ``text[pages[n-1]:pages[n]]``); it is empty for formats without pages."""

    text: str
    pages: tuple[int, ...] = ()

    def page_at(self, offset: int) -> int | None:
        """The 1-based page holding ``offset``, or None for a document without pages."""
        return page_at(self.pages, offset)


def page_at(pages: tuple[int, ...] | list[int], offset: int) -> int | None:
    """The 1-based page whose start offsets ``pages`` place ``offset`` on (None without pages)."""
    if not pages:
        return None
    import bisect

    return max(1, bisect.bisect_right(pages, offset))


# --- plain text -------------------------------------------------------------------------------

# C0 controls other than tab, newline, carriage return and form feed: text has almost none.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode(data: bytes) -> str:
    """Text in any common encoding: UTF-8 (with or without BOM) directly, anything else (UTF-16,
    cp1252, latin-1, ...) as charset-normalizer detects it. A byte-order mark is dropped."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _detected(data).removeprefix("\ufeff")
    if len(_CONTROL.findall(text)) > max(1, len(text) // 1000):
        raise ReadError(_BINARY)
    return text


# Among encodings that read a file equally well, the likelier ones (a Windows-saved Western
# text is cp1252, not cp1250, though both decode most of its bytes).
_LIKELY = ("utf_8", "cp1252", "latin_1", "utf_16", "utf_32")


def _detected(data: bytes) -> str:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise ReadError(_BINARY)
    tied = [m for m in matches if m.percent_chaos == matches[0].percent_chaos]

    def rank(match: Any) -> int:
        names = [match.encoding, *match.could_be_from_charset]
        return min(
            (i for i, likely in enumerate(_LIKELY) for n in names if n.startswith(likely)),
            default=len(_LIKELY),
        )

    return str(min(tied, key=rank))


_BINARY = (
    "binary content, not text in any known encoding. "
    "Give it the extension of its real type, or remove it."
)


def plain_text(data: bytes) -> Extracted:
    """Text and Markdown, decoded (see :func:`decode`); no newline translation, so offsets are
    exact into the decoded text."""
    return Extracted(decode(data))


# --- HTML -------------------------------------------------------------------------------------

_BLOCK_END = "\x1e"  # marks the end of a block element while the text is extracted
_BLOCKS = [
    "p",
    "div",
    "li",
    "dt",
    "dd",
    "pre",
    "tr",
    "br",
    "table",
    "section",
    "article",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "title",
]


def html_text(data: bytes) -> str:
    """The readable text of an HTML page: one line per block, no scripts or navigation.

    BeautifulSoup decodes the bytes (using the page's declared or detected encoding).
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "html.parser")
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "head"]):
        tag.decompose()
    for tag in soup.find_all(_BLOCKS):
        tag.insert_after(_BLOCK_END)
    # Line breaks inside a paragraph are layout, not structure: only blocks end lines.
    blocks = (" ".join(block.split()) for block in soup.get_text().split(_BLOCK_END))
    return "\n".join(block for block in blocks if block) + "\n"


def html(data: bytes) -> Extracted:
    return Extracted(html_text(data))


# --- PDF --------------------------------------------------------------------------------------

# A line ending in one of these ends a sentence: the line break is kept (the chunker splits
# there anyway); any other line break inside a page is layout and becomes a space.
_LINE_END = re.compile(r"[.!?:;…]['\"”’)\]]*$")


def _running_text(page: str) -> str:
    """A page's lines joined into running text, so sentences wrapped over lines stay whole."""
    lines = [" ".join(line.split()) for line in page.splitlines()]
    out: list[str] = []
    for line in filter(None, lines):
        if out and not _LINE_END.search(out[-1]):
            out[-1] += " " + line
        else:
            out.append(line)
    return "\n".join(out)


def pdf(data: bytes) -> Extracted:
    """The text layer of a PDF (pypdfium2), page by page; pages are separated by a blank line.

    Refuses a truncated, damaged or password-protected file and one without any text layer.
    """
    import pypdfium2 as pdfium

    if b"%%EOF" not in data[-2048:]:
        raise ReadError(
            "truncated PDF (no end-of-file marker). Download or export it again, completely."
        )
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ReadError(
                "encrypted PDF: it needs a password. Save a copy without a password "
                "(e.g. `qpdf --decrypt --password=PASSWORD IN.pdf OUT.pdf`) and index that."
            ) from None
        reason = str(exc).rstrip(".")
        raise ReadError(f"damaged PDF ({reason}). Export or download it again.") from None
    try:
        texts = [_running_text(page.get_textpage().get_text_range()) for page in document]
    finally:
        document.close()
    if not any(t.strip() for t in texts):
        raise ReadError(
            "no text layer (a scan?): run OCR first, e.g. `ocrmypdf IN.pdf OUT.pdf`, "
            "and index the result."
        )
    starts, offset = [], 0
    for t in texts:
        starts.append(offset)
        offset += len(t) + 2
    return Extracted("\n\n".join(texts), tuple(starts))


# --- DOCX -------------------------------------------------------------------------------------


def docx(data: bytes) -> Extracted:
    """A Word document's paragraphs and tables in reading order (python-docx): one line per
    paragraph, one per table row with its cells separated by `` | ``."""
    import zipfile

    from docx import Document as open_docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = open_docx(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadError(
            f"not a readable Word document ({exc}). Save it again as .docx from its editor."
        ) from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = list(dict.fromkeys(row.cells))  # a merged cell is listed once per column
                lines.append(" | ".join(" ".join(c.text.split()) for c in cells))
        else:
            lines.append(" ".join(block.text.split()))
    return Extracted("\n".join(line for line in lines if line.strip(" |")) + "\n")


Reader = Callable[[bytes], Extracted]
READERS: dict[str, Reader] = {
    ".txt": plain_text,
    ".md": plain_text,
    ".markdown": plain_text,
    ".html": html,
    ".htm": html,
    ".pdf": pdf,
    ".docx": docx,
}
