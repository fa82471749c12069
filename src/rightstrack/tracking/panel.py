"""The tracking panel of a recommendation page, and small display helpers.

``tracking_panel(user, recommendation)`` builds the context that
``tracking/_recommendation_panel.html`` renders on the portal's
recommendation page: who is responsible, the actions, the latest *published*
assessment from each source side by side, the committee grade, the follow-up
deadline and its state, and the timeline. Everything is fetched through
``tracking.permissions``: anonymous visitors get only published, public items
and never a hidden name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rightstrack.accounts.permissions import (
    public_name,
    visible_follow_up_requests,
)
from rightstrack.accounts.types import Viewer
from rightstrack.catalog.models import Document, Recommendation
from rightstrack.classify.consolidation.repeated import cluster_of
from rightstrack.tracking import permissions as perm
from rightstrack.tracking.engagements import engagements_about
from rightstrack.tracking.followup import OVERDUE, state_label, state_of
from rightstrack.tracking.models import (
    Action,
    Assessment,
    Indicator,
    PublicationState,
    StatusChange,
)


@dataclass
class TimelineEntry:
    """One dated line of a recommendation's timeline."""

    date: dt.date
    kind: str
    label: str
    old: str = ""
    new: str = ""
    organisation: str = ""
    url: str = ""


@dataclass
class Panel:
    """Context of ``tracking/_recommendation_panel.html``."""

    recommendation: Recommendation
    assignments: list[Any]
    actions: list[perm.ShownAction]
    assessments: list[dict[str, Any]]
    grade: Assessment | None
    follow_ups: list[dict[str, Any]]
    timeline: list[TimelineEntry]
    engagements: list[Any] = field(default_factory=list)
    can_assign: bool = False
    can_assess: bool = False
    #: Plans and indicators that address the recommendation's cluster (same ask).
    cluster_plans: list[Any] = field(default_factory=list)
    cluster_indicators: list[Any] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


_LEVEL_LABELS = dict(Assessment._meta.get_field("level").flatchoices)
_STATUS_LABELS = dict(Action._meta.get_field("status").flatchoices)
_ROLE_LABELS = {"lead": _("Lead"), "supporting": _("Supporting")}


def _label(kind: str, value: str) -> str:
    table = {"assessment": _LEVEL_LABELS, "action": _STATUS_LABELS, "assignment": _ROLE_LABELS}
    return str(table.get(kind, {}).get(value, value)) if value else ""


def tracking_panel(user: Viewer | None, recommendation: Recommendation) -> dict[str, Any]:
    """Context dict ``{"panel": Panel}`` for one recommendation ``user`` may already see.

    The caller must have fetched ``recommendation`` through
    ``accounts.permissions.get_recommendation_for_user``.
    """
    rec = recommendation
    assignments = list(
        perm.visible_assignments(user)
        .filter(recommendation=rec)
        .select_related("organisation")
        .order_by("role", "organisation__name")
    )
    # Plans, actions and indicators may address the recommendation's cluster (the same
    # ask made elsewhere): they show on the page of every member.
    cluster = cluster_of(rec)
    clusters = [cluster.pk] if cluster else []
    shown = [
        s
        for a in perm.visible_actions(user)
        .filter(Q(recommendations=rec) | Q(cluster_id__in=clusters))
        .distinct()
        .select_related("plan", "responsible")
        .order_by("target_date", "pk")
        if (s := perm.shown_action(user, a)) is not None
    ]
    cluster_plans = (
        list(perm.visible_plans(user).filter(cluster_id__in=clusters).order_by("title", "pk"))
        if clusters
        else []
    )
    cluster_indicators = (
        list(
            Indicator.objects.filter(
                is_archived=False,
                cluster_id__in=clusters,
                action__in=perm.visible_actions(user).values("pk"),
            ).order_by("name", "pk")
        )
        if clusters
        else []
    )
    published = (
        perm.visible_assessments(user)
        .filter(recommendation=rec, publication_state=PublicationState.PUBLISHED)
        .select_related("author", "organisation")
        .order_by("-date", "-id")
    )
    latest: dict[str, Assessment] = {}
    for a in published:
        latest.setdefault(a.source, a)
    side_by_side = [
        {
            "source": label,
            "assessment": latest.get(code),
            # the committee's assessment is only recorded by a user, not written by them
            "author": public_name(latest[code].author, user)
            if code in latest and code != Assessment.Source.COMMITTEE
            else "",
        }
        for code, label in Assessment.Source.choices
    ]
    grade = next(
        (a for a in published if a.source == Assessment.Source.COMMITTEE and a.grade_label), None
    )
    today = timezone.localdate()
    engagements = engagements_about(user, rec)
    follow_ups = [
        {"item": f, "state": (state := state_of(f, today)), "state_label": state_label(state)}
        for f in visible_follow_up_requests(user)
        .filter(recommendation=rec)
        .order_by("due_on", "pk")
    ]
    return {
        "panel": Panel(
            recommendation=rec,
            assignments=assignments,
            actions=shown,
            assessments=side_by_side,
            grade=grade,
            follow_ups=follow_ups,
            timeline=timeline(user, rec, follow_ups, engagements),
            engagements=engagements,
            can_assign=perm.can_assign(user),
            can_assess=perm.can_submit_assessment(user, rec.pk),
            cluster_plans=cluster_plans,
            cluster_indicators=cluster_indicators,
            extra={"can_record": perm.can_record_engagement(user)},
        )
    }


def timeline(
    user: Viewer | None,
    rec: Recommendation,
    follow_ups: list[dict[str, Any]] | None = None,
    engagements: list[Any] | None = None,
) -> list[TimelineEntry]:
    """Dated entries for ``rec``: adoption, status-change log (public part only for
    non-coordinators), follow-up deadlines and replies, and the engagements that
    discussed it (``engagements``: those ``user`` may see, from
    ``tracking.engagements.engagements_about``); oldest first."""
    entries: list[TimelineEntry] = []
    if rec.date:
        entries.append(TimelineEntry(rec.date, "issued", str(_("Recommendation issued"))))
    changes = (
        perm.visible_status_changes(user).filter(recommendation=rec).select_related("organisation")
    )
    kind_labels = dict(StatusChange.Kind.choices)
    for c in changes:
        entries.append(
            TimelineEntry(
                c.date,
                c.kind,
                str(kind_labels.get(c.kind, c.kind)),
                _label(c.kind, c.old_value),
                _label(c.kind, c.new_value),
                c.organisation.name if c.organisation else "",
            )
        )
    for f in follow_ups or []:
        item = f["item"]
        if item.due_on:
            entries.append(
                TimelineEntry(item.due_on, "follow_up_due", str(_("Follow-up information due")))
            )
        if item.reply_received_on:
            entries.append(
                TimelineEntry(
                    item.reply_received_on,
                    "follow_up_reply",
                    str(_("State's follow-up reply received")),
                    new=str(f["state_label"]),
                )
            )
    for e in engagements or []:
        entries.append(
            TimelineEntry(
                e.date,
                "engagement",
                str(e.get_kind_display()),
                new=e.title,
                organisation=e.organisation.name if e.organisation else "",
                url=reverse("tracking:engagement_detail", args=[e.pk]),
            )
        )
    entries.sort(key=lambda e: e.date)
    return entries


def document_follow_up(user: Viewer | None, doc: Document) -> dict[str, Any]:
    """Context of ``tracking/_document_panel.html`` for a document ``user`` may see.

    ``follow_ups``: the follow-up requests ``user`` may see, in printed order, each
    with its state on today's date (``tracking.followup``); ``next_report``: the next
    periodic report the document asks for (``date``: its due date, or 31 December of
    its year when only the year is given, as in ``tracking.deadlines``; ``overdue``).
    """
    today = timezone.localdate()
    follow_ups = [
        {"item": f, "state": (state := state_of(f, today)), "state_label": state_label(state)}
        for f in visible_follow_up_requests(user)
        .filter(document=doc)
        .order_by("recommendation__order", "pk")
    ]
    day = doc.next_report_due or (
        dt.date(doc.next_report_year, 12, 31) if doc.next_report_year else None
    )
    next_report = (
        {"date": day, "year_only": doc.next_report_due is None, "overdue": day < today}
        if day
        else None
    )
    return {
        "doc": doc,
        "follow_ups": follow_ups,
        "next_report": next_report,
        "overdue": OVERDUE,
        "iso3": doc.country.iso3 if doc.country else "",
    }
