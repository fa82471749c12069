"""``portal.rows``: the recommendation row, read by id in the given order, visibility applied
again, tags sorted, only the tags asked for."""

from __future__ import annotations

import pytest

from rightstrack.accounts.permissions import visible_recommendations
from rightstrack.catalog.models import Recommendation
from rightstrack.portal.rows import (
    RECOMMENDATION_COLUMNS,
    recommendation_url_maker,
    rows_for_ids,
    stream_rows,
)

pytestmark = pytest.mark.django_db


def test_rows_follow_the_ids_order_and_skip_what_the_user_may_not_see(svn_upr_catalogue):
    visible = visible_recommendations(None)
    ids = list(Recommendation.objects.order_by("-id").values_list("pk", flat=True))
    hidden = set(ids) - set(visible.values_list("pk", flat=True))
    assert hidden  # the fixture holds restricted rows
    rows = rows_for_ids(visible, ids, url_for=recommendation_url_maker())
    assert [r["id"] for r in rows] == [pk for pk in ids if pk not in hidden]
    assert all(r["url"] == f"/recommendations/{r['id']}/" for r in rows)


def test_a_row_holds_the_values_and_sorted_tags(svn_upr_catalogue):
    rec = svn_upr_catalogue.r122_153
    (row,) = rows_for_ids(
        visible_recommendations(None), [rec.pk], url_for=recommendation_url_maker("https://x.org")
    )
    assert row["symbol"] == "A/HRC/43/15"
    assert row["paragraph"] == "122.153"
    assert row["country"] == "SVN"
    assert row["position"] == "noted"
    assert row["recommending_states"] == [("CYP", "Cyprus")]
    assert row["themes"] == [
        "Prohibition of torture & cruel, inhuman or degrading treatment",
        "Right to effective remedy & reparations",
    ]
    assert [number for number, _title in row["sdg_goals"]] == [10]
    assert row["url"] == f"https://x.org/recommendations/{rec.pk}/"
    values = {c.header: c.get(row) for c in RECOMMENDATION_COLUMNS}
    assert values["recommending_states"] == ["CYP"]
    assert values["sdgs"] == [10]


def test_only_the_tags_asked_for_are_read(svn_upr_catalogue, django_assert_num_queries):
    visible = visible_recommendations(None)
    tags = ("recommending_states", "themes")
    # One query in all: the tags are packed by subqueries of the same query.
    with django_assert_num_queries(1):
        rows = list(stream_rows(visible.order_by("id"), url_for=str, tags=tags))
    assert set(rows[0]) >= set(tags)
    assert "upr_issues" not in rows[0]
    assert "sdg_goals" not in rows[0]
    by_paragraph = {r["paragraph"]: r for r in rows}
    assert by_paragraph["122.153"]["recommending_states"] == [("CYP", "Cyprus")]
    assert by_paragraph["122.153"]["themes"] == [
        "Prohibition of torture & cruel, inhuman or degrading treatment",
        "Right to effective remedy & reparations",
    ]


def test_stream_rows_reads_one_query_in_chunks_in_the_querysets_order(
    svn_upr_catalogue, django_assert_num_queries
):
    visible = visible_recommendations(None)
    ids = list(visible.order_by("-id").values_list("pk", flat=True))
    assert len(ids) == 7
    # chunk_size 3: rows come from one server-side cursor, 3 at a time, in -id order,
    # and only what the visitor may see (the fixture's restricted rows are left out).
    with django_assert_num_queries(1):
        rows = list(
            stream_rows(visible.order_by("-id"), url_for=str, tags=["themes"], chunk_size=3)
        )
    assert [r["id"] for r in rows] == ids
    assert all(r["url"] == str(r["id"]) for r in rows)
