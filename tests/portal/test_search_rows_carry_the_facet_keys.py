"""A visitor's query with facets is counted and ranked from the search rows alone: each
row holds its recommendation's facet keys (country, mechanism, document, position, year,
cycle, themes, affected persons, UPR Info issues, SDGs, recommending States), kept by the
index's triggers: on PostgreSQL as lexemes of its vector (``country 12``), on SQLite as
FTS5 tokens of its column ``fts_keys``, indexed in the FTS5 column ``keys``
(``country12``). The keys must follow every write, and the lists must give what the
recommendations' own filters give (the same values, asserted on both engines).

Values by hand from the fixture (``conftest.py``, typed from the documents): "torture"
has 4 public matches, CCPR/C/PRY/CO/4 para. 25 (c) (Paraguay, CCPR, 2019) and, in Slovenia's
cycle 3 (A/HRC/43/15, 2019), 121.52 (Peru; supported; SDG 10; migrants), 122.71 (Uzbekistan;
supported; SDG 16; older persons) and 122.153 (Cyprus; noted; SDG 10; refugees).
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from rightstrack.catalog.models import (
    AffectedGroup,
    Country,
    Mechanism,
    Recommendation,
    SdgGoal,
    Theme,
    UprIssue,
)
from rightstrack.portal.search import count_matches, matching_ids_sql
from rightstrack.portal.search_index import fts_key_token

pytestmark = pytest.mark.django_db

#: (query parameters, public matches counted by hand in the fixture).
BY_HAND = [
    ({"country": "SVN"}, 3),
    ({"country": "PRY"}, 1),
    ({"mechanism": "CCPR"}, 1),
    ({"mechanism": "UPR"}, 3),
    ({"position": "noted"}, 1),
    ({"position": ["noted", "supported"]}, 3),
    ({"sdg": "10"}, 2),
    ({"sdg": "16"}, 1),
    ({"affected": "refugees-asylum-seekers"}, 1),
    ({"theme": "prohibition-of-torture"}, 3),
    ({"cycle": "3"}, 3),
    ({"year": "2019"}, 4),
    ({"year": "02019"}, 4),
    ({"recommending_state": "PER"}, 1),
    ({"recommending_state": ["PER", "CYP"]}, 2),
    ({"country": "SVN", "position": "supported", "sdg": "10"}, 1),
    ({"document": "CCPR/C/PRY/CO/4"}, 1),
    ({"country": "XXX"}, 0),
    ({"position": "not-a-position"}, 0),
]


def stored_keys() -> dict[int, set[str]]:
    """Each search row's facet keys: on PostgreSQL the lexemes of its vector with a space
    in them (the text-search parser never leaves one inside a lexeme); on SQLite the
    tokens of its column ``fts_keys``, and each of them found in the FTS5 index under the
    column ``keys`` for that row."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(
                "SELECT recommendation_id, ARRAY(SELECT lexeme FROM unnest(vector) "
                "WHERE strpos(lexeme, ' ') > 0) FROM portal_searchdocument"
            )
            return {pk: set(keys) for pk, keys in cur.fetchall()}
        cur.execute("SELECT recommendation_id, fts_keys FROM portal_searchdocument")
        stored = {pk: set((tokens or "").split()) for pk, tokens in cur.fetchall()}
        for pk, tokens in stored.items():
            for token in tokens:
                cur.execute(
                    "SELECT rowid FROM portal_recommendation_fts "
                    "WHERE portal_recommendation_fts MATCH %s AND rowid = %s",
                    [f'keys : "{token}"', pk],
                )
                assert cur.fetchall() == [(pk,)], (pk, token)
        return stored


def expected_keys() -> dict[int, set[str]]:
    """Each recommendation's facet keys, read through the ORM."""
    out = {}
    recs = Recommendation.objects.prefetch_related(
        "themes", "affected_groups", "upr_issues", "sdg_goals", "recommending_states"
    )
    for rec in recs:
        own = {
            "country": rec.country_id,
            "mechanism": rec.mechanism_id,
            "document": rec.document_id,
            "position": rec.position,
            "year": rec.year,
            "cycle": rec.upr_cycle,
        }
        keys = {f"{name} {value}" for name, value in own.items() if value is not None}
        for name, tags in (
            ("theme", rec.themes.all()),
            ("affected", rec.affected_groups.all()),
            ("issue", rec.upr_issues.all()),
            ("sdg", rec.sdg_goals.all()),
            ("state", rec.recommending_states.all()),
        ):
            keys |= {f"{name} {tag.pk}" for tag in tags}
        if connection.vendor == "sqlite":
            keys = {fts_key_token(key) for key in keys}
        out[rec.pk] = keys
    return out


def in_step() -> None:
    assert stored_keys() == expected_keys()


@pytest.mark.parametrize(("facets", "by_hand"), BY_HAND)
def test_query_and_facets_give_the_values_counted_by_hand(svn_upr_catalogue, facets, by_hand):
    params = {"q": "torture", **facets}
    data = Client().get("/recommendations.json", params).json()
    assert data["count"] == by_hand
    api = Client().get("/api/v1/recommendations", {**params, "limit": 100}).json()
    assert api["count"] == by_hand
    assert len({r["id"] for r in api["results"]}) == by_hand
    page = Client().get("/recommendations/", params)
    assert page.status_code == 200


def test_the_count_reads_the_search_rows_alone(svn_upr_catalogue):
    with CaptureQueriesContext(connection) as ctx:
        data = (
            Client()
            .get("/recommendations.json", {"q": "torture", "country": "SVN", "sdg": "10"})
            .json()
        )
    assert data["count"] == 2  # 121.52 and 122.153
    counts = [q["sql"] for q in ctx.captured_queries if "count(*)" in q["sql"].lower()]
    assert counts
    if connection.vendor == "postgresql":
        # the facets inside the one tsquery (its quotes doubled in the logged SQL)
        assert all("& ( ''country " in sql and "& ( ''sdg " in sql for sql in counts)
    else:
        # the facets inside the one MATCH, on the FTS5 column of the keys
        assert all('keys : ("country' in sql and 'keys : ("sdg' in sql for sql in counts)
    assert not any("catalog_recommendation" in sql for sql in counts)
    svn = Country.objects.get(iso3="SVN").pk
    sdg10 = SdgGoal.objects.get(number=10).pk
    keys = [[f"country {svn}"], [f"sdg {sdg10}"]]
    assert count_matches("torture", "en", facet_keys=keys) == 2


def test_the_keys_follow_every_write(svn_upr_catalogue):
    cat = svn_upr_catalogue
    in_step()
    # save() of each facet column
    rec = cat.r121_52
    rec.country = cat.pry
    rec.year = 2020
    rec.position = "noted"
    rec.upr_cycle = 4
    rec.save()
    in_step()
    rec.mechanism = cat.ccpr
    rec.document = cat.wg4
    rec.save(update_fields=["mechanism", "document"])
    in_step()
    # QuerySet.update, to empty values too
    Recommendation.objects.filter(pk=cat.r122_71.pk).update(year=None, position="", upr_cycle=None)
    in_step()
    Recommendation.objects.filter(country=cat.svn).update(mechanism=cat.spt)
    in_step()
    # each kind of tag: add, remove, clear, set
    theme = Theme.objects.create(name="Freedom of expression", slug="freedom-of-expression")
    group = AffectedGroup.objects.create(name="journalists", slug="journalists")
    issue = UprIssue.objects.create(name="Freedom of opinion and expression")
    sdg = SdgGoal.objects.create(number=5, title="Gender equality", short_title="Gender")
    state = Country.objects.get(iso3="PRT")
    rec = cat.r122_153
    rec.themes.add(theme)
    rec.affected_groups.add(group)
    rec.upr_issues.add(issue)
    rec.sdg_goals.add(sdg)
    rec.recommending_states.add(state)
    in_step()
    rec.themes.remove(theme)
    rec.sdg_goals.remove(sdg)
    rec.recommending_states.clear()
    in_step()
    rec.affected_groups.set([])
    rec.upr_issues.set([])
    rec.sdg_goals.set([sdg])
    in_step()
    # through the list: the moved recommendation is found under its new values only
    data = Client().get("/recommendations.json", {"q": "torture", "country": "PRY"}).json()
    assert data["count"] == 2  # CCPR/C/PRY/CO/4 25 (c), and 121.52 moved to Paraguay
    data = Client().get("/recommendations.json", {"q": "torture", "sdg": "5"}).json()
    assert data["count"] == 1  # 122.153
    mechanisms = {m.code: m.pk for m in Mechanism.objects.all()}
    sql, params = matching_ids_sql(
        "torture", "en", public_only=True, facet_keys=[[f"mechanism {mechanisms['SPT']}"]]
    )
    with connection.cursor() as cur:
        cur.execute(sql, params)
        found = {row[0] for row in cur.fetchall()}
    assert found == {cat.r122_71.pk, cat.r122_153.pk}


def test_words_that_look_like_keys_are_not_keys(svn_upr_catalogue):
    """A text saying "country 12" gives the lexemes ``countri`` and ``12``, never the key
    ``country 12``: the parser splits on the space that every key holds (PostgreSQL). A
    text saying "country12" gives the token of a key, but in the FTS5 column ``text``, not
    ``keys`` (SQLite). Either way the row is not counted under those facets, and a
    visitor's query of such a word finds texts, not facets."""
    cat = svn_upr_catalogue
    pry = Country.objects.get(iso3="PRY").pk
    rec = cat.r122_153  # Slovenia, noted, 2019
    words = f"country {pry} year 1999 position supported cycle 1"
    tokens = f"country{pry} year1999 positionsupported cycle1"
    rec.text = f"{rec.text} {words} {tokens}"
    rec.save()
    in_step()
    # As a query: the one text that says it, not the 3 rows whose keys hold year 2019.
    assert count_matches("year2019", "en") == 0
    assert count_matches("positionsupported", "en") == 1  # 122.153's own text
    data = Client().get("/recommendations.json", {"q": "positionsupported"}).json()
    assert [r["id"] for r in data["results"]] == [rec.pk]
    for facets, by_hand in (
        ({"country": "PRY"}, 1),  # CCPR/C/PRY/CO/4 25 (c) alone
        ({"year": "1999"}, 0),
        ({"cycle": "1"}, 0),
        ({"position": "supported"}, 2),  # 121.52 and 122.71
    ):
        data = Client().get("/recommendations.json", {"q": "torture", **facets}).json()
        assert data["count"] == by_hand, facets


@pytest.mark.parametrize(
    "facets",
    [
        {"position": "supported' | 'country 1"},
        {"position": "noted\\"},
        {"recommending_state": "PER' | '"},
        {"theme": "x'y"},
    ],
)
def test_values_with_quotes_match_nothing_and_break_nothing(svn_upr_catalogue, facets):
    data = Client().get("/recommendations.json", {"q": "torture", **facets}).json()
    assert data["count"] == 0
    assert Client().get("/recommendations/", {"q": "torture", **facets}).status_code == 200
