"""Facet counts: computed on the filtered list, each ignoring its own selection."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def facet(data: dict, name: str) -> dict[str, int]:
    return {v["value"]: v["count"] for v in data["facets"][name]}


def test_counts_follow_the_query_and_other_facets(svn_upr_catalogue):
    data = Client().get("/recommendations.json", {"q": "torture", "facets": "1"}).json()
    # 121.52, 122.71, 122.153 (theme) and CCPR/C/PRY/CO/4 25 (c) (text).
    assert data["count"] == 4
    assert facet(data, "country") == {"SVN": 3, "PRY": 1}
    assert facet(data, "mechanism") == {"UPR": 3, "CCPR": 1}
    assert facet(data, "position") == {"supported": 2, "noted": 1}
    assert facet(data, "sdg") == {"10": 2, "16": 1}
    assert facet(data, "theme")["prohibition-of-torture"] == 3
    assert facet(data, "cycle") == {"3": 3}
    assert facet(data, "year") == {"2019": 4}


def test_a_facet_ignores_its_own_selection_but_not_the_others(svn_upr_catalogue):
    data = (
        Client()
        .get("/recommendations.json", {"q": "torture", "country": "SVN", "facets": "1"})
        .json()
    )
    assert data["count"] == 3
    assert facet(data, "country") == {"SVN": 3, "PRY": 1}  # own selection ignored
    assert facet(data, "mechanism") == {"UPR": 3}  # narrowed by country=SVN


def test_m2m_counts_count_each_recommendation_once_per_value(svn_upr_catalogue):
    data = Client().get("/recommendations.json", {"country": "SVN", "facets": "1"}).json()
    assert facet(data, "recommending_state") == {
        "PER": 2,
        "HND": 1,
        "UZB": 1,
        "CYP": 1,
        "MDV": 1,
        "PRT": 1,
    }
    assert facet(data, "affected") == {
        "refugees-asylum-seekers": 2,
        "migrants-domestic-workers": 1,
        "older-persons": 1,
    }


def test_labels_follow_the_active_language(svn_upr_catalogue):
    html = Client(headers={"accept-language": "fr"}).get("/recommendations/").content.decode()
    assert "Slovénie" in html


def test_a_selected_value_is_always_listed_so_it_can_be_unticked(svn_upr_catalogue):
    data = (
        Client()
        .get("/recommendations.json", {"q": "non-refoulement", "country": "PRY", "facets": "1"})
        .json()
    )
    assert data["count"] == 0
    # No result is from Paraguay: the value is still listed, named, not shown as "PRY".
    assert {"value": "PRY", "label": "Paraguay", "count": 0} in data["facets"]["country"]
    html = Client().get("/recommendations/", {"q": "torture", "country": "SVN"}).content.decode()
    assert 'name="country" value="SVN" id="f-country-1" checked' in html


def test_a_selected_value_without_results_keeps_its_label_in_each_language(svn_upr_catalogue):
    """A selected cycle that no result has is named as elsewhere on the page ("Cycle 2",
    not "2"), in the visitor's language."""
    params = {"q": "non-refoulement", "country": "PRY", "cycle": "2", "facets": "1"}
    data = Client().get("/recommendations.json", params).json()
    assert data["count"] == 0
    cycle = {v["value"]: v for v in data["facets"]["cycle"]}
    assert (cycle["2"]["label"], cycle["2"]["count"]) == ("Cycle 2", 0)
    spanish = Client().get("/es/recommendations.json", params).json()
    assert {v["value"]: v["label"] for v in spanish["facets"]["cycle"]}["2"] == "Ciclo 2"
