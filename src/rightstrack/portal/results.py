"""What the recommendations list shows of each result and each filter value, computed
once per row in Python.

The list page renders 25 results and about 200 filter values. Read through the template
engine, every ``rec.document.symbol`` or ``v.count|intcomma`` is a chain of lookups and
every result an ``{% include %}`` with its own ``{% url %}`` and ``{% translate %}``
tags: that was most of a first visit (docs/scaling.md, "Rendering the list"). Here
each result becomes a :class:`ResultView` of ready values (URLs from one ``reverse`` per
request, names in the visitor's language, the text cut to 70 words), and each filter
value a :class:`FacetChoice`; the templates only place them. The templates still
escape every value; :func:`reference` is the one value given as HTML.

The reference of a recommendation (:func:`reference`) has its one home here: the list,
the recommendation page and the classify pages show it through
``portal/includes/rec_ref.html``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.humanize.templatetags.humanize import intcomma
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.dateformat import format as date_format
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from rightstrack.catalog.models import Country, Recommendation
from rightstrack.portal.facets import FacetValue
from rightstrack.portal.rows import recommendation_url_maker

#: Words of a recommendation's text shown in the list (the rest on its page).
TEXT_WORDS = 70
#: The columns ``Country.name`` may read (one per UN language).
NAME_FIELDS = ("iso3", "name_en", "name_fr", "name_es", "name_ru", "name_zh", "name_ar")


def _translated(msgid: str, values: dict[str, object]) -> SafeString:
    """``msgid`` in the active language with ``values`` escaped into it, as
    ``{% blocktranslate %}`` does: values localized (numbers, dates) then escaped, the
    translation itself trusted; a translation that does not fit its values (a broken
    catalogue entry) gives the English text."""
    data = {k: conditional_escape(str(localize(v))) for k, v in values.items()}
    try:
        return SafeString(translation.gettext(msgid) % data)
    except (KeyError, ValueError):
        return SafeString(msgid % data)


def reference(rec: Recommendation) -> SafeString:
    """How pages name a recommendation, as HTML (escaped): ``A/HRC/43/15, para. 121.1``
    (symbol and paragraph as printed), the symbol alone, else ``Slovenia, UPR Working
    Group session 34 (no. 12)`` (UPR Info rows, which have no symbol), else
    ``CCPR Slovenia, recommendation 12``; in the active language.

    Reads ``rec.document`` (and ``rec.country``, ``rec.mechanism`` when there is no
    symbol): select them with the recommendation to avoid a query each.
    """
    symbol = rec.document.symbol
    if symbol and rec.paragraph:
        return _translated(
            "%(symbol)s, para. %(paragraph)s", {"symbol": symbol, "paragraph": rec.paragraph}
        )
    if symbol:
        return conditional_escape(symbol)
    country = rec.country.name if rec.country else ""
    if rec.upr_session:
        return _translated(
            "%(country)s, UPR Working Group session %(session)s (no. %(number)s)",
            {"country": country, "session": rec.upr_session, "number": rec.pk},
        )
    return _translated(
        "%(mechanism)s %(country)s, recommendation %(number)s",
        {"mechanism": rec.mechanism.code, "country": country, "number": rec.pk},
    )


def with_shown(qs: QuerySet[Recommendation]) -> QuerySet[Recommendation]:
    """``qs`` with what a :class:`ResultView` reads, in a fixed number of queries (1 + 2
    prefetches): the document, mechanism and country, the recommending States (every
    name column: ``Country.name`` reads the active language's) and the themes."""
    return qs.select_related("document", "mechanism", "country").prefetch_related(
        Prefetch("recommending_states", queryset=Country.objects.only("id", *NAME_FIELDS)),
        "themes",
    )


@dataclass(frozen=True, slots=True)
class ResultView:
    """One result of the list, ready to place (``portal/includes/recommendation_list_body.html``).

    Text values are plain (the template escapes them); ``reference`` is HTML.
    """

    pk: int
    #: The recommendation's page (relative URL).
    url: str
    reference: SafeString
    #: Language code and text shown: the UN's text in the visitor's language when held
    #: (``catalog.models.texts_in``), cut to :data:`TEXT_WORDS` words.
    language: str
    text: str
    mechanism: str
    #: The country's name in the active language and its page; ``None``: no country.
    country_name: str | None
    country_url: str
    #: ``2026-05-20`` and the date as the active language writes it; ``""``: no date.
    date_iso: str
    date: str
    #: The year when there is no date (``""``: neither).
    year: str
    #: ``supported``, ``noted``, ``pending`` and its label; ``""``: no position.
    position: str
    position_label: str
    #: Recommending States' names and theme names, in the active language.
    states: list[str]
    themes: list[str]


class ResultViews:
    """Builds the :class:`ResultView` of each result of one response (same language and
    URLs for all: one ``reverse`` for the recommendation pages, one per country shown)."""

    def __init__(self) -> None:
        self._recommendation_url: Callable[[int], str] = recommendation_url_maker()
        self._country_urls: dict[str, str] = {}
        #: Names of the countries met so far, by id (``Country.name``: active language).
        self._country_names: dict[int, str] = {}
        #: The position labels of ``Recommendation.position``'s choices, translated once
        #: (what ``get_position_display`` gives, without its per-call lookup table).
        self._positions = {
            value: str(label)
            for value, label in Recommendation._meta.get_field("position").flatchoices
        }

    def country_name(self, country: Country) -> str:
        """``country.name`` (in the active language), read once per country and response."""
        name = self._country_names.get(country.pk)
        if name is None:
            name = self._country_names[country.pk] = country.name
        return name

    def country_url(self, iso3: str) -> str:
        """The country page of ``iso3`` (reversed once per country and response)."""
        url = self._country_urls.get(iso3)
        if url is None:
            url = self._country_urls[iso3] = reverse("portal:country_detail", args=[iso3])
        return url

    def view(self, rec: Recommendation) -> ResultView:
        """``rec`` as the list shows it. ``rec`` comes with its document, mechanism,
        country, recommending States and themes (:func:`with_shown`) and, optionally,
        ``shown_language``/``shown_text`` (set by ``RecommendationList.page``)."""
        country = rec.country
        date = rec.date
        return ResultView(
            pk=rec.pk,
            url=self._recommendation_url(rec.pk),
            reference=reference(rec),
            language=getattr(rec, "shown_language", "") or rec.language,
            text=Truncator(getattr(rec, "shown_text", "") or rec.text).words(
                TEXT_WORDS, truncate=" …"
            ),
            mechanism=rec.mechanism.code,
            country_name=self.country_name(country) if country else None,
            country_url=self.country_url(country.iso3) if country else "",
            date_iso=date_format(date, "Y-m-d") if date else "",
            date=str(localize(date)) if date else "",
            year=str(localize(rec.year)) if rec.year and not date else "",
            position=rec.position,
            position_label=self._positions.get(rec.position, rec.position),
            states=[self.country_name(c) for c in rec.recommending_states.all()],
            themes=[str(t) for t in rec.themes.all()],
        )

    def views(self, recs: Iterable[Recommendation]) -> list[ResultView]:
        """:meth:`view` of each of ``recs``, in order."""
        return [self.view(rec) for rec in recs]


@dataclass(frozen=True, slots=True)
class FacetChoice:
    """One value offered by a filter of the list (``recommendation_facets.html``)."""

    value: str
    label: str
    #: The number of results, grouped as the active language writes numbers; ``None``:
    #: not counted yet (the counts come after the page).
    count: str | None
    selected: bool
    #: The checkbox's ``id``: ``f-<param>-<position from 1>``.
    input_id: str


def facet_choices(param: str, values: list[FacetValue]) -> list[FacetChoice]:
    """The filter values of facet ``param`` as the form shows them, in order."""
    return [
        FacetChoice(
            v.value,
            v.label,
            None if v.count is None else intcomma(v.count),
            v.selected,
            f"f-{param}-{n}",
        )
        for n, v in enumerate(values, start=1)
    ]


__all__ = [
    "FacetChoice",
    "ResultView",
    "ResultViews",
    "facet_choices",
    "reference",
    "with_shown",
]
