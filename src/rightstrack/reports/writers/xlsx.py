"""XLSX workbooks of a table, written by openpyxl in ``write_only`` mode.

Memory stays flat: write-only worksheets spill rows to disk as they are
appended. For HTTP, :func:`xlsx_tempfile` writes to a temporary file that the
response then streams out. Cells are made safe for spreadsheets: control
characters XML 1.0 cannot hold are dropped, and a text starting with ``=``
stays text (never a formula).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from rightstrack.core.csv_stream import Column, cell
from rightstrack.core.xml_text import xml_safe

#: ``Content-Type`` of an XLSX file.
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx_cell(ws: Any, value: Any) -> Any:
    value = cell(value)
    if isinstance(value, str):
        value = xml_safe(value)  # XLSX is XML 1.0
        if value.startswith("="):
            # openpyxl would store it as a formula: force a plain string.
            text = WriteOnlyCell(ws, value=value)
            text.data_type = "s"
            return text
    return value


def write_xlsx(rows: Iterable[Any], columns: list[Column], out: IO[bytes], title: str) -> int:
    """Write a one-sheet workbook to ``out``; return the number of data rows.

    Args:
        rows: row objects, read lazily, once.
        columns: the columns (header row first, frozen); lists are joined with "; ".
        out: a binary file object opened for writing.
        title: the sheet name (cut to Excel's 31 characters).
    """
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=title[:31])
    ws.freeze_panes = "A2"
    ws.append([c.header for c in columns])
    n = 0
    for row in rows:
        ws.append([_xlsx_cell(ws, c.get(row)) for c in columns])
        n += 1
    wb.save(out)
    return n


def xlsx_tempfile(rows: Iterable[Any], columns: list[Column], title: str) -> IO[bytes]:
    """The workbook (as :func:`write_xlsx`) in a temporary file, rewound; deleted when closed."""
    tmp = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - handed to the response
    write_xlsx(rows, columns, tmp, title)
    tmp.seek(0)
    return tmp
