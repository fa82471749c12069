"""Read a CSV (UTF-8) or XLSX sheet as a header and rows of strings (pure Python).

Rows are numbered as a spreadsheet shows them: the header is row 1. Cells are
stripped strings (dates from XLSX as ``YYYY-MM-DD``). Errors name the file and
row: wrong encoding, corrupt XLSX, a cell over ``MAX_CELL_CHARS``.

Every CSV an import reads goes through :func:`csv_records`, RFC 4180 as Excel
writes it: a doubled quote inside a quoted cell is one quote, a quoted cell may
hold line breaks and separators, a leading BOM is dropped; the separator (comma,
semicolon or tab) is decided from the header row, quoting never guessed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rightstrack.ingest.errors import ImportFailure, check_cell
from rightstrack.ingest.parsers._text import decode_bytes
from rightstrack.ingest.parsers.archive import (
    ArchiveDamaged,
    ArchiveRefused,
    check_archive,
    describe,
    member_names,
)

_KEY = re.compile(r"[^a-z0-9]+")


def column_key(name: str) -> str:
    """Header name → comparison key: lower case, letters and digits only ("Annotation Id" → "annotationid")."""
    return _KEY.sub("", name.lower())


@dataclass
class Table:
    """A sheet: header names as printed and the data rows ``(row number, cells)``."""

    header: list[str]
    rows: list[tuple[int, list[str]]]

    def index(self) -> dict[str, int]:
        """``column_key(name)`` → column position (first occurrence wins)."""
        out: dict[str, int] = {}
        for i, name in enumerate(self.header):
            out.setdefault(column_key(name), i)
        return out


def is_xlsx(path: Path, head: bytes) -> bool:
    """A ZIP whose name ends in .xlsx (or that holds ``xl/workbook.xml``). Never raises."""
    if not head.startswith(b"PK"):
        return False
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return True
    return "xl/workbook.xml" in (member_names(path) or [])


def head_columns(path: Path, head: bytes) -> list[str]:
    """Header names of a CSV or XLSX from its first bytes/row; ``[]`` if unreadable."""
    try:
        if is_xlsx(path, head):
            return read_table(path, max_rows=1).header
        text = head.decode("utf-8-sig", errors="replace")
        first = text.replace("\r\n", "\n").replace("\r", "\n").split("\n", 1)[0]
        return next(csv_records(first), [])
    except Exception:  # score() must never raise
        return []


#: The separators a CSV of an import may use, in order of preference on a tie.
SEPARATORS = (",", ";", "\t")


def separator(header_line: str) -> str:
    """The separator of a CSV: the one of :data:`SEPARATORS` that splits the header row
    into the most cells (quotes respected); a comma on a tie or a one-column header."""
    best, most = ",", 1
    for sep in SEPARATORS:
        cells = len(next(csv.reader([header_line], delimiter=sep, doublequote=True), []))
        if cells > most:
            best, most = sep, cells
    return best


def csv_records(text: str, file: str | Path = "<csv>") -> Iterator[list[str]]:
    """The records of a CSV text, RFC 4180: the one CSV reader of every import.

    A leading BOM is dropped; a doubled quote inside a quoted cell is one quote;
    a quoted cell keeps its separators and line breaks (CRLF, LF or CR). The
    separator is decided by :func:`separator` from the first line. Cells are
    yielded as read (not stripped).

    Raises:
        ImportFailure: broken quoting (a quote never closed, or text right after
            a closing quote), naming ``file``, the row and the line; such a file
            is refused rather than read into shifted or merged cells.
    """
    text = text.removeprefix("\ufeff")
    first = text.replace("\r\n", "\n").replace("\r", "\n").split("\n", 1)[0]
    csv.field_size_limit(16 * 1024 * 1024)
    reader = csv.reader(
        io.StringIO(text, newline=""),
        delimiter=separator(first),
        quotechar='"',
        doublequote=True,
        skipinitialspace=False,
        strict=True,
    )
    row = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ImportFailure(
                file,
                f"broken CSV quoting near line {reader.line_num} ({exc}); a cell holding "
                'quotes must be quoted, with each quote inside it doubled ("")',
                row=row + 1,
            ) from exc
        row += 1
        yield record


def read_table(path: Path, *, max_rows: int | None = None) -> Table:
    """Read ``path`` (``.xlsx`` by content, else CSV in UTF-8).

    An XLSX file first passes :func:`~rightstrack.ingest.parsers.archive.check_archive`
    (a zip bomb is refused before openpyxl opens it).

    Raises:
        ImportFailure: empty file, wrong encoding, corrupt XLSX, an XLSX that expands
            too much ("the file expands to more than N MB"), a huge cell.
    """
    head = path.open("rb").read(8)
    if is_xlsx(path, head):
        return _read_xlsx(path, max_rows)
    return _read_csv(path, max_rows)


def _read_csv(path: Path, max_rows: int | None) -> Table:
    text = decode_bytes(path.read_bytes(), path.name, fallback=None)
    if not text.strip():
        raise ImportFailure(path, "the file is empty", row=1)
    reader = csv_records(text, path)
    header = [h.strip() for h in next(reader, [])]
    rows = []
    for n, values in enumerate(reader, start=2):
        if max_rows is not None and n > max_rows + 1:
            break
        for i, v in enumerate(values):
            check_cell(path, v, row=n, cell=header[i] if i < len(header) else f"#{i + 1}")
        if any(v.strip() for v in values):
            rows.append((n, [v.strip() for v in values]))
    return Table(header, rows)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(path: Path, max_rows: int | None) -> Table:
    import openpyxl

    try:
        check_archive(path, kind="XLSX")
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except ArchiveRefused as exc:
        if not isinstance(exc, ArchiveDamaged):
            raise
        raise ImportFailure(
            path,
            f"not a readable XLSX file (corrupt or truncated: {describe(exc.__cause__ or exc, named=True)})",
        ) from exc
    except Exception as exc:  # BadZipFile, KeyError, InvalidFileException, XML errors
        raise ImportFailure(
            path, f"not a readable XLSX file (corrupt or truncated: {describe(exc, named=True)})"
        ) from exc
    try:
        sheet = book.worksheets[0]
        it: Iterator[tuple[Any, ...]] = sheet.iter_rows(values_only=True)
        try:
            header = [_cell_text(v) for v in next(it)]
        except StopIteration:
            raise ImportFailure(path, "the first sheet is empty", row=1) from None
        while header and not header[-1]:
            header.pop()
        rows = []
        for n, raw in enumerate(it, start=2):
            if max_rows is not None and n > max_rows + 1:
                break
            values = [_cell_text(v) for v in raw[: len(header)]]
            for i, v in enumerate(values):
                check_cell(path, v, row=n, cell=header[i])
            if any(values):
                rows.append((n, values))
    except ImportFailure:
        raise
    except Exception as exc:
        raise ImportFailure(
            path, f"not a readable XLSX file ({describe(exc, named=True)})"
        ) from exc
    finally:
        book.close()
    return Table(header, rows)
