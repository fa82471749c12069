"""Theme pictograms: 21 SVG icons (CC0, see ``LICENSE.md``) for the UHRI theme families.

A theme (``catalog.Theme`` or a plain name) maps to one icon by, in order:

1. its UHRI level-2 code (``D5`` -> justice; the level-2 codes of UHRI's former
   search guide, as seeded in IMPACT OSS);
2. the first keyword found in its name (lower case), in :data:`ICONS` order,
   so "Children: juvenile justice" is *children* before *justice*;
3. ``general``.

Use :func:`icon_svg` in Python, or ``{% load pictograms %}{% theme_icon theme %}`` in
templates. The SVG is inline, sized in ``em`` and coloured with ``currentColor``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

SVG_DIR = Path(__file__).resolve().parent / "svg"


@dataclass(frozen=True)
class Icon:
    """One pictogram: file ``svg/<slug>.svg``, a label, UHRI codes and name keywords."""

    slug: str
    label: Any
    codes: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


#: Order matters: the first icon whose keyword appears in the theme name wins.
ICONS: tuple[Icon, ...] = (
    Icon("children", _("Children"), ("F3",), ("child", "juvenile", "youth", "birth")),
    Icon("women", _("Women"), ("F1",), ("women", "woman", "girl", "gender", "domestic violence")),
    Icon("disability", _("Persons with disabilities"), ("F4",), ("disabilit",)),
    Icon(
        "migration",
        _("Migrants, refugees and displaced persons"),
        ("G4", "G5"),
        ("migra", "refugee", "asylum", "displaced", "stateless", "non-citizen"),
    ),
    Icon(
        "minorities",
        _("Minorities and indigenous peoples"),
        ("G1", "G3"),
        ("minorit", "indigenous", "ethnic", "racial"),
    ),
    Icon(
        "liberty",
        _("Liberty, detention and torture"),
        ("D3",),
        ("torture", "detention", "liberty", "prison", "arrest", "slavery", "trafficking"),
    ),
    Icon(
        "life",
        _("Right to life and physical integrity"),
        ("D2",),
        ("life", "death penalty", "disappearance", "violence", "integrity"),
    ),
    Icon(
        "justice",
        _("Justice and remedy"),
        ("D5", "B5", "B1"),
        (
            "justice",
            "judiciary",
            "remedy",
            "impunity",
            "trial",
            "criminal",
            "humanitarian law",
            "victim",
            "violations",
        ),
    ),
    Icon("equality", _("Equality and non-discrimination"), ("B3",), ("equality", "discrimination")),
    Icon(
        "expression",
        _("Fundamental freedoms"),
        ("D4", "H1"),
        ("expression", "opinion", "freedom", "religion", "assembly", "association", "defender"),
    ),
    Icon(
        "participation",
        _("Participation and the vote"),
        ("D7",),
        ("participation", "vote", "election", "public affairs", "governance", "corruption"),
    ),
    Icon(
        "identity",
        _("Name, identity, nationality and family"),
        ("D6", "D8"),
        ("identity", "nationality", "name", "marriage", "family"),
    ),
    Icon("education", _("Education"), ("E5", "A5"), ("education", "training", "awareness")),
    Icon("health", _("Health"), ("E4",), ("health", "hiv", "medical", "pregnan")),
    Icon(
        "housing",
        _("Adequate standard of living"),
        ("E2", "E6"),
        (
            "standard of living",
            "housing",
            "food",
            "water",
            "sanitation",
            "poverty",
            "land",
            "social security",
        ),
    ),
    Icon(
        "work", _("Work and business"), ("E3", "B6"), ("labour", "work", "employment", "business")
    ),
    Icon(
        "environment",
        _("Environment and climate"),
        ("B7",),
        ("environment", "climate", "disaster"),
    ),
    Icon(
        "development",
        _("Development and budget"),
        ("B4", "A6"),
        ("development", "2030 agenda", "budget", "statistic", "data collection", "economic"),
    ),
    Icon(
        "cooperation",
        _("International cooperation and mechanisms"),
        ("A1", "A2", "A3"),
        ("cooperation", "international", "treaty", "mechanism", "instrument", "norms"),
    ),
    Icon(
        "institutions",
        _("Laws, institutions and plans"),
        ("A4", "D1", "E1"),
        (
            "legal",
            "institution",
            "legislat",
            "constitution",
            "plan",
            "framework",
            "policy",
            "covenant",
        ),
    ),
    Icon("general", _("Human rights (general)"), (), ()),
)
BY_SLUG = {icon.slug: icon for icon in ICONS}


def icon_for(theme: Any) -> Icon:
    """The icon of ``theme`` (a ``Theme``, an object with ``name``/``code``, or a name)."""
    if theme is None:
        return BY_SLUG["general"]
    name = str(getattr(theme, "name", theme) or "")
    code = str(getattr(theme, "code", "") or "").upper()
    if code:
        for icon in ICONS:
            if code in icon.codes:
                return icon
    lowered = name.casefold()
    for icon in ICONS:
        if any(_has_word(lowered, k) for k in icon.keywords):
            return icon
    return BY_SLUG["general"]


def _has_word(text: str, keyword: str) -> bool:
    # Keywords match at a word start ("child" in "children", not "name" in "inhumane").
    return re.search(r"(?<![a-z])" + re.escape(keyword), text) is not None


@functools.cache
def _svg_body(slug: str) -> str:
    return (SVG_DIR / f"{slug}.svg").read_text(encoding="utf-8").strip()


def icon_svg(
    theme: Any, *, size: str = "1.5em", title: str | None = None, decorative: bool = False
) -> SafeString:
    """Inline SVG of the theme's icon.

    Args:
        theme: a ``Theme``, a name, or ``None``.
        size: CSS length for width and height.
        title: accessible name; defaults to the theme name (or the icon label).
        decorative: when the theme name is printed next to the icon, pass
            ``True``: the icon is then hidden from assistive technology.
    """
    icon = icon_for(theme)
    body = _svg_body(icon.slug)
    name = title or str(getattr(theme, "name", theme) or icon.label)
    attrs = f'class="theme-icon theme-icon-{icon.slug}" width="{size}" height="{size}" focusable="false"'
    if decorative:
        attrs += ' aria-hidden="true"'
        inner = ""
    else:
        attrs += ' role="img"'
        inner = f"<title>{escape(name)}</title>"
    head, rest = body.split(">", 1)
    svg = f"{head} {attrs}>{inner}{rest}"
    return mark_safe(svg)


def icon_data_uri(theme: Any) -> str:
    """The icon as a ``data:image/svg+xml`` URI (for PDF/HTML image elements)."""
    from urllib.parse import quote

    body = _svg_body(icon_for(theme).slug).replace("currentColor", "#1a1a1a")
    return "data:image/svg+xml;charset=utf-8," + quote(body)
