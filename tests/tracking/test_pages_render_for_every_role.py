"""Every tracking page renders (or refuses) for every member of the cast."""

from __future__ import annotations

import pytest

from rightstrack.tracking import actions

ROLES = [
    "admin",
    "coordinator",
    "focal_point_a",
    "focal_point_b",
    "validator",
    "contributor",
    "viewer",
    "anonymous",
]


@pytest.fixture
def world(coordinator, action_a, rec, ministry_a):
    actions.do_assign_recommendation(coordinator, rec, ministry_a, "lead", "Police reform")
    ind = actions.do_add_indicator(
        coordinator, action_a, name="Officers trained", unit="officers", frequency="quarterly"
    )
    return {"action": action_a, "indicator": ind, "rec": rec}


@pytest.mark.parametrize("role", ROLES)
def test_public_pages_render_for_each_role(role, cast, client_for, world, brazil):
    client = client_for(cast[role])
    a, rec = world["action"], world["rec"]
    for url in [
        "/tracking/",
        "/tracking/actors/",
        f"/tracking/actors/{a.responsible_id}/",
        "/tracking/plans/",
        f"/tracking/plans/{a.plan_id}/",
        f"/tracking/actions/{a.pk}/",
        f"/tracking/recommendations/{rec.pk}/",
        "/tracking/countries/BRA/dashboard/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, (role, url)
    assert (
        b"Train police officers in use of force" in client.get(f"/tracking/actions/{a.pk}/").content
    )


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("coordinator", 200),
        ("validator", 200),
        ("focal_point_a", 403),
        ("contributor", 403),
        ("viewer", 403),
    ],
)
def test_only_validators_and_coordinators_open_the_moderation_queue(
    role, expected, cast, client_for, world
):
    assert client_for(cast[role]).get("/tracking/moderation/").status_code == expected


def test_anonymous_visitors_are_sent_to_login_for_the_moderation_queue(
    client_for, anonymous, world
):
    response = client_for(anonymous).get("/tracking/moderation/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
