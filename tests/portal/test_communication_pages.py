"""The communications list and detail pages: public Views for everyone, pending
communications for coordinators only, anonymised authors as initials, translated."""

from __future__ import annotations

import datetime as dt

import pytest

from rightstrack.catalog.models import Communication, Country, Mechanism
from rightstrack.tracking import communication_actions as verbs

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(reference_data, coordinator):
    ccpr = Mechanism.objects.get(code="CCPR")
    views = Communication.objects.create(
        mechanism=ccpr,
        number="2836/2016",
        symbol="CCPR/C/134/D/2836/2016",
        country=Country.objects.get(iso3="KGZ"),
        author="Shkurillo Alimov",
        anonymise_author=True,
        status="views_adopted",
        outcome="violation",
        views_adopted_on=dt.date(2022, 3, 11),
        articles_violated=["6 (1)", "7", "2 (3)"],
        remedies=["investigation", "compensation"],
        reply_period_text="within 180 days",
        reply_days=180,
        visibility="public",
    )
    views.compute_reply_due()
    views.save()
    pending = verbs.do_record_communication(
        coordinator, mechanism=ccpr, number="4100/2022", author="Ana Maria Pérez"
    )
    return views, pending


def test_the_public_list_shows_adopted_views_with_initials_only(records, client):
    views, pending = records
    page = client.get("/communications/").content.decode()
    assert "CCPR/C/134/D/2836/2016" in page
    assert "S.A." in page and "Shkurillo" not in page
    assert "4100/2022" not in page and "Pérez" not in page
    detail = client.get(f"/communications/{views.pk}/").content.decode()
    assert "6 (1), 7, 2 (3)" in detail
    assert "2022-09-07" in detail  # 11 March 2022 + 180 days
    assert client.get(f"/communications/{pending.pk}/").status_code == 404


def test_a_coordinator_sees_the_pending_communication_and_the_real_name(
    records, coordinator, client_for
):
    views, pending = records
    client = client_for(coordinator)
    page = client.get("/communications/?status=pending").content.decode()
    assert "4100/2022" in page and "CCPR/C/134/D/2836/2016" not in page
    assert "Shkurillo Alimov" in client.get(f"/communications/{views.pk}/").content.decode()
    assert client.get(f"/tracking/communications/{pending.pk}/").status_code == 200


def test_publishing_a_pending_communication_is_a_coordinators_decision(
    records, coordinator, client_for, client
):
    _, pending = records
    response = client_for(coordinator).post(
        f"/tracking/communications/{pending.pk}/",
        {"form": "settings", "visibility": "public", "anonymise_author": "on"},
    )
    assert response.status_code == 302
    page = client.get(f"/communications/{pending.pk}/").content.decode()
    assert "A.M.P." in page and "Pérez" not in page


def test_the_list_is_translated(records, client):
    client.cookies["django_language"] = "fr"
    page = client.get("/communications/").content.decode()
    assert 'lang="fr"' in page
    assert "Kirghizistan" in page
