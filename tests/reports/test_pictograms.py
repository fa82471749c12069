"""Theme pictograms: our own CC0 SVG set, one icon per UHRI theme family, accessible names."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.template import Context, Template

from rightstrack.reports.pictograms import ICONS, SVG_DIR, icon_for, icon_svg

SVG = "{http://www.w3.org/2000/svg}"


def test_every_icon_is_a_well_formed_svg_file_with_a_cc0_licence_note():
    assert 15 <= len(ICONS) <= 22
    for icon in ICONS:
        root = ET.parse(SVG_DIR / f"{icon.slug}.svg").getroot()  # noqa: S314 - our files
        assert root.tag == f"{SVG}svg"
        assert root.get("viewBox") == "0 0 48 48"
        assert "script" not in (SVG_DIR / f"{icon.slug}.svg").read_text()
    licence = (Path(SVG_DIR).parent / "LICENSE.md").read_text()
    assert "CC0 1.0" in licence


@pytest.mark.parametrize(
    ("code", "name", "slug"),
    [
        # UHRI level-2 codes and names as in the IMPACT OSS seed and the thematic lists.
        ("D5", "Administration of justice", "justice"),
        ("F3", "Children", "children"),
        ("F1", "Women", "women"),
        ("E4", "Health", "health"),
        ("G4", "Migrants", "migration"),
        ("", "Prohibition of torture & cruel, inhuman or degrading treatment", "liberty"),
        ("", "Children: juvenile justice", "children"),
        ("", "Freedom of opinion & expression & right to information", "expression"),
        ("", "Human Rights & drinking water & sanitation", "housing"),
        ("", "Something no keyword knows", "general"),
    ],
)
def test_a_theme_maps_to_its_family_icon_by_code_then_keyword(code, name, slug):
    class Theme:
        pass

    theme = Theme()
    theme.code, theme.name = code, name
    assert icon_for(theme).slug == slug
    if not code:
        assert icon_for(name).slug == slug


def test_the_template_tag_renders_an_inline_svg_named_after_the_theme():
    html = Template("{% load pictograms %}{% theme_icon name size='2em' %}").render(
        Context({"name": "Rights of refugees, migrants & asylum <seekers>"})
    )
    root = ET.fromstring(html)  # noqa: S314 - our own output
    assert root.get("role") == "img"
    assert root.get("width") == "2em"
    assert root[0].tag == f"{SVG}title"
    assert root[0].text == "Rights of refugees, migrants & asylum <seekers>"
    assert "theme-icon-migration" in root.get("class")


def test_a_decorative_icon_is_hidden_from_assistive_technology():
    html = str(icon_svg("Health", decorative=True))
    assert 'aria-hidden="true"' in html
    assert "<title>" not in html
