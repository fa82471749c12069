"""Briefing pack for one institution (a ministry, a parliamentary committee...) or for
a selection of recommendations chosen for one meeting.

For a meeting with that institution: the recommendations assigned to it
(``tracking.Assignment``), prioritised ones first, each with its status and
the open actions addressing it. For a selection (``tracking.Selection``): its
recommendations, in the same order. Both end with the last meetings and
commitments: public engagements that discussed those recommendations or involved
the institution (at most :data:`LAST_ENGAGEMENTS`, newest first), with the
commitments made there.

Priority order (follow-up items are the few "urgent, priority or protective"
recommendations a committee asked to see implemented within one or two years):

1. written follow-up items (``FollowUpRequest`` kind ``follow_up``), earliest
   deadline first;
2. items flagged without a deadline (CERD "particular importance", CRC
   "urgent measures");
3. the other assigned recommendations, newest document first, in document order.

Status: the latest published, public assessment of any source (its level and
source), and the follow-up state on the briefing date. Open actions: actions
of public plans, as last published, not completed nor cancelled.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rightstrack.accounts.types import Viewer
from rightstrack.catalog.models import FollowUpRequest, Recommendation
from rightstrack.reports.data import (
    published_actions,
    report_assessments,
    report_assignments,
    report_engagements,
    report_follow_ups,
    report_selection_recommendations,
)
from rightstrack.reports.dates import long_date
from rightstrack.reports.engagement_lines import EngagementLine, add_engagements, engagement_lines
from rightstrack.reports.writers import docx, pdf
from rightstrack.tracking import followup
from rightstrack.tracking.models import Assignment, Engagement

FOLLOW_UP, FLAGGED, OTHER = 1, 2, 3

#: How many engagements "Last meetings and commitments" lists.
LAST_ENGAGEMENTS = 10


@dataclass(frozen=True)
class OpenAction:
    """An open action as the briefing prints it (its last published version)."""

    title: str
    status: str
    target_date: dt.date | None
    responsible: str


@dataclass
class BriefingItem:
    """One assigned recommendation.

    Attributes:
        priority: 1 follow-up item, 2 flagged without deadline, 3 other.
        follow_ups: "item: deadline (state)" lines ("" deadline for flags).
        status: latest public assessment ("Partially implemented (Government, 1 March
            2024)") or "" when none.
    """

    recommendation: Recommendation
    role: str
    priority: int
    due_on: dt.date | None
    follow_ups: list[str] = field(default_factory=list)
    status: str = ""
    actions: list[OpenAction] = field(default_factory=list)


@dataclass
class BriefingPack:
    """What :func:`build_briefing_pack` collected (``organisation`` or ``selection``)."""

    organisation: Any
    on: dt.date
    language: str
    items: list[BriefingItem]
    selection: Any = None
    engagements: list[EngagementLine] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The institution's or the selection's name."""
        return str(self.organisation.name if self.organisation else self.selection.name)

    @property
    def priority_items(self) -> list[BriefingItem]:
        """Follow-up and flagged items (priorities 1 and 2)."""
        return [i for i in self.items if i.priority < OTHER]


def _open_actions(user: Viewer | None, rec: Recommendation) -> list[OpenAction]:
    return [
        OpenAction(a.title, a.status_label, a.target_date, a.responsible)
        for a in published_actions(user, rec)
        if a.is_open
    ]


def build_briefing_pack(
    user: Viewer | None,
    organisation: Any = None,
    *,
    selection: Any = None,
    on: dt.date | None = None,
    language: str = "en",
) -> BriefingPack:
    """Collect the briefing pack of ``organisation`` (an ``accounts.Organisation``) or of
    ``selection`` (a ``tracking.Selection`` from ``reports.data.report_selection``).

    Args:
        user: the requesting user (``None``: public data); restricted, draft and
            archived records, and engagements that are not public, never enter the pack.
        organisation: the institution whose assignments are listed.
        selection: the selection whose recommendations are listed (when no
            ``organisation``).
        on: the briefing date (follow-up states are judged on it; default today).
        language: language of labels and dates.

    Returns:
        A :class:`BriefingPack`, items in priority order (module docstring).

    Raises:
        TypeError: neither or both of ``organisation`` and ``selection``.
    """
    if (organisation is None) == (selection is None):
        raise TypeError("give exactly one of organisation or selection")
    day = on or timezone.localdate()
    if organisation is not None:
        pairs = [
            (a.recommendation, str(Assignment.Role(a.role).label))
            for a in report_assignments(user, organisation)
        ]
    else:
        pairs = [(r, "") for r in report_selection_recommendations(user, selection)]
    items: list[BriefingItem] = []
    with translation.override(language):
        for rec, role in pairs:
            requests = list(report_follow_ups(user).filter(recommendation=rec).order_by("due_on"))
            written = [r for r in requests if r.kind == FollowUpRequest.Kind.FOLLOW_UP]
            priority = FOLLOW_UP if written else (FLAGGED if requests else OTHER)
            lines = []
            for r in requests:
                state = followup.state_label(followup.state_of(r, day))
                when = long_date(r.due_on, language) if r.due_on else str(r.get_kind_display())
                lines.append(f"{r.item}: {when} ({state})")
            latest = (
                report_assessments(user).filter(recommendation=rec).order_by("-date", "-id").first()
            )
            status = ""
            if latest is not None:
                level = latest.get_level_display() or latest.grade_label or _("assessed")
                status = (
                    f"{level} ({latest.get_source_display()}, {long_date(latest.date, language)})"
                )
            items.append(
                BriefingItem(
                    recommendation=rec,
                    role=role,
                    priority=priority,
                    due_on=min((r.due_on for r in written if r.due_on), default=None),
                    follow_ups=lines,
                    status=status,
                    actions=_open_actions(user, rec),
                )
            )
    items.sort(
        key=lambda i: (
            i.priority,
            i.due_on or dt.date.max,
            -(i.recommendation.document.adopted_on or dt.date.min).toordinal(),
            i.recommendation.document_id,
            i.recommendation.order,
        )
    )
    with translation.override(language):
        engagements = _last_engagements(user, organisation, [i.recommendation for i in items])
    return BriefingPack(
        organisation=organisation,
        on=day,
        language=language,
        items=items,
        selection=selection,
        engagements=engagements,
    )


def _last_engagements(
    user: Viewer | None, organisation: Any, recs: list[Recommendation]
) -> list[EngagementLine]:
    """Public engagements on ``recs`` or with ``organisation``, newest first."""
    scope = Q(recommendations__in=[r.pk for r in recs])
    if organisation is not None:
        scope |= Q(organisations=organisation) | Q(organisation=organisation)
    ids = report_engagements(user).filter(scope).values("pk").distinct()
    chosen = Engagement.objects.filter(pk__in=ids).order_by("-date", "-id")[:LAST_ENGAGEMENTS]
    return engagement_lines(user, list(chosen))


def _ref(rec: Recommendation) -> str:
    return f"{rec.document.symbol or rec.document.key}, {_('para.')} {rec.paragraph}".strip(", ")


def render_briefing_docx(pack: BriefingPack) -> bytes:
    """The briefing pack as an editable DOCX."""
    lang = pack.language
    with translation.override(lang):
        title = _("Briefing pack: %(org)s") % {"org": pack.name}
        doc = docx.new_document(title, lang)
        doc.add_paragraph(title, style="Title")
        docx.add_label_value(doc, _("Date"), long_date(pack.on, lang))
        docx.add_label_value(
            doc,
            _("Recommendations assigned") if pack.organisation else _("Recommendations selected"),
            str(len(pack.items)),
        )
        docx.add_label_value(doc, _("Of which prioritised"), str(len(pack.priority_items)))
        doc.add_heading(_("Priorities at a glance"), level=1)
        rows = [
            (_ref(i.recommendation), "; ".join(i.follow_ups), i.status or _("No assessment yet"))
            for i in pack.priority_items
        ]
        if rows:
            docx.add_table(
                doc,
                [_("Recommendation"), _("Follow-up deadline"), _("Status")],
                rows,
                widths_cm=[5.0, 6.0, 6.0],
            )
        elif pack.organisation:
            docx.add_paragraph(doc, _("No follow-up item is assigned to this institution."))
        else:
            docx.add_paragraph(doc, _("None."))
        _engagements(doc, pack)
        doc.add_heading(_("Prioritised recommendations"), level=1)
        for item in pack.priority_items:
            _item(doc, item, lang)
        doc.add_heading(
            _("Other assigned recommendations")
            if pack.organisation
            else _("Other recommendations"),
            level=1,
        )
        others = [i for i in pack.items if i.priority == OTHER]
        for item in others:
            _item(doc, item, lang)
        if not others:
            docx.add_paragraph(doc, _("None."))
        return docx.to_bytes(doc)


def _engagements(doc: Any, pack: BriefingPack) -> None:
    """ "Last meetings and commitments": public engagements, newest first."""
    doc.add_heading(_("Last meetings and commitments"), level=1)
    if not pack.engagements:
        docx.add_paragraph(doc, _("No meeting recorded."))
    add_engagements(doc, pack.engagements, pack.language)


def _item(doc: Any, item: BriefingItem, lang: str) -> None:
    rec = item.recommendation
    doc.add_heading(_ref(rec) + (f": {rec.section}" if rec.section else ""), level=2)
    text_language, text = rec.text_in(lang)
    docx.add_quote(doc, text, language=text_language)
    if item.role:
        docx.add_label_value(doc, _("Role of the institution"), item.role)
    if item.follow_ups:
        docx.add_label_value(doc, _("Follow-up"), "; ".join(item.follow_ups))
    docx.add_label_value(doc, _("Status"), item.status or _("No assessment yet"))
    if item.actions:
        docx.add_paragraph(doc, _("Open actions:"), bold=True)
        docx.add_list(
            doc,
            [
                f"{a.title}: {a.status}"
                + (f", {_('target')} {long_date(a.target_date, lang)}" if a.target_date else "")
                + (f" ({a.responsible})" if a.responsible else "")
                for a in item.actions
            ],
        )
    else:
        docx.add_label_value(doc, _("Open actions"), _("None recorded"))


def briefing_bytes(pack: BriefingPack, fmt: str) -> bytes:
    """The pack as "docx" or "pdf" bytes.

    Raises:
        ValueError: unknown format. pdf.ConversionError: PDF conversion failed.
    """
    return pdf.docx_or_pdf(fmt, lambda: render_briefing_docx(pack))
