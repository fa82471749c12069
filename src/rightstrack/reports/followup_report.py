"""Follow-up report to a committee: one concluding observations document, its follow-up
items, the State's information, the submitting organisations' assessment and a
*suggested grade* for each item (DOCX, editable; PDF through LibreOffice).

Suggested grade (rule-based; the Committee grades, we only suggest)
--------------------------------------------------------------------
The scale is the Committee's own where ``tracking.grades`` defines one: CED
uses ``ced_2022`` (A-D, as in CED/C/22/4). Every other committee (CCPR, and CERD,
CAT, CEDAW... which never adopted a published letter scale: the Secretariat note
HRI/MC/2017/4 compares their practices without unifying them) uses the current CCPR
scale A-E (CCPR/C/128/3, CCPR/C/141/2), the reference scale NGOs use in follow-up
submissions. The first rule that applies wins:

1. the organisation assessed *measures contrary* to the recommendation → **E**
   (on ``ced_2022``, which has no E: **C**, not satisfactory);
2. no information from the State and the deadline has passed on the
   judgement date (the period's end) → **D** (no cooperation; CCPR D, CED 2022 D);
3. the organisation assessed it *implemented* → **A**;
4. *partially implemented* → **B**;
5. *not implemented* or *not started* → **C** (reply received, but it does
   not implement the recommendation or is not relevant);
6. otherwise no grade is suggested, and the reason says why (the deadline has
   not passed, or the organisation has recorded no assessment yet).

"Information from the State" is the State's follow-up reply
(``FollowUpRequest.reply_received_on``) or, failing that, a published
government-source assessment dated in the period (the earliest one counts as
the date the information was given). A reply after the deadline is graded on
its content; the reasoning says it came late.

Engagement with the authorities since the review
------------------------------------------------
Public engagements (``reports.data.report_engagements``) of the kinds in
:data:`AUTHORITY_KINDS` (meetings with officials, members of parliament, committee
hearings, the NHRI or NMRF, letters and submissions) that discussed a recommendation
of the document, dated from its adoption to the period's end, oldest first, with the
commitments made.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rightstrack.accounts.types import Viewer
from rightstrack.catalog.models import Document, FollowUpRequest, Recommendation
from rightstrack.reports.data import (
    AssessmentLine,
    assessment_line,
    public_symbol,
    report_assessments,
    report_documents,
    report_engagements,
    report_follow_ups,
)
from rightstrack.reports.dates import long_date
from rightstrack.reports.engagement_lines import EngagementLine, add_engagements, engagement_lines
from rightstrack.reports.writers import docx, pdf
from rightstrack.tracking import followup
from rightstrack.tracking.grades import SCALES, parse_grade
from rightstrack.tracking.models import Assessment, Engagement, Level

#: Mechanism code → ``tracking.grades`` scale used for suggestions (default ``ccpr``).
SCALE_BY_MECHANISM: dict[str, str] = {"CED": "ced_2022"}

#: Assessment sources that count as the submitting side (not the State, not the Committee).
NON_STATE_SOURCES = (Assessment.Source.CIVIL_SOCIETY, Assessment.Source.NHRI)


def scale_for(mechanism_code: str) -> str:
    """The grade scale suggestions use for this mechanism (``ccpr`` unless listed)."""
    return SCALE_BY_MECHANISM.get(mechanism_code.upper(), "ccpr")


@dataclass(frozen=True)
class SuggestedGrade:
    """A grade suggested for one follow-up item.

    Attributes:
        label: the grade on ``scale`` ("B"), or "" when none is suggested.
        scale: a ``tracking.grades.SCALES`` key.
        meaning: what the label means on that scale ("" when none).
        reason: one or two sentences: which rule applied, on which facts.
        rule: the number of the rule in this module's docstring (1-6).
    """

    label: str
    scale: str
    meaning: str
    reason: str
    rule: int


def suggest_grade(
    mechanism_code: str,
    *,
    level: str,
    state: str,
    days_late: int = 0,
) -> SuggestedGrade:
    """Suggest a grade from the organisation's assessment level and the reply's state.

    Args:
        mechanism_code: "CERD", "CCPR", "CED"...: picks the scale (:func:`scale_for`).
        level: the organisation's latest ``tracking.models.Level`` ("" when none).
        state: ``tracking.followup`` state of the State's information on the
            judgement date (``overdue`` = nothing received and the deadline passed).
        days_late: days after the deadline the information came (0 if on time).

    Returns:
        A :class:`SuggestedGrade` (rules in the module docstring).
    """
    scale = scale_for(mechanism_code)

    def grade(label: str, reason: str, rule: int) -> SuggestedGrade:
        parse_grade(label, scale)  # the label must exist on the scale
        return SuggestedGrade(label, scale, _(SCALES[scale][label]), reason, rule)

    late = (
        " "
        + _("The State's information came %(days)d days after the deadline.") % {"days": days_late}
        if days_late
        else ""
    )
    if level == Level.CONTRARY:
        label = "C" if "E" not in SCALES[scale] else "E"
        return grade(
            label,
            _("The organisation found measures contrary to the recommendation.") + late,
            1,
        )
    if state == followup.OVERDUE:
        return grade(
            "D",
            _("No information from the State party was received and the deadline has passed."),
            2,
        )
    by_level: dict[str, tuple[str, str, int]] = {
        Level.IMPLEMENTED: ("A", _("The organisation found the recommendation implemented."), 3),
        Level.PARTIAL: ("B", _("The organisation found it partially implemented."), 4),
        Level.NOT_IMPLEMENTED: (
            "C",
            _("Information was received, but the organisation found it not implemented."),
            5,
        ),
        Level.NOT_STARTED: (
            "C",
            _("Information was received, but the organisation found no step taken."),
            5,
        ),
    }
    if level in by_level:
        label, reason, rule = by_level[level]
        return grade(label, reason + late, rule)
    if state == followup.PENDING:
        reason = _("No grade suggested: the deadline has not passed yet.")
    else:
        reason = _("No grade suggested: the organisation has not recorded an assessment.")
    return SuggestedGrade("", scale, "", reason, 6)


@dataclass
class FollowUpItem:
    """One follow-up item as the report prints it."""

    item: str
    recommendation: Recommendation | None
    text: str
    section: str
    due_on: dt.date | None
    period_text: str
    state: str
    state_label: str
    reply_received_on: dt.date | None
    reply_symbol: str
    state_information: list[AssessmentLine] = field(default_factory=list)
    assessments: list[AssessmentLine] = field(default_factory=list)
    grade: SuggestedGrade | None = None
    #: The language ``text`` is written in: the report's when the catalogue holds the
    #: official text in it, else the language of the text as imported.
    text_language: str = ""


@dataclass
class FollowUpReport:
    """Everything the follow-up report shows (see :func:`build_followup_report`)."""

    document: Document
    organisations: list[str]
    period_start: dt.date | None
    period_end: dt.date
    language: str
    items: list[FollowUpItem]
    follow_up_paragraph: str
    scale: str
    engagements: list[EngagementLine] = field(default_factory=list)

    @property
    def deadlines(self) -> list[dt.date]:
        """The distinct deadlines of the items, in order."""
        return sorted({i.due_on for i in self.items if i.due_on})


def in_period(qs: Any, start: dt.date | None, end: dt.date) -> Any:
    """``qs`` (records with a ``date``) dated from ``start`` (when given) to ``end``,
    both inclusive: the report's period."""
    qs = qs.filter(date__lte=end)
    return qs.filter(date__gte=start) if start else qs


def build_followup_report(
    user: Viewer | None,
    document: Document,
    *,
    organisations: list[Any] | None = None,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    language: str = "en",
) -> FollowUpReport:
    """Collect the follow-up report's content for ``document`` as ``user`` may see it.

    Args:
        user: the requesting user (``None`` on the command line: public data only);
            restricted, draft and archived records never enter the report.
        document: concluding observations with written follow-up requests.
        organisations: the submitting ``accounts.Organisation`` rows; their
            civil-society/NHRI assessments are "the organisation's assessment"
            (all civil-society/NHRI assessments when empty).
        period_start, period_end: assessments dated in this range (inclusive);
            ``period_end`` (default: today) is also the judgement date for the
            reply state and the grade rule.
        language: UI language of labels, headings and dates.

    Returns:
        A :class:`FollowUpReport`, items in the order the document lists them.
    """
    end = period_end or timezone.localdate()
    orgs = list(organisations or [])
    requests = (
        report_follow_ups(user)
        .filter(document=document, kind=FollowUpRequest.Kind.FOLLOW_UP)
        .select_related("recommendation", "reply_document")
        .prefetch_related("recommendation__other_texts")
        .order_by("recommendation__order", "id")
    )
    base = report_assessments(user).select_related("organisation", "document")
    items: list[FollowUpItem] = []
    with translation.override(language):
        for fr in requests:
            rec = fr.recommendation
            text_language, text = rec.text_in(language) if rec else ("", "")
            gov = list(
                in_period(base, period_start, end)
                .filter(recommendation=rec, source=Assessment.Source.GOVERNMENT)
                .order_by("date", "id")
            )
            mine = in_period(base, period_start, end).filter(
                recommendation=rec, source__in=NON_STATE_SOURCES
            )
            if orgs:
                mine = mine.filter(organisation__in=[o.pk for o in orgs])
            own = list(mine.order_by("-date", "-id"))
            known = [d for d in (fr.reply_received_on, gov[0].date if gov else None) if d]
            received = min((d for d in known if d <= end), default=None)
            state = followup.follow_up_state(fr.due_on, received, end)
            late = max(0, (received - fr.due_on).days) if received and fr.due_on else 0
            level = own[0].level if own else ""
            items.append(
                FollowUpItem(
                    item=fr.item,
                    recommendation=rec,
                    text=text,
                    text_language=text_language,
                    section=rec.section if rec else "",
                    due_on=fr.due_on,
                    period_text=fr.period_text,
                    state=state,
                    state_label=followup.state_label(state),
                    reply_received_on=fr.reply_received_on
                    if fr.reply_received_on and fr.reply_received_on <= end
                    else None,
                    reply_symbol=public_symbol(fr.reply_document),
                    state_information=[assessment_line(user, a) for a in gov],
                    assessments=[assessment_line(user, a) for a in own],
                    grade=suggest_grade(
                        document.mechanism.code, level=level, state=state, days_late=late
                    ),
                )
            )
        engagements = engagement_lines(user, _engagements_since(user, document, end))
    para = next((fr.source_paragraph for fr in requests if fr.source_paragraph), "")
    return FollowUpReport(
        document=document,
        organisations=[o.name for o in orgs],
        period_start=period_start,
        period_end=end,
        language=language,
        items=items,
        follow_up_paragraph=para,
        scale=scale_for(document.mechanism.code),
        engagements=engagements,
    )


#: Engagement kinds that are engagement *with the authorities* (the follow-up report's
#: section); press, media, screenings, workshops and campaigns are left out.
AUTHORITY_KINDS = (
    Engagement.Kind.GOVERNMENT,
    Engagement.Kind.PARLIAMENTARIANS,
    Engagement.Kind.HEARING,
    Engagement.Kind.NHRI,
    Engagement.Kind.LETTER,
)


def _engagements_since(user: Viewer | None, document: Document, end: dt.date) -> list[Any]:
    qs = report_engagements(user).filter(
        kind__in=AUTHORITY_KINDS, recommendations__document=document, date__lte=end
    )
    if document.adopted_on:
        qs = qs.filter(date__gte=document.adopted_on)
    ids = qs.values("pk").distinct()
    return list(Engagement.objects.filter(pk__in=ids).order_by("date", "id"))


# --------------------------------------------------------------------------- DOCX


def _title(report: FollowUpReport) -> str:
    doc = report.document
    return _("Follow-up report to the %(committee)s on %(symbol)s") % {
        "committee": doc.mechanism.display_name,
        "symbol": doc.symbol,
    }


def _rule_text(report: FollowUpReport) -> list[str]:
    contrary = "C" if report.scale == "ced_2022" else "E"
    return [
        _("Measures contrary to the recommendation → %(label)s.") % {"label": contrary},
        _("No information from the State party and the deadline has passed → D."),
        _("Implemented → A; partially implemented → B."),
        _("Not implemented, or no step taken, although information was received → C."),
        _("Otherwise no grade is suggested (deadline not passed, or no assessment recorded)."),
    ]


def render_followup_docx(report: FollowUpReport) -> bytes:
    """The report as an editable DOCX (built-in Title/Heading/Quote/Table Grid styles)."""
    lang = report.language
    with translation.override(lang):
        doc = docx.new_document(_title(report), lang)
        _title_page(doc, report)
        _summary(doc, report)
        doc.add_heading(_("Follow-up items"), level=1)
        for item in report.items:
            _item(doc, report, item)
        doc.add_heading(_("Engagement with the authorities since the review"), level=1)
        if report.engagements:
            add_engagements(doc, report.engagements, lang)
        else:
            docx.add_paragraph(doc, _("No meeting recorded."))
        write_method(doc, report)
        return docx.to_bytes(doc)


def _title_page(doc: Any, report: FollowUpReport) -> None:
    d, lang = report.document, report.language
    doc.add_paragraph(_("Follow-up report"), style="Title")
    docx.add_paragraph(
        doc,
        _(
            "Information submitted to the %(committee)s on the follow-up to its concluding "
            "observations on %(country)s (%(symbol)s)"
        )
        % {
            "committee": d.mechanism.display_name,
            "country": d.country.name if d.country else "",
            "symbol": d.symbol,
        },
        style="Subtitle",
    )
    period = (
        _("%(start)s to %(end)s")
        % {"start": long_date(report.period_start, lang), "end": long_date(report.period_end, lang)}
        if report.period_start
        else _("up to %(end)s") % {"end": long_date(report.period_end, lang)}
    )
    rows = [
        (_("Committee"), f"{d.mechanism.display_name} ({d.mechanism.code})"),
        (_("State party"), d.country.name if d.country else ""),
        (_("Concluding observations"), f"{d.symbol}: {d.title}"),
        (_("Session"), d.session),
        (_("Adopted on"), long_date(d.adopted_on, lang)),
        (
            _("Follow-up request"),
            (_("paragraph %(para)s") % {"para": report.follow_up_paragraph})
            if report.follow_up_paragraph
            else "",
        ),
        (
            _("Deadline for the State party"),
            ", ".join(long_date(x, lang) for x in report.deadlines),
        ),
        (_("Period covered"), period),
        (_("Submitted by"), "; ".join(report.organisations) or _("(organisation to be named)")),
    ]
    for label, value in rows:
        if value:
            docx.add_label_value(doc, label, value)
    docx.page_break(doc)


def _summary(doc: Any, report: FollowUpReport) -> None:
    lang = report.language
    doc.add_heading(_("Summary"), level=1)
    docx.add_paragraph(
        doc,
        _(
            "The Committee asked the State party for information on %(n)d recommendations. "
            "The table gives, for each, the State's information, our assessment and the grade "
            "we suggest on the Committee's scale."
        )
        % {"n": len(report.items)},
    )
    rows = []
    given = _("information given")  # outside the f-string below, where xgettext misses it
    for item in report.items:
        state_info = (
            " ".join(
                (
                    _("Reply received %(date)s")
                    % {"date": long_date(item.reply_received_on, lang)},
                    item.reply_symbol,
                )
            ).strip()
            if item.reply_received_on
            else "; ".join(
                f"{long_date(a.date, lang)}: {a.level_label or given}"
                for a in item.state_information
            )
            or _("None received")
        )
        ours = (
            f"{item.assessments[0].level_label} ({long_date(item.assessments[0].date, lang)})"
            if item.assessments
            else _("Not assessed")
        )
        grade = item.grade.label if item.grade and item.grade.label else "—"
        rows.append((item.item, item.section, state_info, ours, grade))
    docx.add_table(
        doc,
        [
            _("Paragraph"),
            _("Subject"),
            _("State party's information"),
            _("Our assessment"),
            _("Suggested grade"),
        ],
        rows,
        widths_cm=[2.4, 3.8, 4.2, 4.1, 2.5],
    )


def _item(doc: Any, report: FollowUpReport, item: FollowUpItem) -> None:
    lang = report.language
    title = _("Paragraph %(item)s") % {"item": item.item}
    doc.add_heading(f"{title}: {item.section}" if item.section else title, level=2)
    doc.add_heading(_("Recommendation (as printed)"), level=3)
    docx.add_quote(doc, item.text, language=item.text_language)
    docx.add_label_value(
        doc,
        _("Deadline"),
        f"{long_date(item.due_on, lang)} ({item.state_label})" if item.due_on else item.state_label,
    )
    doc.add_heading(_("Information from the State party"), level=3)
    if item.reply_received_on:
        docx.add_paragraph(
            doc,
            _("Follow-up reply %(symbol)s, received on %(date)s.")
            % {
                "symbol": item.reply_symbol or _("(not catalogued)"),
                "date": long_date(item.reply_received_on, lang),
            },
        )
    for a in item.state_information:
        write_assessment(doc, a, lang)
    if not item.reply_received_on and not item.state_information:
        docx.add_paragraph(doc, _("No information from the State party was recorded."))
    doc.add_heading(_("Assessment of the submitting organisation(s)"), level=3)
    for a in item.assessments:
        write_assessment(doc, a, lang)
    if not item.assessments:
        docx.add_paragraph(doc, _("No assessment recorded for this period."))
    doc.add_heading(_("Suggested grade"), level=3)
    g = item.grade
    if g and g.label:
        docx.add_paragraph(doc, f"{g.label}: {g.meaning}", bold=True)
    docx.add_label_value(doc, _("Reasoning"), g.reason if g else "")


def write_assessment(doc: Any, a: AssessmentLine, lang: str) -> None:
    """One assessment (source, date, level, text, evidence) as the follow-up report and
    the parallel report print it, in ``lang``."""
    who = " — ".join(x for x in (a.organisation, a.source) if x)
    head = f"{long_date(a.date, lang)}, {who}"
    if a.level_label:
        head += f": {a.level_label}"
    if a.grade_label:
        head += f" ({_('grade')} {a.grade_label})"
    docx.add_paragraph(doc, head, bold=True)
    if a.text:
        docx.add_paragraph(doc, a.text)
    if a.document:
        docx.add_label_value(doc, _("Source"), a.document)
    if a.evidence:
        docx.add_paragraph(doc, _("Evidence:"))
        docx.add_list(doc, a.evidence)


def write_method(doc: Any, report: FollowUpReport) -> None:
    """The grading rules the report applied (its scale and how a grade is suggested);
    shared with the parallel report."""
    doc.add_heading(_("How the grades are suggested"), level=1)
    scale = _("the current scale of the Human Rights Committee (A–E, as in CCPR/C/141/2)")
    if report.scale == "ced_2022":
        scale = _("the Committee on Enforced Disappearances' 2022 scale (A–D)")
    docx.add_paragraph(
        doc,
        _(
            "Grades are suggestions on %(scale)s, applied in this order; the Committee decides "
            "its own assessment. Judgement date: %(date)s."
        )
        % {"scale": scale, "date": long_date(report.period_end, report.language)},
    )
    docx.add_list(doc, _rule_text(report))
    docx.add_table(
        doc,
        [_("Grade"), _("Meaning")],
        [(label, _(meaning)) for label, meaning in SCALES[report.scale].items()],
        widths_cm=[2.0, 15.0],
    )


def followup_report_bytes(report: FollowUpReport, fmt: str) -> bytes:
    """The report as ``fmt`` ("docx" or "pdf"; PDF via :func:`~rightstrack.reports.writers.pdf.docx_to_pdf`).

    Raises:
        ValueError: unknown format. pdf.ConversionError: PDF conversion failed.
    """
    return pdf.docx_or_pdf(fmt, lambda: render_followup_docx(report))


def documents_with_follow_up(user: Viewer | None) -> Any:
    """Public concluding observations with written follow-up items (for the form)."""
    ids = report_follow_ups(user).filter(kind=FollowUpRequest.Kind.FOLLOW_UP).values("document_id")
    return (
        report_documents(user)
        .filter(Q(pk__in=ids))
        .select_related("mechanism", "country")
        .order_by("-adopted_on", "symbol")
    )
