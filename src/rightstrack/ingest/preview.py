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

from django.utils.translation import gettext_lazy as _

from rightstrack.ingest import importers
from rightstrack.ingest.errors import ImportFailure, Problem
from rightstrack.ingest.pipeline import _unpacked, sha256_file

#: Paragraph kinds of ``parsers.documents`` as shown on the page.
KIND_LABELS: dict[str, Any] = {
    "introduction": _("introduction"),
    "positive_aspect": _("positive aspect"),
    "concern": _("concern"),
    "recommendation": _("recommendation"),
    "procedural": _("procedural"),
    "remedy": _("remedy"),
    "finding": _("finding"),
    "finding_violation": _("finding: violation"),
    "finding_no_violation": _("finding: no violation"),
    "text": _("text"),
}
#: Column headers of the table previews (parser field → label); other names as printed.
COLUMN_LABELS: dict[str, Any] = {
    "row": _("Row"),
    "to_iso3": _("State under review"),
    "from_name": _("Recommending State"),
    "session": _("Session"),
    "response": _("Response"),
    "text": _("Text"),
    "number": _("Number"),
    "states": _("Recommending States"),
    "position": _("Position"),
    "section": _("Theme"),
    "symbol": _("Symbol"),
    "paragraph": _("Paragraph"),
    "kind": _("Kind"),
    "country_iso3": _("State"),
    "date": _("Date"),
    "mechanism": _("Mechanism"),
    "visibility": _("Visibility"),
}
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
        warnings: rows kept with a remark (e.g. a recommending State not recognised).
    """

    columns: list[Any]
    rows: list[list[str]]
    total: int
    rejected: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


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
    with _unpacked(path) as real:  # a .csv.gz is previewed as its CSV, as it is imported
        if format:
            try:
                source = importers.get(format)
            except KeyError as exc:
                raise ImportFailure(name, str(exc.args[0])) from None
        else:
            source = _detect(real)
        preview = Preview(name, size, sha256_file(path), source.name, source.label)
        if source.name in DOCUMENT_SOURCES:
            preview.document = _document(real)
        else:
            preview.table = _table(source.name, real)
    return preview


#: Suffixes of UN document files (as read by ``parsers.documents``).
DOCUMENT_SUFFIXES = frozenset({".pdf", ".docx", ".doc", ".html", ".htm"})


def _detect(path: Path) -> importers.Source:
    """``importers.detect()``, but when no format claims the file, the document parser
    says why if it can: a damaged PDF, no text layer ("OCR is needed"), broken
    encoding; and, for PDF/DOCX/HTML files, an unknown document kind (with its title).
    These name the file and page, and help more than "unknown format"."""
    try:
        return importers.detect(path)
    except ImportFailure as unknown:
        from rightstrack.ingest.parsers.documents.errors import (
            DocumentError,
            UnknownDocumentKindError,
            UnsupportedFormatError,
        )
        from rightstrack.ingest.parsers.documents.kinds import parse_document

        is_document = (
            importers.read_head(path)[:5] == b"%PDF-" or path.suffix.lower() in DOCUMENT_SUFFIXES
        )
        try:
            parse_document(path)
        except UnsupportedFormatError:
            raise unknown from None
        except UnknownDocumentKindError:
            if is_document:
                raise
            raise unknown from None
        except DocumentError:
            raise
        except Exception:  # any other parser trouble: keep the importers' message
            raise unknown from None
        raise


def _document(path: Path) -> dict[str, Any]:
    from rightstrack.ingest.parsers.documents.json_output import to_json
    from rightstrack.ingest.parsers.documents.kinds import parse_document

    data = to_json(parse_document(path))
    follow_up = _cited_by_number(data, "follow_up")
    priority = _cited_by_number(data, "particular_importance")
    for para in data.get("paragraphs") or []:
        para["first_words"] = first_words(str(para.get("text") or ""))
        para["kind_label"] = KIND_LABELS.get(para.get("kind") or "", para.get("kind") or "")
        para["follow_up_items"] = follow_up.get(str(para.get("number")), [])
        para["priority_items"] = priority.get(str(para.get("number")), [])
    data["type_label"] = _type_label(data.get("type"))
    data["country_name"], data["committee_name"] = _names(
        data.get("country"), data.get("committee")
    )
    # dates as date objects too, for the page's localised "1 December 2023"
    data["adopted_date"] = _date(data.get("adopted"))
    if data.get("follow_up"):
        data["follow_up"]["due_date"] = _date(data["follow_up"].get("due"))
    return data


def _cited_by_number(data: dict[str, Any], key: str) -> dict[str, list[str]]:
    """Paragraph number → the items of ``data[key]`` citing it ("17" → ["17 (a)"])."""
    cited: dict[str, list[str]] = {}
    for item in (data.get(key) or {}).get("items") or []:
        cited.setdefault(str(item).split(" ", 1)[0], []).append(str(item))
    return cited


def _names(iso3: Any, code: Any) -> tuple[str, str]:
    """Country and mechanism names from the reference lists ("" when not seeded). Read only."""
    from rightstrack.catalog.models import Country, Mechanism

    country = Country.objects.filter(iso3=str(iso3 or "")).first()
    mechanism = Mechanism.objects.filter(code=str(code or "")).first()
    return (str(country) if country else "", mechanism.display_name if mechanism else "")


def _type_label(value: Any) -> str:
    from rightstrack.catalog.models import Document

    labels = {str(k): str(v) for k, v in Document.Type.choices}
    return labels.get(str(value), str(value or ""))


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


def _labels(fields: tuple[str, ...]) -> list[Any]:
    return [COLUMN_LABELS.get(f, f) for f in ("row", *fields)]


def _rows(records: list[Any], fields: tuple[str, ...]) -> list[list[str]]:
    return [
        [str(rec.row), *(_cell(getattr(rec, f)) for f in fields)] for rec in records[:SAMPLE_ROWS]
    ]


def _upr_info(path: Path) -> TablePreview:
    from rightstrack.ingest.parsers.upr_info import parse_upr_info

    fields = ("to_iso3", "from_name", "session", "response", "text")
    parsed = parse_upr_info(path)
    rejected = [Problem(path.name, r.message, row=r.row, cell=r.cell) for r in parsed.rejected]
    return TablePreview(_labels(fields), _rows(parsed.rows, fields), len(parsed.rows), rejected)


def _thematic(path: Path) -> TablePreview:
    from rightstrack.ingest.parsers.thematic_list import parse_thematic_list

    fields = ("number", "states", "position", "section", "text")
    parsed = parse_thematic_list(path)
    warnings = [
        Problem(path.name, f"unknown recommending State {name!r}", row=row)
        for row, name in parsed.unknown_states
    ]
    rows = _rows(parsed.items, fields)
    return TablePreview(_labels(fields), rows, len(parsed.items), warnings=warnings)


def _uhri(path: Path, *, json: bool) -> TablePreview:
    from rightstrack.ingest.parsers.uhri import parse_uhri_json, parse_uhri_table

    fields = ("symbol", "paragraph", "kind", "country_iso3", "date", "text")
    records = parse_uhri_json(path) if json else parse_uhri_table(path)
    return TablePreview(_labels(fields), _rows(records, fields), len(records))


def _generic(path: Path) -> TablePreview:
    from rightstrack.ingest.parsers.generic import parse_generic

    fields = ("symbol", "paragraph", "country_iso3", "mechanism", "kind", "visibility", "text")
    records = parse_generic(path)
    return TablePreview(_labels(fields), _rows(records, fields), len(records))


def _raw_table(path: Path) -> TablePreview:
    """Any other tabular source: the file's own first rows (no record count)."""
    from rightstrack.ingest.parsers.tabular import read_table

    table = read_table(path, max_rows=SAMPLE_ROWS)
    rows = [[str(number), *(_cell(v) for v in values)] for number, values in table.rows]
    return TablePreview([COLUMN_LABELS["row"], *table.header], rows, len(rows))


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
