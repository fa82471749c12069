"""XLSX workbooks of a table, written by openpyxl in ``write_only`` mode.

Memory stays flat: write-only worksheets spill rows to disk as they are
appended. For HTTP, the workbook is written to a temporary file that the response
then streams out (:func:`xlsx_tempfile`, or ``reports.exports.export_to_file`` into
one). Cells are made safe for spreadsheets: control
characters XML 1.0 cannot hold are dropped, and a text starting with ``=``
stays text (never a formula).

Long texts: Excel holds at most :data:`EXCEL_CELL_CHARS` (32,767) characters in a
cell (Microsoft, "Excel specifications and limits") and cuts or refuses longer
ones when it opens the file. A longer text is therefore never left to Excel: it is
cut visibly, ending with a marker that says how long the full text is and where it
is (the CSV and JSON exports of the same list, which have no such limit), and a
second sheet, "Cut texts", lists every cut cell (row, column, first cell of the row,
full and kept length). Splitting into continuation columns was not chosen: it would
shift the columns of every other row and break re-imports of the file.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from rightstrack.core.csv_stream import MULTI_SEPARATOR, Column
from rightstrack.core.xml_text import xml_safe

#: ``Content-Type`` of an XLSX file.
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: Most characters Excel holds in one cell (Microsoft, "Excel specifications and limits").
#: Excel counts UTF-16 code units: a character outside the Basic Multilingual Plane
#: (rare in UN texts) counts twice, and the cut below counts the same way.
EXCEL_CELL_CHARS = 32_767


@dataclass(frozen=True)
class CutText:
    """A text cut to fit one cell: spreadsheet ``row``, column ``header``, the row's
    first cell (its identifier), and the full and kept lengths in characters."""

    row: int
    header: str
    first_cell: Any
    full: int
    kept: int


def _units(text: str) -> int:
    """Length as Excel counts it (UTF-16 code units)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


#: A text of at most this many characters always fits (each counts 2 units at most), so
#: its units are never counted: almost every cell, and counting is a loop per character.
_ALWAYS_FITS = EXCEL_CELL_CHARS // 2


def fit_cell(text: str) -> tuple[str, int | None]:
    """``(text, None)`` when ``text`` fits a cell, else ``(cut text with marker, kept)``:
    the start of the text, then "… [cut: N of M characters shown; the full text is in
    the CSV and JSON exports]", at most :data:`EXCEL_CELL_CHARS` in all."""
    if len(text) <= _ALWAYS_FITS or _units(text) <= EXCEL_CELL_CHARS:
        return text, None
    total = len(text)
    marker = _(
        " … [cut: %(kept)s of %(total)s characters shown; Excel cells hold at most "
        "32,767. The full text is in the CSV and JSON exports]"
    )
    room = EXCEL_CELL_CHARS - _units(marker % {"kept": f"{total:,}", "total": f"{total:,}"})
    kept = used = 0
    for ch in text:
        used += 2 if ord(ch) > 0xFFFF else 1
        if used > room:
            break
        kept += 1
    return text[:kept] + marker % {"kept": f"{kept:,}", "total": f"{total:,}"}, kept


def write_xlsx(rows: Iterable[Any], columns: list[Column], out: IO[bytes], title: str) -> int:
    """Write the workbook to ``out``; return the number of data rows.

    Args:
        rows: row objects, read lazily, once.
        columns: the columns (header row first, frozen); lists are joined with "; ".
        out: a binary file object opened for writing.
        title: the sheet name (cut to Excel's 31 characters).

    A text longer than :data:`EXCEL_CELL_CHARS` is cut with a visible marker
    (:func:`fit_cell`), and a second sheet, "Cut texts", lists each cut cell; the
    workbook has one sheet when nothing was cut.
    """
    getters = [c.get for c in columns]
    return write_xlsx_cells(
        [c.header for c in columns], ([get(row) for get in getters] for row in rows), out, title
    )


def write_xlsx_cells(
    headers: list[Any], cells: Iterable[Sequence[Any]], out: IO[bytes], title: str
) -> int:
    """Write the workbook of rows already laid out as cells to ``out``; return the number
    of data rows. The same workbook as :func:`write_xlsx` for columns whose getters return
    those cells (for a caller that reads its cells in column order without row objects,
    the recommendations export: ``portal.rows.stream_cells``).

    Args:
        headers: the header row.
        cells: one sequence of cells per row (read lazily, once), in header order.
        out: a binary file object opened for writing.
        title: the sheet name (cut to Excel's 31 characters).
    """
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=title[:31])
    ws.freeze_panes = "A2"
    ws.append(list(headers))
    n = 0
    cuts: list[CutText] = []
    for row in cells:
        values = [_xlsx_value(ws, value) for value in row]
        for i, value in enumerate(values):
            if type(value) is _Cut:
                values[i] = value.text
                first = values[0] if i else value.text
                cuts.append(CutText(n + 2, str(headers[i]), first, value.full, value.kept))
        ws.append(values)
        n += 1
    if cuts:
        _write_cuts(wb, cuts)
    wb.save(out)
    return n


@dataclass(frozen=True)
class _Cut:
    """A cell value cut by :func:`fit_cell`: the kept text and the lengths."""

    text: str
    full: int
    kept: int


def _xlsx_value(ws: Any, value: Any) -> Any:
    """One cell's value: a list joined with "; ", nothing (``None``) for an empty list or
    text, a text without the characters XML 1.0 forbids, cut to fit (then a
    :class:`_Cut`), a text starting with ``=`` as a string cell (never a formula); other
    values unchanged. Runs once per cell (900,000 times for the 41,066 UPR Info rows):
    exact type checks first, the XML filter and the length check only on texts."""
    kind = type(value)
    if kind is list:
        if not value:
            return None
        value = MULTI_SEPARATOR.join(map(str, value))
    elif kind is not str and not isinstance(value, str):
        return value  # None too: openpyxl writes no cell for it
    elif not value:
        return None  # an empty text reads back as an empty cell either way
    value = xml_safe(value)  # XLSX is XML 1.0
    if len(value) > _ALWAYS_FITS:
        full = len(value)
        fitted, kept = fit_cell(value)
        if kept is not None:
            return _Cut(fitted, full, kept)
    if value[:1] == "=":
        # openpyxl would store it as a formula: force a plain string.
        text = WriteOnlyCell(ws, value=value)
        text.data_type = "s"
        return text
    return value


def _write_cuts(wb: Any, cuts: list[CutText]) -> None:
    """The "Cut texts" sheet: one line per cut cell."""
    notes = wb.create_sheet(title=_("Cut texts")[:31])
    notes.freeze_panes = "A2"
    notes.append(
        [
            _("Row"),
            _("Column"),
            _("First cell of the row"),
            _("Characters in the full text"),
            _("Characters shown"),
            _("Where the full text is"),
        ]
    )
    where = _("CSV and JSON exports of the same list")
    for cut in cuts:
        first = getattr(cut.first_cell, "value", cut.first_cell)  # a WriteOnlyCell or a value
        notes.append([cut.row, cut.header, first, cut.full, cut.kept, where])


def xlsx_tempfile(rows: Iterable[Any], columns: list[Column], title: str) -> IO[bytes]:
    """The workbook (as :func:`write_xlsx`) in a temporary file, rewound; deleted when closed."""
    tmp = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - handed to the response
    write_xlsx(rows, columns, tmp, title)
    tmp.seek(0)
    return tmp
