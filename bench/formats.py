"""PDF text extractors and HTML reducers compared on real Debian documentation.

    .venv/bin/python -m bench.formats [--pdf-dir DIR]

PDF: pypdf, pdfminer.six and pypdfium2 on the PDFs in ``--pdf-dir`` (default: the two that
ship in installed Debian packages; docs/formats.md says how to fetch the others). Quality is
measured against the document's own source where Debian ships it: word recall and precision
(multisets of lower-case words) and word-bigram recall (reading order, glued or split words).
Speed is milliseconds per page.

HTML: the BeautifulSoup reduction of ``index.load`` against trafilatura on pages whose source
ships beside them (Python's reST sources, the shared MIME-info DocBook XML).
"""

from __future__ import annotations

import argparse
import gzip
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

from bench.common import Timer, save
from index.load import html_text

_WORD = re.compile(r"\w+")
MIME_XML = Path("/usr/share/doc/shared-mime-info/shared-mime-info-spec.xml.gz")
MIME_HTML = Path("/usr/share/doc/shared-mime-info/shared-mime-info-spec.html")
PYTHON_HTML = Path("/usr/share/doc/python3.11-doc/html")
DOCBOOK_HTML = Path("/usr/share/doc/docbook-xsl-doc-html/doc")
DEFAULT_PDFS = [
    Path("/usr/share/doc/shared-mime-info/shared-mime-info-spec.pdf"),
    Path("/usr/share/doc/libtasn1-doc/libtasn1.pdf"),
]


def words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).lower())


def overlap(got: str, reference: str) -> dict[str, float]:
    """Word recall and precision, and word-bigram recall, of ``got`` against ``reference``."""
    g, r = words(got), words(reference)
    gw, rw = Counter(g), Counter(r)
    gb, rb = Counter(pairwise(g)), Counter(pairwise(r))
    common = sum((gw & rw).values())
    return {
        "word_recall": round(common / max(1, len(r)), 3),
        "word_precision": round(common / max(1, len(g)), 3),
        "bigram_recall": round(sum((gb & rb).values()) / max(1, len(r) - 1), 3),
    }


def xml_text(data: bytes) -> str:
    """The words of a DocBook source (its markup dropped)."""
    import warnings

    from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

    warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)
    return BeautifulSoup(data, "html.parser").get_text(" ")


def _pypdf(data: bytes) -> list[str]:
    import pypdf

    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def _pdfminer(data: bytes) -> list[str]:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data)).split("\f")[:-1]


def _pdfium(data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]


PDF_READERS: dict[str, Callable[[bytes], list[str]]] = {
    "pypdf": _pypdf,
    "pdfminer.six": _pdfminer,
    "pypdfium2": _pdfium,
}


def pdf_reference(pdf: Path) -> str | None:
    """The same document's source text, where Debian ships it."""
    if pdf.name == "shared-mime-info-spec.pdf" and MIME_XML.is_file():
        return xml_text(gzip.decompress(MIME_XML.read_bytes()))
    if pdf.name == "docbook-xsl-reference.pdf" and DOCBOOK_HTML.is_dir():
        return "\n".join(html_text(p.read_bytes()) for p in sorted(DOCBOOK_HTML.rglob("*.html")))
    return None


def whole_sentences(text: str, reference: str) -> float:
    """The share of the reference's sentences (eight words or more) that the chunker finds
    whole, inside one of its sentence units of ``text``: a sentence cut by a line break is not."""
    from index.chunk import sentence_spans, sentence_units

    flat = " ".join(reference.split())
    sentences = [flat[s.start : s.end] for s in sentence_spans(flat)]
    sentences = [s for s in sentences if len(s.split()) >= 8]
    units = "\0".join(" ".join(text[u.start : u.end].split()) for u in sentence_units(text))
    return round(sum(s in units for s in sentences) / max(1, len(sentences)), 3)


def _running_text(data: bytes) -> list[str]:
    """The reader `qa index` uses: pypdfium2, with the lines of a page joined."""
    from index.readers import pdf

    extracted = pdf(data)
    starts = [*extracted.pages, len(extracted.text)]
    return [extracted.text[a:b] for a, b in pairwise(starts)]


def _paragraphs(data: bytes) -> list[str]:
    """pdfminer.six's output with the lines of each paragraph (blank-line block) joined."""
    return [
        "\n".join(" ".join(block.split()) for block in page.split("\n\n"))
        for page in _pdfminer(data)
    ]


def compare_pdfs(pdfs: list[Path]) -> list[dict[str, Any]]:
    rows = []
    readers = {
        **PDF_READERS,
        "pypdfium2, lines joined (qa index)": _running_text,
        "pdfminer.six, paragraphs joined": _paragraphs,
    }
    for pdf in pdfs:
        data = pdf.read_bytes()
        reference = pdf_reference(pdf)
        for name, reader in readers.items():
            with Timer() as t:
                pages = reader(data)
            text = "\n".join(pages)
            row: dict[str, Any] = {
                "pdf": pdf.name,
                "reader": name,
                "pages": len(pages),
                "ms_per_page": round(1000 * t.seconds / max(1, len(pages)), 1),
                "characters": len(text),
                "blank_line_paragraphs": text.count("\n\n"),
            }
            if reference is not None:
                row.update(overlap(text, reference))
                row["whole_sentences"] = whole_sentences(text, reference)
            rows.append(row)
    return rows


def _trafilatura(data: bytes) -> str:
    import trafilatura

    return (
        trafilatura.extract(data, include_tables=True, include_formatting=False, favor_recall=True)
        or ""
    )


HTML_READERS: dict[str, Callable[[bytes], str]] = {
    "beautifulsoup": html_text,
    "trafilatura": _trafilatura,
}


def html_pages() -> list[tuple[Path, str]]:
    """(page, its source text): every 8th Python library page and the MIME-info spec."""
    pages = []
    library = sorted((PYTHON_HTML / "library").glob("*.html"))[::8]
    for page in library:
        source = PYTHON_HTML / "_sources" / "library" / f"{page.stem}.rst.txt"
        if source.is_file():
            pages.append((page, source.read_text(encoding="utf-8")))
    if MIME_HTML.is_dir() and MIME_XML.is_file():
        xml = xml_text(gzip.decompress(MIME_XML.read_bytes()))
        joined = MIME_HTML / "all"
        pages.append((joined, xml))
    return pages


def _read_page(page: Path) -> list[bytes]:
    if page.name == "all":
        return [p.read_bytes() for p in sorted(page.parent.glob("*.html"))]
    return [page.read_bytes()]


def compare_html() -> list[dict[str, Any]]:
    rows = []
    for name, reader in HTML_READERS.items():
        totals: Counter[str] = Counter()
        seconds = 0.0
        empty = 0
        pages = html_pages()
        for page, reference in pages:
            with Timer() as t:
                text = "\n".join(reader(data) for data in _read_page(page))
            seconds += t.seconds
            empty += not text.strip()
            for key, value in overlap(text, reference).items():
                totals[key] += value
            totals["whole_sentences"] += whole_sentences(text, reference)
        rows.append(
            {
                "reader": name,
                "pages": len(pages),
                "empty_outputs": empty,
                "ms_per_page": round(1000 * seconds / len(pages), 1),
                **{k: round(v / len(pages), 3) for k, v in totals.items()},
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pdf-dir", type=Path, help="Compare the PDFs in this folder.")
    args = parser.parse_args()
    pdfs = sorted(args.pdf_dir.glob("*.pdf")) if args.pdf_dir else DEFAULT_PDFS
    save("formats", {"pdf": compare_pdfs(pdfs), "html": compare_html()})


if __name__ == "__main__":
    main()
