"""/recommendations/, .json and .csv take the same parameters; JSON and CSV keys are stable."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client, override_settings

from rightstrack.portal.pages import RESULT_FIELDS

pytestmark = pytest.mark.django_db


def read_csv(response) -> list[dict[str, str]]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body)))


def test_json_carries_count_results_and_facets_with_stable_keys(svn_upr_catalogue):
    data = (
        Client()
        .get("/recommendations.json", {"q": "non-refoulement", "country": "SVN", "facets": "1"})
        .json()
    )
    assert set(data) >= {"count", "results", "facets", "facets_url"}
    assert data["count"] == 3
    assert all(list(r) == RESULT_FIELDS for r in data["results"])
    by_para = {r["paragraph"]: r for r in data["results"]}
    r = by_para["122.153"]
    assert r["symbol"] == "A/HRC/43/15"
    assert r["mechanism"] == "UPR"
    assert r["country"] == "SVN"
    assert r["recommending_states"] == ["CYP"]
    assert r["position"] == "noted"
    assert r["themes"] == [
        "Prohibition of torture & cruel, inhuman or degrading treatment",
        "Right to effective remedy & reparations",
    ]
    assert r["affected_persons"] == ["refugees & asylum seekers"]
    assert r["sdgs"] == [10]
    assert r["url"] == f"http://testserver/recommendations/{svn_upr_catalogue.r122_153.pk}/"
    assert set(data["facets"]) >= {
        "country",
        "mechanism",
        "document",
        "theme",
        "affected",
        "sdg",
        "position",
        "recommending_state",
        "year",
        "cycle",
    }


def test_140_7_lists_both_recommending_states(svn_upr_catalogue):
    data = Client().get("/recommendations.json", {"q": '"Optional Protocol"', "cycle": "4"}).json()
    assert data["count"] == 1
    assert data["results"][0]["paragraph"] == "140.7"
    assert data["results"][0]["recommending_states"] == ["MDV", "PRT"]


@override_settings(RIGHTSTRACK_PAGE_SIZE=2)
def test_json_holds_one_page_and_csv_holds_every_row(svn_upr_catalogue):
    client = Client()
    params = {"country": "SVN", "sort": "document"}
    page1 = client.get("/recommendations.json", params).json()
    page3 = client.get("/recommendations.json", {**params, "page": 3}).json()
    assert page1["count"] == 6 and len(page1["results"]) == 2 and page1["pages"] == 3
    assert len(page3["results"]) == 2
    response = client.get("/recommendations.csv", params)
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    rows = read_csv(response)
    assert len(rows) == 6
    assert list(rows[0]) == RESULT_FIELDS
    html = client.get("/recommendations/", params).content.decode()
    assert "6 recommendations" in html


def test_csv_joins_lists_and_follows_the_same_filters(svn_upr_catalogue):
    rows = read_csv(Client().get("/recommendations.csv", {"q": "torture", "position": "noted"}))
    assert [r["paragraph"] for r in rows] == ["122.153"]
    assert rows[0]["themes"] == (
        "Prohibition of torture & cruel, inhuman or degrading treatment; "
        "Right to effective remedy & reparations"
    )
    assert rows[0]["recommending_states"] == "CYP"


def test_facet_values_are_ored_within_and_anded_across(svn_upr_catalogue):
    client = Client()
    both = client.get("/recommendations.json", {"recommending_state": ["CYP", "UZB"]}).json()
    assert sorted(r["paragraph"] for r in both["results"]) == ["122.153", "122.71"]
    narrowed = client.get(
        "/recommendations.json", {"recommending_state": ["CYP", "UZB"], "sdg": "10"}
    ).json()
    assert [r["paragraph"] for r in narrowed["results"]] == ["122.153"]


def test_bad_parameters_are_ignored_not_errors(svn_upr_catalogue):
    response = Client().get(
        "/recommendations.json", {"page": "x", "sort": "nonsense", "year": "abc", "sdg": "ten"}
    )
    assert response.status_code == 200
    assert response.json()["count"] == 7


def test_csv_rows_hold_the_same_values_as_json_results(svn_upr_catalogue):
    client = Client()
    params = {"country": "SVN", "sort": "document"}
    results = client.get("/recommendations.json", params).json()["results"]
    rows = read_csv(client.get("/recommendations.csv", params))
    assert [r["id"] for r in results] == [int(r["id"]) for r in rows]
    for result, row in zip(results, rows, strict=True):
        as_csv = {
            k: "; ".join(map(str, v)) if isinstance(v, list) else ("" if v is None else str(v))
            for k, v in result.items()
        }
        assert as_csv == row
