"""Editing the meeting on CCPR/C/PRY/CO/4: commitments replaced row by row (a row left out
is archived, not deleted), stale edits refused, the edit form shows what is saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from paraguay_engagement import COMMITMENT, MEETING, paraguay, record_meeting
from rightstrack.tracking.actions import CommitmentRow, StaleEdit, do_update_engagement

pytestmark = [pytest.mark.django_db]
__all__ = ["paraguay"]


def test_a_new_commitment_is_added_and_a_dropped_one_archived(paraguay, coordinator):
    e = record_meeting(coordinator, paraguay)
    old = e.commitments.get()
    e = do_update_engagement(
        coordinator,
        e,
        e.version,
        commitments=[CommitmentRow("The Senate will hold a second hearing", paraguay.senate)],
        title=MEETING + " (first session)",
    )
    old.refresh_from_db()
    assert old.is_archived
    assert [c.text for c in e.commitments.filter(is_archived=False)] == [
        "The Senate will hold a second hearing"
    ]
    with pytest.raises(StaleEdit):
        do_update_engagement(coordinator, e, e.version - 1, title="late edit")


def test_the_edit_form_shows_the_saved_commitment_and_recommendations(
    paraguay, coordinator, client_for
):
    e = record_meeting(coordinator, paraguay)
    html = client_for(coordinator).get(reverse("tracking:engagement_edit", args=[e.pk]))
    text = html.content.decode()
    assert COMMITMENT in text
    assert text.count("checked") >= 3  # paragraphs 13 and 29, and the two organisations
    assert 'value="2026-06-30"' in text


def test_someone_outside_the_organisation_cannot_open_or_edit_it(
    paraguay, coordinator, client_for, focal_point_a
):
    e = record_meeting(coordinator, paraguay, visibility="organisation")
    c = client_for(focal_point_a)
    assert c.get(reverse("tracking:engagement_edit", args=[e.pk])).status_code == 404
    assert (
        c.post(reverse("tracking:engagement_archive", args=[e.pk]), {"version": 1}).status_code
        == 404
    )
    assert e.follow_up_on == dt.date(2026, 4, 15)
