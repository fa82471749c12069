"""UPR mid-term report: every recommendation a State received in one UPR cycle, with its
position and implementation status, grouped by theme and cluster, with counts.

The mid-term report is voluntary (encouraged by HRC res. 16/21), about two
and a half years after the review. Grouping:

* **theme**: the recommendation's first UHRI theme by name (each recommendation
  is counted once, so the counts add up to the total); recommendations with no
  UHRI theme fall back to their first UPR Info issue, then to "No theme";
* **cluster**: the thematic heading the recommendation is printed under
  (``Recommendation.section``: OHCHR thematic lists and Working Group reports
  cluster recommendations under such headings); the classify app has no
  clusters of its own yet, so this is the only cluster used.

Status: the latest published, public assessment (any source); "Not assessed"
when none. Only public recommendations the user may see are included.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rightstrack.accounts.types import Viewer
from rightstrack.catalog.models import Country, Recommendation, Theme, UprIssue
from rightstrack.reports.data import report_assessments, report_recommendations
from rightstrack.reports.dates import long_date
from rightstrack.reports.writers import docx, pdf
from rightstrack.tracking.models import Level


@dataclass
class MidTermRow:
    """One recommendation of the cycle."""

    recommendation: Recommendation
    recommending_states: str
    position: str
    status: str
    status_level: str
    cluster: str


@dataclass
class ThemeGroup:
    """Recommendations of one theme, by cluster, with counts."""

    theme: str
    rows: list[MidTermRow] = field(default_factory=list)

    @property
    def position_counts(self) -> Counter[str]:
        """Position label → number of recommendations."""
        return Counter(r.position for r in self.rows)

    @property
    def status_counts(self) -> Counter[str]:
        """Status label → number of recommendations."""
        return Counter(r.status for r in self.rows)

    @property
    def clusters(self) -> list[tuple[str, list[MidTermRow]]]:
        """(cluster heading, rows) in order of first appearance."""
        out: dict[str, list[MidTermRow]] = {}
        for row in self.rows:
            out.setdefault(row.cluster, []).append(row)
        return list(out.items())


@dataclass
class MidTermReport:
    """What :func:`build_midterm_report` collected."""

    country: Country
    cycle: int
    on: dt.date
    language: str
    groups: list[ThemeGroup]

    @property
    def total(self) -> int:
        """Number of recommendations in the report."""
        return sum(len(g.rows) for g in self.groups)

    @property
    def position_counts(self) -> Counter[str]:
        """Position label → number, over the whole cycle."""
        return sum((g.position_counts for g in self.groups), Counter())

    @property
    def status_counts(self) -> Counter[str]:
        """Status label → number, over the whole cycle."""
        return sum((g.status_counts for g in self.groups), Counter())


def cycle_recommendations(user: Viewer | None, iso3: str, cycle: int) -> Any:
    """Public UPR recommendations to the State ``iso3`` in UPR ``cycle`` that ``user`` may see."""
    return (
        report_recommendations(user)
        .filter(mechanism__kind="upr", country__iso3=iso3.upper(), upr_cycle=cycle)
        .select_related("document")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("name")),
            Prefetch("upr_issues", queryset=UprIssue.objects.order_by("name")),
            "recommending_states",
            "other_texts",
        )
        .order_by("document_id", "order", "id")
    )


def build_midterm_report(
    user: Viewer | None,
    country: Country,
    cycle: int,
    *,
    on: dt.date | None = None,
    language: str = "en",
) -> MidTermReport:
    """Collect the mid-term report of ``country`` for UPR ``cycle`` (see module docstring).

    Args:
        user: requesting user (``None``: public data only).
        country: the State under review.
        cycle: UPR cycle number (1-4).
        on: date printed on the report (default today).
        language: language of labels and dates.
    """
    recs = list(cycle_recommendations(user, country.iso3, cycle))
    latest: dict[int, Any] = {}
    for a in (
        report_assessments(user)
        .filter(recommendation__in=[r.pk for r in recs])
        .order_by("recommendation_id", "-date", "-id")
    ):
        latest.setdefault(a.recommendation_id, a)
    groups: dict[str, ThemeGroup] = {}
    with translation.override(language):
        no_theme = _("No theme")
        for rec in recs:
            themes = list(rec.themes.all())
            issues = list(rec.upr_issues.all())
            theme = themes[0].name if themes else (issues[0].name if issues else no_theme)
            found = latest.get(rec.pk)
            level = found.level if found is not None else ""
            status = str(Level(level).label) if level else _("Not assessed")
            row = MidTermRow(
                recommendation=rec,
                recommending_states=", ".join(
                    sorted(s.name for s in rec.recommending_states.all())
                ),
                position=str(rec.get_position_display()) if rec.position else _("No position"),
                status=status,
                status_level=level,
                cluster=rec.section,
            )
            groups.setdefault(theme, ThemeGroup(theme)).rows.append(row)
    ordered = sorted(groups.values(), key=lambda g: (g.theme == no_theme, g.theme))
    return MidTermReport(country, cycle, on or timezone.localdate(), language, ordered)


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{label}: {n}" for label, n in sorted(counter.items()))


def render_midterm_docx(report: MidTermReport) -> bytes:
    """The mid-term report as an editable DOCX."""
    lang = report.language
    with translation.override(lang):
        title = _("Universal Periodic Review: mid-term report of %(country)s, cycle %(cycle)d") % {
            "country": report.country.name,
            "cycle": report.cycle,
        }
        doc = docx.new_document(title, lang)
        doc.add_paragraph(title, style="Title")
        docx.add_label_value(doc, _("Date"), long_date(report.on, lang))
        docx.add_label_value(doc, _("Recommendations"), str(report.total))
        docx.add_label_value(doc, _("Positions"), _counts(report.position_counts))
        docx.add_label_value(doc, _("Implementation status"), _counts(report.status_counts))
        doc.add_heading(_("Counts by theme"), level=1)
        positions = sorted(report.position_counts)
        statuses = sorted(report.status_counts)
        docx.add_table(
            doc,
            [_("Theme"), _("Total"), *positions, *statuses],
            [
                (
                    g.theme,
                    len(g.rows),
                    *tuple(g.position_counts.get(p, 0) for p in positions),
                    *tuple(g.status_counts.get(s, 0) for s in statuses),
                )
                for g in report.groups
            ],
            widths_cm=[7.0, 1.6]
            + [8.4 / max(1, len(positions) + len(statuses))] * (len(positions) + len(statuses)),
        )
        for group in report.groups:
            doc.add_heading(f"{group.theme} ({len(group.rows)})", level=1)
            for cluster, rows in group.clusters:
                if cluster:
                    doc.add_heading(cluster, level=2)
                # The UN's text in the report's language when held, else as imported.
                quoted = [r.recommendation.text_in(lang) for r in rows]
                table = docx.add_table(
                    doc,
                    [
                        _("No."),
                        _("Recommendation"),
                        _("Recommending States"),
                        _("Position"),
                        _("Status"),
                    ],
                    [
                        (
                            r.recommendation.paragraph,
                            text,
                            r.recommending_states,
                            r.position,
                            r.status,
                        )
                        for r, (_code, text) in zip(rows, quoted, strict=True)
                    ],
                    widths_cm=[1.8, 7.2, 3.6, 2.2, 2.2],
                )
                for table_row, (code, _text) in zip(table.rows[1:], quoted, strict=True):
                    docx.mark_language(table_row.cells[1], code)
        return docx.to_bytes(doc)


def midterm_bytes(report: MidTermReport, fmt: str) -> bytes:
    """The report as "docx" or "pdf" bytes.

    Raises:
        ValueError: unknown format. pdf.ConversionError: PDF conversion failed.
    """
    return pdf.docx_or_pdf(fmt, lambda: render_midterm_docx(report))
