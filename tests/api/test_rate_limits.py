"""Rate limits: per IP address without a token, per token with one; 429 with Retry-After."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from rightstrack.accounts.actions import do_create_api_token

pytestmark = pytest.mark.django_db


@override_settings(RIGHTSTRACK_API_ANON_RATE=3, RIGHTSTRACK_API_TOKEN_RATE=5)
def test_anonymous_requests_are_limited_per_ip_address(api_client):
    client = api_client()
    for _ in range(3):
        assert client.get("/api/v1/mechanisms").status_code == 200
    response = client.get("/api/v1/mechanisms")
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(response["Retry-After"]) <= 60
    # Another address still gets through.
    assert Client(REMOTE_ADDR="192.0.2.7").get("/api/v1/mechanisms").status_code == 200


@override_settings(RIGHTSTRACK_API_ANON_RATE=1, RIGHTSTRACK_API_TOKEN_RATE=4)
def test_each_token_has_its_own_limit(cast, api_client):
    _r, first = do_create_api_token(cast["viewer"], "one")
    _r, second = do_create_api_token(cast["viewer"], "two")
    client = api_client()
    for _ in range(4):
        response = client.get("/api/v1/mechanisms", HTTP_AUTHORIZATION=f"Bearer {first}")
        assert response.status_code == 200
    limited = client.get("/api/v1/mechanisms", HTTP_AUTHORIZATION=f"Bearer {first}")
    assert limited.status_code == 429 and int(limited["Retry-After"]) >= 1
    ok = client.get("/api/v1/mechanisms", HTTP_AUTHORIZATION=f"Bearer {second}")
    assert ok.status_code == 200
