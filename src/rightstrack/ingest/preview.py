"""What a file holds, before anything is stored: the preview of the web upload.

:func:`preview_file` runs the first steps of the pipeline (preflight, detect) and the
format's PURE parser, and never touches the database: the parsers of
``rightstrack.ingest.parsers`` import nothing from Django. The page then shows either
a document (symbol, type, paragraphs, follow-up items and deadline) or a table (rows
found, the first rows, rows rejected with reasons). Storing is the job of
:func:`rightstrack.ingest.pipeline.import_file`, once the user confirms.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rightstrack.ingest import registry
from rightstrack.ingest.errors import ImportFailure, Problem
from rightstrack.ingest.pipeline import sha256_file

#: Sources whose files are UN documents read by ``parsers.documents.parse_document``.
DOCUMENT_SOURCES = frozenset({"treaty-body-document", "upr-wg-report", "upr-addendum"})
#: Rows of a table shown in the preview.
SAMPLE_ROWS = 20
#: Words of each paragraph shown in the preview table.
FIRST_WORDS = 14
#: Longest cell shown in the table preview (characters).
CELL_CHARS = 160


@dataclass
class TablePreview:
    """Rows of a tabular file (CSV, XLSX, JSON, DOCX thematic list).

    Attributes:
        columns: header of ``rows``.
        rows: the first :data:`SAMPLE_ROWS` records, each ``[file row, values...]``.
        total: records found (accepted by the parser).
        rejected: rows the parser refused, with the reason (file, row, column).
    """

    columns: list[str]
    rows: list[list[str]]
    total: int
    rejected: list[Problem] = field(default_factory=list)


@dataclass
class Preview:
    """The preview of one staged file.

    Attributes:
        file_name / size (bytes) / checksum (SHA-256 hex): the file.
        format / format_label: the detected (or chosen) source name and its label.
        document: for UN documents, ``parsers.documents.to_json()`` (keys ``symbol``,
            ``type``, ``committee``, ``country``, ``adopted``, ``paragraphs``,
            ``follow_up``, ``particular_importance``, ``next_report``), each paragraph
            with an extra ``first_words``; else ``None``.
        table: for tabular sources, a :class:`TablePreview`; else ``None``.
    """

    file_name: str
    size: int
    checksum: str
    format: str
    format_label: str
    document: dict[str, Any] | None = None
    table: TablePreview | None = None

    @property
    def has_states(self) -> bool:
        """True for UPR reports: paragraphs carry recommending States and positions."""
        paragraphs = self.document["paragraphs"] if self.document else []
        return any("recommending_states" in p for p in paragraphs)

    @property
    def subparagraph_count(self) -> int:
        """Lettered sub-paragraphs over all paragraphs of a document (0 for tables)."""
        if not self.document:
            return 0
        return sum(len(p.get("subparagraphs") or []) for p in self.document["paragraphs"])


def first_words(text: str, count: int = FIRST_WORDS) -> str:
    """The first ``count`` words of ``text`` on one line, with "…" when cut."""
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def preview_file(path: Path, *, format: str | None = None, display_name: str = "") -> Preview:
    """Parse ``path`` without storing anything and describe what an import would store.

    Args:
        path: the staged file.
        format: a source name to skip detection, as in ``rightstrack import --format``.
        display_name: the name the user uploaded (for messages); default ``path.name``.

    Returns:
        A :class:`Preview` with ``document`` or ``table`` filled.

    Raises:
        ImportFailure: empty file, unknown format (or unknown ``format`` name), corrupt
            file, PDF without text layer ("OCR is needed"), broken encoding, unknown
            document kind, missing columns... naming the file and page/row.
    """
    name = display_name or path.name
    size = path.stat().st_size
    if size == 0:
        raise ImportFailure(name, "the file is empty (0 bytes)")
    if format:
        try:
            source = registry.get(format)
        except KeyError as exc:
            raise ImportFailure(name, str(exc.args[0])) from None
    else:
        source = registry.detect(path)
    preview = Preview(name, size, sha256_file(path), source.name, source.label)
    if source.name in DOCUMENT_SOURCES:
        preview.document = _document(path)
    else:
        preview.table = _table(source.name, path)
    return preview


def _document(path: Path) -> dict[str, Any]:
    from rightstrack.ingest.parsers.documents.registry import parse_document, to_json

    data = to_json(parse_document(path))
    for para in data.get("paragraphs") or []:
        para["first_words"] = first_words(str(para.get("text") or ""))
    # dates as date objects too, for the page's localised "1 December 2023"
    data["adopted_date"] = _date(data.get("adopted"))
    if data.get("follow_up"):
        data["follow_up"]["due_date"] = _date(data["follow_up"].get("due"))
    return data


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _cell(value: Any) -> str:
    if isinstance(value, tuple | list):
        value = "; ".join(str(v) for v in value)
    text = "" if value is None else str(value)
    return text if len(text) <= CELL_CHARS else text[: CELL_CHARS - 1] + "…"


def _rows(records: list[Any], fields: tuple[str, ...]) -> list[list[str]]:
    return [
        [str(rec.row), *(_cell(getattr(rec, f)) for f in fields)] for rec in records[:SAMPLE_ROWS]
    ]


def _upr_info(path: Path) -> TablePreview:
    from rightstrack.ingest.parsers.upr_info import parse_upr_info

    fields = ("to_iso3", "from_name", "session", "response", "text")
    parsed = parse_upr_info(path)
    rejected = [Problem(path.name, r.message, row=r.row, cell=r.cell) for r in parsed.rejected]
    return TablePreview(["row", *fields], _rows(parsed.rows, fields), len(parsed.rows), rejected)


def _thematic(path: Path) -> TablePreview:
    from rightstrack.ingest.parsers.thematic_list import parse_thematic_list

    fields = ("number", "states", "position", "section", "text")
    parsed = parse_thematic_list(path)
    warnings = [
        Problem(path.name, f"unknown recommending State {name!r}", row=row)
        for row, name in parsed.unknown_states
    ]
    return TablePreview(["row", *fields], _rows(parsed.items, fields), len(parsed.items), warnings)


def _uhri(path: Path, *, json: bool) -> TablePreview:
    from rightstrack.ingest.parsers.uhri import parse_uhri_json, parse_uhri_table

    fields = ("symbol", "paragraph", "kind", "country_iso3", "date", "text")
    records = parse_uhri_json(path) if json else parse_uhri_table(path)
    return TablePreview(["row", *fields], _rows(records, fields), len(records))


def _generic(path: Path) -> TablePreview:
    from rightstrack.ingest.parsers.generic import parse_generic

    fields = ("symbol", "paragraph", "country_iso3", "mechanism", "kind", "visibility", "text")
    records = parse_generic(path)
    return TablePreview(["row", *fields], _rows(records, fields), len(records))


def _raw_table(path: Path) -> TablePreview:
    """Any other tabular source: the file's own first rows (no record count)."""
    from rightstrack.ingest.parsers.tabular import read_table

    table = read_table(path, max_rows=SAMPLE_ROWS)
    rows = [[str(number), *(_cell(v) for v in values)] for number, values in table.rows]
    return TablePreview(["row", *table.header], rows, len(rows))


_TABLES: dict[str, Callable[[Path], TablePreview]] = {
    "upr-info-csv": _upr_info,
    "ohchr-thematic-list": _thematic,
    "uhri-json": lambda p: _uhri(p, json=True),
    "uhri-xlsx": lambda p: _uhri(p, json=False),
    "generic-table": _generic,
}


def _table(source_name: str, path: Path) -> TablePreview | None:
    """The table preview of a tabular source, or ``None`` when the format has none
    (committee follow-up evaluations: their counts appear on the run page)."""
    build = _TABLES.get(source_name)
    if build is not None:
        return build(path)
    if path.suffix.lower() in (".csv", ".xlsx"):
        return _raw_table(path)
    return None
