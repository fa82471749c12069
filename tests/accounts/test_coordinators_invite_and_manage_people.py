"""Coordinators invite people by email and manage the accounts of their organisation.

The invitation email goes in the invitee's language; its signed link works once and
expires after seven days; a focal point (a publishing role) goes from the password
straight to two-factor enrolment. Accounts are changed and deactivated, never deleted.
"""

from __future__ import annotations

import datetime as dt
import re
from base64 import b32decode
from unittest import mock

import pytest
from django.core import mail
from django_otp.oath import totp

from rightstrack.accounts.models import Invitation, User

pytestmark = pytest.mark.django_db

PASSWORD = "lluvia-sobre-asuncion-2024"


def _invite(client, organisation, **extra):
    data = {
        "email": "lortiz@senado.example",
        "name": "Lilian",
        "role": "focal_point",
        "organisation": organisation.pk,
        "language": "es",
        **extra,
    }
    return client.post("/accounts/people/invite/", data)


def _link(message) -> str:
    return re.search(r"http://testserver(/accounts/invitation/[^/\s]+/)", message.body).group(1)


def test_the_invitation_is_emailed_in_the_invitees_language(client_for, coordinator, ministry_a):
    answer = _invite(client_for(coordinator), ministry_a)
    assert answer.status_code == 302 and answer["Location"] == "/accounts/people/"
    (message,) = mail.outbox
    assert message.to == ["lortiz@senado.example"]
    assert "RightsTrack" in message.subject
    invitation = Invitation.objects.get()
    assert (invitation.role, invitation.organisation, invitation.invited_by) == (
        "focal_point",
        ministry_a,
        coordinator,
    )
    assert "Ministry of Justice (A)" in message.body
    # Rendered in Spanish: the role's name comes from the Spanish catalogue.
    assert "Punto focal" in message.body and "Focal point" not in message.body
    assert _link(message).startswith("/accounts/invitation/")


def test_a_focal_point_accepts_sets_a_password_and_enrols_two_factor(
    client, client_for, coordinator, ministry_a
):
    _invite(client_for(coordinator), ministry_a)
    link = _link(mail.outbox[0])
    page = client.get(link).content.decode()
    assert "Step 1 of 2" in page
    answer = client.post(
        link,
        {
            "first_name": "Lilian",
            "last_name": "Ortiz",
            "username": "lortiz",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert answer.status_code == 302
    assert answer["Location"].startswith("/accounts/two-factor/setup/")
    account = User.objects.get(username="lortiz")
    assert (account.role, account.organisation, account.email, account.language) == (
        "focal_point",
        ministry_a,
        "lortiz@senado.example",
        "es",
    )
    # Everything else waits for two-factor (the middleware holds the session there).
    assert client.get("/tracking/").status_code == 302
    setup = client.get(answer["Location"]).content.decode()
    key = re.search(r'class="totp-key">([^<]+)<', setup).group(1).replace(" ", "")
    code = f"{totp(b32decode(key + '=' * (-len(key) % 8))):06d}"
    done = client.post(answer["Location"], {"token": code, "next": "/tracking/"})
    assert done.status_code == 302 and done["Location"] == "/tracking/"
    assert client.get("/tracking/").status_code == 200
    # The link worked once.
    assert client.get(link).status_code == 404


def test_the_link_expires_after_seven_days_and_cannot_be_altered(
    client, client_for, coordinator, ministry_a
):
    import time

    _invite(client_for(coordinator), ministry_a)
    link = _link(mail.outbox[0])
    assert client.get(link).status_code == 200
    assert client.get(link[:-3] + "xx/").status_code == 404
    later = time.time() + dt.timedelta(days=7, minutes=1).total_seconds()
    with mock.patch("django.core.signing.time.time", return_value=later):
        assert client.get(link).status_code == 404


def test_a_withdrawn_invitation_no_longer_works(client, client_for, coordinator, ministry_a):
    coord = client_for(coordinator)
    _invite(coord, ministry_a)
    link = _link(mail.outbox[0])
    invitation = Invitation.objects.get()
    assert (
        "stops working"
        in coord.get(f"/accounts/invitations/{invitation.pk}/withdraw/").content.decode()
    )
    coord.post(f"/accounts/invitations/{invitation.pk}/withdraw/")
    assert client.get(link).status_code == 404


def test_coordinators_change_and_deactivate_accounts_but_never_delete(
    client_for, coordinator, ministry_a, nmrf
):
    colleague = User.objects.create(
        username="nmrf-colleague", first_name="Nora", role="viewer", organisation=nmrf
    )
    coord = client_for(coordinator)
    assert "Nora" in coord.get("/accounts/people/").content.decode()
    coord.post(
        f"/accounts/people/{colleague.pk}/",
        {
            "first_name": "Nora",
            "last_name": "Gómez",
            "role": "validator",
            "organisation": nmrf.pk,
            "language": "es",
        },
    )
    colleague.refresh_from_db()
    assert (colleague.role, colleague.last_name) == ("validator", "Gómez")
    confirm = coord.get(f"/accounts/people/{colleague.pk}/deactivate/").content.decode()
    assert "can no longer log in" in confirm
    coord.post(f"/accounts/people/{colleague.pk}/deactivate/")
    colleague.refresh_from_db()
    assert colleague.is_active is False
    coord.post(f"/accounts/people/{colleague.pk}/reactivate/")
    colleague.refresh_from_db()
    assert colleague.is_active is True
    reasons = [h.history_change_reason for h in colleague.history.order_by("history_id")]
    assert reasons[-3:] == ["account changed", "account deactivated", "account reactivated"]


def test_coordinators_do_not_reach_other_organisations_accounts_or_admins(
    client_for, coordinator, focal_point_b, admin
):
    coord = client_for(coordinator)
    for other in (focal_point_b, admin):
        assert coord.get(f"/accounts/people/{other.pk}/").status_code == 404
        assert coord.post(f"/accounts/people/{other.pk}/deactivate/").status_code == 404
        other.refresh_from_db()
        assert other.is_active is True
    assert "Felix" not in coord.get("/accounts/people/").content.decode()


def test_a_coordinator_cannot_invite_an_administrator(client_for, coordinator, ministry_a):
    answer = _invite(client_for(coordinator), ministry_a, role="admin")
    assert answer.status_code == 200 and not Invitation.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("role", ["focal_point_a", "validator", "contributor", "viewer"])
def test_only_coordinators_invite_and_manage(client_for, cast, ministry_a, role):
    client = client_for(cast[role])
    assert client.get("/accounts/people/").status_code == 403
    assert _invite(client, ministry_a).status_code == 403
    assert not Invitation.objects.exists()
