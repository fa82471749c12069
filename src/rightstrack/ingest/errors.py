"""Typed import errors. Pure Python (parsers raise them too): no Django import here.

An :class:`ImportFailure` names the file and, when known, the row, cell (column)
or page at fault, so a person can open the file and fix it. It aborts the whole
import: the pipeline rolls the transaction back and records the message on the
:class:`~rightstrack.ingest.models.ImportRun`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

#: Largest text accepted in one cell (characters). The longest real recommendation
#: seen in the UPR Info database is 2,321 characters (voluntary.csv); a cell
#: 40 times longer is a broken export, not a recommendation.
MAX_CELL_CHARS = 100_000


@dataclass(frozen=True)
class Problem:
    """Where and what: one error or one rejected row, as stored in ``ImportRun.errors``."""

    file: str
    message: str
    row: int | None = None
    cell: str | None = None
    page: int | None = None

    def location(self) -> str:
        """``"1-5.csv, row 12, column 'Text'"`` (rows and pages count from 1)."""
        parts = [self.file]
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.cell is not None:
            parts.append(f"column {self.cell!r}")
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.location()}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready dict (``None`` values dropped)."""
        return {k: v for k, v in asdict(self).items() if v is not None}


class ImportFailure(Exception):
    """The file cannot be imported; nothing of it is stored.

    Args:
        file: file name or path (only the name is shown).
        message: what is wrong and, when possible, how to fix it.
        row: 1-based row (CSV/XLSX: the header is row 1; DOCX: table row).
        cell: column name or cell reference ("Text", "B7").
        page: 1-based page (PDF).
    """

    def __init__(
        self,
        file: str | Path,
        message: str,
        *,
        row: int | None = None,
        cell: str | None = None,
        page: int | None = None,
    ) -> None:
        self.problem = Problem(Path(file).name, message, row=row, cell=cell, page=page)
        super().__init__(str(self.problem))

    @property
    def file(self) -> str:
        return self.problem.file

    @property
    def row(self) -> int | None:
        return self.problem.row

    @property
    def cell(self) -> str | None:
        return self.problem.cell

    @property
    def page(self) -> int | None:
        return self.problem.page


def check_cell(file: str | Path, value: str, *, row: int, cell: str) -> str:
    """Return ``value`` or raise :class:`ImportFailure` when it exceeds :data:`MAX_CELL_CHARS`
    or is misread text (UTF-8 read as Windows-1252: ``parsers._text.check_decoding``).

    Every cell of every table import (CSV, XLSX, thematic-list DOCX) and the texts of
    the JSON records pass here: the one place both checks are made.
    """
    if len(value) > MAX_CELL_CHARS:
        raise ImportFailure(
            file,
            f"cell holds {len(value):,} characters, more than the {MAX_CELL_CHARS:,} allowed; "
            "the export is probably broken (a missing quote can merge many rows into one cell)",
            row=row,
            cell=cell,
        )
    from rightstrack.ingest.parsers._text import check_decoding

    return check_decoding(file, value, row=row, cell=cell)


def check_row(file: str | Path, values: Sequence[str], names: Sequence[str], *, row: int) -> None:
    """:func:`check_cell` for each of ``values`` (named by ``names``, in that order), with
    one fast pass for the usual row: when the row's text is ASCII and shorter than
    :data:`MAX_CELL_CHARS` in all, no cell can fail either check (ASCII is never misread),
    so none is looked at one by one. Otherwise the cells are checked in order and the
    first failure is raised, naming its cell.

    Raises:
        ImportFailure: as :func:`check_cell`.
    """
    joined = "".join(values)
    if len(joined) <= MAX_CELL_CHARS and joined.isascii():
        return
    for value, name in zip(values, names, strict=False):
        check_cell(file, value, row=row, cell=name)
