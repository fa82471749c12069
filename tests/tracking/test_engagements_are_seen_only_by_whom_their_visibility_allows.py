"""Public, organisation-only and restricted engagements on CCPR/C/PRY/CO/4: who sees them
on the recommendation page, in the calendar, the ICS feed and ``rightstrack deadlines
--json``; attributions name the organisation, never the account."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from paraguay_engagement import COMMITMENT, MEETING, paraguay, record_meeting
from rightstrack.tracking.permissions import visible_engagements

pytestmark = [pytest.mark.django_db]
__all__ = ["paraguay"]

ORG_ONLY = "Preparatory meeting of the coalition with the Ministry"
RESTRICTED = "Confidential meeting with a witness of pretrial detention abuses"


@pytest.fixture
def three(paraguay, coordinator, nmrf):
    public = record_meeting(coordinator, paraguay)
    org_only = record_meeting(
        coordinator,
        paraguay,
        visibility="organisation",
        title=ORG_ONLY,
        follow_up_on=dt.date(2026, 5, 2),
    )
    restricted = record_meeting(
        coordinator, paraguay, visibility="restricted", title=RESTRICTED, follow_up_on=None
    )
    return public, org_only, restricted


@pytest.fixture
def nmrf_viewer(nmrf):
    from rightstrack.accounts.models import User

    return User.objects.create(username="nmrf-reader", role="viewer", organisation=nmrf)


def test_each_role_sees_what_the_visibility_allows(
    three, anonymous, viewer, focal_point_a, contributor, nmrf_viewer, coordinator
):
    public, org_only, restricted = three
    assert set(visible_engagements(anonymous)) == {public}
    for outsider in (viewer, focal_point_a, contributor):
        assert set(visible_engagements(outsider)) == {public}
    assert set(visible_engagements(nmrf_viewer)) == {public, org_only}
    assert set(visible_engagements(coordinator)) == {public, org_only, restricted}


def test_the_recommendation_page_shows_the_public_meeting_only(
    three, paraguay, client, client_for, focal_point_a, coordinator
):
    url = reverse("portal:recommendation_detail", args=[paraguay.recs["29"].pk])
    for c in (client, client_for(focal_point_a)):
        page = c.get(url).content.decode()
        assert MEETING in page
        assert COMMITMENT in page
        assert ORG_ONLY not in page and RESTRICTED not in page
        assert coordinator.username not in page  # organisation, never the account
    page = client_for(coordinator).get(url).content.decode()
    assert ORG_ONLY in page and RESTRICTED in page


def test_public_follow_up_and_commitment_dates_reach_the_calendar_and_ics(three, client):
    out = io.StringIO()
    call_command("deadlines", "--country", "PRY", "--json", stdout=out)
    events = json.loads(out.getvalue())
    mine = [
        (e["date"], e["kind"]) for e in events if e["kind"].startswith(("engagement", "commit"))
    ]
    assert mine == [("2026-04-15", "engagement_follow_up"), ("2026-06-30", "commitment_due")]
    raw = client.get(reverse("tracking:deadlines_country_ics", args=["PRY"])).content.decode()
    ics = raw.replace("\r\n ", "")  # unfold RFC 5545 continuation lines
    assert "Follow up on: Meeting with the Senate human-rights committee" in ics
    assert "20260630" in ics and "20260502" not in ics
    assert ORG_ONLY not in ics and RESTRICTED not in ics


def test_the_country_dashboard_and_the_actor_page_list_it(
    three, paraguay, client, client_for, nmrf_viewer
):
    dashboard = client.get(reverse("tracking:dashboard", args=["PRY"])).content.decode()
    assert MEETING in dashboard and ORG_ONLY not in dashboard
    actor = client_for(nmrf_viewer).get(reverse("tracking:actor_detail", args=[paraguay.senate.pk]))
    assert MEETING in actor.content.decode() and ORG_ONLY in actor.content.decode()
    assert RESTRICTED not in actor.content.decode()
