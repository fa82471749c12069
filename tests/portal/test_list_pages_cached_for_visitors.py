"""Visitors who are not signed in get a list page they asked for before from the cache
(``RecommendationList.cached``): one query (the catalogue's change token) instead of a
count, a page of ids, its rows and eleven facets, and never anything a signed-in user saw.
Any write to what the list shows replaces the token, so the very next visit is fresh."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from rightstrack.catalog.models import Recommendation, Visibility
from rightstrack.classify.models import Cluster, ClusterMember

pytestmark = pytest.mark.django_db

TORTURE = {"q": "torture", "country": "SVN"}


def _main(content: bytes) -> str:
    """The page's ``<main>`` (the header's language form carries a fresh CSRF token)."""
    text = content.decode()
    return text[text.index('<main id="main"') : text.index("</main>")]


def _count(client: Client, params: dict[str, str]) -> int:
    return int(json.loads(client.get("/recommendations.json", params).content)["count"])


@pytest.mark.parametrize("url", ["/recommendations/", "/recommendations.json"])
def test_a_visitors_second_visit_is_one_query_and_the_same_bytes(
    svn_upr_catalogue, django_assert_max_num_queries, url
):
    client = Client()
    first = client.get(url, TORTURE)
    assert first.status_code == 200
    with django_assert_max_num_queries(1):  # the change token
        again = Client().get(url, TORTURE)
    if url.endswith(".json"):
        assert again.content == first.content
    else:
        assert _main(again.content) == _main(first.content)
    text = first.content.decode()
    # Slovenia's cycle 3 items on torture (conftest): 121.52 (Peru), 122.153 (Cyprus)
    assert "121.52" in text and "122.153" in text


def test_a_write_is_seen_by_the_next_visitor(svn_upr_catalogue):
    c = svn_upr_catalogue
    visitor = Client()
    before = _count(visitor, TORTURE)
    assert before == _count(Client(), TORTURE)  # the cached answer
    Recommendation.objects.filter(pk=c.r121_52.pk).update(visibility=Visibility.RESTRICTED)
    assert _count(Client(), TORTURE) == before - 1
    page = Client().get("/recommendations/", TORTURE).content.decode()
    assert "121.52" not in page


def test_signed_in_users_never_get_the_visitors_page_nor_give_theirs(
    svn_upr_catalogue, coordinator, contributor, client_for
):
    c = svn_upr_catalogue
    params = {"country": "SVN"}
    visitor_page = Client().get("/recommendations/", params).content.decode()
    assert c.restricted_in_public_doc.text not in visitor_page
    staff = client_for(coordinator)
    staff_page = staff.get("/recommendations/", params).content.decode()
    assert c.restricted_in_public_doc.text[:40] in staff_page  # a coordinator sees it
    assert "Tick to add to a selection" in staff_page  # and their own controls
    # ... which no visitor is then given from the cache
    assert (
        c.restricted_in_public_doc.text[:40]
        not in Client().get("/recommendations/", params).content.decode()
    )
    member_page = client_for(contributor).get("/recommendations/", params).content.decode()
    assert "Log out" in member_page  # a signed-in page, not the visitors' one
    visitor_again = Client().get("/recommendations/", params).content.decode()
    assert "Tick to add to a selection" not in visitor_again and "Log out" not in visitor_again


def test_json_links_follow_the_host_asked_for(svn_upr_catalogue):
    one = json.loads(Client().get("/recommendations.json", TORTURE, HTTP_HOST="testserver").content)
    two = json.loads(Client().get("/recommendations.json", TORTURE, HTTP_HOST="localhost").content)
    assert one["results"][0]["url"].startswith("http://testserver/")
    assert two["results"][0]["url"].startswith("http://localhost/")


def test_recommended_again_follows_a_change_of_cluster(svn_upr_catalogue):
    """Clusters are written by ``classify``: their writes replace the token too (migration
    classify 0003), so the "Recommended again" filter is never served from before."""
    c = svn_upr_catalogue
    params = {"country": "SVN", "repeated": "1"}
    assert _count(Client(), params) == 0
    cluster = Cluster.objects.create(country=c.svn, status=Cluster.Status.CONFIRMED)
    # 121.52 (cycle 3, 2019) and 140.7 (cycle 4, 2025): the later one is "made again"
    ClusterMember.objects.create(cluster=cluster, recommendation=c.r121_52)
    ClusterMember.objects.create(cluster=cluster, recommendation=c.r140_7)
    assert _count(Client(), params) == 1
    ClusterMember.objects.filter(recommendation=c.r140_7).update(is_active=False)
    assert _count(Client(), params) == 0
