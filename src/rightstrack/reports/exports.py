"""Exports of filtered lists (recommendations, actions, assessments) to CSV, XLSX and JSON.

Shapes:
    * an *export kind* (:data:`EXPORT_KINDS`) knows how to get the rows a user
      may see from query parameters (:mod:`rightstrack.reports.data`) and how
      to lay them out;
    * a *layout* is an ordered list of :class:`~rightstrack.core.csv_stream.Column`
      (header, getter). Recommendations have two:

      ``default``
          the columns of a recommendation row
          (:data:`rightstrack.portal.rows.RECOMMENDATION_COLUMNS`) in every format,
          so the export CSV is the portal's ``/recommendations.csv`` for the same
          parameters, byte for byte, and the JSON and XLSX have the same fields.
      ``uhri``
          the Universal Human Rights Index export field names
          (``shared/data/raw/uhri-sample-worldwidelaw/README_source.md``:
          AnnotationId, Text, Symbol, Body, Countries, Themes, Sdgs,
          AnnotationType, PublicationDate, plus the UPR fields of the UHRI JSON),
          in every format.

Writers: CSV :mod:`rightstrack.core.csv_stream`, JSON
:mod:`rightstrack.reports.writers.json_stream`, XLSX
:mod:`rightstrack.reports.writers.xlsx`. All stream: rows are read chunk by
chunk and nothing holds every row in memory. There is no row cap.

Confidentiality: rows come only from :mod:`rightstrack.reports.data`, which
starts from the permission helpers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import IO, Any

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from rightstrack.accounts.types import Viewer
from rightstrack.catalog.models import Recommendation
from rightstrack.core.csv_stream import CONTENT_TYPE as CSV_CONTENT_TYPE
from rightstrack.core.csv_stream import Column, csv_cell_chunks, csv_chunks
from rightstrack.portal.rows import RECOMMENDATION_COLUMNS
from rightstrack.reports import data
from rightstrack.reports.writers.json_stream import json_chunks
from rightstrack.reports.writers.xlsx import CONTENT_TYPE as XLSX_CONTENT_TYPE
from rightstrack.reports.writers.xlsx import write_xlsx, write_xlsx_cells

FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {
    "csv": CSV_CONTENT_TYPE,
    "json": "application/json",
    "xlsx": XLSX_CONTENT_TYPE,
}


class ExportError(ValueError):
    """Bad export request (unknown kind, format or layout); the message is safe to show."""


def _cols(*keys: str) -> list[Column]:
    """Columns named after the row keys they show, in that order."""
    return [Column(key, itemgetter(key)) for key in keys]


POSITION_LABELS = dict(Recommendation.Position.choices)


def _annotation_type(row: dict[str, Any]) -> str:
    # UHRI labels (README_source.md: "Recommendations, Concerns/Observations").
    if row["kind"] == Recommendation.Kind.CONCERN:
        return "Concerns/Observations"
    return "Recommendations"


#: UHRI export field names (README_source.md), for exchange with other trackers.
UHRI_FIELDS: list[Column] = [
    Column("AnnotationId", lambda r: r["uhri_id"] or r["natural_key"]),
    Column("Symbol", itemgetter("symbol")),
    Column("Paragraph", itemgetter("paragraph")),
    Column("Body", itemgetter("mechanism")),
    Column("AnnotationType", _annotation_type),
    Column("Countries", lambda r: [r["country_name"]] if r["country_name"] else []),
    Column("Text", itemgetter("text")),
    Column("Themes", itemgetter("themes")),
    Column("AffectedPersons", itemgetter("affected_persons")),
    Column(
        "Sdgs",
        lambda r: (
            [f"{n} - {t}" for n, t in r["sdg_goals"]] + [f"{c} - {t}" for c, t in r["sdg_targets"]]
        ),
    ),
    Column("PublicationDate", lambda r: r["published_on"] or r["date"]),
    Column("UprCycle", itemgetter("upr_cycle")),
    Column("UprRecommendingCountry", lambda r: [name for _iso3, name in r["recommending_states"]]),
    Column(
        "UprPosition",
        lambda r: str(POSITION_LABELS[r["position"]]) if r["position"] else "",
    ),
]


@dataclass(frozen=True)
class ExportKind:
    """One exportable list: its rows for a user and parameters, and its layouts.

    Attributes:
        name: the kind in URLs and on the command line (``recommendations``).
        label: translated label (the XLSX sheet name).
        rows: ``(user, params, base_url) -> (rows, count)``; ``base_url`` (scheme
            and host, or "") goes before links in the rows.
        layouts: layout name -> columns, for every format.
        cells: layout name -> ``(user, params, base_url) -> (cells, count)`` for the
            layouts whose CSV and XLSX are read faster as cells in column order (lists
            joined) than through the columns' getters (no row object): the same rows, the
            same files.
    """

    name: str
    label: Any
    rows: Callable[[Any, QueryDict, str], data.ExportRows]
    layouts: dict[str, list[Column]]
    cells: dict[str, Callable[[Any, QueryDict, str], data.ExportRows]] = field(default_factory=dict)


def _recommendation_rows(user: Viewer | None, params: QueryDict, base_url: str) -> data.ExportRows:
    return data.recommendation_export(user, params, base_url=base_url)


def _recommendation_cells(user: Viewer | None, params: QueryDict, base_url: str) -> data.ExportRows:
    return data.recommendation_cells(user, params, base_url=base_url)


def _action_rows(user: Viewer | None, params: QueryDict, base_url: str) -> data.ExportRows:
    return data.action_export(user, params)


def _assessment_rows(user: Viewer | None, params: QueryDict, base_url: str) -> data.ExportRows:
    return data.assessment_export(user, params)


EXPORT_KINDS: dict[str, ExportKind] = {
    kind.name: kind
    for kind in (
        ExportKind(
            "recommendations",
            _("Recommendations"),
            _recommendation_rows,
            {"default": RECOMMENDATION_COLUMNS, "uhri": UHRI_FIELDS},
            cells={"default": _recommendation_cells},
        ),
        ExportKind(
            "actions",
            _("Actions"),
            _action_rows,
            {
                "default": _cols(
                    "id",
                    "plan",
                    "title",
                    "description",
                    "status",
                    "responsible",
                    "start_date",
                    "target_date",
                    "recommendations",
                )
            },
        ),
        ExportKind(
            "assessments",
            _("Assessments"),
            _assessment_rows,
            {
                "default": _cols(
                    "id",
                    "recommendation",
                    "recommendation_id",
                    "source",
                    "organisation",
                    "author",
                    "date",
                    "level",
                    "grade",
                    "text",
                    "publication_state",
                    "source_document",
                )
            },
        ),
    )
}


def get_export(
    kind: str, layout: str = "default", fmt: str = "json"
) -> tuple[ExportKind, list[Column]]:
    """The export kind and the columns of ``layout`` (the same in every format), after
    checking that ``fmt`` is a known format.

    Raises:
        ExportError: unknown kind, format or layout.
    """
    if kind not in EXPORT_KINDS:
        raise ExportError(f"Unknown export: {kind!r}. Choose one of {sorted(EXPORT_KINDS)}.")
    if fmt not in FORMATS:
        raise ExportError(f"Unknown format: {fmt!r}. Choose one of {list(FORMATS)}.")
    export = EXPORT_KINDS[kind]
    if layout not in export.layouts:
        raise ExportError(f"Unknown layout: {layout!r}. Choose one of {sorted(export.layouts)}.")
    return export, export.layouts[layout]


def export_to_file(
    kind: str,
    fmt: str,
    user: Viewer | None,
    params: QueryDict,
    out: IO[bytes],
    layout: str = "default",
    *,
    base_url: str = "",
) -> int:
    """Write one export to a binary file object; return the number of data rows.

    Args:
        kind: a key of :data:`EXPORT_KINDS`.
        fmt: ``csv``, ``xlsx`` or ``json``.
        user: whose visibility applies (``None`` or ``AnonymousUser``: public rows).
        params: filters (see :func:`rightstrack.reports.data.recommendation_export`).
        out: a binary file object opened for writing.
        layout: ``default`` or, for recommendations, ``uhri``.
        base_url: scheme and host before links (``"https://example.org"``); "" keeps
            them relative.

    Raises:
        ExportError: unknown kind, format or layout.
    """
    export, columns = get_export(kind, layout, fmt)
    if fmt == "csv":
        chunks, counted = _csv(export, layout, user, params, base_url)
        for chunk in chunks:
            out.write(chunk)
        return counted.n
    if fmt == "xlsx":
        return _xlsx(export, layout, user, params, base_url, out)
    rows, count = export.rows(user, params, base_url)
    counted = _Counter(rows)
    for chunk in json_chunks(counted, columns, count(), {"layout": layout}):
        out.write(chunk)
    return counted.n


def _xlsx(
    export: ExportKind,
    layout: str,
    user: Viewer | None,
    params: QueryDict,
    base_url: str,
    out: IO[bytes],
) -> int:
    """Write the workbook of :func:`export_to_file` to ``out``; return its data rows: from
    the layout's cells when the export reads them (``ExportKind.cells``), else from its
    rows through the columns."""
    columns = export.layouts[layout]
    title = str(export.label)
    read_cells = export.cells.get(layout)
    if read_cells is not None:
        cells = read_cells(user, params, base_url)[0]
        return write_xlsx_cells([c.header for c in columns], cells, out, title)
    return write_xlsx(export.rows(user, params, base_url)[0], columns, out, title)


def csv_export_chunks(
    export: ExportKind, layout: str, user: Viewer | None, params: QueryDict, base_url: str = ""
) -> Iterator[bytes]:
    """The CSV of one export (``layout``: a key of ``export.layouts``, checked by
    :func:`get_export`) as UTF-8 byte chunks (format: :mod:`rightstrack.core.csv_stream`),
    read lazily: what :func:`export_to_file` writes for ``fmt="csv"``.

    Args:
        export: the export kind.
        layout: its layout.
        user: whose visibility applies (``None`` or ``AnonymousUser``: public rows).
        params: filters (see :func:`rightstrack.reports.data.recommendation_export`).
        base_url: scheme and host before links; "" keeps them relative.
    """
    return _csv(export, layout, user, params, base_url)[0]


def _csv(
    export: ExportKind, layout: str, user: Viewer | None, params: QueryDict, base_url: str
) -> tuple[Iterator[bytes], _Counter]:
    """The CSV chunks of :func:`csv_export_chunks` and the counter of their data rows:
    from the layout's cells when the export reads them (``ExportKind.cells``), else
    from its rows through the columns."""
    columns = export.layouts[layout]
    read_cells = export.cells.get(layout)
    if read_cells is not None:
        cells = _Counter(read_cells(user, params, base_url)[0])
        return csv_cell_chunks([c.header for c in columns], cells), cells
    rows = _Counter(export.rows(user, params, base_url)[0])
    return csv_chunks(rows, columns), rows


class _Counter:
    """Wraps an iterable and counts what went through."""

    def __init__(self, rows: Iterable[Any]) -> None:
        self.rows = rows
        self.n = 0

    def __iter__(self) -> Iterator[Any]:
        for row in self.rows:
            self.n += 1
            yield row
