"""Charts and printed summaries carry no inline style, so the Content Security Policy can refuse
them: pygal's CSS is one stylesheet linked by chart pages (and embedded, allowed by its hash,
in the downloadable SVG file); the print CSS goes to WeasyPrint beside the HTML."""

from __future__ import annotations

import base64
import hashlib
import re
import xml.etree.ElementTree as ET

import pytest

from csp_rules import HEADER, STRICT, inline_code, parse_policy
from rightstrack.reports.charts import CHARTS, PALETTE, Scope, chart_stylesheet

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def test_inline_charts_have_no_style_element_or_attribute_and_keep_the_tooltip_hidden(
    pry_co_catalogue, tracking
):
    drawn = 0
    for _title, build in CHARTS.values():
        chart = build(None, Scope())
        if not chart.svg:
            continue
        drawn += 1
        root = ET.fromstring(str(chart.svg))  # noqa: S314 - our own output
        assert "pygal-chart" in root.get("class", "").split()
        assert not list(root.iter(f"{SVG}style"))
        assert [el.tag for el in root.iter() if "style" in el.attrib] == []
        # pygal's style="opacity: 0" on the (script-less, empty) tooltip became an attribute.
        tooltip = next(el for el in root.iter() if el.get("class") == "tooltip")
        assert tooltip.get("opacity") == "0"
        assert inline_code(str(chart.svg)) == []
    assert drawn >= 4


def test_the_chart_stylesheet_has_a_rule_for_every_colour_the_charts_use(
    pry_co_catalogue, tracking
):
    css = chart_stylesheet()
    used = set()
    for _title, build in CHARTS.values():
        used |= set(re.findall(r"\bcolor-(\d+)\b", str(build(None, Scope()).svg)))
    assert used  # the charts do colour their series
    for n in sorted(used):
        assert f".pygal-chart .color-{n}," in css
    # The palette comes through unchanged: Okabe-Ito blue first, then orange.
    assert re.search(r"\.pygal-chart \.color-0[^{]*\{[^}]*fill:\s*#0072B2", css)
    assert re.search(r"\.pygal-chart \.color-1[^{]*\{[^}]*fill:\s*#E69F00", css)
    assert f".color-{len(PALETTE) - 1}," in css
    assert "#chart-" not in css  # no chart's random id is left


def test_chart_pages_link_the_stylesheet_which_is_served_as_css(client, pry_co_catalogue):
    page = client.get("/reports/charts/per-cycle/").content.decode()
    assert '<link rel="stylesheet" href="/reports/charts/charts.css">' in page
    assert inline_code(page) == []

    response = client.get("/reports/charts/charts.css")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/css; charset=utf-8"
    assert response.content.decode() == chart_stylesheet()
    assert parse_policy(response[HEADER]) == STRICT


def test_the_svg_file_embeds_the_stylesheet_and_its_policy_allows_exactly_that_style(
    client, pry_co_catalogue
):
    response = client.get("/reports/charts/per-cycle.svg?country=SVN")

    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    styles = [el.text for el in root.iter(f"{SVG}style")]
    assert styles == [chart_stylesheet()]
    policy = parse_policy(response[HEADER])
    digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
    assert policy.pop("style-src") == [f"'sha256-{digest}'"]
    assert policy == STRICT


def test_the_print_html_has_no_inline_style_and_the_print_css_carries_sizes_and_icons(
    pry_co_catalogue,
):
    from rightstrack.reports.plain_language import build_summary
    from rightstrack.reports.plain_language_render import print_css, print_html

    summary = build_summary(None, pry_co_catalogue.pry_co.pk, "en")
    html = print_html(summary)
    assert inline_code(html) == []
    groups = len(summary.groups)
    assert groups >= 3
    for n in range(1, groups + 1):
        assert f'class="concern-group concern-group-{n}"' in html
    assert html.count('<span class="theme-icon"></span>') == groups

    css = print_css(summary)
    assert css.count('.theme-icon { background-image: url("data:image/svg+xml;') == groups
    assert 'body { font-family: "DejaVu Sans", "Noto Sans", sans-serif; font-size: 10.5pt;' in css
    large = print_css(summary, large_print=True)
    assert "font-size: 18pt; line-height: 1.35" in large
    assert "h1 { font-size: 26pt;" in large
