"""Failed logins are throttled by django-axes: lockout after N failures, then a cool-off."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db

WRONG = "this-is-not-the-password"


def _attempt(client: Client, password: str):
    return client.post("/accounts/login/", {"username": "viewer", "password": password})


def test_the_limit_and_cool_off_are_five_failures_and_thirty_minutes():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert dt.timedelta(minutes=30) == settings.AXES_COOLOFF_TIME


def test_after_five_failures_even_the_right_password_is_refused(viewer, cast_password):
    client = Client()
    for _ in range(4):
        assert _attempt(client, WRONG).status_code == 200
    locked = _attempt(client, WRONG)
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()

    refused = _attempt(client, cast_password)

    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username="viewer").failures_since_start >= 5


def test_the_lockout_ends_after_the_cool_off(viewer, cast_password):
    client = Client()
    for _ in range(5):
        _attempt(client, WRONG)
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=31))

    response = _attempt(client, cast_password)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(viewer.pk)


def test_a_lockout_of_one_user_does_not_lock_another(viewer, contributor, cast_password):
    client = Client()
    for _ in range(5):
        _attempt(client, WRONG)

    response = client.post(
        "/accounts/login/", {"username": contributor.username, "password": cast_password}
    )

    assert response.status_code == 302


def test_a_success_before_the_limit_resets_the_count(viewer, cast_password):
    client = Client()
    for _ in range(4):
        _attempt(client, WRONG)
    assert _attempt(client, cast_password).status_code == 302

    assert not AccessAttempt.objects.filter(username="viewer").exists()


def test_client_login_without_a_request_still_works_in_tests(viewer, cast_password):
    assert Client().login(username="viewer", password=cast_password) is True
