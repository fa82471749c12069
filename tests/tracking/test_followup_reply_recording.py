"""Recording a State's follow-up reply marks the CO's items, with history, for coordinators only.

Dates are those of the real documents (see ``followup_samples``).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from rightstrack.catalog.models import FollowUpRequest
from rightstrack.tracking.followup import (
    LATE,
    ON_TIME,
    OVERDUE,
    days_late,
    do_record_follow_up_reply,
    state_of,
)

from .followup_samples import (
    CCPR_PRY_DUE,
    CCPR_PRY_REPLY,
    CERD_BRA_DUE,
    CERD_BRA_ITEMS,
    CERD_BRA_REPLY,
    make_cerd_brazil,
    make_cerd_brazil_reply,
    make_paraguay,
    make_paraguay_reply,
)

pytestmark = pytest.mark.django_db


def test_cerd_brazil_items_read_submitted_late_after_the_reply_of_8_january_2026(
    reference_data, coordinator
):
    co = make_cerd_brazil()
    before = list(FollowUpRequest.objects.filter(document=co))
    assert {state_of(r, dt.date(2025, 12, 31)) for r in before} == {OVERDUE}

    reply = make_cerd_brazil_reply(co)
    updated = do_record_follow_up_reply(coordinator, co, CERD_BRA_REPLY, reply)

    assert [r.item for r in updated] == list(CERD_BRA_ITEMS)
    rows = FollowUpRequest.objects.filter(document=co)
    assert rows.count() == 7
    for row in rows:
        assert row.due_on == CERD_BRA_DUE
        assert row.reply_received_on == dt.date(2026, 1, 8)
        assert row.reply_document_id == reply.pk
        assert state_of(row, dt.date(2026, 2, 1)) == LATE
        # 1 Dec 2023 → 8 Jan 2026: 769 days late.
        assert days_late(row, dt.date(2026, 2, 1)) == 769


def test_paraguay_items_read_submitted_late_against_26_july_2021(reference_data, coordinator):
    co = make_paraguay()
    reply = make_paraguay_reply(co)
    do_record_follow_up_reply(coordinator, co, CCPR_PRY_REPLY, reply)
    rows = FollowUpRequest.objects.filter(document=co).order_by("id")
    assert [r.item for r in rows] == ["13", "29", "35"]
    assert {r.due_on for r in rows} == {CCPR_PRY_DUE}
    assert {r.due_basis for r in rows} == {"stated"}
    assert {state_of(r, dt.date(2023, 6, 1)) for r in rows} == {LATE}


def test_a_reply_before_the_deadline_is_on_time(reference_data, coordinator):
    co = make_paraguay()
    do_record_follow_up_reply(coordinator, co, dt.date(2021, 7, 26))
    assert {state_of(r, dt.date(2022, 1, 1)) for r in co.follow_up_requests.all()} == {ON_TIME}


def test_the_change_is_kept_in_history_with_the_user(reference_data, coordinator):
    co = make_cerd_brazil()
    do_record_follow_up_reply(coordinator, co, CERD_BRA_REPLY)
    row = co.follow_up_requests.first()
    last = row.history.first()
    assert last.reply_received_on == CERD_BRA_REPLY
    assert last.history_user == coordinator
    assert last.history_change_reason == "follow-up reply recorded"
    assert row.history.count() == 2  # created, then reply recorded


def test_recording_the_same_reply_twice_writes_no_new_history(reference_data, coordinator):
    co = make_cerd_brazil()
    do_record_follow_up_reply(coordinator, co, CERD_BRA_REPLY)
    do_record_follow_up_reply(coordinator, co, CERD_BRA_REPLY)
    assert co.follow_up_requests.first().history.count() == 2


@pytest.mark.parametrize("who", ["focal_point_a", "validator", "contributor", "viewer"])
def test_only_coordinators_record_replies(reference_data, cast, who):
    co = make_cerd_brazil()
    with pytest.raises(PermissionDenied):
        do_record_follow_up_reply(cast[who], co, CERD_BRA_REPLY)
    assert not FollowUpRequest.objects.filter(reply_received_on__isnull=False).exists()


def test_a_document_without_follow_up_items_is_refused(reference_data, coordinator):
    co = make_cerd_brazil()
    reply = make_cerd_brazil_reply(co)
    with pytest.raises(ValueError, match="no follow-up request"):
        do_record_follow_up_reply(coordinator, reply, CERD_BRA_REPLY)
