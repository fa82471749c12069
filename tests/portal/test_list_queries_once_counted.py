"""Once a list has been counted, the list page, its JSON and the API list run only the
queries of the page itself: the change token, the page of ids, its rows and their tags
(no count, no facet query), whatever the number of recommendations."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PARAMS = [
    {},
    {"country": "SVN"},
    {"q": "torture", "country": "SVN", "theme": "prohibition-of-torture"},
]

# 1 change token + 1 page of ids + 1 page of rows + 4 prefetches.
MAX_CACHED_LIST = 7
# The JSON and the API read every column of a row: 6 tag lists instead of 4.
MAX_CACHED_JSON = MAX_CACHED_LIST + 2
# The API list on its first visit: 1 token + 1 count + the page (no facets).
MAX_FIRST_API = MAX_CACHED_JSON + 1


def lookups(params: dict[str, str]) -> int:
    """A selected country, mechanism or document costs one code -> id lookup."""
    return sum(p in params for p in ("country", "mechanism", "document"))


@pytest.mark.parametrize("params", PARAMS)
@pytest.mark.parametrize(
    ("url", "bound"),
    [
        ("/recommendations/", MAX_CACHED_LIST),
        ("/recommendations.json", MAX_CACHED_JSON),
        ("/api/v1/recommendations", MAX_CACHED_JSON),
    ],
)
def test_a_counted_list_runs_only_the_page_queries(
    svn_upr_catalogue, django_assert_max_num_queries, url, bound, params
):
    client = Client()
    first = client.get(url, params)
    assert first.status_code == 200
    with django_assert_max_num_queries(bound + lookups(params)):
        again = client.get(url, params)
    assert again.status_code == 200
    if url != "/recommendations/":  # the page carries a fresh CSRF token each time
        assert again.content == first.content


@pytest.mark.parametrize("params", PARAMS)
def test_the_api_list_counts_without_facets(
    svn_upr_catalogue, django_assert_max_num_queries, params
):
    with django_assert_max_num_queries(MAX_FIRST_API + lookups(params)):
        assert Client().get("/api/v1/recommendations", params).status_code == 200
