"""Render a :class:`~rightstrack.reports.plain_language.PlainSummary` as PDF or DOCX.

The HTML page and the PDF share one template body
(``reports/partials/plain_summary_body.html``); the PDF is that HTML printed
by WeasyPrint as PDF/UA-1 (see :mod:`rightstrack.reports.writers.pdf`). The
DOCX (:mod:`rightstrack.reports.writers.docx`, ``SUMMARY_LOOK``) follows the
same order with Word's built-in styles. ``large_print`` gives 18 pt body text
in both (headings 26/22/20 pt in the PDF, ``LARGE_PRINT_SIZES`` in the DOCX).
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rightstrack.reports.plain_language import PlainSummary
from rightstrack.reports.writers import docx as d
from rightstrack.reports.writers.pdf import html_to_pdf


def print_html(summary: PlainSummary, *, large_print: bool = False) -> str:
    """The HTML document WeasyPrint prints (styled by :func:`print_css`, no inline style)."""
    with translation.override(summary.language):
        return render_to_string(
            "reports/plain_summary_print.html", {"s": summary, "large": large_print}
        )


def print_css(summary: PlainSummary, *, large_print: bool = False) -> str:
    """The print stylesheet of :func:`print_html`: page, sizes (18 pt body in large print)
    and each theme group's pictogram as a ``data:`` URI background (decorative, so
    untagged in the PDF)."""
    return render_to_string("reports/plain_summary_print.css", {"s": summary, "large": large_print})


def summary_pdf(summary: PlainSummary, *, large_print: bool = False) -> bytes:
    """Tagged PDF (PDF/UA-1 variant) of the summary."""
    return html_to_pdf(
        print_html(summary, large_print=large_print),
        stylesheets=[print_css(summary, large_print=large_print)],
    )


def summary_docx(summary: PlainSummary, *, large_print: bool = False) -> bytes:
    """Editable DOCX of the summary (same sections and order as the PDF)."""
    with translation.override(summary.language):
        return _docx(summary, large_print)


def _docx(s: PlainSummary, large_print: bool) -> bytes:
    doc = d.new_document(s.title, s.language, large_print=large_print, look=d.SUMMARY_LOOK)
    d.add_title(doc, s.title)
    d.add_paragraph(
        doc,
        f"{s.committee} · {s.country} · {s.symbol} · "
        + _("adopted %(date)s") % {"date": s.adopted},
    )
    d.add_paragraph(doc, s.intro)
    if s.follow_ups:
        heading = d.add_heading(
            doc,
            _("Follow-up: the State must report back by %(date)s") % {"date": s.follow_up_due},
            level=1,
        )
        d.box(heading)
        n = len(s.follow_ups)
        d.box(
            d.add_paragraph(
                doc,
                ngettext(
                    "The Committee chose %(n)s recommendation for urgent follow-up. "
                    "The State must say what it has done about it by %(date)s.",
                    "The Committee chose %(n)s recommendations for urgent follow-up. "
                    "The State must say what it has done about them by %(date)s.",
                    n,
                )
                % {"n": n, "date": s.follow_up_due},
            )
        )
        for fu in s.follow_ups:
            title = _("Paragraph %(p)s") % {"p": fu.paragraph}
            if fu.topic:
                title += f": {fu.topic}"
            text = ""
            if fu.item:
                text = fu.item.text
                if not fu.item.is_plain:
                    text += " (" + _("start of the official text") + ")"
            p = d.add_paragraph(doc, text, lead=title + ".", style="List Number")
            d.box(p)
            d.box(d.add_paragraph(doc, lead=_("Due by %(date)s") % {"date": fu.due_text}))
    if s.welcomed:
        d.add_heading(doc, _("What the Committee welcomed"), level=1)
        d.add_list(doc, s.welcomed)
    d.add_heading(doc, _("Main concerns and what the Committee asks, by theme"), level=1)
    d.add_paragraph(
        doc,
        _(
            "The Committee raised concerns and made recommendations on these themes. Where no "
            "plain-language version has been written yet, see the official paragraph."
        ),
    )
    for group in s.groups:
        ref = ""
        if not group.has_plain:
            ref = " (" + _("para. %(p)s") % {"p": group.paragraphs} + ")"
            if group.has_follow_up:
                ref += " — " + _("Follow-up item")
        if not group.has_plain:
            # A list line, not a heading: Word keeps consecutive headings together
            # ("keep with next"), which would push a long chain of them to a new page.
            d.add_paragraph(doc, ref.strip(), lead=group.title, style="List Bullet")
            continue
        d.add_heading(doc, group.title, level=2)
        if group.has_plain:
            for item in group.items:
                lead = _("Follow-up item") + ":" if item.follow_up else ""
                text = _("See the follow-up box above.") if item.follow_up else item.text
                note = _("para. %(p)s") % {"p": item.paragraph}
                if not item.is_plain:
                    note += ", " + _("official text")
                if item.out_of_date:
                    note += ", " + _("out of date")
                d.add_paragraph(doc, f"{text} ({note})", lead=lead, style="List Bullet")
    d.add_heading(doc, _("What happens next"), level=1)
    d.add_list(doc, s.next_steps)
    score = (
        f"{s.readability.flesch} ({s.readability.label})"
        if s.readability.flesch is not None
        else s.readability.label
    )
    d.add_paragraph(
        doc, _("Readability (Flesch reading ease, 0–100, higher is easier):") + f" {score}."
    )
    if s.out_of_date:
        d.add_paragraph(
            doc,
            ", ".join(s.out_of_date)
            + " — "
            + _("the official text changed after this summary was written."),
            lead=_("Out of date:"),
        )
    d.add_paragraph(
        doc, _("Official text: %(symbol)s. Made with RightsTrack.") % {"symbol": s.symbol}
    )
    return d.to_bytes(doc)
