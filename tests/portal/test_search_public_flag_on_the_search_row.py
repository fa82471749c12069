"""A visitor's search is counted and ranked from the search row's own public flag
(``SearchDocument.is_public``; on SQLite the FTS5 column ``restricted``): the count and
the matches must equal a plain recount through the documents' and recommendations'
visibility, after every kind of write that changes the flag, and the relevance pages of a
broad query (the newest matches ranked first, ``search.relevance_page_ids``) must hold
every match exactly once. Runs on SQLite and PostgreSQL.

Values by hand from the fixture (``conftest.py``, typed from the documents): "torture"
is in the text of CCPR/C/PRY/CO/4 para. 25 (c) and is the theme of 121.52, 122.71 and
122.153 (thematic list of A/HRC/43/15), so 4 public matches; the two restricted records
(``SECRET``) also mention torture. "non-refoulement" is in 121.52, 122.153 and the UPR
Info row of 121.52: 3.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import Client

from rightstrack.catalog.models import Document, Recommendation, Visibility
from rightstrack.portal.models import SearchDocument
from rightstrack.portal.search import (
    count_matches,
    matching_ids_sql,
    rank_window_floor,
    ranked_public_ids,
    relevance_page_ids,
    with_relevance,
)

from .conftest import SECRET

pytestmark = pytest.mark.django_db

QUERIES = ["torture", "non-refoulement", SECRET, "asylum", "Slovenia", "restricted", "-torture"]


def plain_public_matches(q: str) -> set[int]:
    """Public recommendations matching ``q``, recounted without the search row's flag: the
    index's matches (all rows), then the visibility rule read from the recommendation and
    its document (``docs/security.md``)."""
    sql, params = matching_ids_sql(q, "en")
    if not sql:
        return set()
    with connection.cursor() as cur:
        cur.execute(sql, params)
        matched = {row[0] for row in cur.fetchall()}
    public = Recommendation.objects.filter(
        pk__in=matched,
        visibility=Visibility.PUBLIC,
        is_archived=False,
        document__visibility=Visibility.PUBLIC,
    )
    return set(public.values_list("pk", flat=True))


def flags_in_step() -> None:
    expected = dict(Recommendation.objects.values_list("pk", "is_public"))
    assert dict(SearchDocument.objects.values_list("recommendation_id", "is_public")) == expected


def check_counts() -> None:
    flags_in_step()
    for q in QUERIES:
        plain = plain_public_matches(q)
        assert count_matches(q, "en") == len(plain), q
        data = Client().get("/recommendations.json", {"q": q}).json()
        assert data["count"] == len(plain), q
        api = Client().get("/api/v1/recommendations", {"q": q, "limit": 100}).json()
        assert api["count"] == len(plain), q
        assert {r["id"] for r in api["results"]} == plain, q


def test_counts_by_hand_and_equal_to_a_plain_recount(svn_upr_catalogue):
    assert count_matches("torture", "en") == 4
    assert count_matches("non-refoulement", "en") == 3
    assert count_matches(SECRET, "en") == 0
    check_counts()


def test_a_word_of_the_flag_column_never_matches(svn_upr_catalogue, client_for, cast):
    # "restricted" is the word SQLite's index writes for rows that are not public: users'
    # terms are confined to the text columns, so it finds nothing for anyone (no text
    # holds it), not the restricted rows.
    assert count_matches("restricted", "en") == 0
    data = client_for(cast["coordinator"]).get("/recommendations.json", {"q": "restricted"})
    assert data.json()["count"] == 0
    staff = client_for(cast["coordinator"]).get("/recommendations.json", {"q": SECRET})
    assert staff.json()["count"] == 2  # both restricted records, for a coordinator


def test_the_flag_follows_every_write(svn_upr_catalogue):
    cat = svn_upr_catalogue
    # Restrict one recommendation through the ORM, then publish it again.
    cat.r121_52.visibility = Visibility.RESTRICTED
    cat.r121_52.save()
    assert count_matches("non-refoulement", "en") == 2
    check_counts()
    cat.r121_52.visibility = Visibility.PUBLIC
    cat.r121_52.save()
    assert count_matches("non-refoulement", "en") == 3
    # Restrict a whole document with a bulk UPDATE (its recommendations follow).
    Document.objects.filter(pk=cat.wg3.pk).update(visibility=Visibility.RESTRICTED)
    assert count_matches("torture", "en") == 1  # only CCPR/C/PRY/CO/4 para. 25 (c) left
    check_counts()
    # Archive with a bulk UPDATE of recommendations; publish the document again.
    Recommendation.objects.filter(pk=cat.r_pry_25c.pk).update(is_archived=True)
    Document.objects.filter(pk=cat.wg3.pk).update(visibility=Visibility.PUBLIC)
    assert count_matches("torture", "en") == 3
    check_counts()
    # Publish the restricted document: its record is public now (no longer a secret).
    Document.objects.filter(pk=cat.spt_report.pk).update(visibility=Visibility.PUBLIC)
    assert count_matches(SECRET, "en") == 1
    check_counts()


def test_relevance_pages_hold_every_match_once(svn_upr_catalogue):
    public = Recommendation.objects.public()
    plain = plain_public_matches("torture")
    full = list(
        with_relevance(public, "torture", "en")
        .order_by("-relevance", "-id")
        .values_list("pk", flat=True)
    )
    assert set(full) == plain
    for window in (1, 2, 3, 10):
        for flags in ({"public_only": True, "unfiltered": True}, {}):
            for size in (1, 2, 3, 5):
                pages = [
                    relevance_page_ids(public, "torture", "en", start, size, window=window, **flags)
                    for start in range(0, len(plain) + size, size)
                ]
                ids = [pk for page in pages for pk in page]
                assert sorted(ids) == sorted(plain), (window, flags, size)
                # The window: the `window` highest ids first.
                first = sorted(plain, reverse=True)[:window]
                assert set(ids[: len(first)]) == set(first), (window, size)
    # Without a window (more room than matches) the order is the full ranking, as before.
    assert relevance_page_ids(public, "torture", "en", 0, 25, window=25) == full
    # A visitor's list ranks from the search rows alone (search.ranked_public_ids), in the
    # order of the join to the recommendations.
    for q in ("torture", "non-refoulement", "asylum", "Slovenia", '"effective remedy"'):
        joined = list(
            with_relevance(public, q, "en", public_only=True)
            .order_by("-relevance", "-id")
            .values_list("pk", flat=True)
        )
        assert joined, q
        alone = relevance_page_ids(
            public, q, "en", 0, 25, window=25, public_only=True, unfiltered=True
        )
        assert alone == joined, q
        assert ranked_public_ids(q, "en", 1, 3) == joined[1:3], q


def test_the_window_ranked_in_one_statement_is_the_floor_and_its_range(svn_upr_catalogue):
    """PostgreSQL ranks a visitor's page within the window in one statement
    (``ranked_public_ids(newest=...)``): the same ids, in the same order, as the floor
    (``rank_window_floor``) followed by the ranking of the ids at or above it. SQLite's
    rank reads the FTS5 table itself, so it is refused there."""
    public = Recommendation.objects.public()
    if connection.vendor != "postgresql":
        with pytest.raises(ImproperlyConfigured):
            ranked_public_ids("torture", "en", 0, 3, newest=2)
        return
    # "torture": 4 public matches (above); a window of 2 and 3 holds part of them, 10 all.
    # The newest are found by the primary key (matches unknown) or, for a counted query with
    # few matches, through the GIN index (search._pg_newest_first): the same rows.
    for q in ("torture", "non-refoulement"):
        matches = count_matches(q, "en")
        assert matches in (3, 4), q
        for window in (1, 2, 3, 10):
            floor = rank_window_floor(public, q, "en", public_only=True, window=window)
            assert floor == rank_window_floor(
                public, q, "en", public_only=True, window=window, matches=matches
            ), (q, window)
            if window > matches:
                assert floor is None, (q, window)
            for start, stop in ((0, 1), (0, 3), (1, 3), (0, 10)):
                two_steps = ranked_public_ids(q, "en", start, stop, id_range=(floor, None))
                for counted in (None, matches):
                    one = ranked_public_ids(q, "en", start, stop, newest=window, matches=counted)
                    assert one == two_steps, (q, window, start, stop, counted)
                assert len(two_steps) == max(0, min(stop, window, matches) - start), (q, window)
