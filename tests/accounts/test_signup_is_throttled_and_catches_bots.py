"""Sign-up protections: a honeypot field, throttling per client address with the login
throttle's limits (``RIGHTSTRACK_LOGIN_FAILURE_LIMIT``, 5 by default), Django's password
rules, and a verification link that cannot be forged."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.cache import caches
from django.test import Client, override_settings

from rightstrack.accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "tereré-con-yuyos-2024"


@pytest.fixture(autouse=True)
def _empty_cache():
    caches["default"].clear()
    yield
    caches["default"].clear()


def _data(n: int, **extra: str) -> dict[str, str]:
    return {
        "display_name": f"Persona {n}",
        "email": f"persona{n}@example.org",
        "username": f"persona-{n}",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **extra,
    }


def test_a_filled_honeypot_creates_nothing_and_sends_nothing(client):
    answer = client.post("/accounts/signup/", _data(1, website="https://spam.example"))
    assert answer.status_code == 302 and answer["Location"] == "/accounts/signup/sent/"
    assert not User.objects.exists()
    assert mail.outbox == []


def test_the_honeypot_is_out_of_sight_and_out_of_the_keyboard_order(client):
    page = client.get("/accounts/signup/").content.decode()
    assert '<div class="hp-field" aria-hidden="true">' in page
    assert 'name="website"' in page and 'tabindex="-1"' in page


@override_settings(AXES_FAILURE_LIMIT=3)
def test_sign_ups_from_one_address_are_paused_after_the_login_limit():
    client = Client(REMOTE_ADDR="203.0.113.9")
    statuses = [client.post("/accounts/signup/", _data(n)).status_code for n in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    assert User.objects.count() == 3
    other = Client(REMOTE_ADDR="198.51.100.4")
    assert other.post("/accounts/signup/", _data(9)).status_code == 302


def test_weak_passwords_and_taken_login_names_are_refused(client, viewer):
    weak = client.post("/accounts/signup/", _data(1, password1="password", password2="password"))
    assert weak.status_code == 200 and not User.objects.filter(username="persona-1").exists()
    taken = client.post("/accounts/signup/", _data(2, username="viewer"))
    assert "This login name is taken" in taken.content.decode()


def test_a_forged_verification_link_opens_nothing(client):
    client.post("/accounts/signup/", _data(1))
    account = User.objects.get(username="persona-1")
    assert client.get("/accounts/signup/verify/eyJmYWtlIjoxfQ:forged:sig/").status_code == 404
    account.refresh_from_db()
    assert account.is_active is False
