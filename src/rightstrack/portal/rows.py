"""The recommendation row: the columns of a recommendations CSV, and the one way rows are read.

Every CSV of recommendations is written in the columns of :data:`RECOMMENDATION_COLUMNS`
by :func:`rightstrack.core.csv_stream.csv_cell_chunks`, with the cells read by
:func:`stream_cells` (the columns' cells of the rows of :func:`stream_rows`, without
a dictionary per row) in the order of :func:`rightstrack.portal.filters.listed`:

* the portal's ``/recommendations.csv?<list parameters>``;
* the reports export ``/reports/export/recommendations.csv?<same parameters>``;
* ``rightstrack export recommendations --format csv [filters]``.

So the same filter gives the same file, byte for byte (the links are absolute
when a base URL is given: the request's host on the web, ``--base-url`` on
the command line). The keys of a portal JSON result are the same names
(``portal.pages.RESULT_FIELDS``). This module lives in the portal so that
both the portal and the reports app can import it (reports may import the
portal, never the other way round).

A *row* is a plain ``dict`` built from one ``values_list()`` query (the plain values
joined, each tag packed into one text by a correlated subquery), never model
instances (those cost about 1 ms a row, too much for 41,000-row exports):

====================  ===========================================================
key                   value
====================  ===========================================================
``id``                recommendation primary key (``int``)
``natural_key``       stable import key (``str``)
``symbol``            symbol of its document (``"CCPR/C/PRY/CO/4"``)
``document``          natural key of its document (``str``)
``published_on``      publication date of its document (``date`` or ``None``)
``paragraph``         paragraph as printed (``"17 (a)"``)
``text``              text as printed
``language``          language code of ``text`` (``"en"``, ``"fr"``)
``kind``              ``Recommendation.Kind`` value (``"recommendation"``, ``"concern"``)
``mechanism``         mechanism code (``"CCPR"``, ``"UPR"``)
``country``           ISO 3166 alpha-3 code of the State concerned, or ``None``
``country_name``      its English name, or ``None``
``date``              date of the recommendation (``date`` or ``None``)
``year``              year (``int`` or ``None``)
``position``          ``Recommendation.Position`` value (``""`` when none)
``upr_cycle``         UPR cycle (``int`` or ``None``)
``upr_session``       UPR session (``int`` or ``None``)
``uhri_id``           Universal Human Rights Index id (``str``)
``action_category``   UPR Info action category 1-5 (``int`` or ``None``)
``url``               link to the recommendation page (absolute or relative)
``<tag>``             only the tags asked for (:data:`ROW_TAGS`), each a sorted list
====================  ===========================================================
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from operator import itemgetter
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.urls import reverse

from rightstrack.catalog.models import Recommendation
from rightstrack.core.csv_stream import MULTI_SEPARATOR, Column

RecQS = QuerySet[Recommendation]

#: Ids read (and rows and tags looked up) per batch. SQLite accepts 32,766
#: parameters per query; 2,000 ids stay far below.
CHUNK_SIZE = 2000

#: Row key -> ORM lookup of a plain (single-valued) field; one query per batch.
ROW_VALUES = {
    "id": "pk",
    "natural_key": "natural_key",
    "symbol": "document__symbol",
    "document": "document__key",
    "published_on": "document__published_on",
    "paragraph": "paragraph",
    "text": "text",
    "language": "language",
    "kind": "kind",
    "mechanism": "mechanism__code",
    "country": "country__iso3",
    "country_name": "country__name_en",
    "date": "date",
    "year": "year",
    "position": "position",
    "upr_cycle": "upr_cycle",
    "upr_session": "upr_session",
    "uhri_id": "uhri_id",
    "action_category": "action_category__number",
}

#: Row key -> (many-to-many field of ``Recommendation``, values looked up on the tag).
#: One looked-up value gives a list of values, two a list of tuples; lists are sorted
#: in Python (code-point order, the same on every database). One query per tag per batch.
ROW_TAGS: dict[str, tuple[str, tuple[str, ...]]] = {
    "recommending_states": ("recommending_states", ("iso3", "name_en")),
    "themes": ("themes", ("name",)),
    "affected_persons": ("affected_groups", ("name",)),
    "sdg_goals": ("sdg_goals", ("number", "short_title")),
    "sdg_targets": ("sdg_targets", ("code", "text")),
    "upr_issues": ("upr_issues", ("name",)),
}


def _firsts(key: str) -> Callable[[dict[str, Any]], list[Any]]:
    """Getter of the first looked-up value of each tag of ``key`` (ISO3 codes, SDG numbers)."""

    def get(row: dict[str, Any]) -> list[Any]:
        return [values[0] for values in row[key]]

    return get


#: The columns of a recommendation row, in file order: the CSV of the portal list, the
#: keys of a portal JSON result, and the ``default`` layout of the recommendations export
#: (CSV, JSON and XLSX). Lists: ISO3 codes of the recommending States, theme,
#: affected-persons and UPR Info issue names, SDG goal numbers and target codes.
#: ``document`` is the document's natural key; ``url`` the recommendation page.
RECOMMENDATION_COLUMNS: list[Column] = [
    Column("id", itemgetter("id")),
    Column("symbol", itemgetter("symbol")),
    Column("paragraph", itemgetter("paragraph")),
    Column("text", itemgetter("text")),
    Column("kind", itemgetter("kind")),
    Column("mechanism", itemgetter("mechanism")),
    Column("country", itemgetter("country")),
    Column("date", itemgetter("date")),
    Column("year", itemgetter("year")),
    Column("recommending_states", _firsts("recommending_states")),
    Column("position", itemgetter("position")),
    Column("upr_cycle", itemgetter("upr_cycle")),
    Column("upr_session", itemgetter("upr_session")),
    Column("themes", itemgetter("themes")),
    Column("affected_persons", itemgetter("affected_persons")),
    Column("sdgs", _firsts("sdg_goals")),
    Column("sdg_targets", _firsts("sdg_targets")),
    Column("upr_issues", itemgetter("upr_issues")),
    Column("action_category", itemgetter("action_category")),
    Column("uhri_id", itemgetter("uhri_id")),
    Column("document", itemgetter("document")),
    Column("url", itemgetter("url")),
]
#: The tags :data:`RECOMMENDATION_COLUMNS` read: every tag, one query each per batch.
RECOMMENDATION_TAGS = tuple(ROW_TAGS)


def json_row(row: dict[str, Any]) -> dict[str, Any]:
    """``row`` as a JSON-ready dict with the headers of :data:`RECOMMENDATION_COLUMNS` as keys.

    The same values as the CSV, typed: lists stay lists, numbers stay numbers,
    missing values are ``None`` and dates are ISO 8601 strings (``"2022-12-01"``).
    """
    out = {}
    for column in RECOMMENDATION_COLUMNS:
        value = column.get(row)
        if isinstance(value, dt.date):
            value = value.isoformat()
        out[column.header] = None if value == "" else value
    return out


def recommendation_url_maker(base_url: str = "") -> Callable[[int], str]:
    """A fast ``pk -> URL of the recommendation page`` (one ``reverse`` in all).

    Args:
        base_url: scheme and host without a trailing slash
            (``"https://rightstrack.example.org"``); ``""`` gives relative URLs
            (``"/recommendations/12/"``).
    """
    marker = 999999999
    path = reverse("portal:recommendation_detail", args=[marker])
    return (base_url + path).replace(str(marker), "{}").format


#: Separators of the tag values an SQL aggregate packs into one text per recommendation
#: (ASCII unit and record separators): between tags, and between the looked-up values of
#: one tag. Taxonomy names and codes never hold them (C0 controls, which every writer of
#: XML drops anyway: ``core.xml_text``).
_TAG_SEP = "\x1f"
_VALUE_SEP = "\x1e"


def _tag_sql(key: str, vendor: str, *, first_only: bool = False) -> str:
    """SQL of one correlated subquery: the tags ``key`` of the outer recommendation packed
    into one text (:data:`_TAG_SEP` between tags, :data:`_VALUE_SEP` between looked-up
    values), ``NULL`` when it has none. One index probe on the many-to-many table per row.

    With ``first_only``, only the first looked-up value of each tag is packed (the ISO3
    code, not the name: what a CSV cell shows), so no :data:`_VALUE_SEP` is written.

    Raises:
        ValueError: a database other than SQLite or PostgreSQL.
    """
    field_name, lookups = ROW_TAGS[key]
    if first_only:
        lookups = lookups[:1]
    field: Any = Recommendation._meta.get_field(field_name)
    through = field.remote_field.through._meta.db_table
    tag_model = field.related_model
    quote = connection.ops.quote_name
    columns = [f"t.{quote(tag_model._meta.get_field(name).column)}" for name in lookups]
    if vendor == "sqlite":
        parts = f" || char({ord(_VALUE_SEP)}) || ".join(f"COALESCE({c}, '')" for c in columns)
        packed = f"group_concat({parts}, char({ord(_TAG_SEP)}))"
    elif vendor == "postgresql":
        parts = f" || chr({ord(_VALUE_SEP)}) || ".join(f"COALESCE({c}::text, '')" for c in columns)
        packed = f"string_agg({parts}, chr({ord(_TAG_SEP)}))"
    else:
        raise ValueError(f"Recommendation rows need SQLite or PostgreSQL, not {vendor}.")
    return (
        f"(SELECT {packed} FROM {quote(through)} x "  # noqa: S608 - names from model metadata
        f"JOIN {quote(tag_model._meta.db_table)} t "
        f"ON t.{quote(tag_model._meta.pk.column)} = x.{quote(field.m2m_reverse_name())} "
        f"WHERE x.{quote(field.m2m_column_name())} = "
        f"{quote(Recommendation._meta.db_table)}.{quote(Recommendation._meta.pk.attname)})"
    )


#: Tag key -> how a packed text becomes the row's sorted list: one looked-up value gives
#: the values, two give tuples (SDG goal numbers back to ``int``, so goal 10 sorts after 9).
def _unpack_one(packed: str | None) -> list[Any]:
    return sorted(packed.split(_TAG_SEP)) if packed else []


def _unpack_pairs(packed: str | None) -> list[Any]:
    if not packed:
        return []
    return sorted(tuple(tag.split(_VALUE_SEP, 1)) for tag in packed.split(_TAG_SEP))


def _unpack_numbered(packed: str | None) -> list[Any]:
    if not packed:
        return []
    out = []
    for tag in packed.split(_TAG_SEP):
        number, title = tag.split(_VALUE_SEP, 1)
        out.append((int(number), title))
    return sorted(out)


_UNPACK: dict[str, Callable[[str | None], list[Any]]] = {
    "recommending_states": _unpack_pairs,
    "themes": _unpack_one,
    "affected_persons": _unpack_one,
    "sdg_goals": _unpack_numbered,
    "sdg_targets": _unpack_pairs,
    "upr_issues": _unpack_one,
}


def _row_tuples(qs: RecQS, tags: tuple[str, ...]) -> QuerySet[Recommendation, tuple[Any, ...]]:
    """``qs`` as a ``values_list`` query: every value of :data:`ROW_VALUES`, then each of
    ``tags`` packed (:func:`_tag_sql`), in that order."""
    vendor = connection.vendor
    # Constant SQL from model metadata, no parameters.
    annotations = {f"rt_tag_{key}": RawSQL(_tag_sql(key, vendor), ()) for key in tags}  # noqa: S611
    values: Any = qs.annotate(**annotations).values_list(*ROW_VALUES.values(), *annotations)
    return values  # type: ignore[no-any-return]


def _rows_of(
    tuples: Iterable[tuple[Any, ...]],
    tags: tuple[str, ...],
    url_for: Callable[[int], str],
) -> Iterator[dict[str, Any]]:
    """Rows (module docstring) of the tuples of :func:`_row_tuples`."""
    keys = tuple(ROW_VALUES)
    n = len(keys)
    unpack = [(key, _UNPACK[key], n + i) for i, key in enumerate(tags)]
    for values in tuples:
        row = dict(zip(keys, values, strict=False))  # values then packed tags
        for key, get, at in unpack:
            packed = values[at]
            row[key] = get(packed) if packed else []
        row["url"] = url_for(values[0])
        yield row


def stream_rows(
    qs: RecQS,
    *,
    url_for: Callable[[int], str],
    tags: Iterable[str] = tuple(ROW_TAGS),
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[dict[str, Any]]:
    """Rows (module docstring) of every recommendation of ``qs``, in its order.

    One query in all: the plain values joined, each tag packed by a correlated
    subquery (:func:`_tag_sql`), read ``chunk_size`` rows at a time from a
    server-side cursor (``iterator``), so memory stays bounded by ``chunk_size`` rows.

    Args:
        qs: recommendations, filtered and sorted; it must start from what the user may
            see (``accounts.permissions.visible_recommendations``): no other visibility
            rule is applied here.
        url_for: ``pk -> URL`` (see :func:`recommendation_url_maker`).
        tags: keys of :data:`ROW_TAGS` to look up (others are absent from the rows).
        chunk_size: rows fetched per round trip.

    Raises:
        KeyError: an unknown tag key.
    """
    tags = tuple(tags)
    return _rows_of(_row_tuples(qs, tags).iterator(chunk_size=chunk_size), tags, url_for)


def rows_for_ids(
    visible: RecQS,
    ids: list[int],
    *,
    url_for: Callable[[int], str],
    tags: Iterable[str] = tuple(ROW_TAGS),
) -> list[dict[str, Any]]:
    """Rows (module docstring) of the recommendations ``ids``, in the order of ``ids``.

    Args:
        visible: the recommendations the user may see
            (``accounts.permissions.visible_recommendations``); applied again, so an
            id the user may not see gives no row.
        ids: primary keys (at most a few thousand: they go into ``IN`` lists).
        url_for: ``pk -> URL`` (see :func:`recommendation_url_maker`).
        tags: keys of :data:`ROW_TAGS` to look up (others are absent from the rows).

    Returns:
        One dict per visible id; costs 1 query (tags packed by subqueries, as
        :func:`stream_rows`).

    Raises:
        KeyError: an unknown tag key.
    """
    tags = tuple(tags)
    values = _row_tuples(visible.filter(pk__in=ids).order_by(), tags)
    by_pk = {row["id"]: row for row in _rows_of(values, tags, url_for)}
    return [by_pk[pk] for pk in ids if pk in by_pk]


# The cells of RECOMMENDATION_COLUMNS (CSV and XLSX), read without a row dictionary.
#
# A CSV or XLSX file needs only the cells, in column order: building a dictionary of every value
# and tag of a row, then reading each cell back from it with the columns' getters, cost
# about as much as the query itself on SQLite (issue 14: the SQLite CSV export was 2.2 to
# 2.4 times the bare ``csv.writer`` baseline). :func:`stream_cells` asks the query for
# the cells in column order and turns each packed tag text straight into its joined cell.

#: Where each cell of :data:`RECOMMENDATION_COLUMNS` comes from, in column order: a key of
#: :data:`ROW_VALUES` (a plain value), a key of :data:`ROW_TAGS` (the first looked-up
#: value of each tag: what the column's getter shows) or ``"url"`` (the page's link, last:
#: appended to the query's values). Each column reads the row key of its header, but
#: ``sdgs``, which shows the ``sdg_goals``' numbers. ``tests/portal/test_rows.py`` checks
#: that these cells are the columns' cells.
CELL_SOURCES = tuple(
    "sdg_goals" if column.header == "sdgs" else column.header for column in RECOMMENDATION_COLUMNS
)
#: The header row of the recommendations CSV (the headers of :data:`RECOMMENDATION_COLUMNS`).
RECOMMENDATION_HEADERS = [column.header for column in RECOMMENDATION_COLUMNS]


def _joined(packed: str) -> str:
    """The cell of a packed tag text (:func:`_tag_sql` with ``first_only``): the values
    sorted in code-point order, as :func:`_unpack_one` sorts them, joined with
    :data:`~rightstrack.core.csv_stream.MULTI_SEPARATOR` (as ``csv_stream.cell`` joins a
    list)."""
    return MULTI_SEPARATOR.join(sorted(packed.split(_TAG_SEP)))


def _joined_numbers(packed: str) -> str:
    """The cell of packed SDG goal numbers: sorted as numbers (goal 10 after 9, as
    :func:`_unpack_numbered` sorts them), joined as :func:`_joined` joins. The texts are
    the database's own writing of an integer, so they are what ``str()`` of it gives."""
    return MULTI_SEPARATOR.join(sorted(packed.split(_TAG_SEP), key=int))


#: Tag key -> its packed text's cell. Sorting the first values alone gives the order of
#: the row's sorted tuples (:func:`_unpack_pairs` sorts on the first value, then the
#: second, which only orders equal first values among themselves).
_JOIN: dict[str, Callable[[str], str]] = {
    "recommending_states": _joined,
    "themes": _joined,
    "affected_persons": _joined,
    "sdg_goals": _joined_numbers,
    "sdg_targets": _joined,
    "upr_issues": _joined,
}


def stream_cells(
    qs: RecQS,
    *,
    url_for: Callable[[int], str],
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[list[Any]]:
    """The cells of every recommendation of ``qs``, in its order, as the CSV and XLSX
    writers take them (``csv_stream.csv_cell_chunks``, ``xlsx.write_xlsx_cells``): one list
    per row, in the order of :data:`RECOMMENDATION_COLUMNS` (headers:
    :data:`RECOMMENDATION_HEADERS`).

    Each cell is what ``csv_stream.cell`` makes of the column's value in the row of
    :func:`stream_rows`, with ``None`` left as ``None`` (``csv.writer`` writes both as an
    empty field): plain values as read (``int``, ``str``, ``datetime.date`` or ``None``),
    each tag list sorted as :func:`stream_rows` sorts it and joined with "; " (``""`` when
    empty), the link last. Formulas are not neutralised here: that is each writer's job.

    One query, as :func:`stream_rows`: the plain values in column order and each tag's
    first looked-up values packed by a correlated subquery (:func:`_tag_sql`), read
    ``chunk_size`` rows at a time from a server-side cursor, so memory stays bounded by
    ``chunk_size`` rows. No dictionary per row.

    Args:
        qs: recommendations, filtered and sorted; it must start from what the user may
            see (``accounts.permissions.visible_recommendations``): no other visibility
            rule is applied here.
        url_for: ``pk -> URL`` (see :func:`recommendation_url_maker`).
        chunk_size: rows fetched per round trip.
    """
    vendor = connection.vendor
    annotations = {
        # Constant SQL from model metadata, no parameters.
        f"rt_tag_{key}": RawSQL(_tag_sql(key, vendor, first_only=True), ())  # noqa: S611
        for key in CELL_SOURCES
        if key in ROW_TAGS
    }
    fields = [ROW_VALUES.get(key, f"rt_tag_{key}") for key in CELL_SOURCES if key != "url"]
    tuples = qs.annotate(**annotations).values_list(*fields).iterator(chunk_size=chunk_size)
    return _cells_of(tuples, url_for)


def _cells_of(
    tuples: Iterable[tuple[Any, ...]], url_for: Callable[[int], str]
) -> Iterator[list[Any]]:
    """Cells (:func:`stream_cells`) of the tuples of its query: each packed tag text
    joined, ``""`` for no tag, then the link (from the id, the first cell)."""
    joins = [(at, _JOIN[key]) for at, key in enumerate(CELL_SOURCES) if key in _JOIN]
    for values in tuples:
        cells = list(values)
        for at, join in joins:
            packed = cells[at]
            cells[at] = join(packed) if packed else ""
        cells.append(url_for(values[0]))
        yield cells
