"""A focal point's measurements and action evidence wait for a validator of the same institution."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rightstrack.accounts.models import User
from rightstrack.tracking import actions
from rightstrack.tracking.models import Evidence, Measurement, PublicationState

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def indicator(coordinator, action_a):
    return actions.do_add_indicator(
        coordinator, action_a, name="Officers trained", unit="officers", frequency="quarterly"
    )


def test_a_focal_points_measurement_is_hidden_until_the_validator_approves(
    focal_point_a, validator, indicator, action_a, client_for, anonymous
):
    m = actions.do_record_measurement(
        focal_point_a,
        indicator,
        date=dt.date(2024, 6, 30),
        value=Decimal("137"),
        source="Police academy",
    )
    assert m.publication_state == PublicationState.PENDING
    public = client_for(anonymous)
    assert "Police academy" not in public.get(f"/tracking/actions/{action_a.pk}/").content.decode()
    assert (
        "Police academy"
        in client_for(focal_point_a).get(f"/tracking/actions/{action_a.pk}/").content.decode()
    )
    assert "Officers trained" in client_for(validator).get("/tracking/moderation/").content.decode()

    response = client_for(validator).post(
        f"/tracking/measurements/{m.pk}/review/", {"version": m.version, "decision": "approve"}
    )
    assert response.status_code == 302
    assert Measurement.objects.get(pk=m.pk).publication_state == PublicationState.PUBLISHED
    assert "Police academy" in public.get(f"/tracking/actions/{action_a.pk}/").content.decode()


def test_others_cannot_approve_a_measurement(
    focal_point_a, focal_point_b, ministry_b, indicator, client_for
):
    m = actions.do_record_measurement(focal_point_a, indicator, date=dt.date(2024, 6, 30), value=1)
    validator_b = User.objects.create_user(
        "validator_b3", role="validator", organisation=ministry_b
    )
    for user, expected in ((focal_point_a, 403), (validator_b, 404), (focal_point_b, 404)):
        response = client_for(user).post(
            f"/tracking/measurements/{m.pk}/review/", {"version": m.version, "decision": "approve"}
        )
        assert response.status_code == expected
    assert Measurement.objects.get(pk=m.pk).publication_state == PublicationState.PENDING


def test_a_coordinators_measurement_is_published_at_once(coordinator, indicator):
    m = actions.do_record_measurement(coordinator, indicator, date=dt.date(2024, 6, 30), value=1)
    assert m.publication_state == PublicationState.PUBLISHED


def test_evidence_a_focal_point_adds_to_an_action_waits_for_validation(
    focal_point_a, validator, action_a, client_for, anonymous, viewer
):
    response = client_for(focal_point_a).post(
        f"/tracking/action/{action_a.pk}/evidence/new/",
        {"title": "Training attendance list", "file": SimpleUploadedFile("attendance.pdf", PDF)},
    )
    assert response.status_code == 302
    ev = Evidence.objects.get()
    assert ev.publication_state == PublicationState.PENDING
    for user in (anonymous, viewer):
        assert client_for(user).get(f"/tracking/evidence/{ev.pk}/").status_code == 404
        assert (
            "Training attendance list"
            not in client_for(user).get(f"/tracking/actions/{action_a.pk}/").content.decode()
        )
    client_for(validator).post(
        f"/tracking/evidence/{ev.pk}/review/", {"version": ev.version, "decision": "approve"}
    )
    assert Evidence.objects.get().publication_state == PublicationState.PUBLISHED
    assert client_for(anonymous).get(f"/tracking/evidence/{ev.pk}/").status_code == 200
