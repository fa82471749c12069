"""``/reports/`` lists every report with one line each, links the plain-language summary of
public concluding observations and the Atom feed of their country, and never a restricted
document (the SPT visit report CAT/OP/PRY/R.9 of the fixture), for any role."""

from __future__ import annotations

import re

EXPECTED_LINKS = [
    "/reports/charts/",
    "/reports/press/",
    "/reports/followup-report/",
    "/reports/parallel-report/",
    "/reports/midterm/",
    "/reports/briefing/",
    "/reports/feeds/country/PRY.atom",
]


def test_the_index_links_every_report_and_the_public_concluding_observations(
    client, pry_co_catalogue
):
    response = client.get("/reports/")
    assert response.status_code == 200
    html = response.content.decode()
    hrefs = set(re.findall(r'href="([^"]+)"', html))
    for link in EXPECTED_LINKS:
        assert link in hrefs, link
    assert f"/reports/plain/{pry_co_catalogue.pry_co.pk}/" in hrefs
    assert ">CCPR/C/PRY/CO/4</a>" in html
    # The Slovenia UPR list is not a concluding observation: no plain-language summary link.
    assert f"/reports/plain/{pry_co_catalogue.svn_upr.pk}/" not in hrefs
    assert "<h1>Reports</h1>" in html


def test_the_index_never_names_a_restricted_document(client_for, cast, pry_co_catalogue):
    for role in ("anonymous", "viewer", "contributor", "focal_point_a", "validator", "admin"):
        html = client_for(cast[role]).get("/reports/").content.decode()
        assert "CAT/OP/PRY" not in html, role
        assert pry_co_catalogue.marker not in html, role
        assert f"/reports/plain/{pry_co_catalogue.restricted_doc.pk}/" not in html, role


def test_the_header_links_the_reports_index_on_every_page(client, pry_co_catalogue):
    for url in ("/", "/recommendations/", "/countries/", "/reports/charts/"):
        html = client.get(url).content.decode()
        assert 'href="/reports/"' in html, url
        assert 'href="/countries/"' in html, url
        assert 'href="/tracking/deadlines/"' in html, url
        assert 'href="/accounts/login/?next=' in html, url
