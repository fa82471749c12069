"""A filtered list whose facet counts are not kept yet is sent at once with its results,
its total and its filters without counts (no ``GROUP BY``); the counts come after the
page: from ``/recommendations/facets/`` (the page's script) or from the plain link
``facets=1`` (without JavaScript). Counted once, they are kept, so the next visit shows
them inline, for its own audience only.

Expected figures are those of the Slovenian catalogue of ``conftest.py`` (checked against
the documents there): ``country=SVN`` holds six public recommendations (four of
A/HRC/43/15, 140.7 and the UPR Info row), eight for a coordinator (the SPT visit's
restricted item and the restricted one in a public document).
"""

from __future__ import annotations

import html
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from rightstrack.portal.list_cache import precompute_common_pages

from .test_facet_counts_equal_a_plain_recount import recount

pytestmark = pytest.mark.django_db

SVN = {"country": "SVN"}
TORTURE = {"q": "torture", "country": "SVN"}

_VALUE = re.compile(
    r'name="(?P<param>\w+)" value="(?P<value>[^"]*)"[^>]*>\s*<label[^>]*>[^<]*'
    r'(?:<span class="count">(?P<count>[\d,]+)</span>)?'
)


def shown(html: str) -> dict[str, dict[str, int | None]]:
    """The filter values of an HTML page or fragment: param -> value -> count (``None``
    when shown without a count)."""
    out: dict[str, dict[str, int | None]] = {}
    for m in _VALUE.finditer(html):
        count = m["count"]
        out.setdefault(m["param"], {})[m["value"]] = int(count.replace(",", "")) if count else None
    return out


def group_bys(ctx: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in ctx.captured_queries if "GROUP BY" in q["sql"].upper()]


def test_a_first_visit_sends_results_without_counting_facets(svn_upr_catalogue):
    with CaptureQueriesContext(connection) as ctx:
        response = Client().get("/recommendations/", TORTURE)
    assert response.status_code == 200
    assert group_bys(ctx) == []
    html = response.content.decode()
    # Slovenia's cycle 3 items on torture: 121.52 (Peru), 122.71, 122.153 (Cyprus)
    assert "121.52" in html and "122.153" in html
    assert "3 recommendations" in html
    values = shown(html)
    # the selected value is offered (ticked) so that it can be unticked; no count anywhere
    assert values["country"]["SVN"] is None
    assert 'value="SVN" id="f-country-1" checked' in html
    assert all(c is None for vals in values.values() for c in vals.values())
    # the script's fragment URL and the plain link for those without JavaScript
    assert 'data-facets-url="/recommendations/facets/?q=torture&amp;country=SVN"' in html
    assert 'href="?q=torture&amp;country=SVN&amp;facets=1#facets-h"' in html
    assert "portal/facets.js" in html
    assert 'role="status" aria-live="polite"' in html


def test_the_plain_link_gives_the_counts(svn_upr_catalogue):
    html = Client().get("/recommendations/", {**TORTURE, "facets": "1"}).content.decode()
    values = shown(html)
    assert values["country"] == {"SVN": 3, "PRY": 1}  # own selection ignored
    assert values["mechanism"] == {"UPR": 3}
    assert "data-facets-url" not in html and "data-facets-link" not in html


@pytest.mark.parametrize("params", [SVN, TORTURE, {"q": "torture"}])
def test_the_fragment_gives_the_counts_of_a_plain_recount(
    svn_upr_catalogue, client_for, coordinator, params
):
    staff = client_for(coordinator)
    for client, restricted in ((Client(), False), (staff, True)):
        matched = set()
        if "q" in params:
            found = staff.get("/recommendations.json", {"q": params["q"]}).json()["results"]
            matched = {int(r["url"].rstrip("/").rsplit("/", 1)[1]) for r in found}
        expected = recount(params, restricted, matched)
        fragment = client.get("/recommendations/facets/", params)
        assert fragment.status_code == 200
        assert fragment["X-Robots-Tag"] == "noindex"
        values = shown(fragment.content.decode())
        for name in ("country", "mechanism", "theme", "recommending_state"):
            got = {v: c for v, c in values.get(name, {}).items() if c}
            assert got == expected[name], (restricted, params, name)


def test_once_counted_the_next_visit_shows_them_inline(svn_upr_catalogue):
    first = Client().get("/recommendations/", SVN).content.decode()
    assert all(c is None for vals in shown(first).values() for c in vals.values())
    assert Client().get("/recommendations/facets/", SVN).status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        again = Client().get("/recommendations/", SVN).content.decode()
    assert group_bys(ctx) == []  # the kept counts, not a recount
    # The visitor's kept page without counts is not served any more.
    assert shown(again)["mechanism"] == {"UPR": 6}
    assert shown(again)["country"]["SVN"] == 6
    assert "data-facets-url" not in again
    data = Client().get("/recommendations.json", SVN).json()
    assert {v["value"]: v["count"] for v in data["facets"]["mechanism"]} == {"UPR": 6}


def test_a_coordinators_counts_never_reach_a_visitor(svn_upr_catalogue, client_for, coordinator):
    staff = client_for(coordinator)
    staff_values = shown(staff.get("/recommendations/facets/", SVN).content.decode())
    assert staff_values["mechanism"] == {"UPR": 7, "SPT": 1}
    staff_page = staff.get("/recommendations/", SVN).content.decode()
    assert shown(staff_page)["mechanism"] == {"UPR": 7, "SPT": 1}  # kept for coordinators
    # A visitor's page: still without counts (theirs are not kept), nothing restricted.
    page = Client().get("/recommendations/", SVN).content.decode()
    assert "SPT" not in shown(page).get("mechanism", {})
    assert all(c is None for vals in shown(page).values() for c in vals.values())
    assert shown(Client().get("/recommendations/facets/", SVN).content.decode())["mechanism"] == {
        "UPR": 6
    }
    assert shown(Client().get("/recommendations/", SVN).content.decode())["mechanism"] == {"UPR": 6}


def test_the_json_says_where_its_counts_are(svn_upr_catalogue):
    data = Client().get("/recommendations.json", SVN).json()
    assert data["count"] == 6
    assert data["facets"] is None
    assert data["facets_url"] == "http://testserver/recommendations.json?country=SVN&facets=1"
    counted = Client().get(data["facets_url"]).json()
    assert counted["count"] == 6
    assert {v["value"]: v["count"] for v in counted["facets"]["mechanism"]} == {"UPR": 6}
    assert counted["results"] == data["results"]


def test_the_unfiltered_list_shows_its_counts_inline(svn_upr_catalogue):
    html = Client().get("/recommendations/").content.decode()
    assert shown(html)["country"]["SVN"] == 6
    assert "data-facets-url" not in html


def test_a_selected_value_outside_the_offered_ones_keeps_its_label(svn_upr_catalogue):
    # Paraguay's list is counted for nobody yet: its filters come without counts, and the
    # selected country is still named (a label lookup, not a count).
    html = Client(headers={"accept-language": "fr"}).get("/recommendations/", {"country": "PRY"})
    text = html.content.decode()
    assert "Paraguay" in text
    assert shown(text)["country"]["PRY"] is None


@pytest.mark.parametrize("changed_since", [False, True], ids=["counted", "changed since"])
def test_after_an_import_the_filters_offer_the_whole_catalogues_values(
    svn_upr_catalogue, changed_since
):
    """What an import does once it has written rows: count the unfiltered list's facets.
    ``changed_since``: the catalogue changes after that (as when ``make run``'s classify
    step runs after the import): the stored counts no longer hold, but the values they
    name are still offered, without counts, instead of the selected values alone."""
    assert precompute_common_pages() > 0
    if changed_since:
        rec = svn_upr_catalogue.r121_52
        rec.text = rec.text + " "
        rec.save()  # a write: the change token is replaced
    with CaptureQueriesContext(connection) as ctx:
        html = Client().get("/recommendations/", TORTURE).content.decode()
    assert group_bys(ctx) == []
    values = shown(html)
    # Every country and mechanism of the public catalogue is offered, without counts.
    assert values["country"] == {"SVN": None, "PRY": None}
    assert values["mechanism"] == {"UPR": None, "CCPR": None}


def test_selected_values_are_named_without_counting(
    svn_upr_catalogue, django_assert_max_num_queries
):
    params = {
        "theme": "prohibition-of-torture",
        "cycle": "3",
        "position": "noted",
        "recommending_state": "CYP",
    }
    response = Client().get("/recommendations/", params)
    text = html.unescape(response.content.decode())
    # 122.153 (Cyprus, noted, cycle 3, prohibition of torture) is the one match.
    assert "1 recommendation" in text and "122.153" in text
    assert "Prohibition of torture & cruel, inhuman or degrading treatment" in text
    assert "Cycle 3" in text
    assert "Cyprus" in text
    values = shown(response.content.decode())
    assert values["cycle"] == {"3": None}
    assert values["recommending_state"] == {"CYP": None}
