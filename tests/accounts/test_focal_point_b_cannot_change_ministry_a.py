"""A focal point of ministry B cannot change what is assigned to ministry A.

Every change view of the tracking workspace is posted to by the focal point of
ministry B with valid data; each is refused (403, or 404 where the object is not
visible) and nothing changes in the database or its history. The focal point of
ministry A, with the same data, gets through (so the refusals are not an artefact).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.urls import resolve

pytestmark = pytest.mark.django_db


def _history_rows() -> int:
    return sum(
        m.history.model.objects.count()  # type: ignore[attr-defined]
        for m in apps.get_app_config("tracking").get_models()
        if hasattr(m, "history") and not m.__name__.startswith("Historical")
    )


def _attempts(w: Any) -> list[tuple[str, dict[str, Any]]]:
    rec = w.objects["recommendation"][0]
    action = w.objects["action"][0]
    indicator = w.objects["indicator"][0]
    measurement = w.objects["measurement"][0]
    assignment = w.objects["assignment"][0]
    evidence = w.objects["evidence"][0]
    b = w.objects["organisation"][1]
    return [
        (
            f"/tracking/actions/{action.pk}/edit/",
            {
                "title": "Renamed by ministry B",
                "description": "",
                "recommendations": [rec.pk],
                "responsible": b.pk,
                "status": "completed",
                "version": action.version,
            },
        ),
        (f"/tracking/actions/{action.pk}/archive/", {"version": action.version}),
        (
            f"/tracking/actions/{action.pk}/review/",
            {"decision": "approve", "version": action.version},
        ),
        (
            f"/tracking/actions/{action.pk}/indicators/new/",
            {"name": "Indicator by B", "unit": "x", "frequency": "annual", "version": 0},
        ),
        (
            f"/tracking/indicators/{indicator.pk}/edit/",
            {"name": "Renamed by B", "unit": "x", "version": indicator.version},
        ),
        (f"/tracking/indicators/{indicator.pk}/archive/", {"version": indicator.version}),
        (
            f"/tracking/indicators/{indicator.pk}/measurements/new/",
            {"date": "2025-01-01", "value": "999"},
        ),
        (f"/tracking/measurements/{measurement.pk}/archive/", {"version": measurement.version}),
        (
            f"/tracking/action/{action.pk}/evidence/new/",
            {"title": "B's link", "url": "https://example.org/b"},
        ),
        (f"/tracking/evidence/{evidence.pk}/archive/", {"version": evidence.version}),
        (
            f"/tracking/recommendations/{rec.pk}/assess/",
            {
                "date": "2025-01-01",
                "level": "implemented",
                "text": "Ministry B says it is done.",
                "visibility": "public",
                "version": 0,
            },
        ),
        (f"/tracking/recommendations/{rec.pk}/assign/", {"organisation": b.pk, "role": "lead"}),
        (f"/tracking/assignments/{assignment.pk}/archive/", {"version": assignment.version}),
    ]


def test_every_change_by_ministry_b_to_ministry_a_work_is_refused(world, client_for, focal_point_b):
    client = client_for(focal_point_b)
    action = world.objects["action"][0]
    before_rows, before_title = _history_rows(), action.title

    attempts = _attempts(world)
    for url, _data in attempts:
        resolve(url)  # a typo here would make a 404 pass for a refusal
    outcomes = {url: client.post(url, data).status_code for url, data in attempts}

    assert {url: code for url, code in outcomes.items() if code not in (403, 404)} == {}
    action.refresh_from_db()
    assert action.title == before_title
    assert action.is_archived is False
    assert _history_rows() == before_rows


def test_ministry_a_focal_point_can_update_its_own_action(world, client_for, focal_point_a):
    action = world.objects["action"][0]
    before = action.history.count()
    url, data = _attempts(world)[0]
    data = {**data, "title": "Train all police officers", "responsible": ""}

    response = client_for(focal_point_a).post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert action.history.count() > before
    assert action.history.first().title == "Train all police officers"


def test_ministry_b_focal_point_does_not_see_ministry_a_drafts(
    world, client_for, focal_point_a, focal_point_b
):
    from rightstrack.tracking import actions as verbs
    from rightstrack.tracking.permissions import visible_actions

    plan = world.objects["plan"][0]
    draft = verbs.do_create_action(
        focal_point_a, plan, title="Draft of ministry A", status="planned"
    )

    assert draft in visible_actions(focal_point_a)
    assert draft not in visible_actions(focal_point_b)
    assert client_for(focal_point_b).get(f"/tracking/actions/{draft.pk}/").status_code == 404
