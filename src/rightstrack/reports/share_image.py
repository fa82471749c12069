"""Shareable 1200×630 PNG (the Open Graph / social card size) for a document or a
recommendation: the mechanism, a headline figure or the recommendation, the
deadline and the theme pictogram, with an alt text.

Drawn with Pillow and the DejaVu fonts (Debian ``fonts-dejavu-core``; Pillow's
bundled font is used when they are missing). The pictogram is the theme's SVG
icon (``reports.pictograms``) rendered with CairoSVG (system libcairo2); if
cairo cannot be loaded, a plain disc with the icon's initial stands in.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from rightstrack.catalog.models import Document, FollowUpRequest, Recommendation
from rightstrack.reports.pictograms import SVG_DIR, icon_for
from rightstrack.reports.press import press_facts
from rightstrack.reports.report_data import long_date, report_follow_ups

WIDTH, HEIGHT = 1200, 630
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
INK = (31, 58, 95)  # #1F3A5F, contrast 11:1 on white
PAPER = (255, 255, 255)
MUTED = (80, 80, 80)
ICON_SIZE = 240


@dataclass(frozen=True)
class ShareImage:
    """A PNG and its alt text."""

    png: bytes
    alt: str
    width: int = WIDTH
    height: int = HEIGHT


@functools.cache
def _font(size: int, bold: bool = False) -> Any:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    try:
        return ImageFont.truetype(str(FONT_DIR / name), size)
    except OSError:
        return ImageFont.load_default(size)


def _wrap(draw: Any, text: str, font: Any, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _fit(draw: Any, text: str, width: int, max_lines: int) -> tuple[Any, list[str]]:
    """The largest bold font (56 → 26 px) that fits ``text`` in ``max_lines``; else ellipsis."""
    for size in range(56, 25, -4):
        font = _font(size, bold=True)
        lines = _wrap(draw, text, font, width)
        if len(lines) <= max_lines:
            return font, lines
    lines = lines[:max_lines]
    lines[-1] = lines[-1].rstrip(".,;:") + " …"
    return font, lines


def _icon_png(slug: str) -> Image.Image | None:
    try:
        import cairosvg
    except (ImportError, OSError):
        return None
    svg = (SVG_DIR / f"{slug}.svg").read_text(encoding="utf-8")
    svg = svg.replace("currentColor", "#{:02x}{:02x}{:02x}".format(*INK))
    data = cairosvg.svg2png(
        bytestring=svg.encode("utf-8"), output_width=ICON_SIZE, output_height=ICON_SIZE
    )
    return Image.open(io.BytesIO(data)).convert("RGBA")


def render_share_image(
    *, mechanism: str, headline: str, deadline: str, footer: str, theme: Any
) -> bytes:
    """Draw the card and return PNG bytes (1200×630, RGB).

    Args:
        mechanism: top band text ("CERD · Committee on the Elimination of Racial
            Discrimination").
        headline: the figure or the recommendation (shrunk, then cut with "…",
            to fit 5 lines).
        deadline: the deadline line ("" for none).
        footer: bottom line (symbol, paragraph).
        theme: a ``Theme``, a name or ``None``: picks the pictogram.
    """
    img = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, WIDTH, 96), fill=INK)
    band_font = _font(30, bold=True)
    band = _wrap(draw, mechanism, band_font, WIDTH - 96)[0]
    draw.text((48, 30), band, font=band_font, fill=PAPER)
    text_width = WIDTH - 96 - ICON_SIZE - 48
    font, lines = _fit(draw, headline, text_width, 5)
    y = 140
    for line in lines:
        draw.text((48, y), line, font=font, fill=INK)
        y += int(font.size * 1.22)
    if deadline:
        y += 18
        draw.rectangle((48, y, 56, y + 40), fill=INK)
        draw.text((72, y + 2), deadline, font=_font(32, bold=True), fill=INK)
    icon = _icon_png(icon_for(theme).slug)
    x0, y0 = WIDTH - 48 - ICON_SIZE, 150
    if icon is not None:
        img.paste(icon, (x0, y0), icon)
    else:
        draw.ellipse((x0, y0, x0 + ICON_SIZE, y0 + ICON_SIZE), outline=INK, width=10)
        letter = str(icon_for(theme).label)[:1]
        draw.text((x0 + 80, y0 + 60), letter, font=_font(110, bold=True), fill=INK)
    draw.line((48, HEIGHT - 76, WIDTH - 48, HEIGHT - 76), fill=(200, 200, 200), width=2)
    draw.text((48, HEIGHT - 58), footer, font=_font(24), fill=MUTED)
    brand = "RightsTrack"
    brand_font = _font(24, bold=True)
    draw.text(
        (WIDTH - 48 - draw.textlength(brand, font=brand_font), HEIGHT - 58),
        brand,
        font=brand_font,
        fill=INK,
    )
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return out.getvalue()


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
    return f"{doc.mechanism.code} · {doc.mechanism.name}"


def document_share_image(
    user: Any, document: Document, *, today: dt.date | None = None, language: str = "en"
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
    user: Any, recommendation: Recommendation, *, language: str = "en"
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
        footer = f"{doc.symbol or doc.key}, {_('para.')} {recommendation.paragraph}"
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
