"""Writes never reveal a restricted record: for every role below coordinator, with a write
token, each write operation on a restricted record (the restricted plan's action, which
ministry A is responsible for; its indicator; the restricted recommendations, one assigned
to ministry A; the embargoed assessment) answers exactly as on an id that does not exist
(404, same body), and changes nothing. Coordinators do reach them.

World: tests/accounts/conftest.py with its confidential part (every text carries MARKER).
"""

from __future__ import annotations

import pytest
from django.test import Client

from rightstrack.accounts.actions import do_create_api_token
from rightstrack.tracking.models import Action, Assessment, Evidence, Measurement

from .conftest import MARKER

pytestmark = pytest.mark.django_db

MISSING = 987654321


def _writes(w):
    """(method, url of a restricted record, url of a missing id, body) of each operation."""
    action = w.confidential["action"][0]
    indicator = w.confidential["indicator"][0]
    assessment = w.confidential["assessment"][0]
    link = {"url": "https://example.org/report"}
    out = [
        ("patch", "/api/v1/actions/{}", action.pk, {"version": 1, "status": "completed"}),
        ("post", "/api/v1/actions/{}/evidence", action.pk, link),
        ("post", "/api/v1/assessments/{}/evidence", assessment.pk, link),
        (
            "post",
            "/api/v1/indicators/{}/measurements",
            indicator.pk,
            {"date": "2025-02-28", "value": 2},
        ),
    ]
    for rec in w.confidential["recommendation"]:
        out.append(
            (
                "post",
                "/api/v1/recommendations/{}/assessments",
                rec.pk,
                {"date": "2025-02-28", "text": "Closed."},
            )
        )
    return [(m, url.format(pk), url.format(MISSING), body) for m, url, pk, body in out]


def _counts():
    return (
        Assessment.objects.count(),
        Evidence.objects.count(),
        Measurement.objects.count(),
        list(Action.objects.order_by("pk").values_list("version", "status")),
    )


@pytest.mark.parametrize(
    "role", ["viewer", "contributor", "focal_point_a", "focal_point_b", "validator"]
)
def test_below_coordinator_a_write_on_a_restricted_record_is_a_missing_one(
    full_world, cast, api_client, role
):
    _record, token = do_create_api_token(cast[role], "script", "write")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    api = api_client(Client())
    before = _counts()
    for method, url, missing_url, body in _writes(full_world):
        response = api.send(method, url, body, **auth)
        missing = api.send(method, missing_url, body, **auth)
        assert response.status_code == 404, (role, url)
        assert response.content == missing.content, (role, url)
        assert MARKER not in response.content.decode()
    # Reading the restricted action is a 404 too.
    action = full_world.confidential["action"][0]
    assert api.get(f"/api/v1/actions/{action.pk}", **auth).content == (
        api.get(f"/api/v1/actions/{MISSING}", **auth).content
    )
    assert _counts() == before


def test_a_coordinators_token_changes_the_restricted_action(full_world, cast, api_client):
    action = full_world.confidential["action"][0]
    _record, token = do_create_api_token(cast["coordinator"], "script", "write")
    response = api_client(Client()).send(
        "patch",
        f"/api/v1/actions/{action.pk}",
        {"version": action.version, "status": "in_progress"},
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 200
    assert response.json()["status"] == "in_progress"
