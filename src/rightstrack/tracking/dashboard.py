"""Country dashboard and actors map: query logic for the tracking pages.

Dashboard (``/tracking/countries/<ISO3>/dashboard/``): for the recommendations
addressed to a country that the viewer may see, the implementation status
by mechanism, theme and institution, where the status of a recommendation is
the level of its latest *published* assessment (any source; "not assessed"
when none), plus overdue follow-up items and what comes due next.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from rightstrack.accounts.models import Organisation
from rightstrack.accounts.permissions import (
    visible_follow_up_requests,
    visible_recommendations,
    visible_visits,
)
from rightstrack.accounts.types import Viewer
from rightstrack.catalog.models import Recommendation
from rightstrack.tracking import permissions as perm
from rightstrack.tracking.models import Level, PublicationState

NOT_ASSESSED = "not_assessed"
#: Column order of the status tables.
LEVELS: list[tuple[str, Any]] = [*Level.choices, (NOT_ASSESSED, _("Not assessed"))]


@dataclass
class StatusRow:
    """One row of a status table: a label and a count per level (in ``LEVELS`` order)."""

    label: str
    counts: list[int]

    @property
    def total(self) -> int:
        return sum(self.counts)


def _rows(groups: dict[str, Counter[str]]) -> list[StatusRow]:
    return [
        StatusRow(label, [groups[label][code] for code, _l in LEVELS])
        for label in sorted(groups, key=str.casefold)
    ]


def latest_levels(user: Viewer | None, recs: QuerySet[Recommendation]) -> dict[int, str]:
    """``{recommendation id: level of its latest published assessment ``user`` may see}``."""
    assessments = perm.visible_assessments(user).filter(
        publication_state=PublicationState.PUBLISHED
    )
    latest = (
        assessments.filter(recommendation=OuterRef("pk"))
        .exclude(level="")
        .order_by("-date", "-id")
        .values("level")[:1]
    )
    return {
        pk: level or NOT_ASSESSED
        for pk, level in recs.annotate(level=Subquery(latest)).values_list("pk", "level")
    }


def country_dashboard(user: Viewer | None, iso3: str, today: dt.date) -> dict[str, Any]:
    """Context of the country dashboard.

    Returns a dict with ``levels`` (column headings), ``total``,
    ``by_mechanism``, ``by_theme``, ``by_institution`` (lists of
    :class:`StatusRow`), ``overall`` (a StatusRow), ``overdue`` and
    ``coming`` (follow-up requests), ``coming_actions`` (actions with a
    target date from ``today``).
    """
    recs = visible_recommendations(user).for_country(iso3)
    levels = latest_levels(user, recs)
    by_mech: dict[str, Counter[str]] = defaultdict(Counter)
    for pk, code in recs.values_list("pk", "mechanism__code"):
        by_mech[code][levels[pk]] += 1
    by_theme: dict[str, Counter[str]] = defaultdict(Counter)
    for pk, name in recs.filter(themes__isnull=False).values_list("pk", "themes__name"):
        by_theme[gettext(name)][levels[pk]] += 1
    by_org: dict[str, Counter[str]] = defaultdict(Counter)
    for pk, name in (
        perm.visible_assignments(user)
        .filter(recommendation__in=recs.values("pk"))
        .values_list("recommendation_id", "organisation__name")
    ):
        by_org[name][levels[pk]] += 1
    overall = Counter(levels.values())
    follow_ups = (
        visible_follow_up_requests(user)
        .filter(document__country__iso3=iso3.upper(), due_on__isnull=False)
        .filter(reply_received_on__isnull=True)
        .select_related("document", "recommendation")
    )
    actions = (
        perm.visible_actions(user)
        .filter(
            Q(plan__country__iso3=iso3.upper()) | Q(recommendations__in=recs.values("pk")),
            target_date__gte=today,
        )
        .exclude(status__in=["completed", "cancelled"])
        .distinct()
        .select_related("responsible")
        .order_by("target_date")[:10]
    )
    by_mechanism, by_theme_rows, by_institution = _rows(by_mech), _rows(by_theme), _rows(by_org)
    overall_row = StatusRow(str(_("All recommendations")), [overall[c] for c, _l in LEVELS])
    return {
        "levels": LEVELS,
        "total": len(levels),
        "overall": overall_row,
        "by_mechanism": by_mechanism,
        "by_theme": by_theme_rows,
        "by_institution": by_institution,
        "tables": [
            (_("Overall"), [overall_row]),
            (_("By mechanism"), by_mechanism),
            (_("By theme"), by_theme_rows),
            (_("By institution"), by_institution),
        ],
        "overdue": list(follow_ups.filter(due_on__lt=today).order_by("due_on", "pk")),
        "coming": list(follow_ups.filter(due_on__gte=today).order_by("due_on", "pk")[:20]),
        "coming_actions": [a for a in actions if _public_or_own(user, a)],
        "interventions_to_decide": interventions_to_decide(user, iso3),
        "visits_to_watch": visits_to_watch(user, today, iso3),
    }


def visits_to_watch(user: Viewer | None, today: dt.date, iso3: str | None = None) -> list[Any]:
    """Visits and inquiries (of the State ``iso3``, or of every State) whose report is not
    published yet but whose publication was requested or is expected on a date, oldest
    first (``VisitQuerySet.publication_pending``); each with ``is_overdue`` (expected
    before ``today``). Empty below coordinator (``visible_visits``): the records are
    confidential."""
    visits = visible_visits(user).publication_pending()
    if iso3:
        visits = visits.for_country(iso3)
    found = list(
        visits.select_related("mechanism", "country").order_by(
            "publication_requested_on", "publication_expected_on", "pk"
        )
    )
    for visit in found:
        expected = visit.publication_expected_on
        visit.is_overdue = expected is not None and expected < today  # type: ignore[attr-defined]
    return found


def interventions_to_decide(user: Viewer | None, iso3: str) -> list[Any]:
    """Third-party interventions on communications against ``iso3`` whose Views are out and
    whose publication nobody decided yet (``perm.visible_interventions``: coordinators see
    restricted ones; nobody else sees an undecided one, which stays restricted)."""
    return list(
        perm.visible_interventions(user)
        .filter(
            publication_decided=False,
            communication__country__iso3=iso3.upper(),
            communication__views_adopted_on__isnull=False,
        )
        .exclude(communication__status="pending")
        .select_related("communication__mechanism", "organisation")
        .order_by("communication__views_adopted_on", "pk")
    )


def _public_or_own(user: Viewer | None, action: Any) -> bool:
    shown = perm.shown_action(user, action)
    return shown is not None and not shown.is_draft_view


# --------------------------------------------------------------------------- actors map


def actors(
    user: Viewer | None, *, q: str = "", org_type: str = "", country: str = ""
) -> QuerySet[Organisation]:
    """Organisations (the actors map) with ``lead_count`` / ``supporting_count`` of the
    active assignments of recommendations ``user`` may see; filtered by name,
    type and country ISO3."""
    visible = perm.visible_assignments(user).values("pk")
    qs = Organisation.objects.filter(is_archived=False).select_related("country")
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(acronym__icontains=q))
    if org_type:
        qs = qs.filter(org_type=org_type)
    if country:
        qs = qs.filter(country__iso3=country.upper())
    return qs.annotate(
        lead_count=Count(
            "assignments", filter=Q(assignments__in=visible, assignments__role="lead")
        ),
        supporting_count=Count(
            "assignments", filter=Q(assignments__in=visible, assignments__role="supporting")
        ),
    ).order_by("name")


CSV_HEADER = [
    "name",
    "acronym",
    "type",
    "country",
    "mandate",
    "contact_point",
    "contact_email",
    "website",
    "lead_recommendations",
    "supporting_recommendations",
]


def actors_csv_rows(
    user: Viewer | None, organisations: QuerySet[Organisation]
) -> Iterator[list[str]]:
    """Rows of the "mapping of actors" CSV (columns :data:`CSV_HEADER`): one row per
    organisation with the references of the (visible) recommendations it leads or supports."""
    refs: dict[tuple[int, str], list[str]] = defaultdict(list)
    for org_id, role, symbol, para, key in (
        perm.visible_assignments(user)
        .filter(organisation__in=organisations.values("pk"))
        .order_by("recommendation__document__symbol", "recommendation__order")
        .values_list(
            "organisation_id",
            "role",
            "recommendation__document__symbol",
            "recommendation__paragraph",
            "recommendation__natural_key",
        )
    ):
        refs[(org_id, role)].append(f"{symbol} para. {para}" if symbol and para else key)
    for org in organisations:
        yield [
            org.name,
            org.acronym,
            str(org.get_org_type_display()),
            org.country.iso3 if org.country else "",
            org.mandate,
            org.contact_name,
            org.contact_email,
            org.website,
            "; ".join(refs[(org.pk, "lead")]),
            "; ".join(refs[(org.pk, "supporting")]),
        ]
