"""The recommendation panel: responsible, actions, latest published assessment per source,
committee grade, follow-up state and timeline; the public sees only published, public items."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template.loader import render_to_string

from rightstrack.catalog.models import FollowUpRequest
from rightstrack.tracking import actions
from rightstrack.tracking.followup import LATE
from rightstrack.tracking.panel import tracking_panel


@pytest.fixture
def tracked(coordinator, contributor, focal_point_a, rec, ministry_a, action_a, co_document):
    actions.do_assign_recommendation(coordinator, rec, ministry_a, "lead", "Police reform")
    gov = actions.do_submit_assessment(
        focal_point_a,
        rec,
        date=dt.date(2024, 11, 1),
        level="partial",
        text="Government: training under way.",
    )
    actions.do_review_assessment(coordinator, gov, gov.version, approve=True)
    actions.do_submit_assessment(
        coordinator,
        rec,
        source="committee",
        date=dt.date(2024, 6, 1),
        level="partial",
        grade_label="B",
        grade_scale="CERD",
        text="Committee: partially satisfactory.",
    )
    cs = actions.do_submit_assessment(
        contributor,
        rec,
        date=dt.date(2025, 2, 10),
        level="not_implemented",
        text="NGO: nothing changed.",
    )
    # Brazil's reply to the CERD/C/BRA/CO/18-20 follow-up request (due 2023-12-01) was
    # received on 2026-01-08 (CERD/C/BRA/FCO/18-20): submitted late.
    FollowUpRequest.objects.create(
        document=co_document,
        recommendation=rec,
        item="17",
        due_on=dt.date(2023, 12, 1),
        due_basis="stated",
        reply_received_on=dt.date(2026, 1, 8),
    )
    return {"civil_society": cs}


def test_the_public_panel_shows_published_items_side_by_side(tracked, rec, anonymous):
    panel = tracking_panel(anonymous, rec)["panel"]
    assert [a.organisation.name for a in panel.assignments] == ["Ministry of Justice (A)"]
    assert [s.data.title for s in panel.actions] == ["Train police officers in use of force"]
    by_source = {c["source"]: c["assessment"] for c in panel.assessments}
    assert by_source["Government"].text == "Government: training under way."
    assert by_source["Committee"].grade_label == "B"
    assert by_source["Civil society"] is None  # pending moderation
    assert panel.grade.grade_label == "B"
    assert [f["state"] for f in panel.follow_ups] == [LATE]
    html = render_to_string("tracking/_recommendation_panel.html", {"panel": panel})
    assert "Submitted late" in html and "NGO: nothing changed." not in html


def test_the_timeline_lists_assignment_action_assessments_and_follow_up_in_date_order(
    tracked, rec, anonymous
):
    entries = tracking_panel(anonymous, rec)["panel"].timeline
    dates = [e.date for e in entries]
    assert dates == sorted(dates)
    kinds = [e.kind for e in entries]
    assert kinds[0] == "issued" and entries[0].date == dt.date(2022, 11, 25)
    assert {"assignment", "action", "assessment", "follow_up_due", "follow_up_reply"} <= set(kinds)
    reply = next(e for e in entries if e.kind == "follow_up_reply")
    assert (reply.date, reply.new) == (dt.date(2026, 1, 8), "Submitted late")


def test_unpublished_and_restricted_assessments_never_reach_the_public_timeline(
    tracked, rec, coordinator, anonymous
):
    cs = tracked["civil_society"]
    actions.do_review_assessment(coordinator, cs, cs.version, approve=True)
    cs.refresh_from_db()
    assert any(e.new == "Not implemented" for e in tracking_panel(anonymous, rec)["panel"].timeline)
    actions.do_restrict_assessment(coordinator, cs, cs.version)
    public = tracking_panel(anonymous, rec)["panel"]
    assert not any(e.new == "Not implemented" for e in public.timeline)
    assert {c["source"]: c["assessment"] for c in public.assessments}["Civil society"] is None
    assert any(
        e.new == "Not implemented" for e in tracking_panel(coordinator, rec)["panel"].timeline
    )


def test_the_portal_recommendation_page_includes_the_panel(
    tracked, rec, client_for, anonymous, contributor
):
    from django.urls import reverse

    html = (
        client_for(anonymous)
        .get(reverse("portal:recommendation_detail", args=[rec.pk]))
        .content.decode()
    )
    assert "Follow-up and implementation" in html
    assert "Ministry of Justice (A)" in html and "Train police officers in use of force" in html
    assert "Government: training under way." in html and "Submitted late" in html
    assert "NGO: nothing changed." not in html  # pending moderation
    assert contributor.last_name not in html


def test_the_portal_country_page_links_to_the_dashboard(client_for, anonymous, brazil):
    from django.urls import reverse

    html = (
        client_for(anonymous).get(reverse("portal:country_detail", args=["BRA"])).content.decode()
    )
    assert "/tracking/countries/BRA/dashboard/" in html


def test_the_panel_speaks_french_to_a_french_visitor(tracked, rec, client_for, anonymous):
    html = (
        client_for(anonymous)
        .get(f"/tracking/recommendations/{rec.pk}/", HTTP_ACCEPT_LANGUAGE="fr")
        .content.decode()
    )
    assert "Suivi et mise en œuvre" in html
    assert "Partiellement mise en œuvre" in html
    assert "Soumis en retard" in html
