"""Documents the tests build: PDFs (reportlab, pypdf), Word files (python-docx)."""

from __future__ import annotations

import io
from pathlib import Path


def make_pdf(path: Path, pages: list[list[str]], wrap: int = 70) -> Path:
    """A PDF with a text layer: each page's paragraphs, wrapped onto lines of ``wrap``
    characters as a word processor would (so sentences run over line breaks)."""
    import textwrap

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=True)
    for paragraphs in pages:
        y = 800.0
        for paragraph in paragraphs:
            for line in textwrap.wrap(paragraph, wrap):
                pdf.drawString(60, y, line)
                y -= 14
            y -= 10
        pdf.showPage()
    pdf.save()
    return path


def make_scanned_pdf(path: Path) -> Path:
    """A PDF of two pages that hold only drawings, as a scan without OCR does."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=True)
    for _ in range(2):
        for i in range(30):
            pdf.rect(60, 780 - 20 * i, 400, 8, fill=1)
        pdf.showPage()
    pdf.save()
    return path


def make_encrypted_pdf(path: Path, source: Path, password: str = "secret") -> Path:
    """``source`` re-saved with a user password (pypdf)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(source).pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password=password)
    with path.open("wb") as out:
        writer.write(out)
    return path


def make_docx(path: Path, blocks: list[str | list[list[str]]]) -> Path:
    """A Word document: a string is a paragraph, a list of rows is a table."""
    from docx import Document

    document = Document()
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        table = document.add_table(rows=len(block), cols=len(block[0]))
        for row, values in zip(table.rows, block, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path
