"""Plans are managed by coordinators; assessments are edited by their author until published."""

from __future__ import annotations

import datetime as dt

from rightstrack.tracking import actions
from rightstrack.tracking.models import Assessment, ImplementationPlan

PLAN = {
    "title": "Coalition advocacy plan on police violence",
    "kind": "advocacy",
    "period_start": "2025-01-01",
    "period_end": "2026-12-31",
    "description": "",
    "visibility": "public",
}


def test_a_coordinator_creates_a_plan_and_others_are_refused(cast, client_for):
    for role in ("focal_point_a", "validator", "contributor", "viewer"):
        assert client_for(cast[role]).post("/tracking/plans/new/", PLAN).status_code == 403, role
    assert not ImplementationPlan.objects.exists()
    response = client_for(cast["coordinator"]).post("/tracking/plans/new/", PLAN)
    assert response.status_code == 302
    plan = ImplementationPlan.objects.get()
    assert (plan.kind, plan.period_end) == ("advocacy", dt.date(2026, 12, 31))


def test_a_plan_that_ends_before_it_starts_is_refused(coordinator, client_for):
    response = client_for(coordinator).post(
        "/tracking/plans/new/", {**PLAN, "period_end": "2024-01-01"}
    )
    assert response.status_code == 200
    assert "cannot end before it starts" in response.content.decode()
    assert not ImplementationPlan.objects.exists()


def test_a_restricted_plan_is_hidden_below_coordinator(coordinator, client_for, cast):
    plan = actions.do_create_plan(
        coordinator, title="Confidential NPM follow-up", kind="other", visibility="restricted"
    )
    for role in ("focal_point_a", "validator", "contributor", "viewer", "anonymous"):
        client = client_for(cast[role])
        assert client.get(f"/tracking/plans/{plan.pk}/").status_code == 404, role
        assert "Confidential NPM follow-up" not in client.get("/tracking/plans/").content.decode()
    assert client_for(coordinator).get(f"/tracking/plans/{plan.pk}/").status_code == 200


def test_the_author_edits_a_pending_assessment_but_not_once_published(
    contributor, coordinator, rec, client_for, viewer
):
    a = actions.do_submit_assessment(
        contributor, rec, date=dt.date(2025, 2, 10), level="partial", text="First draft"
    )
    url = f"/tracking/assessments/{a.pk}/edit/"
    payload = {
        "version": a.version,
        "date": "2025-02-10",
        "level": "not_implemented",
        "text": "Corrected",
        "visibility": "public",
    }
    assert client_for(viewer).post(url, payload).status_code == 404
    assert client_for(contributor).post(url, payload).status_code == 302
    a.refresh_from_db()
    assert (a.text, a.level, a.publication_state) == ("Corrected", "not_implemented", "pending")
    actions.do_review_assessment(coordinator, a, a.version, approve=True)
    a.refresh_from_db()
    assert (
        client_for(contributor)
        .post(url, {**payload, "version": a.version, "text": "Changed later"})
        .status_code
        == 403
    )
    assert Assessment.objects.get(pk=a.pk).text == "Corrected"


def test_a_review_never_redirects_off_site(coordinator, contributor, rec, client_for):
    a = actions.do_submit_assessment(
        contributor, rec, date=dt.date(2025, 2, 10), level="partial", text="x"
    )
    response = client_for(coordinator).post(
        f"/tracking/assessments/{a.pk}/review/",
        {"version": a.version, "decision": "approve", "next": "https://evil.example/phish"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/tracking/moderation/"
