"""Server-side SVG charts: accessible markup, the data table beside them, nothing restricted."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from rightstrack.reports.charts import CHARTS, Scope, deadlines_timeline, recommendations_per_cycle

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def test_recommendations_per_cycle_counts_positions_per_cycle(pry_co_catalogue):
    chart = recommendations_per_cycle(None, Scope(country="SVN"))
    assert chart.headers == ["UPR cycle", "Supported", "Noted", "Total"]
    assert chart.rows == [["Cycle 3", 0, 1, 1], ["Cycle 4", 1, 0, 1]]
    assert "Cycle 3: 1 (Noted 1); Cycle 4: 1 (Supported 1)" in chart.summary


def test_a_chart_svg_has_a_title_and_description_first_and_no_script(pry_co_catalogue):
    chart = recommendations_per_cycle(None, Scope(country="SVN"))
    root = ET.fromstring(str(chart.svg))  # noqa: S314 - our own output
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "per-cycle-title per-cycle-desc"
    assert root[0].tag == f"{SVG}title"
    assert root[0].text == "UPR recommendations per cycle (SVN)"
    assert root[1].tag == f"{SVG}desc"
    assert root[1].text == chart.summary
    assert not list(root.iter(f"{SVG}script"))


def test_the_deadlines_timeline_lists_the_three_paraguay_items_as_overdue(pry_co_catalogue):
    chart = deadlines_timeline(None, Scope(country="PRY"), today=date(2026, 1, 1))
    assert [row[:4] for row in chart.rows] == [
        [date(2021, 7, 26), "CCPR/C/PRY/CO/4", "13", "Overdue, no reply"],
        [date(2021, 7, 26), "CCPR/C/PRY/CO/4", "29", "Overdue, no reply"],
        [date(2021, 7, 26), "CCPR/C/PRY/CO/4", "35", "Overdue, no reply"],
    ]
    pry_co_catalogue.followups[0].reply_received_on = date(2023, 5, 12)
    pry_co_catalogue.followups[0].save()
    chart = deadlines_timeline(None, Scope(country="PRY"), today=date(2026, 1, 1))
    assert "2021: 3 (Reply received 1, Overdue, no reply 2)" in chart.summary


def test_implementation_status_counts_the_latest_published_assessment(client, tracking):
    response = client.get("/reports/charts/status-by-mechanism/?country=PRY")
    assert response.status_code == 200
    chart = response.context["chart"]
    row = next(r for r in chart.rows if r[0] == "CCPR")
    assert dict(zip(chart.headers, row, strict=True))["Partially implemented"] == 1


def test_the_chart_pages_render_figures_with_captions_and_tables_without_javascript(
    client, pry_co_catalogue
):
    response = client.get("/reports/charts/?country=PRY")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<figure") == len(CHARTS)
    assert html.count("<figcaption") == len(CHARTS)
    assert html.count("<table>") == len(CHARTS)
    assert "<script" not in html
    svg = client.get("/reports/charts/deadlines.svg?country=PRY")
    assert svg["Content-Type"].startswith("image/svg+xml")
    ET.fromstring(svg.content)  # noqa: S314 - well-formed XML
    assert client.get("/reports/charts/nope/").status_code == 404


_CSRF_VALUE = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def test_restricted_records_never_appear_in_any_chart(client_for, cast, tracking, pry_co_catalogue):
    urls = ["/reports/charts/", "/reports/charts/?country=PRY"] + [
        f"/reports/charts/{slug}.svg?country=PRY" for slug in CHARTS
    ]
    for role in ("anonymous", "viewer", "contributor", "focal_point_a", "validator"):
        client = client_for(cast[role])
        for url in urls:
            # The CSRF tokens of signed-in pages are random letters: one held "SPT" once.
            body = _CSRF_VALUE.sub("", client.get(url).content.decode())
            assert pry_co_catalogue.marker not in body, (role, url)
            assert "SPT" not in body, (role, url)
            assert "CAT/OP/PRY" not in body, (role, url)
            assert "Not implemented" not in body, (role, url)  # the restricted assessment
    coordinator = client_for(cast["coordinator"]).get("/reports/charts/by-mechanism/").content
    assert b"SPT" in coordinator


def test_a_chart_without_data_says_so_in_its_caption_and_svg(client, pry_co_catalogue):
    page = client.get("/reports/charts/status-by-institution/?country=PRY").content.decode()
    assert "Implementation status by institution (PRY). No data." in page
    svg = client.get("/reports/charts/status-by-institution.svg?country=PRY")
    root = ET.fromstring(svg.content)  # noqa: S314 - our own output
    assert root[0].text == "Implementation status by institution (PRY)"


def test_count_axes_use_whole_number_ticks():
    from rightstrack.reports.charts import integer_ticks

    assert integer_ticks(3) == [0, 1, 2, 3]
    assert integer_ticks(17) == [0, 2, 4, 6, 8, 10, 12, 14, 16, 18]
    assert integer_ticks(41066)[:3] == [0, 5000, 10000]
    assert integer_ticks(41066)[-1] == 45000
