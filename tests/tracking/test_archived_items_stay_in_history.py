"""Nothing is hard-deleted: archived items leave the lists and stay in history."""

from __future__ import annotations

from rightstrack.tracking import actions
from rightstrack.tracking.models import Action, Assignment, StatusChange


def test_an_archived_action_leaves_the_plan_and_keeps_its_history(
    coordinator, action_a, client_for, anonymous
):
    client = client_for(coordinator)
    response = client.post(
        f"/tracking/actions/{action_a.pk}/archive/", {"version": action_a.version}
    )
    assert response.status_code == 302
    row = Action.objects.get(pk=action_a.pk)  # still in the database
    assert row.is_archived is True
    for user in (coordinator, anonymous):
        assert (
            "Train police officers"
            not in client_for(user).get(f"/tracking/plans/{action_a.plan_id}/").content.decode()
        )
    history = client.get(f"/tracking/history/action/{action_a.pk}/")
    assert history.status_code == 200
    html = history.content.decode()
    assert "This record is archived" in html
    assert "action archived" in html and "action created" in html
    assert row.history.count() >= 3
    assert [h.is_archived for h in row.history.order_by("history_date")][-1] is True


def test_an_ended_assignment_stays_in_history_and_on_the_timeline(
    coordinator, rec, ministry_a, client_for
):
    a = actions.do_assign_recommendation(coordinator, rec, ministry_a, "lead")
    client_for(coordinator).post(f"/tracking/assignments/{a.pk}/archive/", {"version": a.version})
    assert Assignment.objects.get(pk=a.pk).is_archived is True
    assert not Assignment.objects.active().exists()
    assert list(
        StatusChange.objects.filter(recommendation=rec).values_list("old_value", "new_value")
    ) == [
        ("", "lead"),
        ("lead", ""),
    ]
    assert Assignment.history.filter(id=a.pk).count() == 2


def test_history_pages_are_refused_to_those_who_cannot_edit(cast, client_for, action_a):
    for role, expected in [
        ("coordinator", 200),
        ("focal_point_a", 200),
        ("validator", 200),
        ("focal_point_b", 403),
        ("contributor", 403),
        ("viewer", 403),
    ]:
        assert (
            client_for(cast[role]).get(f"/tracking/history/action/{action_a.pk}/").status_code
            == expected
        ), role


def test_the_history_page_names_who_changed_what(coordinator, focal_point_a, action_a, client_for):
    actions.do_update_action(focal_point_a, action_a, action_a.version, title="Train 500 officers")
    html = client_for(coordinator).get(f"/tracking/history/action/{action_a.pk}/").content.decode()
    assert "Fatou Alpha" in html
    assert "Train police officers in use of force" in html and "Train 500 officers" in html


def test_history_shows_labels_and_names_not_raw_codes(
    coordinator, focal_point_a, action_a, client_for
):
    actions.do_update_action(focal_point_a, action_a, action_a.version, status="delayed")
    html = client_for(coordinator).get(f"/tracking/history/action/{action_a.pk}/").content.decode()
    assert "Delayed" in html and "In progress" in html
    assert "Ministry of Justice (A)" in html  # the responsible institution, not its id
