"""Ending an assignment, archiving and rejecting happen only after a confirmation page
that says what will happen; a stray click on the list changes nothing, and an ended
assignment can be restored from its history."""

from __future__ import annotations

import pytest

from rightstrack.tracking.actions import do_assign_recommendation
from rightstrack.tracking.models import Action, Assessment, Assignment, PublicationState

pytestmark = pytest.mark.django_db


def test_the_assign_page_links_to_a_confirmation_instead_of_archiving(
    rec, ministry_a, coordinator, client_for
):
    a = do_assign_recommendation(coordinator, rec, ministry_a)
    client = client_for(coordinator)
    page = client.get(f"/tracking/recommendations/{rec.pk}/assign/").text
    assert f'action="/tracking/assignments/{a.pk}/archive/"' not in page  # no one-click form
    assert f'href="/tracking/assignments/{a.pk}/archive/"' in page

    confirm = client.get(f"/tracking/assignments/{a.pk}/archive/")
    assert confirm.status_code == 200
    assert "Ministry of Justice (A) will no longer be responsible (Lead)" in confirm.text
    assert Assignment.objects.get(pk=a.pk).is_archived is False  # asking changes nothing

    client.post(f"/tracking/assignments/{a.pk}/archive/", {"version": a.version})
    assert Assignment.objects.get(pk=a.pk).is_archived is True


def test_an_ended_assignment_is_restored_from_its_history(rec, ministry_a, coordinator, client_for):
    a = do_assign_recommendation(coordinator, rec, ministry_a)
    client = client_for(coordinator)
    client.post(f"/tracking/assignments/{a.pk}/archive/", {"version": a.version})
    ended = Assignment.objects.get(pk=a.pk)
    history = client.get(f"/tracking/history/assignment/{a.pk}/").text
    assert "Restore this assignment (undo its end)" in history
    client.post(f"/tracking/assignments/{a.pk}/restore/", {"version": ended.version})
    restored = Assignment.objects.get(pk=a.pk)
    assert restored.is_archived is False
    assert [h.history_change_reason for h in restored.history.order_by("history_id")] == [
        "assigned",
        "assignment archived",
        "assignment restored",
    ]


def test_archiving_an_action_asks_first(action_a, coordinator, client_for):
    client = client_for(coordinator)
    detail = client.get(f"/tracking/actions/{action_a.pk}/").text
    assert f'action="/tracking/actions/{action_a.pk}/archive/"' not in detail
    confirm = client.get(f"/tracking/actions/{action_a.pk}/archive/")
    assert "“Train police officers in use of force” will be archived." in confirm.text
    assert Action.objects.get(pk=action_a.pk).is_archived is False
    client.post(f"/tracking/actions/{action_a.pk}/archive/", {"version": action_a.version})
    assert Action.objects.get(pk=action_a.pk).is_archived is True


def test_rejecting_a_submission_asks_first(rec, contributor, coordinator, viewer, client_for):
    client_for(contributor).post(
        f"/tracking/recommendations/{rec.pk}/assess/",
        {
            "date": "2025-02-10",
            "level": "not_implemented",
            "text": "No independent oversight body was created.",
            "visibility": "public",
            "submit": "1",
        },
    )
    submitted = Assessment.objects.get()
    client = client_for(coordinator)
    moderation = client.get("/tracking/moderation/").text
    assert f'href="/tracking/assessments/{submitted.pk}/review/?next=' in moderation
    confirm = client.get(f"/tracking/assessments/{submitted.pk}/review/")
    assert "It will not be published." in confirm.text
    assert Assessment.objects.get().publication_state == PublicationState.PENDING
    assert client_for(viewer).get(f"/tracking/assessments/{submitted.pk}/review/").status_code in (
        403,
        404,
    )
    client.post(
        f"/tracking/assessments/{submitted.pk}/review/",
        {"version": submitted.version, "decision": "reject", "note": "Out of scope"},
    )
    assert Assessment.objects.get().publication_state == PublicationState.REJECTED
