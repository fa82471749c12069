"""A focal point of ministry B cannot change what is assigned to ministry A (403/404, DB unchanged)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from rightstrack.tracking import actions
from rightstrack.tracking.models import Action, Assessment, Indicator


def _edit_payload(action, **over):
    data = {
        "version": action.version,
        "title": "Hijacked title",
        "description": "",
        "responsible": action.responsible_id,
        "status": "cancelled",
        "start_date": "2024-03-01",
        "target_date": "2025-06-30",
        "recommendations": [r.pk for r in action.recommendations.all()],
    }
    data.update(over)
    return data


def _snapshot(action):
    row = Action.objects.get(pk=action.pk)
    return (row.title, row.status, row.version, row.is_archived, row.history.count())


@pytest.mark.parametrize("role", ["focal_point_b", "contributor", "viewer"])
def test_others_cannot_edit_or_archive_ministry_a_action(role, cast, client_for, action_a):
    before = _snapshot(action_a)
    client = client_for(cast[role])
    assert client.get(f"/tracking/actions/{action_a.pk}/edit/").status_code == 403
    assert (
        client.post(f"/tracking/actions/{action_a.pk}/edit/", _edit_payload(action_a)).status_code
        == 403
    )
    archive = client.post(
        f"/tracking/actions/{action_a.pk}/archive/", {"version": action_a.version}
    )
    assert archive.status_code == 403
    assert (
        client.post(
            f"/tracking/actions/{action_a.pk}/indicators/new/", {"name": "x", "frequency": "annual"}
        ).status_code
        == 403
    )
    assert _snapshot(action_a) == before
    assert not Indicator.objects.exists()


def test_anonymous_visitors_are_sent_to_login_and_change_nothing(client_for, anonymous, action_a):
    before = _snapshot(action_a)
    response = client_for(anonymous).post(
        f"/tracking/actions/{action_a.pk}/edit/", _edit_payload(action_a)
    )
    assert response.status_code == 302
    assert _snapshot(action_a) == before


def test_focal_point_b_cannot_move_its_own_action_to_ministry_a(
    focal_point_b, plan, ministry_a, client_for
):
    response = client_for(focal_point_b).post(
        f"/tracking/plans/{plan.pk}/actions/new/",
        {"title": "Sneaky", "status": "planned", "responsible": ministry_a.pk},
    )
    assert response.status_code == 302
    created = Action.objects.get(title="Sneaky")
    assert (
        created.responsible_id == focal_point_b.organisation_id
    )  # the field is locked to their own


def test_focal_point_b_cannot_archive_a_measurement_of_ministry_a(
    coordinator, focal_point_b, action_a, client_for
):
    ind = actions.do_add_indicator(
        coordinator, action_a, name="Officers trained", frequency="annual"
    )
    m = actions.do_record_measurement(coordinator, ind, date=dt.date(2024, 12, 31), value=120)
    response = client_for(focal_point_b).post(
        f"/tracking/measurements/{m.pk}/archive/", {"version": m.version}
    )
    assert response.status_code == 403
    m.refresh_from_db()
    assert m.is_archived is False


def test_focal_point_b_cannot_assess_a_recommendation_assigned_to_ministry_a(
    coordinator, focal_point_a, focal_point_b, rec, ministry_a, client_for
):
    actions.do_assign_recommendation(coordinator, rec, ministry_a, "lead")
    payload = {
        "date": "2025-01-15",
        "level": "partial",
        "text": "Training started.",
        "visibility": "public",
        "submit": "1",
    }
    assert (
        client_for(focal_point_b)
        .post(f"/tracking/recommendations/{rec.pk}/assess/", payload)
        .status_code
        == 403
    )
    assert not Assessment.objects.exists()
    assert (
        client_for(focal_point_a)
        .post(f"/tracking/recommendations/{rec.pk}/assess/", payload)
        .status_code
        == 302
    )
    made = Assessment.objects.get()
    assert (made.source, made.organisation_id, made.publication_state) == (
        "government",
        ministry_a.pk,
        "pending",
    )


def test_the_focal_point_of_ministry_a_may_edit_its_action_which_then_waits_for_validation(
    focal_point_a, action_a, client_for
):
    response = client_for(focal_point_a).post(
        f"/tracking/actions/{action_a.pk}/edit/",
        {**_edit_payload(action_a, title="Train 500 officers"), "submit": "1"},
    )
    assert response.status_code == 302
    row = Action.objects.get(pk=action_a.pk)
    assert (row.title, row.publication_state, row.version) == (
        "Train 500 officers",
        "pending",
        action_a.version + 1,
    )
    assert row.history.first().history_user == focal_point_a


def test_focal_points_cannot_assign_recommendations(focal_point_a, rec, ministry_a, client_for):
    response = client_for(focal_point_a).post(
        f"/tracking/recommendations/{rec.pk}/assign/",
        {"organisation": ministry_a.pk, "role": "lead"},
    )
    assert response.status_code == 403
    assert not rec.assignments.exists()


def test_a_restricted_recommendation_is_404_below_coordinator(cast, client_for, restricted_rec):
    for role in ("focal_point_a", "validator", "contributor", "viewer", "anonymous"):
        assert (
            client_for(cast[role])
            .get(f"/tracking/recommendations/{restricted_rec.pk}/")
            .status_code
            == 404
        ), role
    assert (
        client_for(cast["coordinator"])
        .get(f"/tracking/recommendations/{restricted_rec.pk}/")
        .status_code
        == 200
    )


def test_saving_the_form_keeps_links_to_recommendations_the_focal_point_cannot_see(
    coordinator, focal_point_a, action_a, rec, restricted_rec, client_for
):
    actions.do_update_action(
        coordinator, action_a, action_a.version, recommendations=[rec, restricted_rec]
    )
    action_a.refresh_from_db()
    client = client_for(focal_point_a)
    form = client.get(f"/tracking/actions/{action_a.pk}/edit/").content.decode()
    assert "Q-77" not in form and "para. 3" not in form
    response = client.post(
        f"/tracking/actions/{action_a.pk}/edit/",
        {**_edit_payload(action_a, title="Renamed"), "recommendations": [rec.pk]},
    )
    assert response.status_code == 302
    assert set(Action.objects.get(pk=action_a.pk).recommendations.values_list("pk", flat=True)) == {
        rec.pk,
        restricted_rec.pk,
    }
    assert "para. 3" not in client.get(f"/tracking/actions/{action_a.pk}/").content.decode()


def test_a_focal_point_cannot_link_a_restricted_recommendation(
    focal_point_a, action_a, restricted_rec, client_for
):
    response = client_for(focal_point_a).post(
        f"/tracking/actions/{action_a.pk}/edit/",
        _edit_payload(action_a, recommendations=[restricted_rec.pk]),
    )
    assert response.status_code == 200  # form error: not a valid choice
    assert (
        not Action.objects.get(pk=action_a.pk).recommendations.filter(pk=restricted_rec.pk).exists()
    )
    with pytest.raises(PermissionDenied):
        actions.do_update_action(
            focal_point_a, action_a, action_a.version, recommendations=[restricted_rec]
        )
