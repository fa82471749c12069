"""In a real Chromium: a coordinator adds the Senate human-rights committee of Paraguay
("Comisión de Derechos Humanos de la Cámara de Senadores") to the actors map and invites
its focal point; the focal point opens the emailed link, chooses a password and enrols
two-factor in the same flow (the test computes the TOTP code from the key on the page,
RFC 6238, as an authenticator app would). Screenshots go to ``RIGHTSTRACK_SCREENSHOTS``
when set (the ones kept are in ``docs/screenshots/``)."""

from __future__ import annotations

import os
import re
from base64 import b32decode
from pathlib import Path

import pytest
from django.core import mail
from django_otp.oath import totp

from browser_support import BROWSER_MARKS, chromium

pytestmark = BROWSER_MARKS

COMMITTEE = "Comisión de Derechos Humanos de la Cámara de Senadores"
PASSWORD = "palacio-legislativo-asuncion-24"


@pytest.fixture
def browser():
    with chromium() as launched:
        yield launched


def _shot(page, name: str) -> None:
    folder = os.environ.get("RIGHTSTRACK_SCREENSHOTS")
    if folder:
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


@pytest.mark.django_db(transaction=True)
def test_a_coordinator_adds_the_senate_committee_and_its_focal_point_enrols(
    coordinator, client_for, live_server, browser, reference_data
):
    from django.conf import settings

    from rightstrack.accounts.actions import do_create_organisation
    from rightstrack.accounts.models import Organisation, User
    from rightstrack.accounts.twofactor import has_confirmed_device
    from rightstrack.catalog.models import Country

    senate = do_create_organisation(
        coordinator,
        name="Cámara de Senadores",
        org_type="parliament",
        country=Country.objects.get(iso3="PRY"),
    )
    base = live_server.url
    coord_client = client_for(coordinator)
    cookie = coord_client.cookies[settings.SESSION_COOKIE_NAME].value
    context = browser.new_context(viewport={"width": 1000, "height": 720})
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base}])
    page = context.new_page()

    page.goto(base + "/tracking/actors/")
    page.get_by_role("link", name="Add an organisation").click()
    page.get_by_label("Name:", exact=True).fill(COMMITTEE)
    page.get_by_label("Acronym").fill("CDDHH")
    page.get_by_label("Kind of actor").select_option("parliament")
    page.get_by_label("Country").select_option(label="Paraguay")
    page.get_by_label("Part of").select_option(label="Cámara de Senadores")
    page.get_by_label("Mandate").fill(
        "Estudia y dictamina los proyectos de ley sobre derechos humanos."
    )
    _shot(page, "actors-add-organisation")
    page.get_by_role("button", name="Save").click()
    assert page.locator("h1").inner_text() == f"{COMMITTEE} (CDDHH)"
    committee = Organisation.objects.get(name=COMMITTEE)
    assert (committee.parent, committee.country.iso3) == (senate, "PRY")
    _shot(page, "actors-committee-page")

    page.get_by_role("link", name="Invite a person").click()
    assert page.get_by_label("Organisation").input_value() == str(committee.pk)
    page.get_by_label("Email address").fill("focal.cddhh@senado.example")
    page.get_by_label("Name (used to greet them)").fill("Lilian")
    page.get_by_label("Role").select_option("focal_point")
    page.get_by_label("Language of the invitation and of the account").select_option("es")
    _shot(page, "people-invite")
    page.get_by_role("button", name="Send the invitation").click()
    assert "Invitation sent to focal.cddhh@senado.example." in page.content()
    _shot(page, "people-list")
    context.close()

    (message,) = mail.outbox
    link = re.search(r"(https?://\S+/accounts/invitation/\S+/)", message.body).group(1)
    assert link.startswith(base)

    invitee = browser.new_context(viewport={"width": 1000, "height": 720})
    page = invitee.new_page()
    page.goto(link)
    assert "Step 1 of 2" in page.content()
    _shot(page, "invitation-accept")
    page.get_by_label("First name").fill("Lilian")
    page.get_by_label("Last name").fill("Ortiz")
    page.get_by_label("Login name").fill("lortiz-cddhh")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Continue to two-factor set-up").click()
    assert "/accounts/two-factor/setup/" in page.url
    _shot(page, "invitation-two-factor")
    key = page.locator(".totp-key").inner_text().replace(" ", "")
    code = f"{totp(b32decode(key + '=' * (-len(key) % 8))):06d}"
    page.get_by_label("Six-digit code from your authenticator app").fill(code)
    page.get_by_role("button", name="Confirm").click()
    assert page.url == base + "/tracking/"
    assert "Two-factor authentication is now on for your account." in page.content()
    invitee.close()

    account = User.objects.get(username="lortiz-cddhh")
    assert (account.role, account.organisation_id, account.language) == (
        "focal_point",
        committee.pk,
        "es",
    )
    assert has_confirmed_device(account)
