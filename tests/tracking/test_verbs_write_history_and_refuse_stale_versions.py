"""The verbs in tracking.actions: atomic, history with the acting user, stale versions refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from rightstrack.tracking import actions
from rightstrack.tracking.models import Action, Assignment, PublicationState, StatusChange


def test_assigning_a_recommendation_records_the_coordinator_in_history(
    coordinator, rec, ministry_a
):
    a = actions.do_assign_recommendation(coordinator, rec, ministry_a, "lead", "Police reform")
    assert a.history.count() == 1
    assert a.history.first().history_user == coordinator
    assert StatusChange.objects.get(recommendation=rec).new_value == "lead"


def test_assigning_twice_updates_the_role_instead_of_duplicating(coordinator, rec, ministry_a):
    actions.do_assign_recommendation(coordinator, rec, ministry_a, "lead")
    actions.do_assign_recommendation(coordinator, rec, ministry_a, "supporting", "second")
    (only,) = Assignment.objects.active()
    assert (only.role, only.note, only.version) == ("supporting", "second", 2)


def test_only_coordinators_assign(focal_point_a, validator, rec, ministry_a):
    for user in (focal_point_a, validator):
        with pytest.raises(PermissionDenied):
            actions.do_assign_recommendation(user, rec, ministry_a, "lead")
    assert not Assignment.objects.exists()


def test_a_coordinators_action_is_published_at_once_and_logged_on_the_timeline(action_a, rec):
    assert action_a.publication_state == PublicationState.PUBLISHED
    assert action_a.first_published_at is not None
    entry = StatusChange.objects.get(recommendation=rec, kind="action")
    assert (entry.old_value, entry.new_value) == ("", "in_progress")


def test_an_edit_based_on_an_old_version_is_refused_and_changes_nothing(coordinator, action_a):
    v = action_a.version
    actions.do_update_action(coordinator, action_a, v, title="First edit")
    with pytest.raises(actions.StaleEdit) as err:
        actions.do_update_action(coordinator, action_a, v, title="Second edit on stale copy")
    assert err.value.current.title == "First edit"
    assert err.value.current.version == v + 1
    assert Action.objects.get(pk=action_a.pk).title == "First edit"


def test_target_before_start_is_rejected(coordinator, plan, ministry_a):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        actions.do_create_action(
            coordinator,
            plan,
            title="Backwards",
            responsible=ministry_a,
            start_date=dt.date(2025, 1, 1),
            target_date=dt.date(2024, 1, 1),
        )
    assert not Action.objects.filter(title="Backwards").exists()


@pytest.mark.parametrize(
    ("label", "scale", "ordinals", "stored_scale"),
    [
        ("B", "ccpr", (4, 4), "ccpr"),
        ("C2 to D1", "", (2, 3), "ccpr_legacy"),  # a range keeps both ends; ordinal = worse end
        ("Insufficient information", "CEDAW", (None, None), "CEDAW"),  # no known scale: label only
    ],
)
def test_committee_grades_keep_the_native_label_and_get_ordinals(
    coordinator, rec, label, scale, ordinals, stored_scale
):
    a = actions.do_submit_assessment(
        coordinator,
        rec,
        source="committee",
        date=dt.date(2024, 6, 1),
        grade_label=label,
        grade_scale=scale,
        text="",
    )
    assert a.grade_label == label
    assert (a.grade_ordinal, a.grade_ordinal_max) == ordinals
    assert a.grade_scale == stored_scale
