"""A focal point's other daily writes through the API, each through the tracking verbs:
an assessment of a recommendation assigned to their ministry, a measurement of their
action's indicator, an evidence link; each waits for validation, with a history row whose
user is the token's owner. Focal point B (ministry not assigned, action not theirs) gets 403.

World: tests/accounts/conftest.py (CERD/C/BRA/CO/18-20 para. 17, assigned to ministry A;
the action "Train police officers in the use of force" and its indicator "Officers
trained", responsible ministry A).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from rightstrack.accounts.actions import do_create_api_token
from rightstrack.tracking.models import Assessment, Evidence, Measurement

pytestmark = pytest.mark.django_db


def _auth(user):
    _record, token = do_create_api_token(user, "script", "write")
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_a_focal_point_assesses_a_recommendation_assigned_to_their_ministry(
    world, cast, api_client
):
    rec = world.objects["recommendation"][0]
    api = api_client(Client())
    body = {
        "date": "2025-03-01",
        "level": "partial",
        "text": "Curriculum adopted; 120 officers trained in 2024.",
    }
    url = f"/api/v1/recommendations/{rec.pk}/assessments"
    response = api.send("post", url, body, **_auth(cast["focal_point_a"]))
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["publication_state"] == "pending"  # submitted for ministry A's validator
    assert (data["source"], data["organisation"]) == ("government", "Ministry of Justice (A)")
    a = Assessment.objects.get(pk=data["id"])
    assert (a.author, a.date, a.level) == (cast["focal_point_a"], dt.date(2025, 3, 1), "partial")
    assert a.history.get().history_user == cast["focal_point_a"]

    refused = api.send("post", url, body, **_auth(cast["focal_point_b"]))
    assert refused.status_code == 403
    assert Assessment.objects.filter(author=cast["focal_point_b"]).count() == 0

    ev = api.send(
        "post",
        f"/api/v1/assessments/{a.pk}/evidence",
        {"url": "https://www.gov.br/mj/curriculum.pdf", "title": "Curriculum"},
        **_auth(cast["focal_point_a"]),
    )
    assert ev.status_code == 201
    assert Evidence.objects.get(pk=ev.json()["id"]).assessment == a


def test_a_focal_point_records_a_measurement_of_their_actions_indicator(world, cast, api_client):
    indicator = world.objects["indicator"][0]
    api = api_client(Client())
    url = f"/api/v1/indicators/{indicator.pk}/measurements"
    body = {"date": "2025-06-30", "value": "185.5", "source": "Police academy register"}
    response = api.send("post", url, body, **_auth(cast["focal_point_a"]))
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["value"], data["publication_state"]) == ("185.5", "pending")
    m = Measurement.objects.get(pk=data["id"])
    assert (m.value, m.recorded_by) == (Decimal("185.5"), cast["focal_point_a"])
    assert m.history.get().history_user == cast["focal_point_a"]

    assert api.send("post", url, body, **_auth(cast["focal_point_b"])).status_code == 403
    too_precise = api.send(
        "post", url, {**body, "value": "1.23456"}, **_auth(cast["focal_point_a"])
    )
    assert too_precise.status_code == 400
    assert too_precise.json()["error"]["field"] == "value"
    assert Measurement.objects.filter(indicator=indicator).count() == 2  # the world's, and one


def test_a_focal_point_adds_an_evidence_link_to_their_action(world, cast, api_client):
    action = world.objects["action"][0]
    api = api_client(Client())
    url = f"/api/v1/actions/{action.pk}/evidence"
    body = {"url": "https://www.gov.br/mj/training-2025", "title": "Training report 2025"}
    response = api.send("post", url, body, **_auth(cast["focal_point_a"]))
    assert response.status_code == 201
    ev = Evidence.objects.get(pk=response.json()["id"])
    assert (ev.action, ev.uploaded_by, ev.publication_state) == (
        action,
        cast["focal_point_a"],
        "pending",
    )
    assert ev.history.get().history_user == cast["focal_point_a"]

    assert api.send("post", url, body, **_auth(cast["focal_point_b"])).status_code == 403
    for bad in ("javascript:alert(1)", "ftp://example.org/x", "not a link"):
        response = api.send("post", url, {"url": bad}, **_auth(cast["focal_point_a"]))
        assert response.status_code == 400, bad
        assert response.json()["error"]["field"] == "url"
    assert Evidence.objects.filter(action=action).count() == 2  # the world's, and one


def test_viewers_and_contributors_cannot_change_an_action(world, cast, api_client):
    action = world.objects["action"][0]
    api = api_client(Client())
    for role in ("viewer", "contributor"):
        response = api.send(
            "patch",
            f"/api/v1/actions/{action.pk}",
            {"version": action.version, "status": "completed"},
            **_auth(cast[role]),
        )
        assert response.status_code == 403, role
