"""Query parameters of the recommendations list, and the functions that apply them.

The HTML page, ``/recommendations.json`` and ``/recommendations.csv`` share
these parameters (stable names, other tools read them), and so does the
recommendations export of the reports app (:func:`listed`):

``q``
    full-text query (see :mod:`rightstrack.portal.search`), normalised there; a query
    with no positive term gives an empty list (``ListParams.matches_nothing``);
``country``, ``mechanism``, ``theme``, ``affected``, ``issue``, ``sdg``, ``position``,
``recommending_state``, ``cycle``, ``year``, ``document``
    facet values (repeat a parameter to OR values), see :mod:`rightstrack.portal.facets`;
``repeated``
    ``1``: only recommendations made again, i.e. with an earlier recommendation of the
    same ask to the same State that the user may see (``classify.consolidation.repeated``);
``sort``
    one of :data:`SORTS` (default ``relevance`` with a query, else ``newest``);
``page``
    1-based page number (HTML and JSON only; the CSV holds every row).

Integer parameters (``year``, ``cycle``, ``sdg``, ``page``) are read by :func:`parse_int`:
a value that is not a plain ASCII number within a database integer is dropped
(``page`` falls back to 1), never an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import F, OrderBy, QuerySet
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from rightstrack.catalog.models import Recommendation
from rightstrack.classify.consolidation.repeated import repeated_filter
from rightstrack.portal.facets import FACETS, facet_filter
from rightstrack.portal.search import matches_nothing, normalise_query, search, with_relevance

RecQS = QuerySet[Recommendation]

#: sort key -> (label, ORM ordering). ``relevance`` is handled apart.
SORTS: dict[str, tuple[Promise, list[str | OrderBy]]] = {
    "relevance": (_("Relevance"), []),
    "newest": (_("Newest first"), [F("date").desc(nulls_last=True), "-id"]),
    "oldest": (_("Oldest first"), [F("date").asc(nulls_last=True), "id"]),
    "country": (_("Country"), ["country__name_en", "document_id", "order", "id"]),
    "document": (_("Document order"), ["document_id", "order", "id"]),
}
MAX_Q_LENGTH = 500
#: Facet parameters whose values are integers (see :func:`parse_int`).
INTEGER_PARAMS = ("year", "cycle", "sdg")
#: The largest value of a database ``integer`` (PostgreSQL's 4 bytes; SQLite takes 8).
MAX_INT = 2**31 - 1


def parse_int(value: str | None) -> int | None:
    """``value`` as a non-negative integer within :data:`MAX_INT`, else ``None``.

    Only ASCII digits: ``"²"``, ``"1e5"``, ``"-1"`` or a 20-digit number are ``None``.
    """
    text = (value or "").strip()
    if not text or not text.isascii() or not text.isdigit() or len(text) > len(str(MAX_INT)):
        return None
    number = int(text)
    return number if number <= MAX_INT else None


@dataclass
class ListParams:
    """The parsed, validated query parameters of a recommendations list."""

    q: str = ""
    #: ``q`` was typed but has no positive term: the list is empty (see ``search``).
    matches_nothing: bool = False
    selected: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "newest"
    page: int = 1
    #: ``repeated=1``: only recommendations with an earlier one of the same ask.
    repeated: bool = False

    @classmethod
    def from_querydict(cls, data: QueryDict) -> ListParams:
        """Parse ``request.GET``. Unknown or malformed values are dropped, never an error."""
        raw_q = data.get("q") or ""
        q = normalise_query(raw_q)[:MAX_Q_LENGTH]
        nothing = matches_nothing(raw_q) or matches_nothing(q)
        selected = {}
        for param, facet in FACETS.items():
            values = facet.clean(data.getlist(param))
            if param in INTEGER_PARAMS:
                values = [v for v in values if parse_int(v) is not None]
            if values:
                selected[param] = values
        sort = data.get("sort") or ""
        if sort not in SORTS or (sort == "relevance" and not q):
            sort = "relevance" if q else "newest"
        page = max(1, parse_int(data.get("page")) or 1)
        repeated = (data.get("repeated") or "").strip() == "1"
        return cls(
            q=q,
            matches_nothing=nothing,
            selected=selected,
            sort=sort,
            page=page,
            repeated=repeated,
        )

    def querystring(self, *, page: int | None = None, drop: tuple[str, str] | None = None) -> str:
        """The URL query for these parameters (optionally another page, or without one value)."""
        pairs: list[tuple[str, str]] = []
        if self.q:
            pairs.append(("q", self.q))
        for param, values in self.selected.items():
            pairs += [(param, v) for v in values if drop != (param, v)]
        if self.repeated and drop != ("repeated", "1"):
            pairs.append(("repeated", "1"))
        if self.sort != ("relevance" if self.q else "newest"):
            pairs.append(("sort", self.sort))
        if page and page > 1:
            pairs.append(("page", str(page)))
        return urlencode(pairs)

    @property
    def is_filtered(self) -> bool:
        return bool(self.q or self.matches_nothing or self.selected or self.repeated)


def searched(visible: RecQS, params: ListParams, lang: str | None) -> RecQS:
    """``visible`` restricted by the full-text query and ``repeated`` (the base for facet
    counts)."""
    if params.matches_nothing:
        return visible.none()
    found = search(visible, params.q, lang)
    if params.repeated:
        found = found.filter(repeated_filter(visible))
    return found


def filtered(visible: RecQS, params: ListParams, lang: str | None) -> RecQS:
    """``visible`` restricted by the query and every selected facet value."""
    return facet_filter(searched(visible, params, lang), params.selected)


def sorted_results(qs: RecQS, params: ListParams, lang: str | None) -> RecQS:
    """``qs`` in the order asked for; relevance falls back to newest without a query."""
    if params.sort == "relevance" and params.q and not params.matches_nothing:
        # "relevance" is an extra() select, unknown to the django-stubs plugin.
        ranked = with_relevance(qs, params.q, lang)
        return ranked.order_by("-relevance", "-id")  # type: ignore[misc]
    return qs.order_by(*SORTS[params.sort][1])


def listed(visible: RecQS, params: ListParams, lang: str | None) -> RecQS:
    """``visible`` filtered by ``params`` in the list's order: the rows of the list page,
    its JSON and its CSV, and of the recommendations export for the same parameters.

    Args:
        visible: recommendations the user may see (``visible_recommendations``).
        params: the parsed list parameters (``ListParams.from_querydict``).
        lang: active language code (full-text search configuration), or ``None``.
    """
    return sorted_results(filtered(visible, params, lang), params, lang)
