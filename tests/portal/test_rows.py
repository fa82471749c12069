"""``portal.rows``: the recommendation row, read by id in the given order, visibility applied
again, tags sorted, only the tags asked for."""

from __future__ import annotations

import pytest

from rightstrack.accounts.permissions import visible_recommendations
from rightstrack.catalog.models import Recommendation
from rightstrack.portal.rows import (
    RECOMMENDATION_COLUMNS,
    iter_rows,
    recommendation_url_maker,
    rows_for_ids,
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
    ids = list(visible.values_list("pk", flat=True))
    tags = ("recommending_states", "themes")
    with django_assert_num_queries(1 + len(tags)):
        rows = list(iter_rows(visible, ids, url_for=str, tags=tags, chunk_size=len(ids)))
    assert set(rows[0]) >= set(tags)
    assert "upr_issues" not in rows[0]
    assert "sdg_goals" not in rows[0]


def test_iter_rows_reads_in_batches(svn_upr_catalogue, django_assert_num_queries):
    visible = visible_recommendations(None)
    ids = list(visible.order_by("id").values_list("pk", flat=True))
    assert len(ids) == 7
    with django_assert_num_queries(3 * 2):  # batches of 3, 3 and 1 ids: rows + themes each
        rows = list(iter_rows(visible, iter(ids), url_for=str, tags=["themes"], chunk_size=3))
    assert [r["id"] for r in rows] == ids
