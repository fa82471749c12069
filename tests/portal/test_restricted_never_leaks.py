"""Restricted recommendations appear to coordinators and admins only: never, for anyone
else, in HTML, JSON, CSV, search results, facet counts, detail pages or "same text" links.
Every role of the shared cast is checked."""

from __future__ import annotations

import pytest
from django.test import Client

from .conftest import SECRET

pytestmark = pytest.mark.django_db

LIST_URLS = [
    "/",
    "/recommendations/",
    "/recommendations.json",
    "/recommendations.csv",
    "/recommendations/facets/",
]


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode()


BELOW_COORDINATOR = ["anonymous", "viewer", "contributor", "focal_point_a", "validator"]


@pytest.fixture
def clients(cast, client_for) -> dict[str, Client]:
    """A logged-in client for each role that must never see restricted records."""
    return {role: client_for(cast[role]) for role in BELOW_COORDINATOR}


@pytest.mark.parametrize("url", LIST_URLS)
@pytest.mark.parametrize(
    "params", [{}, {"q": "torture"}, {"q": "custody"}, {"q": "visited place"}, {"country": "SVN"}]
)
def test_no_list_output_shows_a_restricted_record(svn_upr_catalogue, clients, url, params):
    for who, client in clients.items():
        response = client.get(url, params)
        assert response.status_code == 200, who
        text = body(response)
        assert SECRET not in text, (who, url, params)
        assert "CAT/OP/SVN/R.1" not in text, (who, url, params)
        assert "embargoed" not in text, (who, url, params)


def test_search_for_the_secret_word_finds_nothing(svn_upr_catalogue):
    data = Client().get("/recommendations.json", {"q": SECRET, "facets": "1"}).json()
    assert data["count"] == 0
    assert all(values == [] for values in data["facets"].values())


def test_facet_counts_leave_restricted_records_out(svn_upr_catalogue):
    data = Client().get("/recommendations.json", {"country": "SVN", "facets": "1"}).json()
    counts = {
        name: {v["value"]: v["count"] for v in values} for name, values in data["facets"].items()
    }
    # Only the six public Slovenian records (4 from A/HRC/43/15, 140.7, the UPR Info row).
    assert counts["country"]["SVN"] == 6
    assert "SPT" not in counts["mechanism"]
    assert "pending" not in counts["position"]
    assert "2023" not in counts["year"]
    assert "spt-svn-visit" not in counts["document"]
    assert counts["theme"]["prohibition-of-torture"] == 3
    assert counts["sdg"]["16"] == 2  # 121.57 and 122.71; not the embargoed item
    assert counts["recommending_state"]["PRT"] == 1  # 140.7 only
    assert counts["affected"]["older-persons"] == 1


def test_detail_and_document_pages_answer_404_without_revealing_existence(
    svn_upr_catalogue, clients
):
    for who, client in clients.items():
        for url in [
            f"/recommendations/{svn_upr_catalogue.restricted_in_public_doc.pk}/",
            f"/recommendations/{svn_upr_catalogue.in_restricted_doc.pk}/",
            f"/recommendations/{svn_upr_catalogue.in_restricted_doc.pk}.json",
            f"/documents/{svn_upr_catalogue.spt_report.pk}/",
        ]:
            response = client.get(url)
            assert response.status_code == 404, (who, url)
            assert SECRET not in response.content.decode()


def test_public_pages_of_the_same_country_and_document_hide_them(svn_upr_catalogue):
    client = Client()
    for url in [
        f"/documents/{svn_upr_catalogue.wg3.pk}/",
        "/countries/SVN/",
        f"/recommendations/{svn_upr_catalogue.r121_52.pk}/",
    ]:
        text = client.get(url).content.decode()
        assert SECRET not in text and "999.1" not in text, url
    country = client.get("/countries/SVN/")
    assert country.context["total"] == 6


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_coordinators_and_admins_see_them(svn_upr_catalogue, cast, client_for, role):
    client = client_for(cast[role])
    data = client.get("/recommendations.json", {"q": "torture", "country": "SVN"}).json()
    assert data["count"] == 5
    assert (
        client.get(f"/recommendations/{svn_upr_catalogue.in_restricted_doc.pk}/").status_code == 200
    )
