"""Streamed exports of filtered lists to CSV, XLSX and JSON, with no row cap.

Shapes:
    * an *export kind* (``recommendations``; ``actions`` and ``assessments``
      once tracking provides them) knows how to get the rows a user may see,
      filter them from query parameters and lay them out in columns;
    * a *layout* is an ordered list of :class:`Column` (header, getter). The
      ``default`` layout uses the portal's JSON field names (issue 2); the
      ``uhri`` layout uses the Universal Human Rights Index export field names
      (``shared/data/raw/uhri-sample-worldwidelaw/README_source.md``:
      AnnotationId, Text, Symbol, Body, Countries, Themes, Sdgs,
      AnnotationType, PublicationDate, plus the UPR fields of the UHRI JSON).

Memory stays bounded: rows come from ``QuerySet.iterator(chunk_size)`` with
the many-to-many tags prefetched one chunk at a time (Django >= 4.1), CSV and
JSON are generators, and XLSX is written by openpyxl in ``write_only`` mode to
a temporary file that is then streamed out.

Confidentiality: every kind starts from the permission helpers in
``accounts.permissions``; nothing here queries a protected model directly.
"""

from __future__ import annotations

import csv
import json
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO, Any

from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from rightstrack.accounts.permissions import visible_recommendations
from rightstrack.catalog.models import (
    Recommendation,
)
from rightstrack.portal.filters import SORTS, ListParams, sorted_results
from rightstrack.portal.filters import filtered as portal_filtered

#: Rows fetched (and M2M tags looked up) per database round trip. SQLite
#: accepts at most 32,766 parameters per query; 1,000 ids stay far below.
CHUNK_SIZE = 1000
#: Separator between the values of a multi-valued cell (CSV and XLSX).
MULTI_SEPARATOR = "; "
FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Control characters that XML 1.0 (hence XLSX) cannot hold.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class ExportError(ValueError):
    """Bad export request (unknown kind, format or layout); the message is safe to show."""


@dataclass(frozen=True)
class Column:
    """One export column: its ``header`` and a getter from a row object to a cell value.

    Getters return ``str``, ``int``, ``date``, ``None`` or a ``list[str]``
    (multi-valued: joined with :data:`MULTI_SEPARATOR` in CSV/XLSX, kept as a
    JSON array in JSON).
    """

    header: str
    get: Callable[[Any], Any]


POSITION_LABELS = dict(Recommendation.Position.choices)


def _annotation_type(row: dict[str, Any]) -> str:
    # UHRI labels (README_source.md: "Recommendations, Concerns/Observations").
    if row["kind"] == Recommendation.Kind.CONCERN:
        return "Concerns/Observations"
    return "Recommendations"


def _get(key: str) -> Callable[[dict[str, Any]], Any]:
    return lambda row: row[key]


RECOMMENDATION_LAYOUTS: dict[str, list[Column]] = {
    # Field names of the portal JSON contract (issue 2), one row per recommendation.
    "default": [
        Column("id", _get("id")),
        Column("symbol", _get("symbol")),
        Column("paragraph", _get("paragraph")),
        Column("text", _get("text")),
        Column("kind", _get("kind")),
        Column("mechanism", _get("mechanism")),
        Column("country", lambda r: r["country_iso3"] or ""),
        Column("date", _get("date")),
        Column("year", _get("year")),
        Column("recommending_states", lambda r: [iso3 for iso3, _name in r["recommending"]]),
        Column("position", _get("position")),
        Column("upr_cycle", _get("upr_cycle")),
        Column("upr_session", _get("upr_session")),
        Column("themes", _get("themes")),
        Column("affected_persons", _get("affected_persons")),
        Column("sdgs", lambda r: [str(number) for number, _title in r["sdg_goals"]]),
        Column("sdg_targets", lambda r: [code for code, _text in r["sdg_targets"]]),
        Column("upr_issues", _get("upr_issues")),
        Column("action_category", _get("action_category")),
        Column("uhri_id", _get("uhri_id")),
        Column("url", lambda r: f"/recommendations/{r['id']}/"),
    ],
    # UHRI export field names (README_source.md), for exchange with other trackers.
    "uhri": [
        Column("AnnotationId", lambda r: r["uhri_id"] or r["natural_key"]),
        Column("Symbol", _get("symbol")),
        Column("Paragraph", _get("paragraph")),
        Column("Body", _get("mechanism")),
        Column("AnnotationType", _annotation_type),
        Column("Countries", lambda r: [r["country_name"]] if r["country_name"] else []),
        Column("Text", _get("text")),
        Column("Themes", _get("themes")),
        Column("AffectedPersons", _get("affected_persons")),
        Column(
            "Sdgs",
            lambda r: (
                [f"{n} - {t}" for n, t in r["sdg_goals"]]
                + [f"{c} - {t}" for c, t in r["sdg_targets"]]
            ),
        ),
        Column("PublicationDate", lambda r: r["published_on"] or r["date"]),
        Column("UprCycle", _get("upr_cycle")),
        Column("UprRecommendingCountry", lambda r: [name for _iso3, name in r["recommending"]]),
        Column(
            "UprPosition",
            lambda r: str(POSITION_LABELS[r["position"]]) if r["position"] else "",
        ),
    ],
}

#: Row key -> ORM lookup of the plain (non-M2M) values of a recommendation row.
_REC_VALUES = {
    "id": "id",
    "natural_key": "natural_key",
    "paragraph": "paragraph",
    "text": "text",
    "kind": "kind",
    "date": "date",
    "year": "year",
    "position": "position",
    "upr_cycle": "upr_cycle",
    "upr_session": "upr_session",
    "uhri_id": "uhri_id",
    "symbol": "document__symbol",
    "published_on": "document__published_on",
    "mechanism": "mechanism__code",
    "country_iso3": "country__iso3",
    "country_name": "country__name_en",
    "action_category": "action_category__number",
}

#: Row key -> (M2M field of Recommendation, looked-up values on the tag, ordering).
#: One value gives a list of str; two give a list of tuples.
_REC_M2M: dict[str, tuple[str, tuple[str, ...]]] = {
    "recommending": ("recommending_states", ("iso3", "name_en")),
    "themes": ("themes", ("name",)),
    "affected_persons": ("affected_groups", ("name",)),
    "sdg_goals": ("sdg_goals", ("number", "short_title")),
    "sdg_targets": ("sdg_targets", ("code", "text")),
    "upr_issues": ("upr_issues", ("name",)),
}


def _m2m_values(field_name: str, lookups: tuple[str, ...], ids: list[int]) -> dict[int, list[Any]]:
    """``{recommendation id: [tag value(s), ...]}`` for ``ids``, one query on the through table."""
    field: Any = Recommendation._meta.get_field(field_name)
    through = field.remote_field.through
    rec_col = f"{field.m2m_field_name()}_id"
    tag = field.m2m_reverse_field_name()
    paths = [f"{tag}__{lookup}" for lookup in lookups]
    out: dict[int, list[Any]] = {}
    rows = through._default_manager.filter(**{f"{rec_col}__in": ids}).order_by(rec_col, *paths)
    for rec_id, *values in rows.values_list(rec_col, *paths):
        out.setdefault(rec_id, []).append(values[0] if len(values) == 1 else tuple(values))
    return out


def filter_recommendations(user: Any, params: QueryDict) -> QuerySet[Recommendation]:
    """Recommendations ``user`` may see, filtered exactly as the portal list filters them.

    Args:
        user: request user or ``AnonymousUser``; restricted rows only for coordinators+.
        params: a ``QueryDict`` with the portal's parameters (``q``, ``country``,
            ``mechanism``, ``theme``, ``affected``, ``sdg``, ``position``,
            ``recommending_state``, ``cycle``, ``year``, ``document``, ``sort``;
            see :mod:`rightstrack.portal.filters`), plus ``kind``
            (``recommendation`` | ``concern``). ``page`` is ignored: no row cap.

    Returns:
        A queryset in printed order (document, order, id) unless ``sort`` is
        given, ready for :func:`iter_recommendations`.
    """
    lang = get_language()
    listing = ListParams.from_querydict(params)
    qs = portal_filtered(visible_recommendations(user), listing, lang)
    kinds = [k for k in params.getlist("kind") if k in Recommendation.Kind.values]
    if kinds:
        qs = qs.filter(kind__in=kinds)
    if params.get("sort") in SORTS:
        return sorted_results(qs, listing, lang)
    return qs.order_by("document_id", "order", "id")


def iter_recommendations(
    qs: QuerySet[Recommendation], chunk_size: int = CHUNK_SIZE
) -> Iterator[dict[str, Any]]:
    """Rows of ``qs`` as dicts (keys of ``_REC_VALUES`` and ``_REC_M2M``), chunk by chunk.

    Each chunk of ``chunk_size`` rows costs one query per many-to-many tag
    (on the through table, values only): no model instances, no per-row query,
    memory bounded by the chunk size.
    """
    keys = list(_REC_VALUES)
    values = qs.values_list(*_REC_VALUES.values())
    chunk: list[dict[str, Any]] = []
    for raw in values.iterator(chunk_size=chunk_size):
        chunk.append(dict(zip(keys, raw, strict=True)))
        if len(chunk) >= chunk_size:
            yield from _with_tags(chunk)
            chunk = []
    if chunk:
        yield from _with_tags(chunk)


def _with_tags(chunk: list[dict[str, Any]]) -> list[dict[str, Any]]:
    ids = [row["id"] for row in chunk]
    for key, (field_name, lookups) in _REC_M2M.items():
        tags = _m2m_values(field_name, lookups, ids)
        for row in chunk:
            row[key] = tags.get(row["id"], [])
    return chunk


@dataclass(frozen=True)
class ExportKind:
    """One exportable list: its rows for a user and parameters, and its layouts."""

    name: str
    label: Any
    rows: Callable[[Any, QueryDict], tuple[Iterable[Any], Callable[[], int]]]
    layouts: dict[str, list[Column]]


def _recommendation_rows(user: Any, params: QueryDict) -> tuple[Iterable[Any], Callable[[], int]]:
    qs = filter_recommendations(user, params)
    return iter_recommendations(qs), qs.count


EXPORT_KINDS: dict[str, ExportKind] = {
    "recommendations": ExportKind(
        "recommendations", _("Recommendations"), _recommendation_rows, RECOMMENDATION_LAYOUTS
    ),
}


def register_export_kind(kind: ExportKind) -> None:
    """Add an export kind (tracking registers ``actions`` and ``assessments``)."""
    EXPORT_KINDS[kind.name] = kind


def get_export(kind: str, layout: str = "default") -> tuple[ExportKind, list[Column]]:
    """The export kind and its columns, or :class:`ExportError`."""
    if kind not in EXPORT_KINDS:
        raise ExportError(f"Unknown export: {kind!r}. Choose one of {sorted(EXPORT_KINDS)}.")
    export = EXPORT_KINDS[kind]
    if layout not in export.layouts:
        raise ExportError(f"Unknown layout: {layout!r}. Choose one of {sorted(export.layouts)}.")
    return export, export.layouts[layout]


# --------------------------------------------------------------------------- writers


def _flat(value: Any) -> Any:
    """A cell value for CSV/XLSX: lists joined, ``None`` as empty."""
    if value is None:
        return ""
    if isinstance(value, list):
        return MULTI_SEPARATOR.join(str(v) for v in value)
    return value


def _jsonable(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


class _Echo:
    """A file-like object whose ``write`` returns what it was given (for ``csv.writer``)."""

    def write(self, value: str) -> str:
        return value


def stream_csv(rows: Iterable[Any], columns: list[Column]) -> Iterator[bytes]:
    """CSV (RFC 4180, UTF-8, header row first) as a generator of byte chunks."""
    writer = csv.writer(_Echo())
    yield writer.writerow([c.header for c in columns]).encode()
    buffer: list[str] = []
    for row in rows:
        buffer.append(writer.writerow([_flat(c.get(row)) for c in columns]))
        if len(buffer) >= 500:
            yield "".join(buffer).encode()
            buffer.clear()
    if buffer:
        yield "".join(buffer).encode()


def stream_json(
    rows: Iterable[Any], columns: list[Column], count: int, meta: Mapping[str, Any]
) -> Iterator[bytes]:
    """``{"count": N, ...meta, "results": [{header: value}, ...]}`` as byte chunks."""
    head = {"count": count, **meta}
    yield (json.dumps(head, ensure_ascii=False)[:-1] + ', "results": [').encode()
    first = True
    buffer: list[str] = []
    for row in rows:
        item = {c.header: _jsonable(c.get(row)) for c in columns}
        buffer.append(("" if first else ",") + "\n" + json.dumps(item, ensure_ascii=False))
        first = False
        if len(buffer) >= 500:
            yield "".join(buffer).encode()
            buffer.clear()
    buffer.append("\n]}\n")
    yield "".join(buffer).encode()


def _xlsx_cell(ws: Any, value: Any) -> Any:
    value = _flat(value)
    if isinstance(value, str):
        value = _ILLEGAL_XML.sub("", value)
        if value.startswith("="):
            # openpyxl would store it as a formula: force a plain string.
            cell = WriteOnlyCell(ws, value=value)
            cell.data_type = "s"
            return cell
    return value


def write_xlsx(rows: Iterable[Any], columns: list[Column], out: IO[bytes], title: str) -> int:
    """Write an XLSX workbook (openpyxl ``write_only``) to ``out``; return the data row count.

    ``out`` is a binary file object opened for writing (a temporary file for
    HTTP responses). Memory stays flat: write-only worksheets spill rows to
    disk as they are appended.
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
    """The XLSX in a temporary file, rewound, to stream out (deleted when closed)."""
    tmp = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - handed to the response
    write_xlsx(rows, columns, tmp, title)
    tmp.seek(0)
    return tmp


def export_to_file(
    kind: str,
    fmt: str,
    user: Any,
    params: QueryDict,
    out: IO[bytes],
    layout: str = "default",
) -> int:
    """Write one export to a binary file object; return the number of data rows.

    Raises:
        ExportError: unknown kind, format or layout.
    """
    if fmt not in FORMATS:
        raise ExportError(f"Unknown format: {fmt!r}. Choose one of {list(FORMATS)}.")
    export, columns = get_export(kind, layout)
    rows, count = export.rows(user, params)
    counted = _Counter(rows)
    if fmt == "xlsx":
        return write_xlsx(counted, columns, out, str(export.label))
    if fmt == "csv":
        for chunk in stream_csv(counted, columns):
            out.write(chunk)
    else:
        for chunk in stream_json(counted, columns, count(), {"layout": layout}):
            out.write(chunk)
    return counted.n


class _Counter:
    """Wraps an iterable and counts what went through."""

    def __init__(self, rows: Iterable[Any]) -> None:
        self.rows = rows
        self.n = 0

    def __iter__(self) -> Iterator[Any]:
        for row in self.rows:
            self.n += 1
            yield row
