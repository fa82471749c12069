"""Actions and assessments export like recommendations; published assessments feed the Atom feeds."""

from __future__ import annotations

import csv
import io
import json

import feedparser
import pytest

pytestmark = pytest.mark.django_db
BELOW_COORDINATOR = ["anonymous", "viewer", "contributor", "focal_point_a", "validator"]


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_assessments_export_holds_the_published_assessment(client, tracking):
    body = _body(client.get("/reports/export/assessments.csv?country=PRY"))
    assert body.startswith(b"\xef\xbb\xbf")  # the one CSV format: UTF-8 with BOM
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert list(rows[0])[:3] == ["id", "recommendation", "recommendation_id"]
    assert [(r["recommendation"], r["level"], r["date"]) for r in rows] == [
        ("CCPR/C/PRY/CO/4 29", "partial", "2023-05-12")
    ]


def test_actions_export_lists_the_action_and_its_recommendations(client, tracking):
    payload = json.loads(_body(client.get("/reports/export/actions.json")))
    assert payload["count"] == 1
    (row,) = payload["results"]
    assert row["title"] == "Set up a special prosecutor's unit for dictatorship-era crimes"
    assert row["recommendations"] == ["CCPR/C/PRY/CO/4 13"]
    assert row["target_date"] == "2027-06-30"
    assert row["responsible"] == "Ministry of Justice (A)"


def test_a_published_assessment_is_a_status_change_in_the_feeds(client, tracking):
    for url in ("/reports/feeds/country/PRY.atom", "/reports/feeds/mechanism/CCPR.atom"):
        parsed = feedparser.parse(client.get(url).content)
        assert parsed.bozo == 0
        titles = [e.title for e in parsed.entries]
        assert "Status change: CCPR/C/PRY/CO/4 para. 29 is now “Partially implemented”" in titles


def test_restricted_and_pending_assessments_and_hidden_names_never_leak(
    client_for, cast, tracking, pry_co_catalogue, hidden_contributor_markers
):
    urls = [
        f"/reports/export/{kind}.{fmt}"
        for kind in ("assessments", "actions")
        for fmt in ("csv", "json")
    ] + ["/reports/feeds/country/PRY.atom", "/reports/feeds/theme/administration-of-justice.atom"]
    for role in BELOW_COORDINATOR:
        client = client_for(cast[role])
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (role, url)
            body = _body(response).decode()
            assert "Embargoed submission" not in body, (role, url)
            if role != "contributor":  # the author sees their own pending submission
                assert pry_co_catalogue.marker not in body, (role, url)
            for name in hidden_contributor_markers:
                if role != "contributor":
                    assert name not in body, (role, url)
    anon = _body(client_for(cast["anonymous"]).get("/reports/export/assessments.csv")).decode()
    assert "Embargoed submission" not in anon
    assert "Pending contributor submission" not in anon
