"""The 1200×630 share card (the Open Graph / social card size) as PNG, drawn with Pillow.

:func:`render_share_image` lays out strings it is given (mechanism band,
headline, deadline, footer, theme pictogram); what they say is decided by
:mod:`rightstrack.reports.share_image`. Fonts: DejaVu (Debian
``fonts-dejavu-core``; Pillow's bundled font when they are missing). The
pictogram is the theme's SVG icon (``reports.pictograms``) rendered with
CairoSVG (system libcairo2); if cairo cannot be loaded, a plain disc with the
icon's initial stands in.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from rightstrack.reports.pictograms import SVG_DIR, icon_for

WIDTH, HEIGHT = 1200, 630
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
INK = (31, 58, 95)  # #1F3A5F, contrast 11:1 on white
PAPER = (255, 255, 255)
MUTED = (80, 80, 80)
ICON_SIZE = 240


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
