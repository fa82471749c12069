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

from dataclasses import dataclass
from typing import Any

from django.contrib.humanize.templatetags.humanize import intcomma
from django.urls import reverse
from django.utils import translation
from django.utils.dateformat import format as date_format
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext, gettext_noop

from rightstrack.catalog.models import Country, Recommendation, texts_in
from rightstrack.portal.facets import FacetValue

#: Words of a recommendation's text shown in the list (the rest on its page).
TEXT_WORDS = 70
#: The columns a result's States are named from: ``iso3`` and ``Country.NAME_COLUMNS``.
NAME_FIELDS = ("iso3", *Country.NAME_COLUMNS)


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
    ``CCPR Slovenia, recommendation 12``; in the active language (see
    :func:`reference_of`).

    Reads ``rec.document`` (and ``rec.country``, ``rec.mechanism`` when there is no
    symbol): select them with the recommendation to avoid a query each.
    """
    symbol = rec.document.symbol
    if symbol:
        return reference_of(symbol, rec.paragraph, "", None, rec.pk, "")
    return reference_of(
        symbol,
        rec.paragraph,
        rec.country.name if rec.country else "",
        rec.upr_session,
        rec.pk,
        rec.mechanism.code,
    )


def reference_of(
    symbol: str,
    paragraph: str,
    country: str,
    upr_session: int | None,
    pk: int,
    mechanism: str,
) -> SafeString:
    """The reference of :func:`reference` from plain values: the document's ``symbol``
    (``""``: none), the ``paragraph`` as printed, the ``country``'s name in the active
    language (``""``: none), the UPR session, the recommendation's ``pk`` and the
    ``mechanism``'s code (the last four only read when there is no symbol)."""
    if symbol and paragraph:
        return _translated(
            gettext_noop("%(symbol)s, para. %(paragraph)s"),
            {"symbol": symbol, "paragraph": paragraph},
        )
    if symbol:
        return conditional_escape(symbol)
    if upr_session:
        return _translated(
            gettext_noop("%(country)s, UPR Working Group session %(session)s (no. %(number)s)"),
            {"country": country, "session": upr_session, "number": pk},
        )
    return _translated(
        gettext_noop("%(mechanism)s %(country)s, recommendation %(number)s"),
        {"mechanism": mechanism, "country": country, "number": pk},
    )


#: The tags of a portal row (``portal.rows``) a :class:`ResultView` shows.
SHOWN_TAGS = ("recommending_states", "themes")


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
    """Builds the :class:`ResultView` of each result of one response from its portal rows
    (:func:`with_shown`): same language and URLs for all, one ``reverse`` per country
    shown."""

    def __init__(self) -> None:
        self._country_urls: dict[str, str] = {}
        #: The position labels of ``Recommendation.position``'s choices, translated once
        #: (what ``get_position_display`` gives, without its per-call lookup table).
        self._positions = {
            value: str(label)
            for value, label in Recommendation._meta.get_field("position").flatchoices
        }

    def country_url(self, iso3: str) -> str:
        """The country page of ``iso3`` (reversed once per country and response)."""
        url = self._country_urls.get(iso3)
        if url is None:
            url = self._country_urls[iso3] = reverse("portal:country_detail", args=[iso3])
        return url

    def views(self, rows: list[dict[str, Any]]) -> list[ResultView]:
        """Each of ``rows`` (portal rows completed by :func:`with_shown`) as the list
        shows it, in order. No query."""
        out = []
        for row in rows:
            pk = row["id"]
            iso3 = row["country"]
            date = row["date"]
            year = row["year"]
            position = row["position"]
            out.append(
                ResultView(
                    pk=pk,
                    url=row["url"],
                    reference=reference_of(
                        row["symbol"],
                        row["paragraph"],
                        row["shown_country"] or "",
                        row["upr_session"],
                        pk,
                        row["mechanism"],
                    ),
                    language=row["shown_language"] or row["language"],
                    text=Truncator(row["shown_text"] or row["text"]).words(
                        TEXT_WORDS, truncate=" …"
                    ),
                    mechanism=row["mechanism"],
                    country_name=row["shown_country"],
                    country_url=self.country_url(iso3) if iso3 else "",
                    date_iso=date_format(date, "Y-m-d") if date else "",
                    date=str(localize(date)) if date else "",
                    year=str(localize(year)) if year and not date else "",
                    position=position,
                    position_label=self._positions.get(position, position),
                    states=row["shown_states"],
                    # ``Theme.__str__``: the name in the visitor's language.
                    themes=[gettext(name) for name in row["themes"]],
                )
            )
        return out


def with_shown(rows: list[dict[str, Any]], language: str | None) -> list[dict[str, Any]]:
    """``rows`` (portal rows with the tags :data:`SHOWN_TAGS`, read by
    ``portal.rows.rows_for_ids``) completed with what :meth:`ResultViews.views` shows
    beyond their own values, in the active language:

    ``shown_language``, ``shown_text``
        the UN's text in ``language`` when held (``catalog.models.texts_in``: one query
        when a row's text is in another language);
    ``shown_country``
        the name of the State concerned (``Country.name``), ``None`` when none;
    ``shown_states``
        the recommending States' names, in the order of their English names (as
        ``Country``'s ordering lists them).

    Costs at most 2 queries: ``texts_in`` and, outside English, :func:`country_names`.
    """
    shown = texts_in({row["id"]: (row["language"], row["text"]) for row in rows}, language)
    names = country_names(rows)
    for row in rows:
        row["shown_language"], row["shown_text"] = shown[row["id"]]
        row["shown_country"] = names[row["country"]] if row["country"] else None
        states = sorted(row["recommending_states"], key=lambda s: (s[1], s[0]))
        row["shown_states"] = [names[code] for code, _name in states]
    return rows


def country_names(rows: list[dict[str, Any]]) -> dict[str, str]:
    """ISO3 -> ``Country.name`` (the active language) of every country and recommending
    State of ``rows`` (portal rows with ``recommending_states``). In English the rows'
    own English names, no query; otherwise one query."""
    english = {row["country"]: row["country_name"] for row in rows if row["country"]}
    for row in rows:
        english.update(row["recommending_states"])
    if Country.name_column() == "name_en":
        return english
    countries = Country.objects.filter(iso3__in=english).only(*NAME_FIELDS)
    return {country.iso3: country.name for country in countries}


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
    "SHOWN_TAGS",
    "FacetChoice",
    "ResultView",
    "ResultViews",
    "country_names",
    "facet_choices",
    "reference",
    "reference_of",
    "with_shown",
]
