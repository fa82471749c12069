"""Charts rendered as SVG on the server, each with a text alternative and its data table.

Library: **pygal** (Kozea, the makers of WeasyPrint). It writes SVG natively,
is pure Python (no numpy, no Matplotlib font cache or Agg backend), keeps
``<title>``/``<desc>`` per value, and styles through CSS, so a chart is a few
kilobytes of markup that works without JavaScript. Matplotlib's SVG backend
would also do, but it draws text as paths by default and pulls in numpy for
bar charts of a few dozen numbers.

Every chart is a :class:`Chart`: ``svg`` (inline markup: ``role="img"``,
``<title>`` and ``<desc>`` first, no script), ``summary`` (a sentence with the
numbers, used as ``<desc>`` and under the figure) and ``headers``/``rows``
(the data table shown beside it). The data come only through the permission
helpers: restricted records are never counted.

Styles and the Content Security Policy: pygal writes its CSS as a ``<style>``
element inside each SVG, scoped to a random ``#chart-<uuid>``, and a few
``style=""`` attributes. Inlined in a page, both count as inline styles that
the site's policy (no ``'unsafe-inline'``, see settings.py) refuses. So the
inline SVG carries neither: :func:`chart_stylesheet` is pygal's own CSS for
:data:`STYLE`, scoped to the ``pygal-chart`` class every chart has, served
once per page as a stylesheet (``reports:chart_css``); ``style`` attributes
become SVG presentation attributes. The downloadable SVG file
(:func:`standalone_svg`) embeds that same CSS so it looks the same on its own;
its response allows exactly that ``<style>`` by its SHA-256 hash.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pygal
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from lxml import etree
from pygal.style import Style

from rightstrack.accounts.types import Viewer
from rightstrack.catalog.models import Recommendation
from rightstrack.reports.data import shown_assignments, shown_follow_ups, shown_recommendations

SVG_NS = "http://www.w3.org/2000/svg"
#: Bars drawn at most per chart (the data table always lists every group).
MAX_BARS = 25
#: Okabe-Ito colour-blind-safe palette (Okabe & Ito 2008), then greys.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
    "#000000",
    "#999999",
)
STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#222",
    foreground_strong="#000",
    foreground_subtle="#555",
    colors=PALETTE,
    font_family="'DejaVu Sans', 'Noto Sans', Arial, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=13,
    title_font_size=16,
    value_font_size=12,
    tooltip_font_size=13,
)


@dataclass
class Chart:
    """One chart: SVG markup, its text alternative and the data table beside it."""

    slug: str
    title: str
    summary: str
    svg: SafeString
    headers: list[str]
    rows: list[list[Any]]
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Scope:
    """Which recommendations a chart counts: optional ``country`` (ISO3), ``mechanism`` code."""

    country: str = ""
    mechanism: str = ""

    @classmethod
    def from_params(cls, params: Any) -> Scope:
        """From query parameters ``country`` and ``mechanism`` (unknown values match nothing)."""
        return cls(
            (params.get("country") or "").upper()[:3], (params.get("mechanism") or "").upper()[:32]
        )

    def recommendations(self, user: Viewer | None) -> QuerySet[Recommendation]:
        """The recommendations ``user`` may see in this scope."""
        qs = shown_recommendations(user)
        if self.country:
            qs = qs.filter(country__iso3=self.country)
        if self.mechanism:
            qs = qs.filter(mechanism__code=self.mechanism)
        return qs

    def label(self) -> str:
        """ "Paraguay, CCPR" style suffix for titles ("" for the whole catalogue)."""
        return ", ".join(p for p in (self.country, self.mechanism) if p)


# --------------------------------------------------------------------------- rendering


#: Class pygal puts on every chart's root ``<svg>``; :func:`chart_stylesheet` is scoped to it.
CHART_CLASS = "pygal-chart"


def _pygal_chart(cls: Any, **options: Any) -> Any:
    """A pygal chart of class ``cls`` with RightsTrack's look (no script, :data:`STYLE`)."""
    return cls(js=[], style=STYLE, disable_xml_declaration=True, **options)


@functools.cache
def chart_stylesheet() -> str:
    """pygal's CSS for :data:`STYLE`, scoped to ``svg.pygal-chart`` (one file for every chart).

    pygal scopes the CSS it embeds in a chart to that chart's random
    ``#chart-<uuid>``; this renders one chart with as many series as
    :data:`PALETTE` has colours (so ``.color-0`` to ``.color-8`` all get a rule)
    and puts the class :data:`CHART_CLASS` in place of that id. Computed from the
    installed pygal on first use, so it cannot drift from the charts' markup.

    Returns:
        CSS text (str).
    """
    chart = _pygal_chart(pygal.StackedBar)
    for i in range(len(PALETTE)):
        chart.add(str(i), [1])
    root = etree.fromstring(chart.render(is_unicode=True).encode("utf-8"))
    css = "\n".join(el.text or "" for el in root.iter(f"{{{SVG_NS}}}style"))
    return css.replace(f"#{root.get('id')}", f".{CHART_CLASS}")


def stylesheet_hash() -> str:
    """The CSP source that allows :func:`chart_stylesheet` as an inline ``<style>``.

    ``'sha256-<base64>'`` of the UTF-8 CSS text (CSP Level 2, "hash-source").
    """
    digest = hashlib.sha256(chart_stylesheet().encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _without_inline_styles(root: Any) -> None:
    """Drop ``<style>`` and ``<script>`` elements; turn ``style`` attributes into
    presentation attributes (``style="opacity: 0"`` -> ``opacity="0"``, SVG 1.1 §6.4),
    which no Content Security Policy governs."""
    for tag in ("script", "style"):
        for el in list(root.iter(f"{{{SVG_NS}}}{tag}")):
            el.getparent().remove(el)
    for el in root.iter():
        declarations = el.attrib.pop("style", None)
        for declaration in (declarations or "").split(";"):
            name, _sep, value = declaration.partition(":")
            if name.strip() and value.strip():
                el.set(name.strip(), value.strip())


def accessible_svg(raw: str, title: str, summary: str, slug: str) -> SafeString:
    """Make pygal's SVG an accessible inline image without script or inline style.

    Adds ``role="img"`` and ``aria-labelledby`` pointing to a first-child
    ``<title>`` and ``<desc>`` (SVG 2 / SVG-AAM), drops ``<script>`` and
    ``<style>`` elements (the page links :func:`chart_stylesheet` instead),
    turns ``style`` attributes into presentation attributes and sizes the
    graphic to its container.
    """
    root = etree.fromstring(raw.encode("utf-8"))
    _without_inline_styles(root)
    title_id, desc_id = f"{slug}-title", f"{slug}-desc"
    desc = etree.Element(f"{{{SVG_NS}}}desc", id=desc_id)
    desc.text = summary
    root.insert(0, desc)
    title_el = etree.Element(f"{{{SVG_NS}}}title", id=title_id)
    title_el.text = title
    root.insert(0, title_el)
    root.set("role", "img")
    root.set("aria-labelledby", f"{title_id} {desc_id}")
    root.set("focusable", "false")
    root.set("width", "100%")
    markup = etree.tostring(root, encoding="unicode")
    return SafeString(mark_safe(markup))


def _stacked(
    slug: str,
    title: str,
    summary: str,
    categories: list[str],
    series: list[tuple[str, list[int]]],
    horizontal: bool = False,
) -> SafeString:
    cls = pygal.HorizontalStackedBar if horizontal else pygal.StackedBar
    height = max(320, 60 + 34 * len(categories)) if horizontal else 400
    chart = _pygal_chart(
        cls,
        width=860,
        height=height,
        title=title,
        legend_at_bottom=True,
        legend_at_bottom_columns=min(4, max(1, len(series))),
        print_values=False,
        truncate_label=48,
        truncate_legend=40,
        show_y_guides=True,
        margin=16,
        value_formatter=lambda v: f"{v:,.0f}",
    )
    chart.x_labels = categories
    chart.y_labels = integer_ticks(
        max((sum(col) for col in zip(*(v for _n, v in series), strict=True)), default=0)
    )
    for name, values in series:
        chart.add(name, [v or None for v in values])
    return accessible_svg(chart.render(is_unicode=True), title, summary, slug)


def integer_ticks(top: int, most: int = 10) -> list[int]:
    """Axis ticks 0 .. ``top`` (rounded up) in whole 1, 2, 5 x 10^n steps: counts have no halves."""
    base = 1
    while True:
        for multiple in (1, 2, 5):
            step = base * multiple
            if top <= step * most:
                last = -(-top // step) * step if top else step
                return list(range(0, last + 1, step))
        base *= 10


def _summary(title: str, categories: list[str], series: list[tuple[str, list[int]]]) -> str:
    parts = []
    for i, cat in enumerate(categories):
        counts = ", ".join(f"{name} {values[i]:,}" for name, values in series if values[i])
        total = sum(values[i] for _n, values in series)
        parts.append(f"{cat}: {total:,}" + (f" ({counts})" if counts else ""))
    return f"{title}. " + ("; ".join(parts) if parts else _("No data.")) + "."


def _table(categories: list[str], series: list[tuple[str, list[int]]]) -> list[list[Any]]:
    return [
        [cat, *[values[i] for _n, values in series], sum(values[i] for _n, values in series)]
        for i, cat in enumerate(categories)
    ]


def _grouped_chart(
    slug: str,
    title: str,
    first_header: str,
    counts: dict[str, Counter[str]],
    columns: list[tuple[str, Any]],
    horizontal: bool = True,
    order: Callable[[str], Any] | None = None,
) -> Chart:
    categories = sorted(counts, key=order or str.casefold)
    series = [(str(label), [counts[c][code] for c in categories]) for code, label in columns]
    series = [(name, values) for name, values in series if any(values)] or series[:1]
    headers = [first_header, *[name for name, _v in series], _("Total")]
    rows = _table(categories, series)
    notes = []
    if len(categories) > MAX_BARS:
        # The graphic keeps the largest groups; the table beside it lists them all.
        top = sorted(categories, key=lambda c: -sum(counts[c].values()))[:MAX_BARS]
        keep = [i for i, c in enumerate(categories) if c in top]
        categories = [categories[i] for i in keep]
        series = [(name, [values[i] for i in keep]) for name, values in series]
        notes.append(
            _("The chart shows the %(n)s largest groups; the table lists all %(all)s.")
            % {"n": MAX_BARS, "all": len(rows)}
        )
    summary = _summary(title, categories, series)
    if not categories:
        # No graphic for no data: the caption and the empty table say so.
        return Chart(slug, title, summary, mark_safe(""), headers, rows, notes)
    svg = _stacked(slug, title, summary, categories, series, horizontal=horizontal)
    return Chart(slug, title, summary, svg, headers, rows, notes)


def standalone_svg(chart: Chart) -> str:
    """The chart as an SVG file (a small "no data" image when there is nothing to draw).

    A file must look right on its own, so :func:`chart_stylesheet` is embedded as
    its one ``<style>`` (the response allows it by :func:`stylesheet_hash`).
    """
    if chart.svg:
        root = etree.fromstring(str(chart.svg).encode("utf-8"))
        style = etree.Element(f"{{{SVG_NS}}}style")
        style.text = chart_stylesheet()
        defs = root.find(f"{{{SVG_NS}}}defs")
        if defs is None:
            defs = etree.Element(f"{{{SVG_NS}}}defs")
            root.insert(2, defs)  # after <title> and <desc>
        defs.insert(0, style)
        markup: str = etree.tostring(root, encoding="unicode")
        return '<?xml version="1.0" encoding="utf-8"?>\n' + markup
    raw = (
        f'<svg xmlns="{SVG_NS}" viewBox="0 0 400 60"><text x="200" y="35" '
        'text-anchor="middle" font-family="sans-serif" font-size="16">'
        f"{escape(_('No data.'))}</text></svg>"
    )
    return '<?xml version="1.0" encoding="utf-8"?>\n' + str(
        accessible_svg(raw, chart.title, chart.summary, chart.slug)
    )


# --------------------------------------------------------------------------- charts


POSITIONS: list[tuple[str, Any]] = [
    (Recommendation.Position.SUPPORTED, gettext_lazy("Supported")),
    (Recommendation.Position.NOTED, gettext_lazy("Noted")),
    (Recommendation.Position.PENDING, gettext_lazy("Pending")),
    ("", gettext_lazy("No position")),
]


def recommendations_per_cycle(user: Viewer | None, scope: Scope) -> Chart:
    """UPR recommendations per cycle, stacked by the State's position."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    rows = (
        scope.recommendations(user)
        .filter(upr_cycle__isnull=False)
        .values_list("upr_cycle", "position")
        .annotate(n=Count("id"))
        .order_by()
    )
    for cycle, position, n in rows:
        counts[_("Cycle %(n)s") % {"n": cycle}][position or ""] += n
    title = _("UPR recommendations per cycle")
    if scope.label():
        title += f" ({scope.label()})"
    return _grouped_chart(
        "per-cycle",
        title,
        _("UPR cycle"),
        counts,
        POSITIONS,
        horizontal=False,
        order=lambda c: int("".join(ch for ch in c if ch.isdigit()) or 0),
    )


def recommendations_by_mechanism(user: Viewer | None, scope: Scope) -> Chart:
    """Recommendations per mechanism, stacked by position (UPR) or "no position"."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    rows = (
        scope.recommendations(user)
        .values_list("mechanism__code", "position")
        .annotate(n=Count("id"))
        .order_by()
    )
    for code, position, n in rows:
        counts[code][position or ""] += n
    title = _("Recommendations by mechanism and position")
    if scope.label():
        title += f" ({scope.label()})"
    return _grouped_chart("by-mechanism", title, _("Mechanism"), counts, POSITIONS)


def implementation_status(user: Viewer | None, scope: Scope, by: str) -> Chart:
    """Implementation status (level of the latest published assessment) by
    ``mechanism``, ``theme`` or ``institution`` (tracking's dashboard rule)."""
    from rightstrack.tracking.dashboard import LEVELS, latest_levels

    recs = scope.recommendations(user)
    levels = latest_levels(user, recs)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    pairs: Any
    if by == "mechanism":
        pairs = recs.values_list("pk", "mechanism__code")
    elif by == "theme":
        pairs = [
            (pk, _(name))  # the theme in the chart's language (catalog/taxonomy_names.py)
            for pk, name in recs.filter(themes__isnull=False).values_list("pk", "themes__name")
        ]
    else:
        pairs = (
            shown_assignments(user)
            .filter(recommendation__in=recs.values("pk"))
            .values_list("recommendation_id", "organisation__name")
        )
    for pk, label in pairs:
        if pk in levels:
            counts[label][levels[pk]] += 1
    names = {
        "mechanism": (_("Implementation status by mechanism"), _("Mechanism")),
        "theme": (_("Implementation status by theme"), _("Theme")),
        "institution": (_("Implementation status by institution"), _("Institution")),
    }
    title, header = names[by]
    if scope.label():
        title += f" ({scope.label()})"
    return _grouped_chart(f"status-by-{by}", title, header, counts, LEVELS)


def deadlines_timeline(user: Viewer | None, scope: Scope, today: dt.date | None = None) -> Chart:
    """Follow-up deadlines per year, stacked by state, with every deadline in the table.

    States: replied (a reply was received), overdue (due before ``today``,
    no reply), upcoming (due from ``today``, no reply).
    """
    today = today or timezone.localdate()
    qs = shown_follow_ups(user).filter(due_on__isnull=False)
    if scope.country:
        qs = qs.filter(document__country__iso3=scope.country)
    if scope.mechanism:
        qs = qs.filter(document__mechanism__code=scope.mechanism)
    states = [
        ("replied", _("Reply received")),
        ("overdue", _("Overdue, no reply")),
        ("upcoming", _("Upcoming")),
    ]
    labels = dict(states)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    rows: list[list[Any]] = []
    for fr in qs.select_related("document").order_by("due_on", "document__symbol", "id"):
        if fr.due_on is None:
            continue
        if fr.reply_received_on:
            state = "replied"
        elif fr.due_on < today:
            state = "overdue"
        else:
            state = "upcoming"
        counts[str(fr.due_on.year)][state] += 1
        rows.append([fr.due_on, fr.document.symbol, fr.item, labels[state], fr.reply_received_on])
    title = _("Follow-up deadlines by year")
    if scope.label():
        title += f" ({scope.label()})"
    chart = _grouped_chart(
        "deadlines", title, _("Year"), counts, states, horizontal=False, order=int
    )
    chart.headers = [_("Due on"), _("Document"), _("Item"), _("Status"), _("Reply received")]
    chart.rows = rows
    return chart


#: Charts by slug: (title for the index, builder).
CHARTS: dict[str, tuple[Any, Callable[[Any, Scope], Chart]]] = {
    "per-cycle": (gettext_lazy("UPR recommendations per cycle"), recommendations_per_cycle),
    "by-mechanism": (
        gettext_lazy("Recommendations by mechanism and position"),
        recommendations_by_mechanism,
    ),
    "status-by-mechanism": (
        gettext_lazy("Implementation status by mechanism"),
        lambda u, s: implementation_status(u, s, "mechanism"),
    ),
    "status-by-theme": (
        gettext_lazy("Implementation status by theme"),
        lambda u, s: implementation_status(u, s, "theme"),
    ),
    "status-by-institution": (
        gettext_lazy("Implementation status by institution"),
        lambda u, s: implementation_status(u, s, "institution"),
    ),
    "deadlines": (gettext_lazy("Follow-up deadlines by year"), deadlines_timeline),
}
