"""Issue 13's scenario: a token created by a focal point on "My account" writes an action's
status; the same token after revocation gets 401; a token of focal point B (Ministry of
Health) gets 403 on ministry A's (Ministry of Justice) action.

World: tests/accounts/conftest.py. The action "Train police officers in the use of force"
(responsible: ministry A, status in progress, published by the coordinator) addresses
CERD/C/BRA/CO/18-20 para. 17.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client

from rightstrack.accounts.models import ApiToken
from rightstrack.tracking.models import Action

pytestmark = pytest.mark.django_db


def _create_token(client, name, scope):
    response = client.post("/accounts/me/tokens/", {"name": name, "scope": scope})
    assert response.status_code == 200
    match = re.search(r'<code class="api-token">(rt_[\w-]+)</code>', response.content.decode())
    assert match, "the new token is shown on the page"
    return match.group(1)


def _bearer(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_a_focal_points_token_writes_the_status_until_revoked_and_b_is_refused(
    world, cast, client_for, api_client
):
    action = world.objects["action"][0]
    assert (action.status, action.responsible.name) == ("in_progress", "Ministry of Justice (A)")
    owner = client_for(cast["focal_point_a"])
    token = _create_token(owner, "ministry reporting script", "write")
    record = ApiToken.objects.get(user=cast["focal_point_a"])
    assert record.scope == "write"
    # The scope is shown on "My account".
    page = owner.get("/accounts/me/").content.decode()
    assert "Read and write" in page

    api = api_client(Client())
    url = f"/api/v1/actions/{action.pk}"
    before = api.get(url, **_bearer(token)).json()
    assert before["status"] == "in_progress"
    response = api.send(
        "patch", url, {"version": before["version"], "status": "completed"}, **_bearer(token)
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["status"] == "completed"
    assert data["version"] == before["version"] + 1
    # A focal point's change is a draft for a validator of ministry A.
    assert data["publication_state"] == "draft"
    action.refresh_from_db()
    assert action.status == "completed"
    last = action.history.order_by("-history_date", "-history_id").first()
    assert last.history_user == cast["focal_point_a"]
    assert last.history_change_reason == "action edited"
    assert last.status == "completed"
    # The public keeps seeing the last published status.
    assert api.get(url).json()["status"] == "in_progress"

    owner.post("/accounts/me/tokens/", {"revoke": record.pk})
    response = api.send(
        "patch", url, {"version": data["version"], "status": "delayed"}, **_bearer(token)
    )
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    assert response["WWW-Authenticate"].startswith("Bearer")
    action.refresh_from_db()
    assert action.status == "completed"

    other = _create_token(client_for(cast["focal_point_b"]), "health ministry script", "write")
    response = api.send(
        "patch", url, {"version": action.version, "status": "cancelled"}, **_bearer(other)
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    action.refresh_from_db()
    assert (action.status, action.version) == ("completed", data["version"])


def test_a_write_from_an_old_version_is_a_409_with_the_current_action(
    world, cast, client_for, api_client
):
    action = world.objects["action"][0]
    token = _create_token(client_for(cast["focal_point_a"]), "script", "write")
    api = api_client(Client())
    url = f"/api/v1/actions/{action.pk}"
    seen = action.version
    first = api.send("patch", url, {"version": seen, "status": "delayed"}, **_bearer(token))
    assert first.status_code == 200
    stale = api.send("patch", url, {"version": seen, "status": "cancelled"}, **_bearer(token))
    assert stale.status_code == 409
    body = stale.json()
    assert body["error"]["code"] == "conflict" and body["error"]["field"] == "version"
    assert body["current_version"] == seen + 1
    assert body["current"]["status"] == "delayed"
    assert Action.objects.get(pk=action.pk).status == "delayed"


def test_the_validator_of_the_institution_publishes_directly(world, cast, client_for, api_client):
    action = world.objects["action"][0]
    token = _create_token(client_for(cast["validator"]), "validator script", "write")
    api = api_client(Client())
    url = f"/api/v1/actions/{action.pk}"
    response = api.send(
        "patch",
        url,
        {"version": action.version, "status": "delayed", "target_date": "2026-06-30"},
        **_bearer(token),
    )
    assert response.status_code == 200
    assert response.json()["publication_state"] == "published"
    public = api.get(url).json()
    assert (public["status"], public["target_date"]) == ("delayed", "2026-06-30")


def test_a_target_date_before_the_start_date_is_refused(world, cast, client_for, api_client):
    action = world.objects["action"][0]  # starts on 2024-03-01
    token = _create_token(client_for(cast["focal_point_a"]), "script", "write")
    response = api_client(Client()).send(
        "patch",
        f"/api/v1/actions/{action.pk}",
        {"version": action.version, "target_date": "2024-01-01"},
        **_bearer(token),
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_parameter"
    assert str(Action.objects.get(pk=action.pk).target_date) == "2025-06-30"


def test_unknown_fields_and_empty_changes_are_refused(world, cast, client_for, api_client):
    action = world.objects["action"][0]
    token = _create_token(client_for(cast["focal_point_a"]), "script", "write")
    api = api_client(Client())
    url = f"/api/v1/actions/{action.pk}"
    unknown = api.send(
        "patch", url, {"version": action.version, "responsible": 1}, **_bearer(token)
    )
    assert unknown.status_code == 400
    assert unknown.json()["error"]["field"] == "responsible"
    empty = api.send("patch", url, {"version": action.version}, **_bearer(token))
    assert empty.status_code == 400
    assert Action.objects.get(pk=action.pk).version == action.version
