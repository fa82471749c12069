"""``/api/v1/similar`` (GET and POST): the recommendations of a country most similar to a
text, public ones only for anonymous requests, restricted ones too for a coordinator's
token; parameters checked.

Text: A/HRC/43/15 para. 122.1 (OP-ICESCR) against Slovenia's cycle 4 list, where
140.7-140.10 ask the same (OHCHR thematic list, read by hand).
"""

from __future__ import annotations

import pytest

from rightstrack.accounts.actions import do_create_api_token
from rightstrack.catalog.models import Recommendation, Visibility

pytestmark = pytest.mark.django_db
TEXT = (
    "Complete the process of ratification of the Optional Protocol to the International "
    "Covenant on Economic, Social and Cultural Rights (Senegal);"
)


def test_get_returns_the_cycle_4_counterparts(client, slovenia_lists):
    r = client.get(
        "/api/v1/similar", {"country": "SVN", "document": "A/HRC/59/15", "text": TEXT, "limit": 5}
    )
    assert r.status_code == 200
    data = r.json()
    assert data["country"] == "SVN" and data["count"] == 5
    assert {"140.7", "140.8", "140.9", "140.10"} <= {x["paragraph"] for x in data["results"]}
    assert data["results"][0]["url"].startswith("http://testserver/recommendations/")


def test_post_takes_a_json_body(client, slovenia_lists):
    r = client.post(
        "/api/v1/similar",
        {"country": "SVN", "text": TEXT, "limit": 3},
        content_type="application/json",
    )
    assert r.status_code == 200
    assert r.json()["results"][0]["paragraph"] == "122.1"


def test_restricted_recommendations_need_a_coordinators_token(client, cast, slovenia_lists):
    hidden = Recommendation.objects.get(natural_key="A/HRC/59/15#140.7")
    hidden.visibility = Visibility.RESTRICTED
    hidden.save()
    params = {"country": "SVN", "document": "A/HRC/59/15", "text": TEXT, "limit": 10}
    public = client.get("/api/v1/similar", params).json()
    assert hidden.pk not in [x["id"] for x in public["results"]]
    for role, sees in (("focal_point_a", False), ("coordinator", True)):
        token = do_create_api_token(cast[role], name="test")[1]
        data = client.get("/api/v1/similar", params, HTTP_AUTHORIZATION=f"Bearer {token}").json()
        assert (hidden.pk in [x["id"] for x in data["results"]]) is sees


def test_bad_parameters_are_400(client, slovenia_lists):
    assert (
        client.get("/api/v1/similar", {"country": "XXX", "text": "x"}).json()["error"]["field"]
        == "country"
    )
    assert (
        client.get("/api/v1/similar", {"country": "SVN", "text": "x", "foo": "1"}).status_code
        == 400
    )
    assert client.get("/api/v1/similar", {"country": "SVN"}).status_code == 400
    assert (
        client.get("/api/v1/similar", {"country": "SVN", "text": "x", "limit": 0}).status_code
        == 400
    )
