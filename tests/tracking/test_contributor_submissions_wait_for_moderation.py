"""Contributors' assessments wait for moderation; the public never sees them before, nor a hidden name."""

from __future__ import annotations

import pytest

from rightstrack.tracking.models import Assessment, PublicationState

PAYLOAD = {
    "date": "2025-02-10",
    "level": "not_implemented",
    "text": "Police killings in Rio de Janeiro rose in 2024; no independent oversight body was created.",
    "visibility": "public",
    "submit": "1",
}


@pytest.fixture
def submitted(contributor, rec, client_for):
    response = client_for(contributor).post(f"/tracking/recommendations/{rec.pk}/assess/", PAYLOAD)
    assert response.status_code == 302
    return Assessment.objects.get()


def _leaks(html: str, person) -> bool:
    return any(s in html for s in (person.first_name, person.last_name, person.username))


def test_a_contributors_assessment_is_pending_and_hidden_from_the_public(
    submitted, client_for, anonymous, rec
):
    assert (submitted.source, submitted.publication_state) == (
        "civil_society",
        PublicationState.PENDING,
    )
    page = client_for(anonymous).get(f"/tracking/recommendations/{rec.pk}/").content.decode()
    assert "Police killings in Rio" not in page
    assert client_for(anonymous).get(f"/tracking/assessments/{submitted.pk}/").status_code == 404


def test_a_validator_of_a_ministry_cannot_moderate_civil_society(submitted, validator, client_for):
    response = client_for(validator).post(
        f"/tracking/assessments/{submitted.pk}/review/",
        {"version": submitted.version, "decision": "approve"},
    )
    assert response.status_code == 404  # not even visible to them
    assert Assessment.objects.get().publication_state == PublicationState.PENDING


def test_the_coordinator_approves_and_the_public_sees_it_without_the_hidden_name(
    submitted, contributor, coordinator, client_for, anonymous, rec
):
    assert (
        "Police killings in Rio"
        in client_for(coordinator).get("/tracking/moderation/").content.decode()
    )
    response = client_for(coordinator).post(
        f"/tracking/assessments/{submitted.pk}/review/",
        {"version": submitted.version, "decision": "approve"},
    )
    assert response.status_code == 302
    assert Assessment.objects.get().publication_state == PublicationState.PUBLISHED
    for url in (f"/tracking/recommendations/{rec.pk}/", f"/tracking/assessments/{submitted.pk}/"):
        html = client_for(anonymous).get(url).content.decode()
        assert "Police killings in Rio" in html
        assert "Anonymous contributor" in html
        assert contributor.hide_name_publicly
        assert not _leaks(html, contributor)
    # the coordinator does see who wrote it
    assert (
        "Zorrilla-Quintanar"
        in client_for(coordinator).get(f"/tracking/assessments/{submitted.pk}/").content.decode()
    )


def test_a_rejected_submission_stays_hidden(submitted, coordinator, client_for, anonymous, rec):
    client_for(coordinator).post(
        f"/tracking/assessments/{submitted.pk}/review/",
        {"version": submitted.version, "decision": "reject", "note": "Out of scope"},
    )
    assert Assessment.objects.get().publication_state == PublicationState.REJECTED
    assert (
        "Police killings in Rio"
        not in client_for(anonymous).get(f"/tracking/recommendations/{rec.pk}/").content.decode()
    )


def test_an_embargoed_submission_is_never_shown_below_coordinator_even_when_published(
    contributor, coordinator, focal_point_a, viewer, client_for, anonymous, rec
):
    client_for(contributor).post(
        f"/tracking/recommendations/{rec.pk}/assess/", {**PAYLOAD, "visibility": "restricted"}
    )
    a = Assessment.objects.get()
    client_for(coordinator).post(
        f"/tracking/assessments/{a.pk}/review/", {"version": a.version, "decision": "approve"}
    )
    assert Assessment.objects.get().publication_state == PublicationState.PUBLISHED
    for user in (anonymous, viewer, focal_point_a):
        assert (
            "Police killings in Rio"
            not in client_for(user).get(f"/tracking/recommendations/{rec.pk}/").content.decode()
        )
        assert client_for(user).get(f"/tracking/assessments/{a.pk}/").status_code == 404
    assert (
        "Police killings in Rio"
        in client_for(coordinator).get(f"/tracking/recommendations/{rec.pk}/").content.decode()
    )
    assert client_for(contributor).get(f"/tracking/assessments/{a.pk}/").status_code == 200


def test_viewers_cannot_submit_assessments(viewer, rec, client_for):
    assert (
        client_for(viewer).post(f"/tracking/recommendations/{rec.pk}/assess/", PAYLOAD).status_code
        == 403
    )
    assert not Assessment.objects.exists()
