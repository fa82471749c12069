"""List pages run a bounded number of queries, whatever the number of rows."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

# 1 count + 1 page of ids + 1 page of rows (tags packed) + at most 2 for the texts and
# the countries' names in the visitor's language + 11 facets = 16 (4 prefetches before: 18),
# + 1 index query on PostgreSQL when there is a search (see search.MAX_ID_LIST),
# + 1 code -> id lookup per selected country/mechanism/document facet.
MAX_LIST_QUERIES = 20
# The JSON results hold every column of a recommendation row: its page of rows reads
# 6 tag lists (SDG targets and UPR Info issues too) where the HTML list reads 2.
MAX_JSON_QUERIES = MAX_LIST_QUERIES + 2


@pytest.mark.parametrize("url", ["/recommendations/", "/recommendations.json"])
@pytest.mark.parametrize(
    "params", [{}, {"q": "torture", "country": "SVN", "theme": "prohibition-of-torture"}]
)
def test_the_list_stays_within_a_fixed_number_of_queries(
    svn_upr_catalogue, django_assert_max_num_queries, url, params
):
    client = Client()
    bound = MAX_JSON_QUERIES if url.endswith(".json") else MAX_LIST_QUERIES
    with django_assert_max_num_queries(bound):
        assert client.get(url, params).status_code == 200


def test_the_csv_prefetches_in_batches(svn_upr_catalogue, django_assert_max_num_queries):
    client = Client()
    # 1 query streams the sorted ids; each batch of ids: rows + 6 tag queries (recommending
    # States, themes, affected persons, SDG goals, SDG targets, UPR Info issues).
    with django_assert_max_num_queries(8):
        response = client.get("/recommendations.csv")
        rows = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert len(rows) == 1 + 7


def test_the_detail_page_is_bounded_too(svn_upr_catalogue, django_assert_max_num_queries):
    # Portal: 1 permission check + 1 row + 6 prefetches + 1 same-text search + 1 for the
    # texts in other languages = 10; registered panels come on top: tracking (about 5, its
    # engagements included), classify's suggested labels (suggestions and the publication
    # setting: 2) and "Recommended again" (the cluster: 1). A fixed number, whatever the
    # size of the catalogue.
    with django_assert_max_num_queries(19):
        response = Client().get(f"/recommendations/{svn_upr_catalogue.r121_52.pk}/")
    # A 404 or 500 page would also stay within the bound: check the page really rendered.
    assert response.status_code == 200
    assert "non-refoulement through individual assessment" in response.content.decode()
