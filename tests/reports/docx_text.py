"""Read generated DOCX files back with python-docx (paragraphs, headings and table cells)."""

from __future__ import annotations

import io

import docx


def open_docx(data: bytes):
    """The python-docx Document of ``data`` (raises if the file is not a valid DOCX)."""
    return docx.Document(io.BytesIO(data))


def docx_text(data: bytes) -> str:
    """All paragraph and table-cell text, whitespace runs collapsed to one space."""
    document = open_docx(data)
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return " ".join(" ".join(parts).split())


def headings(data: bytes, level: int) -> list[str]:
    """Texts of the paragraphs in the built-in style "Heading <level>"."""
    return [p.text for p in open_docx(data).paragraphs if p.style.name == f"Heading {level}"]


def table_rows(data: bytes, index: int) -> list[list[str]]:
    """Cell texts of table ``index``, header row included."""
    table = open_docx(data).tables[index]
    return [[cell.text for cell in row.cells] for row in table.rows]
