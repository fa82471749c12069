"""Restricted records never reach anonymous visitors or roles below coordinator: not in a
list, a count or a detail (a 404 identical to a missing id); coordinators see them, by
session or by token. World: tests/accounts/conftest.py (CERD/C/BRA/CO/18-20 with one
public recommendation, plus a restricted one, an SPT visit report and its items)."""

from __future__ import annotations

import pytest

from rightstrack.accounts.actions import do_create_api_token

from .conftest import MARKER

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/recommendations",
    "/api/v1/recommendations?country=BRA",
    "/api/v1/recommendations?q=isolation",
    "/api/v1/recommendations?mechanism=SPT",
    "/api/v1/documents",
    "/api/v1/countries",
    "/api/v1/countries/BRA",
    "/api/v1/mechanisms",
    "/api/v1/mechanisms/SPT",
    "/api/v1/follow-up-requests",
    "/api/v1/deadlines",
]


def _details(w):
    return [
        f"/api/v1/recommendations/{w.confidential['recommendation'][0].pk}",
        f"/api/v1/recommendations/{w.confidential['recommendation'][1].pk}",
        f"/api/v1/documents/{w.confidential['document'][0].pk}",
        *[f"/api/v1/follow-up-requests/{fr.pk}" for fr in w.confidential["follow_up"]],
    ]


@pytest.mark.parametrize("role", ["anonymous", "viewer", "contributor", "focal_point_a"])
def test_below_coordinator_restricted_records_are_in_no_list_count_or_detail(
    full_world, cast, client_for, api_client, role
):
    client = api_client(client_for(cast[role]))
    for url in LISTS:
        body = client.get(url).content.decode()
        assert MARKER not in body, url
    data = client.get("/api/v1/recommendations?country=BRA").json()
    assert data["count"] == 1  # the public paragraph 17 only
    assert [r["paragraph"] for r in data["results"]] == ["17"]
    assert client.get("/api/v1/mechanisms/SPT").json()["recommendations"] == 0
    assert client.get("/api/v1/countries/BRA").json()["recommendations"] == 1
    assert client.get("/api/v1/documents").json()["count"] == 1
    assert client.get("/api/v1/follow-up-requests").json()["count"] == 1
    missing = client.get("/api/v1/recommendations/987654321")
    for url in _details(full_world):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.content == missing.content, url


def test_a_coordinators_token_sees_restricted_records(full_world, cast, api_client):
    _record, token = do_create_api_token(cast["coordinator"], "audit")
    client = api_client()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    data = client.get("/api/v1/recommendations?country=BRA", **auth).json()
    # 17, the restricted 99, the SPT report's 12, para. 7 of the confidential SPT visit
    assert data["count"] == 4
    for url in _details(full_world):
        response = client.get(url, **auth)
        assert response.status_code == 200, url
        assert MARKER in response.content.decode(), url
    # The same client without the token sees the public records only.
    assert client.get("/api/v1/recommendations?country=BRA").json()["count"] == 1


def test_a_viewers_token_sees_public_records_only(full_world, cast, api_client):
    _record, token = do_create_api_token(cast["viewer"], "spreadsheet")
    client = api_client()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    assert client.get("/api/v1/recommendations", **auth).json()["count"] == 1
    for url in _details(full_world):
        assert client.get(url, **auth).status_code == 404, url
