# ruff: noqa: S608 -- constant SQL; values passed as parameters.
"""A search for "torture" with country=SVN gives the same count as a direct SQL count."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client

from rightstrack.accounts.permissions import visible_recommendations
from rightstrack.portal.search import search


def direct_sql_count(word: str, iso3: str) -> int:
    """Count public recommendations of ``iso3`` matching ``word``, straight from the index."""
    public = (
        "r.visibility = 'public' AND r.is_archived = %s AND d.visibility = 'public' AND c.iso3 = %s"
    )
    if connection.vendor == "sqlite":
        sql = (
            "SELECT COUNT(*) FROM portal_recommendation_fts f "
            "JOIN catalog_recommendation r ON r.id = f.rowid "
            "JOIN catalog_document d ON d.id = r.document_id "
            "JOIN catalog_country c ON c.id = r.country_id "
            f"WHERE portal_recommendation_fts MATCH %s AND {public}"
        )
    else:
        sql = (
            "SELECT COUNT(*) FROM portal_searchdocument s "
            "JOIN catalog_recommendation r ON r.id = s.recommendation_id "
            "JOIN catalog_document d ON d.id = r.document_id "
            "JOIN catalog_country c ON c.id = r.country_id "
            f"WHERE s.vector @@ to_tsquery('english', %s) AND {public}"
        )
    with connection.cursor() as cur:
        cur.execute(sql, [word, False, iso3])
        return int(cur.fetchone()[0])


@pytest.mark.django_db
def test_torture_in_slovenia_counts_the_same_as_direct_sql(svn_upr_catalogue):
    # By hand: 121.52, 122.71 and 122.153 carry the torture theme in the thematic list;
    # the two restricted Slovenian records must not count.
    assert direct_sql_count("torture", "SVN") == 3
    found = search(visible_recommendations(None), "torture").filter(country__iso3="SVN")
    assert found.count() == 3
    assert set(found.values_list("paragraph", flat=True)) == {"121.52", "122.71", "122.153"}


@pytest.mark.django_db
def test_the_list_json_reports_the_direct_sql_count(svn_upr_catalogue):
    data = Client().get("/recommendations.json", {"q": "torture", "country": "SVN"}).json()
    assert data["count"] == direct_sql_count("torture", "SVN") == 3
