"""Engagements (meetings, hearings...) and their commitments as reports print them: the
briefing pack ("Last meetings and commitments") and the follow-up report to a committee
("Engagement with the authorities since the review").

Only public engagements reach a report (``reports.data.report_engagements``); they
name organisations, never the accounts of the people who recorded them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from rightstrack.accounts.types import Viewer
from rightstrack.catalog.models import Recommendation
from rightstrack.reports.data import (
    report_commitments,
    report_engagements,
    report_recommendations,
)
from rightstrack.reports.dates import long_date
from rightstrack.reports.writers import docx
from rightstrack.tracking.models import Engagement


@dataclass(frozen=True)
class CommitmentLine:
    """A commitment: text, by whom (an organisation name or ""), by when."""

    text: str
    by_whom: str
    due_on: dt.date | None


@dataclass(frozen=True)
class EngagementLine:
    """A public engagement as a report prints it (labels in the active language)."""

    date: dt.date
    kind: str
    title: str
    place: str
    recorded_by: str
    organisations: list[str]
    recommendations: list[str]
    summary: str
    commitments: list[CommitmentLine]


def recommendation_ref(rec: Recommendation) -> str:
    """ "CCPR/C/PRY/CO/4, para. 29" in the active language."""
    return f"{rec.document.symbol or rec.document.key}, {_('para.')} {rec.paragraph}".strip(", ")


def engagement_lines(
    user: Viewer | None, engagements: Iterable[Engagement]
) -> list[EngagementLine]:
    """:class:`EngagementLine` rows of the public ones among ``engagements``, in the
    given order, with their commitments and the public recommendations discussed."""
    wanted = [e.pk for e in engagements]
    public = {
        e.pk: e
        for e in report_engagements(user)
        .filter(pk__in=wanted)
        .select_related("organisation")
        .prefetch_related("organisations")
    }
    rows = [public[pk] for pk in wanted if pk in public]
    by_engagement: dict[int, list[CommitmentLine]] = {}
    for c in report_commitments(user, rows):
        by_engagement.setdefault(c.engagement_id, []).append(
            CommitmentLine(c.text, c.by_whom.name if c.by_whom else "", c.due_on)
        )
    recs = report_recommendations(user).select_related("document")
    return [
        EngagementLine(
            date=e.date,
            kind=str(e.get_kind_display()),
            title=e.title,
            place=e.place,
            recorded_by=e.organisation.name if e.organisation else "",
            organisations=[o.name for o in e.organisations.all()],
            recommendations=[
                recommendation_ref(r) for r in recs.filter(engagements=e).order_by("order", "id")
            ],
            summary=e.summary,
            commitments=by_engagement.get(e.pk, []),
        )
        for e in rows
    ]


def commitment_text(c: CommitmentLine, lang: str) -> str:
    """ "text — organisation — by 30 June 2026" in the active language."""
    parts = [c.text]
    if c.by_whom:
        parts.append(c.by_whom)
    if c.due_on:
        parts.append(_("by %(date)s") % {"date": long_date(c.due_on, lang)})
    return " — ".join(parts)


def add_engagements(doc: Any, lines: list[EngagementLine], lang: str) -> None:
    """Append one level-2 heading per engagement, with its details and commitments."""
    for e in lines:
        doc.add_heading(f"{long_date(e.date, lang)}: {e.title}", level=2)
        docx.add_label_value(doc, _("Kind"), e.kind)
        if e.place:
            docx.add_label_value(doc, _("Place"), e.place)
        if e.organisations:
            docx.add_label_value(doc, _("Organisations involved"), "; ".join(e.organisations))
        if e.recorded_by:
            docx.add_label_value(doc, _("Recorded by"), e.recorded_by)
        if e.recommendations:
            docx.add_label_value(doc, _("Recommendations discussed"), "; ".join(e.recommendations))
        if e.summary:
            docx.add_paragraph(doc, e.summary)
        if e.commitments:
            docx.add_paragraph(doc, _("Commitments made:"), bold=True)
            docx.add_list(doc, [commitment_text(c, lang) for c in e.commitments])
