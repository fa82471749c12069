"""Who may write at all: a token created with read and write access, or a signed-in browser
session that passes Django's CSRF check. A read-only token gets 403 (and reads as before),
no credentials 401, a session without its CSRF token 403; a token needs no CSRF token."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from rightstrack.accounts.actions import do_create_api_token
from rightstrack.tracking.models import Action

pytestmark = pytest.mark.django_db


def _url(world):
    return f"/api/v1/actions/{world.objects['action'][0].pk}"


def _change(world):
    return {"version": world.objects["action"][0].version, "status": "delayed"}


def test_a_read_only_token_reads_but_gets_403_on_a_write(world, cast, api_client):
    _record, token = do_create_api_token(cast["focal_point_a"], "dashboard")  # read by default
    api = api_client(Client())
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    assert api.get(_url(world), **auth).status_code == 200
    response = api.send("patch", _url(world), _change(world), **auth)
    assert response.status_code == 403
    assert "read-only" in response.json()["error"]["message"]
    assert Action.objects.get(pk=world.objects["action"][0].pk).status == "in_progress"


def test_without_credentials_a_write_is_a_401(world, api_client):
    response = api_client(Client()).send("patch", _url(world), _change(world))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_token_write_needs_no_csrf_token(world, cast, api_client):
    _record, token = do_create_api_token(cast["focal_point_a"], "script", "write")
    client = Client(enforce_csrf_checks=True)
    response = api_client(client).send(
        "patch", _url(world), _change(world), HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 200


def test_a_session_write_needs_the_csrf_token(world, cast, client_for, api_client):
    session = client_for(cast["focal_point_a"])
    session.handler.enforce_csrf_checks = True
    api = api_client(session)
    refused = api.send("patch", _url(world), _change(world))
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["error"]["message"]
    assert Action.objects.get(pk=world.objects["action"][0].pk).status == "in_progress"

    session.get("/accounts/me/")  # any page sets the CSRF cookie
    csrf = session.cookies["csrftoken"].value
    accepted = api.send("patch", _url(world), _change(world), HTTP_X_CSRFTOKEN=csrf)
    assert accepted.status_code == 200
    assert Action.objects.get(pk=world.objects["action"][0].pk).status == "delayed"


def test_a_token_scope_is_chosen_when_it_is_created_and_read_is_the_default(cast, client_for, db):
    owner = client_for(cast["viewer"])
    page = owner.get("/accounts/me/").content.decode()
    assert 'name="scope" value="read"' in page and 'name="scope" value="write"' in page
    owner.post("/accounts/me/tokens/", {"name": "unsaid"})
    owner.post("/accounts/me/tokens/", {"name": "reader", "scope": "read"})
    owner.post("/accounts/me/tokens/", {"name": "writer", "scope": "write"})
    assert owner.post("/accounts/me/tokens/", {"name": "x", "scope": "admin"}).status_code == 400
    tokens = {t.name: t.scope for t in cast["viewer"].api_tokens.all()}
    assert tokens == {"unsaid": "read", "reader": "read", "writer": "write"}
    page = owner.get("/accounts/me/").content.decode()
    assert "Read only" in page and "Read and write" in page


@override_settings(RIGHTSTRACK_API_TOKEN_RATE=2)
def test_writes_count_against_the_tokens_rate_limit(world, cast, api_client):
    _record, token = do_create_api_token(cast["focal_point_a"], "script", "write")
    api = api_client(Client())
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    assert api.get(_url(world), **auth).status_code == 200
    assert api.send("patch", _url(world), _change(world), **auth).status_code == 200
    limited = api.send("patch", _url(world), {"version": 99, "status": "completed"}, **auth)
    assert limited.status_code == 429
    assert int(limited["Retry-After"]) > 0
    assert Action.objects.get(pk=world.objects["action"][0].pk).status == "delayed"
