"""Context builders of the portal pages: one per page, shared by HTML, JSON and CSV.

Views only pick a builder and a renderer. Every queryset starts from
``rightstrack.accounts.permissions``, so what a user cannot see never reaches
a page, a count or an export.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from rightstrack.accounts.permissions import (
    can_see_restricted,
    get_document_for_user,
    get_recommendation_for_user,
    visible_documents,
    visible_recommendations,
)
from rightstrack.catalog.models import Country, Recommendation
from rightstrack.classify.consolidation.repeated import repeated_filter
from rightstrack.classify.shown import suggested_json
from rightstrack.core.build import build_id
from rightstrack.portal.facets import FACETS, FacetValue, facet_counts, facet_filter
from rightstrack.portal.filters import SORTS, ListParams, searched, sorted_results
from rightstrack.portal.list_cache import ListSummaryCache
from rightstrack.portal.panels import panels_for
from rightstrack.portal.results import (
    NAME_FIELDS,
    SHOWN_TAGS,
    ResultViews,
    facet_choices,
    with_shown,
)
from rightstrack.portal.rows import (
    CHUNK_SIZE,
    RECOMMENDATION_COLUMNS,
    RECOMMENDATION_TAGS,
    json_row,
    recommendation_url_maker,
    rows_for_ids,
    stream_cells,
)
from rightstrack.portal.same_text import SameText, same_text_elsewhere
from rightstrack.portal.search import count_matches, relevance_page_ids

RecQS = QuerySet[Recommendation]
T = TypeVar("T")

#: Keys of each JSON result: the columns of the CSV (one definition, in ``portal.rows``).
RESULT_FIELDS = [column.header for column in RECOMMENDATION_COLUMNS]


def with_related(qs: RecQS) -> RecQS:
    """``qs`` with what a result row shows, in a fixed number of queries (1 + 4 prefetches)."""
    return qs.select_related("document__country", "mechanism", "country").prefetch_related(
        # Every name column: the States are named in the visitor's language
        # (``Country.name``); a column left out is read back one query per State.
        Prefetch("recommending_states", queryset=Country.objects.only("id", *NAME_FIELDS)),
        "themes",
        "affected_groups",
        "sdg_goals",
    )


def detail_url_maker(request: HttpRequest) -> Callable[[int], str]:
    """A fast ``pk -> absolute URL of the recommendation page`` (one ``reverse`` per request)."""
    return recommendation_url_maker(request.build_absolute_uri("/")[:-1])


def result_rows(visible: RecQS, ids: list[int], request: HttpRequest) -> list[dict[str, Any]]:
    """The recommendations ``ids`` (in that order) as JSON results: the keys of
    :data:`RESULT_FIELDS`, the values of the CSV (``portal.rows.json_row``); ``url`` is
    absolute. Costs one query for the rows and one per tag.

    Args:
        visible: the recommendations the requesting user may see; others give no result.
        ids: primary keys, at most a page's worth.
    """
    rows = rows_for_ids(visible, ids, url_for=detail_url_maker(request), tags=RECOMMENDATION_TAGS)
    return [json_row(row) for row in rows]


class _IdSlices:
    """A list's ids, fetched a slice at a time by ``fetch(offset, limit)`` (what a
    paginator reads)."""

    def __init__(self, fetch: Callable[[int, int], list[int]]) -> None:
        self.fetch = fetch

    def __getitem__(self, key: slice) -> list[int]:
        start = key.start or 0
        return self.fetch(start, max((key.stop or start) - start, 0))


class KnownCountPaginator(Paginator[Any]):
    """A paginator over a list of ids whose total was counted separately.

    Counting on the plain filtered queryset is cheaper than on the sorted one
    (the relevance sort joins the index a second time).
    """

    def __init__(self, object_list: Any, per_page: int, count: int) -> None:
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


def page_size() -> int:
    return int(getattr(settings, "RIGHTSTRACK_PAGE_SIZE", 25))


@dataclass
class ActiveFilter:
    """A selected facet value, with the query string that removes it."""

    param: str
    facet_label: str
    value: str
    label: str
    remove_query: str


class RecommendationList:
    """The filtered recommendations list for one request.

    Attributes are computed on first use so that the CSV never runs the
    facet or count queries.
    """

    def __init__(self, request: HttpRequest, counts: bool = False) -> None:
        """``counts``: count the facets whether kept or not (the facets fragment)."""
        self.request = request
        self.counts = counts
        self.params = ListParams.from_querydict(request.GET)
        self.lang = get_language()
        self.visible = visible_recommendations(request.user)
        #: The visitor sees public recommendations only: searches may read the search
        #: row's own public flag instead of joining ``catalog_recommendation``.
        self.public_only = not can_see_restricted(request.user)
        #: Facet value -> id lookups, made once per request (see ``FieldFacet``).
        self.lookup_cache: dict[Any, Any] = {}

    @cached_property
    def summary(self) -> ListSummaryCache:
        """The cached total and facet counts of this list (``portal/list_cache.py``)."""
        return ListSummaryCache(self.request.user, self.params, self.lang)

    @cached_property
    def unfiltered_summary(self) -> ListSummaryCache:
        """The cached total and facet counts of the unfiltered list, for the same audience
        and language (stored at each import: ``list_cache.precompute_common_pages``)."""
        return ListSummaryCache(self.request.user, ListParams(), self.lang)

    @cached_property
    def total(self) -> int:
        """How many visible recommendations match (cached by the catalogue's change token).

        A list of one facet value and nothing else reads its total from the unfiltered
        list's kept counts when the value is among them (:meth:`count_of_one_value`).
        A visitor's query is counted on the search rows alone when the list allows it
        (:attr:`index_filter`: ``search.count_matches``, the search row's public flag and,
        on PostgreSQL, its facet keys; no join per match)."""
        known = self.count_of_one_value()
        if known is not None:
            return known
        keys = self.index_filter
        if keys is not None:
            params, using = self.params, self.visible.db
            return self.summary.count(lambda: count_matches(params.q, self.lang, using, keys))
        return self.summary.count(self.filtered.count)

    @cached_property
    def index_filter(self) -> list[list[str]] | None:
        """This list as a condition of the search rows alone, or ``None`` when it is not one.

        A visitor's query (no ``repeated``) is one: the search row's public flag gives the
        visitor's matches. Its facets are too: the facet keys of each selected facet
        (``Facet.index_keys``, one list per facet, values ORed), which the search rows
        carry (``search_index.FACET_KEY_COLUMNS``: PostgreSQL's vectors, SQLite's FTS5
        column ``keys``); ``[]`` with no facet."""
        params = self.params
        if not (
            self.public_only and params.q and not params.matches_nothing and not params.repeated
        ):
            return None
        if not params.selected:
            return []
        groups = []
        for param, values in params.selected.items():
            keys = FACETS[param].index_keys(values, self.lookup_cache)
            if keys is None:
                return None
            groups.append(keys)
        return groups

    def page_ids(self, offset: int, limit: int) -> list[int]:
        """Ids of the rows ``offset`` to ``offset + limit`` of the list, in its order.

        Sorted by relevance, a broad query ranks only the matches its page needs
        (``search.relevance_page_ids``: the newest 1,000 matches first, by relevance, then
        the others); the set of rows is the same as in any other order."""
        params = self.params
        if params.sort == "relevance" and params.q and not params.matches_nothing:
            keys = self.index_filter
            return relevance_page_ids(
                # The facets as the search rows' keys, or as the recommendations' filters.
                self.visible if keys else self.unsearched,
                params.q,
                self.lang,
                offset,
                limit,
                public_only=self.public_only,
                unfiltered=keys is not None,
                matches=self.total,
                facet_keys=keys or (),
            )
        ids = self.queryset.values_list("pk", flat=True)
        return [int(pk) for pk in ids[offset : offset + limit]]

    def count_of_one_value(self) -> int | None:
        """The total of a list of exactly one facet value (``?cycle=1``, ``?country=SVN``),
        with no query and no ``repeated``: that value's count in the unfiltered list's
        facets, as kept for this audience and the current change token (stored at each
        import: ``list_cache.precompute_common_pages``). ``None`` when the list is another
        one, when no counts are kept, or when the value is not among the kept ones (a facet
        keeps its most frequent values only); then the list is counted.

        A facet's count of a value is the number of visible recommendations the filter by
        that value keeps (``portal/facets.py``; each facet counts distinct
        recommendations), so the two agree (``tests/portal/test_total_of_one_facet_value``).
        It spares the count of a broad first visit: ``?cycle=1`` at 250,000 is a scan of
        about 100,000 rows."""
        params = self.params
        if params.q or params.matches_nothing or params.repeated or len(params.selected) != 1:
            return None
        ((param, values),) = params.selected.items()
        if len(values) != 1:
            return None
        kept = self.unfiltered_summary.kept_facets()
        for value in (kept or {}).get(param, []):
            if value.value == values[0]:
                return value.count
        return None

    @cached_property
    def searched(self) -> RecQS:
        """Visible recommendations matching the query (runs the index query once)."""
        return searched(self.visible, self.params, self.lang)

    @cached_property
    def filtered(self) -> RecQS:
        """Every matching visible recommendation with the facet selection, unsorted."""
        return facet_filter(self.searched, self.params.selected, cache=self.lookup_cache)

    @cached_property
    def queryset(self) -> RecQS:
        """Every matching visible recommendation, sorted.

        Sorted by relevance, the index is matched once, by the ranking's own join
        (``search.with_relevance``: one row per recommendation in the index), not a
        second time through ``id IN (...)`` as well: 85 -> 70 ms for the page of ids of
        ``q=women`` (46,608 matches) at 250,000 on SQLite (docs/scaling.md)."""
        params = self.params
        if params.sort == "relevance" and params.q and not params.matches_nothing:
            return sorted_results(self.unsearched, params, self.lang)
        return sorted_results(self.filtered, params, self.lang)

    @cached_property
    def unsearched(self) -> RecQS:
        """The visible recommendations with every filter but the query (``repeated`` and
        the facets): the base of the relevance sort, which matches the index itself."""
        base: RecQS = self.visible
        if self.params.repeated:
            base = base.filter(repeated_filter(self.visible))
        return facet_filter(base, self.params.selected, cache=self.lookup_cache)

    @cached_property
    def id_page(self) -> Page[Any]:
        """The requested page (clamped to the last one) as a page of ids.

        Sorting happens on ids only (narrow rows sort fast): 1 count (or the cached one) +
        1 ids (:meth:`page_ids`; 2 or 3 for a broad query by relevance).
        """
        paginator = KnownCountPaginator(_IdSlices(self.page_ids), page_size(), self.total)
        page = paginator.get_page(self.params.page)
        page.object_list = list(page.object_list)
        return page

    @cached_property
    def page(self) -> Page[Any]:
        """:attr:`id_page` with what the HTML list shows of each result: its portal row
        (``portal.rows.rows_for_ids``, the tags ``results.SHOWN_TAGS`` packed in it, a
        relative ``url``; the query the JSON list reads its results with, no model
        instances) completed by ``results.with_shown`` (the text and the States' names in
        the visitor's language): 1 query on top of the ids, at most 2 more (texts held in
        another language; the names, outside English)."""
        page = copy.copy(self.id_page)
        rows = rows_for_ids(
            self.visible,
            list(self.id_page.object_list),
            url_for=recommendation_url_maker(),
            tags=SHOWN_TAGS,
        )
        page.object_list = with_shown(rows, self.lang)
        return page

    @property
    def count(self) -> int:
        return int(self.id_page.paginator.count)

    @cached_property
    def kept_facets(self) -> dict[str, list[FacetValue]] | None:
        """This list's facet counts when already kept (``ListSummaryCache.kept_facets``)."""
        return self.summary.kept_facets()

    @cached_property
    def with_counts(self) -> bool:
        """Whether this response shows facet counts: when they are kept already, or when
        asked for (``facets=1``: the page's plain link, the JSON's ``facets_url``), and
        always for the unfiltered list (counted after each import: ``precompute_common_pages``).
        Otherwise the page is sent without them and they are loaded after it."""
        if self.counts or self.request.GET.get("facets") == "1" or not self.params.is_filtered:
            return True  # the unfiltered list's counts are kept at each import
        return self.kept_facets is not None

    def facets_query(self) -> str:
        """The query string of this list, page and sort with ``facets=1``."""
        query = self.params.querystring(page=self.params.page)
        return f"{query}&facets=1" if query else "facets=1"

    def cached(self, kind: str, build: Callable[[], T]) -> T:
        """``build()`` (a rendered fragment, a JSON payload) of this list, page and sort,
        kept for visitors who are not signed in, so that a popular list costs them one
        query (the change token) instead of a count, a page and its facets.

        Kept in the Django cache under :class:`~rightstrack.portal.list_cache.ListSummaryCache`'s
        key (the catalogue's change token, the public audience, the language, the query
        and facets) plus ``kind``, the sort, the page number, the scheme and host (JSON
        holds absolute URLs) and the running code (``core.build.build_id``: a deploy
        renders anew). Never for a signed-in user: their pages carry their own controls
        and, for coordinators, restricted records.
        """
        if self.request.user.is_authenticated:
            return build()
        where = f"{self.request.scheme}://{self.request.get_host()}"
        # With and without counts are kept apart: a version without counts is only
        # served while the counts are not kept; once they are, the next visit takes
        # (and keeps) the version with them.
        counts = "counted" if self.with_counts else "uncounted"
        part = f"{kind}:{counts}:{self.params.sort}:{self.params.page}:{where}:{build_id()}"
        return self.summary.get_or_compute(part, build)

    @cached_property
    def facets(self) -> dict[str, list[FacetValue]]:
        """Facet counts, each ignoring its own selection (one query per facet, unless
        cached: ``portal/list_cache.py``)."""
        if self.kept_facets is not None:
            return self.kept_facets
        return self.summary.facets(
            lambda: facet_counts(
                self.searched, self.params.selected, cache=self.lookup_cache, known=self.known
            ),
            count=lambda: self.total,
        )

    @property
    def known(self) -> dict[str, list[FacetValue]]:
        """With one facet selected and no query, that facet's counts ignore its own
        selection: they are the unfiltered list's, cached or stored (``list_cache``)."""
        if self.params.q or self.params.matches_nothing or len(self.params.selected) != 1:
            return {}
        (param,) = self.params.selected
        unfiltered = self.unfiltered_summary
        everything = unfiltered.facets(
            lambda: facet_counts(self.visible, {}), count=self.visible.count
        )
        return {param: everything[param]}

    @cached_property
    def uncounted_facets(self) -> dict[str, list[FacetValue]]:
        """The facets offered while this list's counts are not known: each facet's most
        frequent values in the unfiltered list (kept, counted after each import) without
        their counts, and the selected values (see ``Facet.uncounted``). No ``GROUP BY``
        over this list: at most a label lookup for a selected value not among them."""
        unfiltered = self.unfiltered_summary
        # Not kept for the current token (the catalogue changed since the last count, as
        # after `make run`'s background classify step): the values last stored, whose
        # counts are dropped anyway; never stored: only the selected values, rather than
        # counting the whole catalogue to offer others.
        everything = unfiltered.kept_facets() or unfiltered.last_stored_facets() or {}
        return {
            p: facet.uncounted(everything.get(p, []), self.params.selected.get(p, []))
            for p, facet in FACETS.items()
        }

    @cached_property
    def shown_facets(self) -> dict[str, list[FacetValue]]:
        """The facets this response shows: counted (:attr:`facets`) when
        :attr:`with_counts`, else :attr:`uncounted_facets`."""
        return self.facets if self.with_counts else self.uncounted_facets

    def facet_groups(self) -> list[dict[str, Any]]:
        """Facets for the template: label, param and values (``results.FacetChoice``), in
        registry order."""
        return [
            {"param": p, "label": FACETS[p].label, "values": facet_choices(p, values)}
            for p, values in self.shown_facets.items()
        ]

    def active_filters(self) -> list[ActiveFilter]:
        labels = {(p, v.value): v.label for p, vals in self.shown_facets.items() for v in vals}
        return [
            ActiveFilter(
                p,
                str(FACETS[p].label),
                v,
                labels.get((p, v), v),
                self.params.querystring(drop=(p, v)),
            )
            for p, values in self.params.selected.items()
            for v in values
        ] + (
            [
                ActiveFilter(
                    "repeated",
                    str(_("Recommended again")),
                    "1",
                    str(_("asked before")),
                    self.params.querystring(drop=("repeated", "1")),
                )
            ]
            if self.params.repeated
            else []
        )

    def as_json(self) -> dict[str, Any]:
        """``{count, page, pages, page_size, query, results, facets, facets_url}``; keys are
        stable. ``facets`` is ``null`` while this list's counts are not kept (a first
        visit): ``facets_url`` (this list with ``facets=1``) counts them (docs/api.md)."""
        return {
            "count": self.count,
            "page": self.id_page.number,
            "pages": self.id_page.paginator.num_pages,
            "page_size": page_size(),
            "query": {
                "q": self.params.q,
                **self.params.selected,
                **({"repeated": "1"} if self.params.repeated else {}),
                "sort": self.params.sort,
            },
            "results": result_rows(self.visible, list(self.id_page.object_list), self.request),
            "facets": {
                p: [{"value": v.value, "label": v.label, "count": v.count} for v in values]
                for p, values in self.facets.items()
            }
            if self.with_counts
            else None,
            "facets_url": self.request.build_absolute_uri(
                f"{reverse('portal:recommendation_list_json')}?{self.facets_query()}"
            ),
        }

    def iter_cells(self, chunk_size: int = CHUNK_SIZE) -> Iterator[list[Any]]:
        """The CSV cells of every matching row (not one page), in order, ``chunk_size``
        rows at a time, in the columns of
        :data:`~rightstrack.portal.rows.RECOMMENDATION_COLUMNS`, with absolute URLs.

        One query streamed from a server-side cursor, tags packed by subqueries: see
        :func:`rightstrack.portal.rows.stream_cells`.
        """
        return stream_cells(
            self.queryset, url_for=detail_url_maker(self.request), chunk_size=chunk_size
        )

    def html_context(self) -> dict[str, Any]:
        """Template context of ``portal/includes/recommendation_list_body.html``: ``results``
        holds each result of the page as a ``results.ResultView``."""
        full_query = self.params.querystring()
        return {
            "list": self,
            "with_counts": self.with_counts,
            "facets_query": self.facets_query(),
            "params": self.params,
            "page_obj": self.page,
            "results": ResultViews().views(list(self.page.object_list)),
            "full_query": full_query,
            "page_query": self.params.querystring(page=self.page.number),
            "base_query": f"{full_query}&" if full_query else "",
            "sorts": [
                (key, label)
                for key, (label, _order) in SORTS.items()
                if key != "relevance" or self.params.q
            ],
        }


def recommendation_context(request: HttpRequest, pk: int) -> dict[str, Any]:
    """The recommendation page: the record, its tags and the same text elsewhere."""
    rec = get_recommendation_for_user(request.user, pk)
    rec = (
        with_related(visible_recommendations(request.user).filter(pk=rec.pk))
        .prefetch_related("sdg_targets", "upr_issues", "other_texts")
        .select_related("action_category")[0]
    )
    same: list[SameText] = same_text_elsewhere(rec, visible_recommendations(request.user))
    return {
        "rec": rec,
        "texts": texts_in_reading_order(rec, get_language()),
        "same_text": same,
        "panels": panels_for("recommendation", request, rec),
    }


def texts_in_reading_order(rec: Recommendation, language: str | None) -> list[dict[str, str]]:
    """The recommendation's texts for display: the one in the visitor's ``language``
    first when it exists, else the text as imported; then the others, the text as
    imported (the official version the import read) before the rest. Each entry has
    ``language`` (code), ``name`` (the language's own name, e.g. "español") and ``text``.
    """
    texts = rec.texts_by_language()
    wanted = (language or "").split("-")[0]
    order = sorted(
        texts,
        key=lambda code: (code.split("-")[0] != wanted, code != rec.language, code),
    )
    return [{"language": code, "name": _language_name(code), "text": texts[code]} for code in order]


def _language_name(code: str) -> str:
    try:
        return str(get_language_info(code)["name_local"])
    except KeyError:
        return code


def recommendation_json(request: HttpRequest, pk: int) -> dict[str, Any]:
    """The recommendation page as JSON: a list result plus ``same_text`` (ids), ``texts``
    and ``suggested``: the suggested labels per taxonomy (same keys as the confirmed ones)
    with score and reason, as ``classify.shown.suggested_json`` lets ``request.user`` see.

    Raises:
        Http404: no such recommendation, or one hidden from ``request.user``.
    """
    ctx = recommendation_context(request, pk)
    visible = visible_recommendations(request.user)
    [data] = result_rows(visible, [ctx["rec"].pk], request)
    data["same_text"] = [s.recommendation.pk for s in ctx["same_text"]]
    data["texts"] = {t["language"]: t["text"] for t in ctx["texts"]}
    data["suggested"] = suggested_json(request.user, [data["id"]])[data["id"]]
    return data


def document_context(request: HttpRequest, pk: int) -> dict[str, Any]:
    """The document page: its visible recommendations in printed order, paged by 200."""
    doc = get_document_for_user(request.user, pk)
    recs = with_related(
        visible_recommendations(request.user).filter(document=doc).order_by("order", "id")
    )
    page = Paginator(recs, 200).get_page(request.GET.get("page"))
    return {"doc": doc, "page_obj": page, "panels": panels_for("document", request, doc)}


def country_context(request: HttpRequest, iso3: str) -> dict[str, Any]:
    """The country page: counts of visible recommendations by mechanism, theme and position."""
    country = get_object_or_404(Country, iso3=iso3.upper())
    qs = visible_recommendations(request.user).filter(country=country)
    return {
        "country": country,
        "total": qs.count(),
        "by_mechanism": FACETS["mechanism"].counts(qs, []),
        "by_theme": FACETS["theme"].counts(qs, []),
        "by_position": FACETS["position"].counts(qs, []),
        "by_cycle": FACETS["cycle"].counts(qs, []),
        "documents": visible_documents(request.user)
        .filter(country=country)
        .select_related("mechanism")
        .order_by("-adopted_on", "symbol")[:50],
        "panels": panels_for("country", request, country),
    }


def countries_context(request: HttpRequest) -> dict[str, Any]:
    """The country list: every country with visible recommendations, by name in the active
    language, with its number of visible recommendations (``rows``: list of FacetValue)."""
    facet = copy.copy(FACETS["country"])
    facet.limit = 1000  # every State (193 UN members plus observers and territories)
    rows = facet.counts(visible_recommendations(request.user), [])
    return {"rows": sorted(rows, key=lambda v: v.label.casefold())}


def home_context(request: HttpRequest) -> dict[str, Any]:
    """The home page: search box and a few counts of visible records."""
    visible = visible_recommendations(request.user)
    return {
        "total": visible.count(),
        "documents": visible_documents(request.user).count(),
        "countries": visible.order_by().values("country_id").distinct().count(),
        "by_mechanism": FACETS["mechanism"].counts(visible, []),
    }


__all__ = [
    "RESULT_FIELDS",
    "RecommendationList",
    "countries_context",
    "country_context",
    "document_context",
    "home_context",
    "recommendation_context",
    "result_rows",
]
