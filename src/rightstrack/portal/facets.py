"""Facets of the recommendations list: small registered classes.

Each facet reads one query parameter (``country=SVN&country=HRV``: values of
one facet are ORed, facets are ANDed), filters a queryset with it, and counts
its values on a queryset. Counts are computed on the queryset filtered by
everything *except* the facet's own parameter, so that selecting "SVN" still
shows how many results other countries would give. Callers pass querysets
from ``visible_recommendations(user)`` only, so counts never include records
the user may not see.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Model, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from rightstrack.catalog.models import Country, Document, Mechanism, Recommendation
from rightstrack.portal.search_index import facet_key

RecQS = QuerySet[Recommendation]


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet with its number of matching recommendations."""

    value: str
    label: str
    #: ``None`` while the list's counts are not known yet (``Facet.uncounted``).
    count: int | None
    selected: bool = False


class Facet(ABC):
    """Base class. Subclasses set ``param``, ``label`` and implement filter/rows."""

    param: str = ""
    label: Promise | str = ""
    #: How many values to show, most frequent first.
    limit: int = 15

    def clean(self, values: list[str]) -> list[str]:
        """Normalise raw query values (strip, drop blanks); override to validate."""
        return [v.strip() for v in values if v.strip()][:20]

    @abstractmethod
    def filter(self, qs: RecQS, values: list[str], cache: dict[Any, Any] | None = None) -> RecQS:
        """``qs`` restricted to recommendations having any of ``values``.

        ``cache`` (a dict kept for one request) lets a facet remember lookups
        it made for the same values.
        """

    @abstractmethod
    def rows(self, qs: RecQS) -> list[tuple[Any, str, int]]:
        """(value, label, count) rows of the ``limit`` most frequent values in ``qs``."""

    #: The facet's name among the search rows' facet keys (both engines,
    #: ``search_index.FACET_KEY_COLUMNS`` and ``FACET_KEY_TAGS``), or ``None``.
    index_key: str | None = None

    def index_keys(
        self, values: list[str], cache: dict[Any, Any] | None = None
    ) -> list[str] | None:
        """The search rows' facet keys of ``values`` (``country 12``: ``search_index.facet_key``):
        a row has one of them
        exactly when :meth:`filter` keeps its recommendation. ``None`` when the facet has no
        keys. An unknown value has no key (so, like the filter, it matches nothing)."""
        return None

    def counts(
        self,
        qs: RecQS,
        selected: list[str],
        rows: list[tuple[Any, str, int]] | None = None,
    ) -> list[FacetValue]:
        """Values of this facet in ``qs`` with counts, most frequent first.

        Selected values always appear (so that they can be unticked), after
        the most frequent ones, even when they are not among them; this costs
        one more query only in that case (two when a selected value has no result: its
        label is looked up, :meth:`labels`). ``rows``: this facet's :meth:`rows` of ``qs``
        when already known (counted for another list with the same ``qs``).
        """
        chosen = set(selected)
        values = [
            FacetValue(str(v), label, n, str(v) in chosen)
            for v, label, n in (self.rows(qs) if rows is None else rows)
            if v is not None and v != ""
        ]
        missing = chosen - {v.value for v in values}
        if missing:
            extra = {
                str(v): (label, n)
                for v, label, n in self.rows(self.filter(qs, sorted(missing)))
                if str(v) in missing
            }
            # A selected value no result has is named from its own table ("Paraguay",
            # "Cycle 2"), not shown as its raw value ("PRY", "2").
            names = self.labels([v for v in selected if v in missing and v not in extra])
            values += [
                FacetValue(
                    v,
                    extra[v][0] if v in extra else names.get(v, v),
                    extra.get(v, ("", 0))[1],
                    True,
                )
                for v in selected
                if v in missing
            ]
        return values

    def labels(self, values: list[str]) -> dict[str, str]:
        """Labels of ``values`` in the visitor's language, without counting anything (one
        small query on the value's own table at most); a value with no label is left out."""
        return {}

    def uncounted(self, shown: list[FacetValue], selected: list[str]) -> list[FacetValue]:
        """The values to offer while this list's counts are not known yet: ``shown`` (the
        unfiltered list's most frequent values, counts dropped) then the selected values
        missing from them (so that they can be unticked), labelled by :meth:`labels`.
        Counts are ``None``."""
        chosen = set(selected)
        values = [FacetValue(v.value, v.label, None, v.value in chosen) for v in shown]
        missing = [v for v in selected if v not in {x.value for x in values}]
        if missing:
            labels = self.labels(missing)
            values += [FacetValue(v, labels.get(v, v), None, True) for v in missing]
        return values


def _ids(
    param: str,
    values: list[str],
    model: type[Model],
    lookup: str,
    cache: dict[Any, Any] | None,
) -> list[int]:
    """The ids of the rows of ``model`` whose ``lookup`` is one of ``values`` (one small
    query), remembered in a request's ``cache`` under the facet ``param`` and the values."""
    key = (param, tuple(values))
    ids = cache.get(key) if cache is not None else None
    if ids is None:
        rows = model._default_manager.filter(**{f"{lookup}__in": values})
        ids = list(rows.values_list("pk", flat=True))
        if cache is not None:
            cache[key] = ids
    return ids


class FieldFacet(Facet):
    """A facet on a field or a forward foreign key of Recommendation (``country__iso3``).

    For a foreign key, set ``fk`` (the field name) and ``fk_model``: the values
    are first turned into ids (one small query per request), so the filter is
    ``mechanism_id IN (5)``. PostgreSQL then estimates it from the column's
    statistics; through the join (``mechanism.code = 'UPR'``) it assumed an even
    spread, chose per-row index probes and ran 10-100 times slower.
    """

    field: str = ""
    label_field: str | None = None
    fk: str | None = None
    fk_model: type[Model] | None = None

    def filter(self, qs: RecQS, values: list[str], cache: dict[Any, Any] | None = None) -> RecQS:
        if self.fk is None or self.fk_model is None:
            return qs.filter(**{f"{self.field}__in": values})
        return qs.filter(**{f"{self.fk}_id__in": self.ids(values, cache)})

    def ids(self, values: list[str], cache: dict[Any, Any] | None = None) -> list[int]:
        """The foreign key's ids of ``values`` (one small query, remembered in ``cache``).

        Raises:
            TypeError: the facet has no foreign key (``fk_model``).
        """
        if self.fk_model is None:
            raise TypeError(f"the facet {self.param} has no foreign key")
        lookup = self.field.split("__", 1)[1]
        return _ids(self.param, values, self.fk_model, lookup, cache)

    def key_values(self, values: list[str]) -> list[str]:
        """The column's values as the facet keys write them (a column without a foreign
        key); the filter's own values by default."""
        return values

    def index_keys(
        self, values: list[str], cache: dict[Any, Any] | None = None
    ) -> list[str] | None:
        if self.index_key is None:
            return None
        if self.fk is None or self.fk_model is None:
            return [facet_key(self.index_key, v) for v in self.key_values(values)]
        return [facet_key(self.index_key, pk) for pk in self.ids(values, cache)]

    def label_fields(self) -> list[str]:
        return [self.label_field] if self.label_field else []

    def labels(self, values: list[str]) -> dict[str, str]:
        if self.fk is None or self.fk_model is None:
            out = {}
            for v in values:
                try:
                    out[v] = self.make_label({self.field: v})
                except (ValueError, KeyError):
                    continue
            return out
        lookup = self.field.split("__", 1)[1]
        prefix = f"{self.fk}__"
        own = [f.removeprefix(prefix) for f in self.label_fields()]
        rows = self.fk_model._default_manager.filter(**{f"{lookup}__in": values}).values(
            lookup, *own
        )
        return {
            str(row[lookup]): self.make_label({f"{prefix}{k}": v for k, v in row.items()})
            for row in rows
        }

    def make_label(self, row: dict[str, Any]) -> str:
        return str(row[self.label_field]) if self.label_field else str(row[self.field])

    def rows(self, qs: RecQS) -> list[tuple[Any, str, int]]:
        fields = [self.field, *self.label_fields()]
        data = (
            qs.order_by()
            .exclude(**{f"{self.field}__isnull": True})
            .values(*fields)
            .annotate(n=Count("pk"))
            .order_by("-n", self.field)[: self.limit]
        )
        return [(row[self.field], self.make_label(row), row["n"]) for row in data]


class M2MFacet(Facet):
    """A facet on a many-to-many tag of Recommendation (themes, affected persons...).

    Filtering goes through a subquery on the through table, so a recommendation
    with two selected tags is returned once.
    """

    m2m: str = ""
    key: str = "slug"
    label_key: str = "name"

    def _through(self) -> tuple[type[Model], str, str]:
        field: Any = Recommendation._meta.get_field(self.m2m)
        through = field.remote_field.through
        return through, field.m2m_field_name(), field.m2m_reverse_field_name()

    def filter(self, qs: RecQS, values: list[str], cache: dict[Any, Any] | None = None) -> RecQS:
        through, rec, tag = self._through()
        ids = through._default_manager.filter(**{f"{tag}__{self.key}__in": values}).values(
            f"{rec}_id"
        )
        return qs.filter(pk__in=ids)

    def index_keys(
        self, values: list[str], cache: dict[Any, Any] | None = None
    ) -> list[str] | None:
        if self.index_key is None:
            return None
        field: Any = Recommendation._meta.get_field(self.m2m)
        ids = _ids(self.param, values, field.related_model, self.key, cache)
        return [facet_key(self.index_key, pk) for pk in ids]

    def labels(self, values: list[str]) -> dict[str, str]:
        field: Any = Recommendation._meta.get_field(self.m2m)
        _through, _rec, tag = self._through()
        own = [lk.split("__", 1)[1] for lk in self.label_lookups(tag)]
        rows = field.related_model._default_manager.filter(**{f"{self.key}__in": values}).values(
            self.key, *own
        )
        return {
            str(row[self.key]): self.make_label({f"{tag}__{k}": v for k, v in row.items()}, tag)
            for row in rows
        }

    def make_label(self, row: dict[str, Any], tag: str) -> str:
        """The label in the visitor's language (taxonomy labels are in the catalogues,
        ``catalog/taxonomy_names.py``; other values come back as they are)."""
        return gettext(str(row[f"{tag}__{self.label_key}"]))

    def label_lookups(self, tag: str) -> list[str]:
        return [f"{tag}__{self.label_key}"]

    def rows(self, qs: RecQS) -> list[tuple[Any, str, int]]:
        through, rec, tag = self._through()
        value = f"{tag}__{self.key}"
        data = (
            through._default_manager.filter(**{f"{rec}_id__in": qs.order_by().values("pk")})
            .values(value, *self.label_lookups(tag))
            .annotate(n=Count(f"{rec}_id"))
            .order_by("-n", value)[: self.limit]
        )
        return [(row[value], self.make_label(row, tag), row["n"]) for row in data]


def _country_name_field(prefix: str) -> str:
    return f"{prefix}__{Country.name_column()}"


class CountryFacet(FieldFacet):
    param = "country"
    label = _("Country")
    field = "country__iso3"
    fk = "country"
    fk_model = Country
    index_key = "country"

    def clean(self, values: list[str]) -> list[str]:
        return [v.upper() for v in super().clean(values)]

    def label_fields(self) -> list[str]:
        return sorted({"country__name_en", _country_name_field("country")})

    def make_label(self, row: dict[str, Any]) -> str:
        return str(row[_country_name_field("country")] or row["country__name_en"])


class MechanismFacet(FieldFacet):
    param = "mechanism"
    label = _("Mechanism")
    field = "mechanism__code"
    fk = "mechanism"
    fk_model = Mechanism
    index_key = "mechanism"
    limit = 30

    def clean(self, values: list[str]) -> list[str]:
        return [v.upper() for v in super().clean(values)]


class DocumentFacet(FieldFacet):
    param = "document"
    label = _("Document")
    field = "document__key"
    fk = "document"
    fk_model = Document
    index_key = "document"

    def label_fields(self) -> list[str]:
        return ["document__symbol", "document__title"]

    def make_label(self, row: dict[str, Any]) -> str:
        return str(row["document__symbol"] or row["document__title"] or row["document__key"])


class PositionFacet(FieldFacet):
    param = "position"
    label = _("UPR position")
    field = "position"
    index_key = "position"

    def make_label(self, row: dict[str, Any]) -> str:
        return str(Recommendation.Position(row["position"]).label)

    def filter(self, qs: RecQS, values: list[str], cache: dict[Any, Any] | None = None) -> RecQS:
        return qs.filter(position__in=self.key_values(values))

    def key_values(self, values: list[str]) -> list[str]:
        """The valid positions among ``values`` (others match nothing)."""
        return [v for v in values if v in Recommendation.Position.values and v]


class YearFacet(FieldFacet):
    param = "year"
    label = _("Year")
    field = "year"
    index_key = "year"
    limit = 30

    def rows(self, qs: RecQS) -> list[tuple[Any, str, int]]:
        data = super().rows(qs)
        return sorted(data, key=lambda r: -int(r[0]))

    def key_values(self, values: list[str]) -> list[str]:
        """The numbers as the database prints them (``"02013"`` filters the year 2013)."""
        return [str(int(v)) for v in values if v.isascii() and v.isdigit()]


class CycleFacet(YearFacet):
    param = "cycle"
    label = _("UPR cycle")
    field = "upr_cycle"
    index_key = "cycle"
    limit = 10

    def make_label(self, row: dict[str, Any]) -> str:
        return str(_("Cycle %(number)s") % {"number": row["upr_cycle"]})


class ThemeFacet(M2MFacet):
    param = "theme"
    label = _("Theme")
    m2m = "themes"
    index_key = "theme"


class AffectedFacet(M2MFacet):
    param = "affected"
    label = _("Affected persons")
    m2m = "affected_groups"
    index_key = "affected"


class UprIssueFacet(M2MFacet):
    param = "issue"
    label = _("UPR Info issue")
    m2m = "upr_issues"
    index_key = "issue"


class SdgFacet(M2MFacet):
    param = "sdg"
    label = _("SDG")
    m2m = "sdg_goals"
    index_key = "sdg"
    key = "number"
    limit = 17

    def label_lookups(self, tag: str) -> list[str]:
        return [f"{tag}__short_title", f"{tag}__title"]

    def make_label(self, row: dict[str, Any], tag: str) -> str:
        title = gettext(row[f"{tag}__short_title"] or row[f"{tag}__title"])
        return str(
            _("SDG %(number)s: %(title)s") % {"number": row[f"{tag}__number"], "title": title}
        )


class RecommendingStateFacet(M2MFacet):
    param = "recommending_state"
    label = _("Recommending State")
    m2m = "recommending_states"
    index_key = "state"
    key = "iso3"

    def clean(self, values: list[str]) -> list[str]:
        return [v.upper() for v in super().clean(values)]

    def label_lookups(self, tag: str) -> list[str]:
        return sorted({f"{tag}__name_en", _country_name_field(tag)})

    def make_label(self, row: dict[str, Any], tag: str) -> str:
        return str(row[_country_name_field(tag)] or row[f"{tag}__name_en"])


#: The registry, in display order. Add a facet by appending an instance.
FACETS: dict[str, Facet] = {}


def register(facet: Facet) -> Facet:
    """Add ``facet`` to :data:`FACETS` under its query parameter."""
    FACETS[facet.param] = facet
    return facet


for _facet in (
    CountryFacet(),
    MechanismFacet(),
    ThemeFacet(),
    AffectedFacet(),
    UprIssueFacet(),
    SdgFacet(),
    PositionFacet(),
    RecommendingStateFacet(),
    CycleFacet(),
    YearFacet(),
    DocumentFacet(),
):
    register(_facet)


def facet_filter(
    qs: RecQS,
    selected: dict[str, list[str]],
    skip: str | None = None,
    cache: dict[Any, Any] | None = None,
) -> RecQS:
    """Apply every selected facet value to ``qs``, except the facet ``skip``.

    ``cache``: a dict shared by the calls of one request (see :class:`FieldFacet`).
    """
    for param, values in selected.items():
        if param != skip and values and param in FACETS:
            qs = FACETS[param].filter(qs, values, cache)
    return qs


def facet_counts(
    base: RecQS,
    selected: dict[str, list[str]],
    cache: dict[Any, Any] | None = None,
    known: dict[str, list[FacetValue]] | None = None,
) -> dict[str, list[FacetValue]]:
    """Counts of every registered facet on ``base`` (already searched, not yet faceted).

    Each facet's counts exclude its own selection. One query per facet, except for the
    facets in ``known``: their values counted on the same ``base`` with nothing selected
    (the unfiltered list's, when ``base`` is every visible recommendation and the facet is
    the only one selected), to which the selection is applied.
    """
    cache = {} if cache is None else cache
    known = known or {}
    out = {}
    for param, facet in FACETS.items():
        qs = facet_filter(base, selected, skip=param, cache=cache)
        rows = None
        if param in known:
            rows = [(v.value, v.label, v.count or 0) for v in known[param] if not v.selected]
        out[param] = facet.counts(qs, selected.get(param, []), rows)
    return out
