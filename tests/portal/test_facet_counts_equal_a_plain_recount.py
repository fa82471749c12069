"""Totals and facet counts of the list (live, cached or stored) equal a plain recount in
Python of the records each audience may see; restricted records are never counted for
the public; a write to the catalogue is seen by the very next request."""

from __future__ import annotations

from collections import Counter

import pytest
from django.test import Client

from rightstrack.catalog.models import Document, Recommendation, Visibility
from rightstrack.portal.models import ListSummary

pytestmark = pytest.mark.django_db

PARAMS = [
    {},
    {"q": "torture"},
    {"country": "SVN"},
    {"country": "SVN", "theme": "prohibition-of-torture"},
    {"mechanism": "UPR", "position": "supported"},
    {"q": "asylum", "cycle": "3"},
    # A visitor's is read from the search rows' flag and (PostgreSQL) facet keys alone; a
    # coordinator's also holds the two restricted Slovenian records about torture.
    {"q": "torture", "country": "SVN", "theme": "prohibition-of-torture"},
]


def seen_by(restricted: bool) -> list[Recommendation]:
    """Every record the audience may see, by the rule written out in Python."""
    recs = Recommendation.objects.select_related("document", "country", "mechanism")
    return [
        r
        for r in recs.prefetch_related("themes", "recommending_states", "sdg_goals")
        if not r.is_archived
        and (
            restricted
            or (r.visibility == Visibility.PUBLIC and r.document.visibility == Visibility.PUBLIC)
        )
    ]


def keep(rec: Recommendation, params: dict[str, str], matched: set[int], skip: str = "") -> bool:
    checks = {
        "country": lambda v: rec.country is not None and rec.country.iso3 == v,
        "theme": lambda v: v in {t.slug for t in rec.themes.all()},
        "mechanism": lambda v: rec.mechanism.code == v,
        "position": lambda v: rec.position == v,
        "cycle": lambda v: str(rec.upr_cycle) == v,
    }
    if "q" in params and rec.pk not in matched:
        return False
    return all(checks[p](v) for p, v in params.items() if p not in ("q", skip))


def recount(params: dict[str, str], restricted: bool, matched: set[int]) -> dict:
    recs = seen_by(restricted)
    total = sum(keep(r, params, matched) for r in recs)
    country = Counter(
        r.country.iso3 for r in recs if r.country and keep(r, params, matched, "country")
    )
    mechanism = Counter(r.mechanism.code for r in recs if keep(r, params, matched, "mechanism"))
    theme = Counter(
        t.slug for r in recs if keep(r, params, matched, "theme") for t in r.themes.all()
    )
    states = Counter(
        s.iso3 for r in recs if keep(r, params, matched) for s in r.recommending_states.all()
    )
    return {
        "count": total,
        "country": dict(country),
        "mechanism": dict(mechanism),
        "theme": dict(theme),
        "recommending_state": dict(states),
    }


def listed(client: Client, params: dict[str, str], ask: bool = True) -> dict:
    """The list's count and facet counts; ``ask``: with ``facets=1`` (a first visit's JSON
    carries no counts: ``facets`` is null until they are counted, docs/api.md)."""
    data = client.get("/recommendations.json", {**params, **({"facets": "1"} if ask else {})})
    data = data.json()
    facets = {
        name: {v["value"]: v["count"] for v in data["facets"][name] if v["count"]}
        for name in ("country", "mechanism", "theme", "recommending_state")
    }
    return {"count": data["count"], **facets}


def matched_ids(client: Client, q: str) -> set[int]:
    """Ids matching ``q`` alone, read from the coordinator's list (every visible record)."""
    data = client.get("/recommendations.json", {"q": q, "page": "1"}).json()
    return {int(r["url"].rstrip("/").rsplit("/", 1)[1]) for r in data["results"]}


@pytest.mark.parametrize("params", PARAMS)
def test_counts_equal_a_plain_recount_for_each_audience(
    svn_upr_catalogue, client_for, coordinator, params
):
    staff = client_for(coordinator)
    matched = matched_ids(staff, params["q"]) if "q" in params else set()
    for client, restricted in ((Client(), False), (staff, True)):
        expected = recount(params, restricted, matched)
        assert listed(client, params) == expected, (restricted, params)
        # counted once, the counts are kept: the next visit carries them without asking
        again = listed(client, params, ask=False)
        assert again == expected, ("second visit, cached", restricted, params)
        api = client.get("/api/v1/recommendations", params).json()
        assert api["count"] == expected["count"]


def test_restricted_records_are_never_counted_for_the_public(
    svn_upr_catalogue, client_for, coordinator
):
    public = listed(Client(), {"country": "SVN"})
    staff = listed(client_for(coordinator), {"country": "SVN"})
    # Six public Slovenian records; the coordinator also sees the two restricted ones.
    assert public["count"] == 6
    assert staff["count"] == 8
    assert public["mechanism"] == {"UPR": 6}
    assert staff["mechanism"] == {"UPR": 7, "SPT": 1}


def test_a_write_is_counted_by_the_next_request(svn_upr_catalogue):
    client = Client()
    before = listed(client, {})
    assert before["count"] == 7
    assert ListSummary.objects.count() == 1  # the unfiltered list, stored for every process
    # A record made restricted leaves every count at once, cached or stored.
    Recommendation.objects.filter(pk=svn_upr_catalogue.r121_52.pk).update(
        visibility=Visibility.RESTRICTED
    )
    after = listed(client, {})
    assert after["count"] == 6
    assert after["recommending_state"].get("PER", 0) == before["recommending_state"]["PER"] - 1
    # So does a whole document made restricted: A/HRC/43/15 takes 121.57, 122.71 and
    # 122.153 with it; 140.7, the Paraguay paragraph and the UPR Info row are left.
    Document.objects.filter(pk=svn_upr_catalogue.wg3.pk).update(visibility=Visibility.RESTRICTED)
    assert listed(client, {})["count"] == 3
    assert listed(client, {"q": "torture"})["count"] == 1  # only CCPR/C/PRY/CO/4 25 (c)
    # A tag removed changes the counts: 140.7 was made by Maldives and Portugal.
    assert listed(client, {})["recommending_state"] == {"PER": 1, "MDV": 1, "PRT": 1}
    svn_upr_catalogue.r140_7.recommending_states.clear()
    assert listed(client, {})["recommending_state"] == {"PER": 1}


def test_the_repeated_filter_has_counts_of_its_own():
    """``repeated=1`` narrows the list: its cached count must never answer the same list
    without it (a cache key without ``repeated`` served the narrower count to the whole list)."""
    from django.http import QueryDict

    from rightstrack.portal.filters import ListParams
    from rightstrack.portal.list_cache import summary_key

    plain = ListParams.from_querydict(QueryDict("country=SVN&q=Covenant"))
    repeated = ListParams.from_querydict(QueryDict("country=SVN&q=Covenant&repeated=1"))
    assert summary_key("t", "public", "en", plain, "count") != summary_key(
        "t", "public", "en", repeated, "count"
    )
