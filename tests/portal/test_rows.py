"""``portal.rows``: the recommendation row, read by id in the given order, visibility applied
again, tags sorted, only the tags asked for; the CSV cells, the columns' cells of those rows."""

from __future__ import annotations

import datetime as dt

import pytest

from rightstrack.accounts.permissions import visible_recommendations
from rightstrack.catalog.models import Recommendation, SdgGoal
from rightstrack.core.csv_stream import cell
from rightstrack.portal.rows import (
    RECOMMENDATION_COLUMNS,
    RECOMMENDATION_HEADERS,
    recommendation_url_maker,
    rows_for_ids,
    stream_cells,
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


def test_cells_are_the_columns_cells_of_the_rows(svn_upr_catalogue, django_assert_num_queries):
    """``stream_cells`` gives, row by row, what ``csv_stream.cell`` makes of each column
    of the rows of ``stream_rows`` (``None`` may stay ``None``: ``csv.writer`` writes both
    as an empty field), restricted rows included when the queryset holds them."""
    everything = Recommendation.objects.order_by("-id")
    url_for = recommendation_url_maker("https://x.org")
    # One query, read from a server-side cursor 3 rows at a time.
    with django_assert_num_queries(1):
        cells = list(stream_cells(everything, url_for=url_for, chunk_size=3))
    rows = list(stream_rows(everything, url_for=url_for))
    assert len(cells) == len(rows) == 9
    assert [c.header for c in RECOMMENDATION_COLUMNS] == RECOMMENDATION_HEADERS
    for row, got in zip(rows, cells, strict=True):
        assert ["" if v is None else v for v in got] == [
            cell(c.get(row)) for c in RECOMMENDATION_COLUMNS
        ]


def test_cells_hold_the_values_and_the_tags_sorted_and_joined(svn_upr_catalogue):
    cat = svn_upr_catalogue
    # An SDG 9 tag beside 10 and 16 (UN SDG titles): goals sort as numbers, 9 first.
    sdg9 = SdgGoal.objects.create(
        number=9,
        title="Build resilient infrastructure, promote inclusive and sustainable "
        "industrialization and foster innovation",
        short_title="Industry, innovation and infrastructure",
    )
    cat.r121_57.sdg_goals.add(sdg9)
    cells = stream_cells(
        visible_recommendations(None).order_by("id"), url_for=recommendation_url_maker("")
    )
    by_id = {row[0]: dict(zip(RECOMMENDATION_HEADERS, row, strict=True)) for row in cells}
    assert cat.restricted_in_public_doc.pk not in by_id
    r122_71 = by_id[cat.r122_71.pk]
    assert r122_71["symbol"] == "A/HRC/43/15"
    assert r122_71["paragraph"] == "122.71"
    assert r122_71["mechanism"] == "UPR"
    assert r122_71["country"] == "SVN"
    assert r122_71["recommending_states"] == "UZB"
    assert r122_71["themes"] == (
        "Domestic violence; Prohibition of torture & cruel, inhuman or degrading treatment; "
        "Right to effective remedy & reparations"
    )
    assert r122_71["affected_persons"] == "older persons"
    assert r122_71["sdgs"] == "16"
    assert (r122_71["upr_cycle"], r122_71["upr_session"], r122_71["year"]) == (3, 34, 2019)
    assert r122_71["url"] == f"/recommendations/{cat.r122_71.pk}/"
    assert by_id[cat.r140_7.pk]["recommending_states"] == "MDV; PRT"
    assert by_id[cat.r121_57.pk]["sdgs"] == "9; 10; 16"
    pry = by_id[cat.r_pry_25c.pk]
    assert pry["symbol"] == "CCPR/C/PRY/CO/4"
    assert pry["date"] == dt.date(2019, 8, 20)
    assert (pry["recommending_states"], pry["themes"], pry["sdgs"]) == ("", "", "")
