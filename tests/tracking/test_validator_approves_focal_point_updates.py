"""Focal points' updates are drafts until a validator of the same institution approves them."""

from __future__ import annotations

import pytest

from rightstrack.accounts.models import User
from rightstrack.tracking import actions
from rightstrack.tracking.models import Action, PublicationState, StatusChange


@pytest.fixture
def pending_edit(focal_point_a, action_a):
    """Ministry A's focal point renamed the action and marked it completed, submitted for validation."""
    return actions.do_update_action(
        focal_point_a,
        action_a,
        action_a.version,
        submit=True,
        title="500 officers trained",
        status="completed",
    )


def test_the_public_keeps_seeing_the_published_version_while_an_edit_waits(
    pending_edit, client_for, anonymous, rec
):
    assert pending_edit.publication_state == PublicationState.PENDING
    page = client_for(anonymous).get(f"/tracking/recommendations/{rec.pk}/").content.decode()
    assert "Train police officers in use of force" in page
    assert "500 officers trained" not in page
    detail = client_for(anonymous).get(f"/tracking/actions/{pending_edit.pk}/").content.decode()
    assert (
        "Train police officers in use of force" in detail and "500 officers trained" not in detail
    )


def test_the_validator_of_ministry_a_approves_and_the_update_is_published(
    pending_edit, validator, client_for, anonymous, rec
):
    queue = client_for(validator).get("/tracking/moderation/").content.decode()
    assert "500 officers trained" in queue
    response = client_for(validator).post(
        f"/tracking/actions/{pending_edit.pk}/review/",
        {"version": pending_edit.version, "decision": "approve"},
    )
    assert response.status_code == 302
    row = Action.objects.get(pk=pending_edit.pk)
    assert row.publication_state == PublicationState.PUBLISHED
    assert row.history.first().history_user == validator
    page = client_for(anonymous).get(f"/tracking/recommendations/{rec.pk}/").content.decode()
    assert "500 officers trained" in page
    change = StatusChange.objects.filter(recommendation=rec, kind="action").last()
    assert (change.old_value, change.new_value) == ("in_progress", "completed")


def test_a_validator_of_ministry_b_and_the_focal_point_itself_are_refused(
    pending_edit, focal_point_a, ministry_b, client_for
):
    validator_b = User.objects.create_user("validator_b", role="validator", organisation=ministry_b)
    for user in (validator_b, focal_point_a):
        response = client_for(user).post(
            f"/tracking/actions/{pending_edit.pk}/review/",
            {"version": pending_edit.version, "decision": "approve"},
        )
        assert response.status_code == 403
    assert Action.objects.get(pk=pending_edit.pk).publication_state == PublicationState.PENDING
    assert (
        "500 officers trained"
        not in client_for(validator_b).get("/tracking/moderation/").content.decode()
    )


def test_a_rejected_update_is_not_published(pending_edit, validator, client_for, anonymous):
    client_for(validator).post(
        f"/tracking/actions/{pending_edit.pk}/review/",
        {"version": pending_edit.version, "decision": "reject", "note": "No evidence"},
    )
    row = Action.objects.get(pk=pending_edit.pk)
    assert row.publication_state == PublicationState.REJECTED
    assert (
        "500 officers trained"
        not in client_for(anonymous).get(f"/tracking/actions/{row.pk}/").content.decode()
    )


def test_a_focal_points_new_action_is_invisible_to_the_public_until_approved(
    focal_point_a, validator, plan, client_for, anonymous
):
    new = actions.do_create_action(focal_point_a, plan, title="Draft hotline for victims")
    assert new.publication_state == PublicationState.DRAFT
    assert client_for(anonymous).get(f"/tracking/actions/{new.pk}/").status_code == 404
    assert client_for(focal_point_a).get(f"/tracking/actions/{new.pk}/").status_code == 200
    actions.do_review_action(validator, new, new.version, approve=True)
    assert client_for(anonymous).get(f"/tracking/actions/{new.pk}/").status_code == 200


def test_a_validators_own_update_is_published_directly(validator, action_a):
    row = actions.do_update_action(validator, action_a, action_a.version, status="delayed")
    assert row.publication_state == PublicationState.PUBLISHED


def test_a_focal_points_assessment_is_approved_by_the_validator_of_its_ministry_only(
    coordinator, focal_point_a, validator, ministry_a, ministry_b, rec, client_for, anonymous
):
    import datetime as dt

    from rightstrack.tracking.models import Assessment

    actions.do_assign_recommendation(coordinator, rec, ministry_a, "lead")
    draft = actions.do_submit_assessment(
        focal_point_a,
        rec,
        submit=False,
        date=dt.date(2025, 1, 15),
        level="partial",
        text="Ministry A: 120 officers trained.",
    )
    assert draft.publication_state == PublicationState.DRAFT
    validator_b = User.objects.create_user(
        "validator_b2", role="validator", organisation=ministry_b
    )
    refused = client_for(validator_b).post(
        f"/tracking/assessments/{draft.pk}/review/",
        {"version": draft.version, "decision": "approve"},
    )
    assert refused.status_code == 404  # ministry B does not even see ministry A's draft
    assert (
        "120 officers trained"
        not in client_for(anonymous).get(f"/tracking/recommendations/{rec.pk}/").content.decode()
    )
    ok = client_for(validator).post(
        f"/tracking/assessments/{draft.pk}/review/",
        {"version": draft.version, "decision": "approve"},
    )
    assert ok.status_code == 302
    assert Assessment.objects.get(pk=draft.pk).publication_state == PublicationState.PUBLISHED
    assert (
        "120 officers trained"
        in client_for(anonymous).get(f"/tracking/recommendations/{rec.pk}/").content.decode()
    )
