"""Editable office documents: DOCX building blocks (python-docx) and DOCX -> PDF.

The follow-up report, the UPR mid-term report and the briefing pack are
written as DOCX first, because the DOCX is what users edit further and what
OHCHR accepts as a submission. Everything is built from Word's *built-in*
styles ("Title", "Heading 1-3", "List Bullet", "Table Grid"), so the
navigation pane, the table of contents and restyling work in Word and
LibreOffice.

PDF: :func:`docx_to_pdf` converts that same DOCX with LibreOffice headless
(``soffice --headless --convert-to pdf``) in a temporary directory with its
own throw-away user profile (two conversions at once do not share a lock) and
a timeout. Why not WeasyPrint (``reports.pdf``): the PDF would come from a
second, HTML rendering of the report, and could drift from the DOCX users
edit and send; converting the DOCX gives one source for both formats.
LibreOffice is needed at run time for PDF only; DOCX works without it.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

#: Seconds LibreOffice may take to convert one document before we give up.
CONVERT_TIMEOUT = 120

FONT = "Liberation Sans"  # metric-compatible with Arial; shipped with LibreOffice on Debian


class ConversionError(RuntimeError):
    """LibreOffice is missing, timed out, or produced no PDF (message says which)."""


def soffice_path() -> str | None:
    """Path of the LibreOffice binary (``soffice`` or ``libreoffice``), or ``None``."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def new_document(title: str, language: str = "en", *, landscape: bool = False) -> Any:
    """A blank A4 DOCX with ``title`` and ``language`` in its core properties.

    Margins 2 cm; body text 10.5 pt; headings keep Word's built-in styles
    (only their font and colour are set) so users can restyle them.
    """
    doc = new_docx()
    doc.core_properties.title = title
    doc.core_properties.language = language
    doc.core_properties.author = "RightsTrack"
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    _set_language(normal, language)
    for name, size in (("Title", 24), ("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 11)):
        style = doc.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
    return doc


def _set_language(style: Any, language: str) -> None:
    rpr = style.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    rpr.append(lang)


def add_paragraph(doc: Any, text: str = "", *, style: str | None = None, bold: bool = False) -> Any:
    """Append a paragraph; ``text`` keeps its line breaks as separate lines."""
    para = doc.add_paragraph(style=style)
    for i, line in enumerate(text.split("\n")):
        if i:
            para.add_run().add_break()
        run = para.add_run(line)
        run.bold = bold or None
    return para


def add_label_value(doc: Any, label: str, value: str) -> Any:
    """A paragraph "**label:** value"."""
    para = doc.add_paragraph()
    para.add_run(f"{label}: ").bold = True
    para.add_run(value)
    return para


def add_quote(doc: Any, text: str) -> Any:
    """The text of a recommendation as printed, in the built-in "Quote" style."""
    return add_paragraph(doc, text, style="Quote")


def add_bullets(doc: Any, items: Iterable[str]) -> None:
    """One "List Bullet" paragraph per item."""
    for item in items:
        doc.add_paragraph(item, style="List Bullet")


def add_table(
    doc: Any,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    widths_cm: Sequence[float] | None = None,
) -> Any:
    """A "Table Grid" table with a bold header row repeated on every page.

    ``rows`` hold strings (or anything ``str()`` turns into one).
    """
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    trpr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    trpr.append(repeat)
    for cell, text in zip(header.cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(str(text)).bold = True
        _shade(cell, "DCE6F0")
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = "" if value is None else str(value)
    if widths_cm:
        # LibreOffice reads the grid (gridCol), Word the cell widths: set both.
        table.autofit = False
        for column, width in zip(table.columns, widths_cm, strict=False):
            column.width = Cm(width)
        for row in table.rows:
            for cell, width in zip(row.cells, widths_cm, strict=False):
                cell.width = Cm(width)
    return table


def _shade(cell: Any, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def page_break(doc: Any) -> None:
    """Start a new page."""
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def docx_bytes(doc: Any) -> bytes:
    """The document serialised as DOCX bytes."""
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def docx_to_pdf(data: bytes, *, timeout: int = CONVERT_TIMEOUT) -> bytes:
    """Convert DOCX bytes to PDF bytes with LibreOffice headless.

    Runs ``soffice --headless --convert-to pdf`` in a fresh temporary directory
    with its own user profile (``-env:UserInstallation``), killed after
    ``timeout`` seconds.

    Raises:
        ConversionError: LibreOffice not installed, timed out, failed, or wrote no PDF.
    """
    binary = soffice_path()
    if binary is None:
        raise ConversionError("LibreOffice (soffice) is not installed: PDF output is unavailable")
    with tempfile.TemporaryDirectory(prefix="rightstrack-pdf-") as tmp:
        work = Path(tmp)
        source = work / "report.docx"
        source.write_bytes(data)
        cmd = [
            binary,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise ConversionError(f"LibreOffice took more than {timeout} s to convert") from None
        target = work / "report.pdf"
        if done.returncode != 0 or not target.exists():
            err = done.stderr.decode("utf-8", "replace").strip()[:300]
            raise ConversionError(f"LibreOffice failed (exit {done.returncode}): {err}")
        return target.read_bytes()


def docx_or_pdf(fmt: str, render_docx: Callable[[], bytes]) -> bytes:
    """``render_docx()`` as "docx" bytes, or converted by :func:`docx_to_pdf` for "pdf".

    The format is checked before anything is rendered.

    Raises:
        ValueError: ``fmt`` is neither "docx" nor "pdf". ConversionError: PDF conversion failed.
    """
    if fmt not in ("docx", "pdf"):
        raise ValueError(f"unknown format {fmt!r}: use docx or pdf")
    data = render_docx()
    return docx_to_pdf(data) if fmt == "pdf" else data
