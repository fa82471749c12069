"""Which version of an action a person sees: one rule (``tracking.permissions.shown_action``).

A focal point of ministry B drafts an action; once published it is moved to ministry A,
whose focal point then edits it. The edit is a draft waiting for ministry A's validator.
The creator (ministry B) is not in the responsible institution: on the deadlines
calendar and on the recommendation page they see the published version, never ministry
A's draft; their personal ICS feed (ministry B's work) and the country feed carry no
draft either. Ministry A's focal point sees the draft on the pages; calendar feeds are
public records only, so even ministry A's own feed carries the published version.
"""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.urls import reverse

from rightstrack.tracking import actions as verbs
from rightstrack.tracking.ics import user_feed_token
from rightstrack.tracking.models import PublicationState

pytestmark = pytest.mark.django_db

PUBLISHED_TITLE = "Install body cameras in the military police of Rio de Janeiro"
DRAFT_TITLE = "Postpone the body-camera tender to 2026"


@pytest.fixture
def drafted_by_b_then_moved_to_a(plan, rec, coordinator, focal_point_b, focal_point_a, ministry_a):
    action = verbs.do_create_action(
        focal_point_b,
        plan,
        recommendations=[rec],
        title=PUBLISHED_TITLE,
        start_date=dt.date(2024, 3, 1),
        target_date=dt.date(2025, 9, 30),
        status="in_progress",
        submit=True,
    )
    action = verbs.do_review_action(coordinator, action, action.version, approve=True)
    action = verbs.do_update_action(coordinator, action, action.version, responsible=ministry_a)
    action = verbs.do_update_action(
        focal_point_a,
        action,
        action.version,
        title=DRAFT_TITLE,
        target_date=dt.date(2026, 3, 31),
    )
    assert action.created_by_id == focal_point_b.pk
    assert action.responsible_id == ministry_a.pk
    assert action.publication_state != PublicationState.PUBLISHED
    return action


def _pages(client, rec) -> dict[str, str]:
    return {
        "deadlines": client.get(reverse("tracking:deadlines"), {"country": "BRA"}).content.decode(),
        "recommendation": client.get(
            reverse("portal:recommendation_detail", args=[rec.pk])
        ).content.decode(),
    }


def _action_events(client, url: str) -> list[tuple[str, dt.date]]:
    body = client.get(url).content
    events = icalendar.Calendar.from_ical(body).walk("VEVENT")
    return [
        (str(e["summary"]), e.decoded("dtstart"))
        for e in events
        if "action_target" in e.get("categories").cats
    ]


PUBLISHED_EVENT = (f"[Overdue] Action target date: {PUBLISHED_TITLE}", dt.date(2025, 9, 30))


def test_the_creator_sees_only_the_published_version(
    drafted_by_b_then_moved_to_a, rec, focal_point_b, client_for
):
    client = client_for(focal_point_b)
    for name, body in _pages(client, rec).items():
        assert PUBLISHED_TITLE in body, name
        assert DRAFT_TITLE not in body, name
    own_feed = reverse("tracking:deadlines_user_ics", args=[user_feed_token(focal_point_b)])
    assert _action_events(client, own_feed) == []
    country_feed = reverse("tracking:deadlines_country_ics", args=["BRA"])
    assert _action_events(client, country_feed) == [PUBLISHED_EVENT]


def test_the_responsible_institution_sees_its_draft_on_pages_but_not_in_feeds(
    drafted_by_b_then_moved_to_a, rec, focal_point_a, client_for
):
    client = client_for(focal_point_a)
    for name, body in _pages(client, rec).items():
        assert DRAFT_TITLE in body, name
    own_feed = reverse("tracking:deadlines_user_ics", args=[user_feed_token(focal_point_a)])
    assert _action_events(client, own_feed) == [PUBLISHED_EVENT]
