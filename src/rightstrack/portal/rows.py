"""The recommendation row: the columns of a recommendations CSV, and the one way rows are read.

Every CSV of recommendations is written from :data:`RECOMMENDATION_COLUMNS`
by :func:`rightstrack.core.csv_stream.csv_chunks`, with rows read by
:func:`iter_rows` in the order of :func:`rightstrack.portal.filters.listed`:

* the portal's ``/recommendations.csv?<list parameters>``;
* the reports export ``/reports/export/recommendations.csv?<same parameters>``;
* ``rightstrack export recommendations --format csv [filters]``.

So the same filter gives the same file, byte for byte (the links are absolute
when a base URL is given: the request's host on the web, ``--base-url`` on
the command line). The keys of a portal JSON result are the same names
(``portal.pages.RESULT_FIELDS``). This module lives in the portal so that
both the portal and the reports app can import it (reports may import the
portal, never the other way round).

A *row* is a plain ``dict`` read with ``values()`` queries, never model
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

from django.db.models import QuerySet
from django.urls import reverse

from rightstrack.catalog.models import Recommendation
from rightstrack.core.csv_stream import Column

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
        return [first for first, *_rest in row[key]]

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
        One dict per visible id; costs 1 query plus 1 per tag.

    Raises:
        KeyError: an unknown tag key.
    """
    base = {row["pk"]: row for row in visible.filter(pk__in=ids).values(*ROW_VALUES.values())}
    found = {key: _tag_values(*ROW_TAGS[key], ids) for key in tags}
    out = []
    for pk in ids:
        values = base.get(pk)
        if values is None:
            continue
        row = {key: values[path] for key, path in ROW_VALUES.items()}
        for key, by_rec in found.items():
            row[key] = sorted(by_rec.get(pk, []))
        row["url"] = url_for(pk)
        out.append(row)
    return out


def _tag_values(field_name: str, lookups: tuple[str, ...], ids: list[int]) -> dict[int, list[Any]]:
    """``{recommendation id: [tag value or tuple, ...]}`` for ``ids``, one query on the
    many-to-many table (values only)."""
    field: Any = Recommendation._meta.get_field(field_name)
    through = field.remote_field.through
    rec_col = f"{field.m2m_field_name()}_id"
    tag = field.m2m_reverse_field_name()
    paths = [f"{tag}__{lookup}" for lookup in lookups]
    out: dict[int, list[Any]] = {}
    pairs = through._default_manager.filter(**{f"{rec_col}__in": ids}).values_list(rec_col, *paths)
    for rec_id, *values in pairs:
        out.setdefault(rec_id, []).append(values[0] if len(values) == 1 else tuple(values))
    return out


def iter_rows(
    visible: RecQS,
    ids: Iterable[int],
    *,
    url_for: Callable[[int], str],
    tags: Iterable[str] = tuple(ROW_TAGS),
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[dict[str, Any]]:
    """Rows of every id of ``ids``, in that order, ``chunk_size`` ids per batch.

    ``ids`` is typically ``listed(...).values_list("pk", flat=True).iterator(chunk_size)``:
    the ids stream from one sorted query and each batch costs :func:`rows_for_ids`'s
    queries, so memory stays bounded by ``chunk_size`` rows. Arguments as
    :func:`rows_for_ids`.
    """
    tags = tuple(tags)
    batch: list[int] = []
    for pk in ids:
        batch.append(pk)
        if len(batch) >= chunk_size:
            yield from rows_for_ids(visible, batch, url_for=url_for, tags=tags)
            batch = []
    if batch:
        yield from rows_for_ids(visible, batch, url_for=url_for, tags=tags)
