"""python-docx helpers shared by every DOCX the reports app writes.

Documents are built from Word's *built-in* styles (Title, Heading 1-3, List
Bullet, List Number), so they stay editable and their headings feed Word's
navigation pane and LibreOffice's tagged-PDF export. The document language is
set on the default run properties (``w:lang``) and in the core properties.

Typical use::

    doc = new_document("en", "Title", large_print=False)
    add_heading(doc, "Section", level=1)
    add_paragraph(doc, "Text")
    add_list(doc, ["one", "two"])
    data = to_bytes(doc)
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from docx import Document as new_docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

#: Body and heading sizes (points): normal print, and large print (>= 18 pt body,
#: as recommended for large-print documents by the UK Association for Accessible Formats).
SIZES: dict[bool, dict[Any, float]] = {
    False: {"body": 10.5, "title": 20, 1: 14, 2: 12, 3: 11},
    True: {"body": 18, "title": 28, 1: 24, 2: 21, 3: 19},
}
FONT = "DejaVu Sans"


def new_document(language: str, title: str, *, large_print: bool = False) -> Any:
    """A new DOCX with language, title metadata and font sizes set.

    Args:
        language: BCP 47 tag (``en``, ``es``, ``fr``...): written as ``w:lang``.
        title: core property Title (shown by readers and used as the PDF title).
        large_print: 18 pt body text and larger headings.
    """
    doc = new_docx()
    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)
    sizes = SIZES[large_print]
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(sizes["body"])
    rpr = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    lang.set(qn("w:bidi"), language)
    lang.set(qn("w:eastAsia"), language)
    rpr.append(lang)
    for level in (1, 2, 3):
        style = doc.styles[f"Heading {level}"]
        style.font.name = FONT
        style.font.size = Pt(sizes[level])
        style.font.color.rgb = RGBColor(0x0B, 0x3B, 0x70)
    doc.styles["Title"].font.size = Pt(sizes["title"])
    doc.styles["Title"].font.name = FONT
    doc.core_properties.title = title
    doc.core_properties.language = language
    doc.core_properties.author = "RightsTrack"
    return doc


def add_title(doc: Any, text: str) -> Any:
    """The document title (style Title)."""
    return doc.add_paragraph(text, style="Title")


def add_heading(doc: Any, text: str, level: int = 1) -> Any:
    """A heading of ``level`` 1-3 (built-in Heading styles)."""
    return doc.add_heading(text, level=level)


def add_paragraph(doc: Any, text: str = "", *, bold: str = "", style: str | None = None) -> Any:
    """A paragraph; ``bold`` is a lead-in printed in bold before ``text``."""
    p = doc.add_paragraph(style=style)
    if bold:
        p.add_run(bold).bold = True
        if text:
            p.add_run(" ")
    if text:
        p.add_run(text)
    return p


def add_list(doc: Any, items: Iterable[str], *, numbered: bool = False) -> list[Any]:
    """One paragraph per item in List Bullet (or List Number)."""
    style = "List Number" if numbered else "List Bullet"
    return [doc.add_paragraph(item, style=style) for item in items]


def box(paragraph: Any, *, fill: str = "EEF4FB", border: str = "0B5394") -> Any:
    """Shade ``paragraph`` and draw a border round it (a call-out box that stays text)."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "18")
        el.set(qn("w:space"), "4")
        el.set(qn("w:color"), border)
        borders.append(el)
    ppr.append(borders)
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    ppr.append(shading)
    return paragraph


def add_table(doc: Any, headers: list[str], rows: Iterable[list[Any]]) -> Any:
    """A table with a repeated header row (style Table Grid)."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = str(text)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    header_props = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header_props.append(repeat)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = "" if value is None else str(value)
    return table


def to_bytes(doc: Any) -> bytes:
    """The DOCX file as bytes."""
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
