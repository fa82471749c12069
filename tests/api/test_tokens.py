"""Personal API tokens: created, listed and revoked by their owner on "My account" (no
JavaScript: plain forms), stored as SHA-256 only, shown once; a revoked token gets 401."""

from __future__ import annotations

import hashlib
import re

import pytest
from django.test import Client

from rightstrack.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


def _create(client, name):
    response = client.post("/accounts/me/tokens/", {"name": name})
    assert response.status_code == 200
    match = re.search(r'<code class="api-token">(rt_[\w-]+)</code>', response.content.decode())
    assert match, "the new token is shown on the page"
    return match.group(1)


def test_create_use_and_revoke_a_token(cast, client_for, world):
    owner = client_for(cast["focal_point_a"])
    token = _create(owner, "reporting spreadsheet")
    assert len(token) == 3 + 43

    record = ApiToken.objects.get(user=cast["focal_point_a"])
    assert record.name == "reporting spreadsheet"
    assert record.key_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {record.prefix, record.key_hash, record.name}
    assert token.startswith(record.prefix)

    api = Client()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    assert api.get("/api/v1/recommendations", **auth).status_code == 200
    record.refresh_from_db()
    assert record.last_used_at is not None

    # Listed on "My account" by name and first characters, never in full again.
    page = owner.get("/accounts/me/").content.decode()
    assert "reporting spreadsheet" in page and record.prefix in page
    assert token not in page

    response = owner.post("/accounts/me/tokens/", {"revoke": record.pk})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.revoked_at is not None
    assert ApiToken.objects.filter(pk=record.pk).exists()  # revoked, not deleted
    assert [h.history_change_reason for h in record.history.order_by("history_date")] == [
        "API token created",
        "API token revoked",
    ]
    response = api.get("/api/v1/recommendations", **auth)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


def test_revoking_one_token_leaves_the_others_working(cast, client_for, db):
    owner = client_for(cast["viewer"])
    first, second = _create(owner, "first"), _create(owner, "second")
    record = ApiToken.objects.get(name="first")
    owner.post("/accounts/me/tokens/", {"revoke": record.pk})
    api = Client()
    assert api.get("/api/v1/", HTTP_AUTHORIZATION=f"Bearer {first}").status_code == 401
    assert api.get("/api/v1/", HTTP_AUTHORIZATION=f"Bearer {second}").status_code == 200


def test_nobody_revokes_another_users_token(cast, client_for, db):
    token = _create(client_for(cast["viewer"]), "mine")
    record = ApiToken.objects.get(name="mine")
    other = client_for(cast["contributor"])
    assert other.post("/accounts/me/tokens/", {"revoke": record.pk}).status_code == 404
    record.refresh_from_db()
    assert record.revoked_at is None
    assert Client().get("/api/v1/", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200


def test_a_token_needs_a_name_and_a_login(cast, client_for, db):
    response = client_for(cast["viewer"]).post("/accounts/me/tokens/", {"name": "  "})
    assert response.status_code == 400
    assert ApiToken.objects.count() == 0
    anonymous = Client().post("/accounts/me/tokens/", {"name": "x"})
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert ApiToken.objects.count() == 0


def test_a_deactivated_users_token_stops_working(cast, client_for, db):
    token = _create(client_for(cast["viewer"]), "old job")
    cast["viewer"].is_active = False
    cast["viewer"].save()
    assert Client().get("/api/v1/", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
