"""Shareable 1200×630 PNG (the Open Graph / social card size) for a document or a
recommendation: the mechanism, a headline figure or the recommendation, the
deadline and the theme pictogram, with an alt text.

This module decides what a card says, from public data only
(:mod:`rightstrack.reports.data`); :mod:`rightstrack.reports.writers.png` draws it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rightstrack.accounts.types import Viewer
from rightstrack.catalog.models import Document, FollowUpRequest, Recommendation
from rightstrack.reports.data import report_follow_ups
from rightstrack.reports.dates import long_date
from rightstrack.reports.pictograms import icon_for
from rightstrack.reports.press import press_facts
from rightstrack.reports.writers.png import HEIGHT, WIDTH, render_share_image


@dataclass(frozen=True)
class ShareImage:
    """A PNG and its alt text."""

    png: bytes
    alt: str
    width: int = WIDTH
    height: int = HEIGHT


def _alt(mechanism: str, headline: str, deadline: str, footer: str, theme: Any) -> str:
    parts = [
        mechanism,
        headline,
        deadline,
        footer,
        _("Pictogram: %(label)s") % {"label": icon_for(theme).label},
    ]
    return ". ".join(p.rstrip(".;:,") for p in parts if p) + "."


def _mechanism_line(doc: Document) -> str:
    return f"{doc.mechanism.code} · {doc.mechanism.display_name}"


def document_share_image(
    user: Viewer | None, document: Document, *, today: dt.date | None = None, language: str = "en"
) -> ShareImage:
    """The card of a concluding observations document: "N of the M follow-up
    recommendations show no progress" (see ``reports.press``), the deadline, the
    pictogram of the follow-up items' most frequent theme."""
    day = today or timezone.localdate()
    with translation.override(language):
        facts = press_facts(user, document, today=day, language=language)
        country = facts["country"]
        if facts["total"]:
            headline = _(
                "%(country)s: %(n)d of the %(m)d follow-up recommendations show no progress"
            ) % {"country": country, "n": facts["no_progress"], "m": facts["total"]}
        else:
            headline = _("Concluding observations on %(country)s") % {"country": country}
        deadline = (
            _("Follow-up deadline: %(date)s") % {"date": facts["deadline"]}
            if facts["deadline"]
            else ""
        )
        recs = [
            fr.recommendation
            for fr in report_follow_ups(user)
            .filter(document=document, kind=FollowUpRequest.Kind.FOLLOW_UP)
            .select_related("recommendation")
            if fr.recommendation
        ]
        theme = _main_theme(recs)
        footer = f"{document.symbol} · {facts['adopted_on']}"
        mech = _mechanism_line(document)
        png = render_share_image(
            mechanism=mech, headline=headline, deadline=deadline, footer=footer, theme=theme
        )
        return ShareImage(png, _alt(mech, headline, deadline, footer, theme))


def _main_theme(recs: list[Recommendation]) -> Any:
    themes: Counter[Any] = Counter()
    for rec in recs:
        themes.update(rec.themes.all())
    if themes:
        return themes.most_common(1)[0][0]
    sections = Counter(r.section for r in recs if r.section)
    return sections.most_common(1)[0][0] if sections else None


def recommendation_share_image(
    user: Viewer | None, recommendation: Recommendation, *, language: str = "en"
) -> ShareImage:
    """The card of one recommendation: its text (shortened to fit), its follow-up
    deadline if any, its first theme's pictogram. ``recommendation`` must be one the
    caller fetched through the permission helpers."""
    doc = recommendation.document
    with translation.override(language):
        fr = (
            report_follow_ups(user)
            .filter(recommendation=recommendation, due_on__isnull=False)
            .order_by("due_on")
            .first()
        )
        deadline = (
            _("Follow-up deadline: %(date)s") % {"date": long_date(fr.due_on, language)}
            if fr is not None
            else ""
        )
        themes = list(recommendation.themes.order_by("name"))
        theme = themes[0] if themes else (recommendation.section or None)
        footer = f"{doc}, {_('para.')} {recommendation.paragraph}"
        mech = _mechanism_line(doc)
        text = _own_part(recommendation)
        png = render_share_image(
            mechanism=mech, headline=text, deadline=deadline, footer=footer, theme=theme
        )
        return ShareImage(png, _alt(mech, text, deadline, footer, theme))


def _own_part(rec: Recommendation) -> str:
    """The text from the paragraph's own letter on ("(a) Develop ..." of "17 (a)"), so the
    card shows the sub-paragraph rather than the shared chapeau."""
    text = " ".join(rec.text.split())
    letter = rec.paragraph.rsplit(" ", 1)[-1] if " " in rec.paragraph else ""
    if letter.startswith("(") and f"{letter} " in text:
        return text[text.index(f"{letter} ") :]
    return text
