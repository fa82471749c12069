"""A sign-up verification link stays valid for two days. Once the account is open, a
coordinator may deactivate it (spam, abuse); following the same link again must not reopen
it: the page says the link does not work and the account stays closed. Following it twice
before that changes nothing."""

from __future__ import annotations

import pytest
from django.test import Client

from rightstrack.accounts.actions import do_set_account_active, do_sign_up
from rightstrack.accounts.invitations import verification_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_up():
    return do_sign_up(
        username="mbz-login-7731",
        email="maria.benitez@example.org",
        password="tereré-con-yuyos-2024",
        display_name="María Benítez",
        hide_name_publicly=False,
        language="es",
    )


def _follow(account) -> int:
    return Client().get(f"/accounts/signup/verify/{verification_token(account)}/").status_code


def test_following_the_link_twice_keeps_the_account_open(signed_up):
    assert (_follow(signed_up), _follow(signed_up)) == (200, 200)
    signed_up.refresh_from_db()
    assert signed_up.is_active is True
    reasons = list(signed_up.history.values_list("history_change_reason", flat=True))
    assert reasons.count("email address verified") == 1


def test_the_link_does_not_reopen_an_account_a_coordinator_closed(signed_up, admin):
    assert _follow(signed_up) == 200
    signed_up.refresh_from_db()
    do_set_account_active(admin, signed_up, active=False)
    answer = Client().get(f"/accounts/signup/verify/{verification_token(signed_up)}/")
    assert answer.status_code == 404
    assert "This link does not work" in answer.content.decode()
    signed_up.refresh_from_db()
    assert signed_up.is_active is False
