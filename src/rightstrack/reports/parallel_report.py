"""Parallel (shadow) follow-up report: what civil society sends a committee on the
recommendations it selected for follow-up, written from the submitting organisation's side.

What such a submission holds (the Human Rights Committee's follow-up procedure)
------------------------------------------------------------------------------
Under the CCPR follow-up procedure (CCPR/C/108/2, 2013) the Committee picks two to four
recommendations of its concluding observations, names them in a paragraph near the end
(CCPR/C/PRY/CO/4, para. 47: paragraphs 13, 29 and 35, "within two years ... or by 26 July
2021") and asks the State party to report on them; "other stakeholders including NGOs are
also invited to assess the implementation status of these recommendations and submit their
reports to the HR Committee under this procedure", and the Committee grades each
recommendation A-E "based on the information provided by the State party as well as from
other stakeholders including NGOs" (CCPR Centre, *Follow-up and assessment*,
https://ccprcentre.org/follow-up-and-assessment, domain.md [S4]; the NGO information was
already "taken into consideration" in 2009, CCPR/C/95/3, [S7]). The scale is the
Committee's (CCPR/C/141/2, ``tracking.grades``). So the report gives, per follow-up
paragraph:

1. who submits it (the organisation(s)) and what the Committee asked: the follow-up
   paragraph, the deadline, the recommendation as printed with its lettered parts (the
   questions the State must answer) and the State's reply if one came;
2. the assessments recorded by the government, the NHRI and civil society side by side,
   with their evidence, and the Committee's own grade when it has assessed the item;
3. the submitting organisation's assessment with its evidence and the grade it suggests on
   the Committee's scale (the rules of :mod:`rightstrack.reports.followup_report`);
4. the measures the authorities announced (published actions of the national plan) and
   what the organisation recommends next: the decision it asks of the Committee, which
   follows the Committee's practice per grade (A: further information in the next periodic
   report; B: more information on the steps still missing; C and E: keep the follow-up open
   and write to the State party; D: a reminder, then a meeting with the State party's
   representatives; CCPR Centre [S4], CCPR/C/108/2), and the measures still open.

It closes with the engagement with the authorities since the review and the grading rules,
and gives its length in words on the title page (the committee's word limit for the
submission is set in each call for input: check it before sending).

Only public, published records enter it, whoever builds it (``reports.data``: outward
reports), so restricted assessments, pending submissions and hidden contributor names
never appear, not even for a coordinator.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from docx.oxml import OxmlElement

from rightstrack.accounts.types import Viewer
from rightstrack.catalog.models import Document
from rightstrack.reports import followup_report as fr
from rightstrack.reports.data import (
    ActionLine,
    AssessmentLine,
    assessment_line,
    published_actions,
    report_assessments,
)
from rightstrack.reports.dates import long_date, number, word_list
from rightstrack.reports.engagement_lines import add_engagements
from rightstrack.reports.writers import docx, pdf
from rightstrack.tracking.grades import SCALES
from rightstrack.tracking.models import Assessment

#: A lettered part of a recommendation as printed: "(a) Ensure that ..." at a line start.
_LETTERED = re.compile(r"^\(([a-z]{1,3})\)\s+(.+)$")


@dataclass
class ParallelItem:
    """One follow-up paragraph as the parallel report prints it.

    Attributes:
        base: the follow-up report's item (recommendation, deadline, reply state, the
            State's information, the organisation's assessments, the suggested grade).
        questions: the lettered parts of the recommendation ("(a) Ensure that ..."), or
            the whole recommendation when it has none.
        nhri: published NHRI assessments (oldest first).
        civil_society: published civil-society assessments of other organisations.
        committee: published assessments of the Committee (its grades), oldest first.
        actions: published actions of public plans on the recommendation.
        next_steps: what the organisation recommends next (translated sentences).
    """

    base: fr.FollowUpItem
    questions: list[str] = field(default_factory=list)
    nhri: list[AssessmentLine] = field(default_factory=list)
    civil_society: list[AssessmentLine] = field(default_factory=list)
    committee: list[AssessmentLine] = field(default_factory=list)
    actions: list[ActionLine] = field(default_factory=list)
    next_steps: list[str] = field(default_factory=list)

    @property
    def committee_grade(self) -> str:
        """The Committee's latest grade as printed ("" when it has not graded the item)."""
        graded = [a.grade_label for a in self.committee if a.grade_label]
        return graded[-1] if graded else ""


@dataclass
class ParallelReport:
    """Everything the parallel report shows (see :func:`build_parallel_report`)."""

    core: fr.FollowUpReport
    items: list[ParallelItem]

    @property
    def document(self) -> Document:
        """The concluding observations reported on."""
        return self.core.document

    @property
    def language(self) -> str:
        """The report's UI language code."""
        return self.core.language


def recommendation_questions(text: str) -> list[str]:
    """The lettered parts of a recommendation as printed, one string each ("(a) ...").

    Args:
        text: the recommendation text; lettered parts start a line ("(a) Ensure ...").

    Returns:
        The parts in order; ``[text]`` (stripped) when it has no lettered part; ``[]`` for "".
    """
    parts: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        match = _LETTERED.match(line)
        if match:
            parts.append(f"({match.group(1)}) {match.group(2)}")
        elif parts and line:
            parts[-1] += " " + line
    return parts or ([text.strip()] if text.strip() else [])


def next_steps(grade_label: str, open_actions: list[ActionLine], language: str) -> list[str]:
    """What the organisation recommends next for one item, from its suggested grade.

    Args:
        grade_label: the suggested grade on the CCPR scale ("A"-"E", or "" when none).
        open_actions: published actions of the plan not completed nor cancelled.
        language: UI language of the sentences and dates.

    Returns:
        Translated sentences: the decision asked of the Committee (its practice per grade,
        module docstring, point 4), then what the State party should do about each open
        action of the plan (by its target date).
    """
    by_grade = {
        "A": _(
            "We ask the Committee to close the follow-up on this paragraph and to ask for "
            "further information in the next periodic report."
        ),
        "B": _(
            "We ask the Committee to request information on the steps still missing, in its "
            "letter to the State party and in the next periodic report."
        ),
        "C": _(
            "We ask the Committee to keep this paragraph under its follow-up procedure and to "
            "write to the State party asking for the measures it recommended."
        ),
        "D": _(
            "We ask the Committee to send the State party a reminder and, failing a reply, to "
            "meet its representatives."
        ),
        "E": _(
            "We ask the Committee to keep this paragraph under its follow-up procedure and to "
            "ask the State party to reverse the measures contrary to the recommendation."
        ),
    }
    steps = [by_grade[grade_label]] if grade_label in by_grade else []
    for action in open_actions:
        if action.target_date:
            steps.append(
                _("The State party should complete “%(title)s” by %(date)s (%(status)s).")
                % {
                    "title": action.title,
                    "date": long_date(action.target_date, language),
                    "status": action.status_label,
                }
            )
        else:
            steps.append(
                _("The State party should say when it will complete “%(title)s” (%(status)s).")
                % {"title": action.title, "status": action.status_label}
            )
    return steps


def build_parallel_report(
    user: Viewer | None,
    document: Document,
    *,
    organisations: list[Any] | None = None,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    language: str = "en",
) -> ParallelReport:
    """Collect the parallel report's content for ``document`` as ``user`` may see it.

    Args:
        user: the requesting user (``None`` on the command line); only public, published,
            non-archived records enter the report, whoever builds it.
        document: concluding observations with written follow-up requests.
        organisations: the submitting ``accounts.Organisation`` rows; their assessments
            are "our assessment", other civil-society assessments are listed beside them
            (all civil-society and NHRI assessments count as ours when empty, as in the
            follow-up report).
        period_start, period_end: assessments dated in this range (inclusive);
            ``period_end`` (default: today) is the judgement date of the grade rules.
        language: UI language of labels, headings, dates and numbers.

    Returns:
        A :class:`ParallelReport`, items in the order the document lists them.
    """
    core = fr.build_followup_report(
        user,
        document,
        organisations=organisations,
        period_start=period_start,
        period_end=period_end,
        language=language,
    )
    orgs = [o.pk for o in organisations or []]
    base = fr.in_period(
        report_assessments(user).select_related("organisation", "document"),
        period_start,
        core.period_end,
    ).order_by("date", "id")
    items = []
    with translation.override(language):
        for item in core.items:
            rec = item.recommendation
            mine = base.filter(recommendation=rec)
            nhri = mine.filter(source=Assessment.Source.NHRI)
            others = mine.filter(source=Assessment.Source.CIVIL_SOCIETY)
            if orgs:
                nhri = nhri.exclude(organisation__in=orgs)
                others = others.exclude(organisation__in=orgs)
            else:  # every civil-society and NHRI assessment is already "ours"
                nhri, others = nhri.none(), others.none()
            actions = published_actions(user, rec) if rec is not None else []
            still_open = [a for a in actions if a.is_open]
            items.append(
                ParallelItem(
                    base=item,
                    questions=recommendation_questions(item.text),
                    nhri=[assessment_line(user, a) for a in nhri],
                    civil_society=[assessment_line(user, a) for a in others],
                    committee=[
                        assessment_line(user, a)
                        for a in mine.filter(source=Assessment.Source.COMMITTEE)
                    ],
                    actions=actions,
                    next_steps=next_steps(
                        item.grade.label if item.grade else "", still_open, language
                    ),
                )
            )
    return ParallelReport(core=core, items=items)


# --------------------------------------------------------------------------- DOCX


def render_parallel_docx(report: ParallelReport) -> bytes:
    """The report as an editable DOCX, with its length in words on the title page.

    Built twice: the first pass counts the words (paragraphs and table cells) that the
    second prints.
    """
    words = _count_words(_render(report, words=None))
    return _render(report, words=words)


def _count_words(data: bytes) -> int:
    import io

    import docx as python_docx

    document = python_docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return sum(len(p.split()) for p in parts)


def _title(report: ParallelReport) -> str:
    return _("Parallel follow-up report to the %(committee)s on %(symbol)s") % {
        "committee": report.document.mechanism.display_name,
        "symbol": report.document.symbol,
    }


def _render(report: ParallelReport, *, words: int | None) -> bytes:
    lang = report.language
    with translation.override(lang):
        doc = docx.new_document(_title(report), lang)
        _title_page(doc, report, words)
        _introduction(doc, report)
        _summary(doc, report)
        doc.add_heading(_("Follow-up items"), level=1)
        for item in report.items:
            _item(doc, report, item)
        doc.add_heading(_("Engagement with the authorities since the review"), level=1)
        if report.core.engagements:
            add_engagements(doc, report.core.engagements, lang)
        else:
            docx.add_paragraph(doc, _("No meeting recorded."))
        fr.write_method(doc, report.core)  # the same grading rules as the follow-up report
        return docx.to_bytes(doc)


def _items_text(report: ParallelReport) -> str:
    return word_list([i.base.item for i in report.items], report.language)


def _reply(report: ParallelReport) -> str:
    """The State's follow-up reply ("CCPR/C/PRY/FCO/4, received on 12 May 2023") or ""."""
    for i in report.items:
        if i.base.reply_received_on:
            return _("%(symbol)s, received on %(date)s") % {
                "symbol": i.base.reply_symbol or _("(not catalogued)"),
                "date": long_date(i.base.reply_received_on, report.language),
            }
    return ""


def _title_page(doc: Any, report: ParallelReport, words: int | None) -> None:
    d, core, lang = report.document, report.core, report.language
    doc.add_paragraph(_("Parallel follow-up report"), style="Title")
    docx.add_paragraph(
        doc,
        _(
            "Information from civil society to the %(committee)s under its follow-up "
            "procedure: concluding observations on %(country)s (%(symbol)s)"
        )
        % {
            "committee": d.mechanism.display_name,
            "country": d.country.name if d.country else "",
            "symbol": d.symbol,
        },
        style="Subtitle",
    )
    rows = [
        (_("Submitted by"), "; ".join(core.organisations) or _("(organisation to be named)")),
        (_("Committee"), f"{d.mechanism.display_name} ({d.mechanism.code})"),
        (_("State party"), d.country.name if d.country else ""),
        (_("Concluding observations"), f"{d.symbol}: {d.title}"),
        (_("Session"), d.session),
        (_("Adopted on"), long_date(d.adopted_on, lang)),
        (
            _("Follow-up request"),
            (_("paragraph %(para)s") % {"para": core.follow_up_paragraph})
            if core.follow_up_paragraph
            else "",
        ),
        (_("Paragraphs selected for follow-up"), _items_text(report)),
        (_("Deadline for the State party"), ", ".join(long_date(x, lang) for x in core.deadlines)),
        (_("State party's follow-up reply"), _reply(report) or _("None received")),
        (_("Information up to"), long_date(core.period_end, lang)),
        (
            _("Length"),
            ngettext("%(counter)s word", "%(counter)s words", words)
            % {"counter": number(words, lang)}
            if words
            else "",
        ),
    ]
    for label, value in rows:
        if value:
            docx.add_label_value(doc, label, value)
    docx.page_break(doc)


def _introduction(doc: Any, report: ParallelReport) -> None:
    core, lang = report.core, report.language
    d = report.document
    doc.add_heading(_("Introduction"), level=1)
    who = "; ".join(core.organisations) or _("(organisation to be named)")
    deadline = ", ".join(long_date(x, lang) for x in core.deadlines)
    docx.add_paragraph(
        doc,
        _(
            "In paragraph %(para)s of its concluding observations %(symbol)s, adopted on "
            "%(adopted)s, the %(committee)s asked the State party to provide, by %(deadline)s, "
            "information on the implementation of the recommendations in paragraphs "
            "%(items)s."
        )
        % {
            "para": core.follow_up_paragraph or "?",
            "symbol": d.symbol,
            "adopted": long_date(d.adopted_on, lang),
            "committee": d.mechanism.display_name,
            "deadline": deadline or _("the date it set"),
            "items": _items_text(report),
        },
    )
    docx.add_paragraph(
        doc,
        _(
            "This report is submitted by %(who)s under the Committee's follow-up procedure, "
            "which invites civil society to assess how these recommendations have been "
            "implemented. "
            "For each paragraph it gives the Committee's questions, the information of the "
            "State party, the assessments of the national human rights institution and of "
            "civil society with their evidence, our assessment and the grade we suggest on the "
            "Committee's scale, and what we recommend next."
        )
        % {"who": who},
    )


def _summary(doc: Any, report: ParallelReport) -> None:
    lang = report.language
    doc.add_heading(_("Summary"), level=1)
    rows = []
    for item in report.items:
        b = item.base
        if b.reply_received_on:
            state = _("Reply received %(date)s") % {"date": long_date(b.reply_received_on, lang)}
        else:
            state = b.state_label
        ours = (
            f"{b.assessments[0].level_label} ({long_date(b.assessments[0].date, lang)})"
            if b.assessments
            else _("Not assessed")
        )
        grade = b.grade.label if b.grade and b.grade.label else "—"
        rows.append((b.item, b.section, state, ours, grade, item.committee_grade or "—"))
    docx.add_table(
        doc,
        [
            _("Paragraph"),
            _("Subject"),
            _("State party's information"),
            _("Our assessment"),
            _("Suggested grade"),
            _("Committee's grade"),
        ],
        rows,
        widths_cm=[2.3, 3.1, 3.1, 3.3, 2.6, 2.6],
    )


def _side_by_side(item: ParallelItem, lang: str, *, named: bool) -> list[tuple[str, str, str, str]]:
    """Rows (who, date, status and findings, evidence) of every side's information.

    ``named``: the submitting organisations were given; otherwise every civil-society and
    NHRI assessment is "ours" and each row says its own source.
    """
    rows = []
    b = item.base
    if b.reply_received_on:
        rows.append(
            (
                _("State party"),
                long_date(b.reply_received_on, lang),
                _("Follow-up reply %(symbol)s")
                % {"symbol": b.reply_symbol or _("(not catalogued)")},
                "",
            )
        )
    groups = (
        (_("Government"), b.state_information),
        (_("National human rights institution"), item.nhri),
        (_("Submitting organisation"), b.assessments),
        (_("Other civil society"), item.civil_society),
        (_("Committee"), item.committee),
    )
    for label, lines in groups:
        for a in lines:
            side = a.source if lines is b.assessments and not named else label
            who = f"{side}: {a.organisation}" if a.organisation else side
            head = a.level_label
            if a.grade_label:
                grade = _("grade %(grade)s") % {"grade": a.grade_label}
                head = f"{head} ({grade})" if head else grade
            text = "\n".join(x for x in (head, a.text) if x)
            rows.append((who, long_date(a.date, lang), text, "\n".join(a.evidence)))
    return rows


def _keep_rows_whole(table: Any) -> None:
    """Never split a row across two pages (``w:cantSplit``): a finding stays whole."""
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _item(doc: Any, report: ParallelReport, item: ParallelItem) -> None:
    lang, b = report.language, item.base
    title = _("Paragraph %(item)s") % {"item": b.item}
    doc.add_heading(f"{title}: {b.section}" if b.section else title, level=2)

    doc.add_heading(_("What the Committee asked"), level=3)
    for question in item.questions:
        docx.add_quote(doc, question, language=b.text_language)
    docx.add_label_value(
        doc,
        _("Deadline"),
        f"{long_date(b.due_on, lang)} ({b.state_label})" if b.due_on else b.state_label,
    )

    doc.add_heading(_("Assessments side by side"), level=3)
    rows = _side_by_side(item, lang, named=bool(report.core.organisations))
    if rows:
        table = docx.add_table(
            doc,
            [_("Source"), _("Date"), _("Status and findings"), _("Evidence")],
            rows,
            widths_cm=[3.2, 2.6, 6.2, 5.0],
        )
        _keep_rows_whole(table)
    else:
        docx.add_paragraph(doc, _("No information recorded."))

    doc.add_heading(_("Our assessment"), level=3)
    for a in b.assessments:
        fr.write_assessment(doc, a, lang)
    if not b.assessments:
        docx.add_paragraph(doc, _("No assessment recorded for this period."))

    doc.add_heading(_("Suggested grade"), level=3)
    g = b.grade
    if g and g.label:
        docx.add_paragraph(doc, f"{g.label}: {g.meaning}", bold=True)
    docx.add_label_value(doc, _("Reasoning"), g.reason if g else "")
    if item.committee_grade:
        printed = SCALES[report.core.scale].get(item.committee_grade.strip("[]"))
        grade = f"{item.committee_grade}: {_(printed)}" if printed else item.committee_grade
        docx.add_label_value(doc, _("The Committee's grade"), grade)

    doc.add_heading(_("Measures announced by the authorities"), level=3)
    if item.actions:
        docx.add_list(
            doc,
            [
                "; ".join(
                    x
                    for x in (
                        a.title,
                        a.status_label,
                        (_("target date %(date)s") % {"date": long_date(a.target_date, lang)})
                        if a.target_date
                        else "",
                        a.responsible,
                    )
                    if x
                )
                for a in item.actions
            ],
        )
    else:
        docx.add_paragraph(doc, _("No published measure recorded."))

    doc.add_heading(_("What we recommend"), level=3)
    if item.next_steps:
        docx.add_list(doc, item.next_steps)
    else:
        docx.add_paragraph(doc, _("No recommendation until our assessment is recorded."))


def parallel_report_bytes(report: ParallelReport, fmt: str) -> bytes:
    """The report as ``fmt`` ("docx" or "pdf"; PDF through LibreOffice).

    Raises:
        ValueError: unknown format. pdf.ConversionError: PDF conversion failed.
    """
    return pdf.docx_or_pdf(fmt, lambda: render_parallel_docx(report))
