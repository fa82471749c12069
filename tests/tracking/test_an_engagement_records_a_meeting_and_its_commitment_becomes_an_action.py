"""A meeting with the Senate human-rights committee on CCPR/C/PRY/CO/4 paragraphs 13 and
29 (imported with ``rightstrack import``), its commitment turned into a plan action in one
step, linked both ways; history; archive instead of delete."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from paraguay_engagement import COMMITMENT, MEETING, TEXT_13, TEXT_29, paraguay, record_meeting
from rightstrack.tracking.actions import (
    do_archive_engagement,
    do_record_engagement,
    do_turn_commitment_into_action,
)
from rightstrack.tracking.models import Engagement

pytestmark = [pytest.mark.django_db]
__all__ = ["paraguay"]


def test_the_import_gives_paragraphs_13_29_and_35_with_their_printed_text(paraguay):
    assert paraguay.document.recommendations.count() == 42
    assert TEXT_13 in paraguay.recs["13"].text
    assert TEXT_29 in paraguay.recs["29"].text


def test_a_coordinator_records_the_meeting_with_its_commitment(paraguay, coordinator):
    e = record_meeting(coordinator, paraguay)
    assert e.organisation == coordinator.organisation
    assert sorted(r.paragraph for r in e.recommendations.all()) == ["13", "29"]
    assert sorted(o.name for o in e.organisations.all()) == [
        "Ministerio de Justicia",
        "Senate Human Rights Committee",
    ]
    c = e.commitments.get()
    assert (c.text, c.by_whom, c.due_on) == (COMMITMENT, paraguay.ministry, dt.date(2026, 6, 30))
    assert e.history.first().history_change_reason == "engagement recorded"


def test_the_commitment_becomes_an_action_of_the_plan_linked_both_ways(paraguay, coordinator):
    e = record_meeting(coordinator, paraguay)
    c = e.commitments.get()
    action = do_turn_commitment_into_action(coordinator, c, paraguay.plan)
    c.refresh_from_db()
    assert c.action == action
    assert list(action.commitments.all()) == [c]
    assert action.plan == paraguay.plan
    assert action.title == COMMITMENT
    assert action.responsible == paraguay.ministry
    assert action.target_date == dt.date(2026, 6, 30)
    assert sorted(r.paragraph for r in action.recommendations.all()) == ["13", "29"]
    with pytest.raises(ValidationError):
        do_turn_commitment_into_action(coordinator, c, paraguay.plan)


def test_the_web_form_records_and_one_click_makes_the_action(paraguay, coordinator, client_for):
    client = client_for(coordinator)
    url = reverse("tracking:engagement_create") + f"?document={paraguay.document.pk}"
    page = client.get(url)
    assert page.status_code == 200
    # the scoped list: the document's 42 paragraphs, not the catalogue
    assert page.content.decode().count('name="recommendations"') == 42
    assert "CCPR/C/PRY/CO/4, para. 29: The State party should:" in page.content.decode()
    data = {
        "kind": "hearing",
        "title": MEETING,
        "date": "2026-03-10",
        "country": paraguay.document.country_id,
        "organisations": [paraguay.senate.pk],
        "recommendations": [paraguay.recs["13"].pk, paraguay.recs["29"].pk],
        "visibility": "public",
        "c-TOTAL_FORMS": "2",
        "c-INITIAL_FORMS": "0",
        "c-0-text": COMMITMENT,
        "c-0-by_whom": paraguay.ministry.pk,
        "c-0-due_on": "2026-06-30",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    e = Engagement.objects.get(title=MEETING)
    detail = client.get(response["Location"]).content.decode()
    assert COMMITMENT in detail and "Make it an action" in detail
    c = e.commitments.get()
    done = client.post(
        reverse("tracking:commitment_action", args=[c.pk]), {"plan": paraguay.plan.pk}
    )
    c.refresh_from_db()
    assert done["Location"] == reverse("tracking:action_detail", args=[c.action_id])
    action_page = client.get(done["Location"]).content.decode()
    assert MEETING in action_page


def test_a_focal_point_cannot_publish_and_a_viewer_cannot_record(paraguay, focal_point_a, viewer):
    with pytest.raises(PermissionDenied):
        record_meeting(focal_point_a, paraguay, visibility="public")
    e = record_meeting(focal_point_a, paraguay, visibility="organisation")
    assert e.organisation == focal_point_a.organisation
    with pytest.raises(PermissionDenied):
        do_record_engagement(viewer, kind="other", title="x", date=dt.date(2026, 1, 1))


def test_archiving_hides_it_and_keeps_the_history(paraguay, coordinator, client_for):
    e = record_meeting(coordinator, paraguay)
    do_archive_engagement(coordinator, e, e.version)
    e.refresh_from_db()
    assert e.is_archived
    assert (
        client_for(coordinator).get(reverse("tracking:engagement_detail", args=[e.pk])).status_code
        == 404
    )
    assert [h.history_change_reason for h in e.history.order_by("history_id")][-1] == (
        "engagement archived"
    )
