"""Atom feeds per country, mechanism and theme: valid Atom, the right entries, nothing restricted."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import feedparser
import pytest

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _check_atom(content: bytes) -> ET.Element:
    """Required Atom 1.0 elements (RFC 4287 §4.1.1, §4.1.2) and feedparser's verdict."""
    parsed = feedparser.parse(content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    root = ET.fromstring(content)  # noqa: S314 - our own output
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{name}") is not None, name
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated", "link"):
            assert entry.find(f"{ATOM}{name}") is not None, name
    return root


def test_the_country_feed_is_valid_atom_with_new_recommendations_and_passed_deadlines(
    client, pry_co_catalogue
):
    response = client.get("/reports/feeds/country/PRY.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = _check_atom(response.content)
    titles = [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")]
    deadlines = sorted(t for t in titles if t.startswith("Deadline passed"))
    assert deadlines == [
        "Deadline passed: CCPR/C/PRY/CO/4, follow-up on paragraph 13",
        "Deadline passed: CCPR/C/PRY/CO/4, follow-up on paragraph 29",
        "Deadline passed: CCPR/C/PRY/CO/4, follow-up on paragraph 35",
    ]
    assert "New recommendation: CCPR/C/PRY/CO/4 para. 13" in titles
    entries = feedparser.parse(response.content).entries
    entry = next(e for e in entries if e.title.endswith("follow-up on paragraph 29"))
    assert "was due on 2021-07-26" in entry.summary


def test_a_deadline_with_a_reply_received_leaves_the_feed(client, pry_co_catalogue):
    pry_co_catalogue.followups[0].reply_received_on = date(2023, 5, 12)
    pry_co_catalogue.followups[0].save()
    content = client.get("/reports/feeds/country/PRY.atom").content
    assert b"follow-up on paragraph 13" not in content
    assert b"follow-up on paragraph 29" in content


def test_mechanism_and_theme_feeds_are_valid_atom_and_scoped(client, pry_co_catalogue):
    ccpr = client.get("/reports/feeds/mechanism/ccpr.atom")
    _check_atom(ccpr.content)
    assert b"A/HRC/59/15" not in ccpr.content
    upr = client.get("/reports/feeds/mechanism/UPR.atom")
    _check_atom(upr.content)
    assert b"A/HRC/59/15 para. 140.7" in upr.content
    theme = client.get("/reports/feeds/theme/impunity.atom")
    root = _check_atom(theme.content)
    titles = {e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")}
    assert titles == {
        "New recommendation: CCPR/C/PRY/CO/4 para. 12",
        "New recommendation: CCPR/C/PRY/CO/4 para. 13",
        "Deadline passed: CCPR/C/PRY/CO/4, follow-up on paragraph 13",
    }


def test_an_unknown_scope_is_a_404(client, pry_co_catalogue):
    assert client.get("/reports/feeds/country/XXX.atom").status_code == 404
    assert client.get("/reports/feeds/theme/no-such-theme.atom").status_code == 404


def test_restricted_records_never_appear_in_any_feed(client_for, cast, pry_co_catalogue):
    urls = [
        "/reports/feeds/country/PRY.atom",
        "/reports/feeds/mechanism/SPT.atom",
        "/reports/feeds/mechanism/CCPR.atom",
        "/reports/feeds/theme/torture.atom",
        "/reports/feeds/theme/administration-of-justice.atom",
    ]
    for role in ("anonymous", "viewer", "contributor", "focal_point_a", "validator"):
        client = client_for(cast[role])
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (role, url)
            _check_atom(response.content)
            assert pry_co_catalogue.marker.encode() not in response.content, (role, url)
            assert b"CAT/OP/PRY" not in response.content, (role, url)


@pytest.mark.parametrize(
    "url", ["/reports/feeds/country/PRY.atom", "/reports/feeds/mechanism/CCPR.atom"]
)
def test_a_text_with_a_control_character_illegal_in_xml_is_in_the_feed_without_it(
    client, pry_co_catalogue, url
):
    rec = pry_co_catalogue.pry_recs[13]
    rec.text = "Form\x0cfeed and vertical\x0btab \ufffe in a recommendation"
    rec.save()
    response = client.get(url)
    assert response.status_code == 200
    root = _check_atom(response.content)
    summaries = [e.findtext(f"{ATOM}summary") or "" for e in root.findall(f"{ATOM}entry")]
    assert "Formfeed and verticaltab  in a recommendation" in summaries


def test_a_theme_used_only_by_restricted_records_is_a_404_like_an_unknown_one(
    client_for, cast, pry_co_catalogue
):
    from rightstrack.catalog.models import Theme

    secret = Theme.objects.create(name="Secret theme name", slug="secret-theme")
    for rec in pry_co_catalogue.restricted_recs:
        rec.themes.add(secret)
    for role in ("anonymous", "viewer", "contributor", "focal_point_a", "validator"):
        client = client_for(cast[role])
        hidden = client.get("/reports/feeds/theme/secret-theme.atom")
        unknown = client.get("/reports/feeds/theme/no-such-theme.atom")
        assert hidden.status_code == unknown.status_code == 404, role
        assert b"Secret theme name" not in hidden.content, role
    coordinator = client_for(cast["coordinator"]).get("/reports/feeds/theme/secret-theme.atom")
    assert coordinator.status_code == 200
    assert b"Secret theme name" in coordinator.content
