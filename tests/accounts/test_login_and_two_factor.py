"""Password login, then the TOTP step for every role that can publish."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from rightstrack.accounts.permissions import user_rank

pytestmark = pytest.mark.django_db


def _current_code(device: TOTPDevice) -> str:
    """The code an authenticator app shows now, computed from the device key (RFC 6238)."""
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:0{device.digits}d}"


CAST_PASSWORD = "correct-horse-battery-staple-42"  # as in tests/conftest.py


def _password_login(user) -> Client:
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": CAST_PASSWORD}
    )
    assert response.status_code == 302
    return client


@pytest.mark.parametrize("role", ["admin", "coordinator", "validator", "focal_point_a"])
def test_a_publishing_role_without_a_device_is_sent_to_enrolment_first(role, cast):
    client = _password_login(cast[role])

    response = client.get(reverse("accounts:my_account"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))
    assert "next=%2Faccounts%2Fme%2F" in response["Location"]


def test_a_focal_point_enrols_with_a_code_computed_from_the_device_key(focal_point_a):
    client = _password_login(focal_point_a)
    page = client.get(reverse("accounts:two_factor_setup"))
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=focal_point_a, confirmed=False)

    response = client.post(
        reverse("accounts:two_factor_setup") + "?next=/accounts/me/",
        {"token": _current_code(device)},
    )

    assert response.status_code == 302
    assert response["Location"] == "/accounts/me/"
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.get(reverse("accounts:my_account")).status_code == 200


def test_a_coordinator_with_a_device_must_give_the_current_code(coordinator):
    device = TOTPDevice.objects.create(user=coordinator, name="phone", confirmed=True)
    client = _password_login(coordinator)

    held = client.get("/accounts/me/")
    assert held.status_code == 302
    assert held["Location"] == "/accounts/two-factor/?next=%2Faccounts%2Fme%2F"

    wrong = client.post("/accounts/two-factor/", {"token": "000000", "next": "/accounts/me/"})
    if _current_code(device) != "000000":
        assert wrong.status_code == 200
        assert "This code is not valid" in wrong.content.decode()
        assert client.get("/accounts/me/").status_code == 302
    device.refresh_from_db()
    device.throttle_reset()

    right = client.post(
        "/accounts/two-factor/", {"token": _current_code(device), "next": "/accounts/me/"}
    )
    assert right.status_code == 302
    assert right["Location"] == "/accounts/me/"
    assert client.get("/accounts/me/").status_code == 200


def test_the_two_factor_step_refuses_an_offsite_next_url(coordinator):
    device = TOTPDevice.objects.create(user=coordinator, name="phone", confirmed=True)
    client = _password_login(coordinator)

    response = client.post(
        "/accounts/two-factor/",
        {"token": _current_code(device), "next": "https://evil.example.com/"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.parametrize("role", ["viewer", "contributor"])
def test_roles_that_cannot_publish_log_in_with_a_password_alone(role, cast):
    client = _password_login(cast[role])

    assert client.get(reverse("accounts:my_account")).status_code == 200


def test_a_wrong_password_does_not_log_in(viewer):
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": "viewer", "password": "not-the-password-at-all"}
    )

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_coordinator_who_skipped_the_code_ranks_as_a_viewer(coordinator):
    coordinator.is_verified = lambda: False
    assert user_rank(coordinator) == 10
    coordinator.is_verified = lambda: True
    assert user_rank(coordinator) == 50


def test_logout_is_a_post_and_ends_the_session(client_for, viewer):
    client = client_for(viewer)

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
