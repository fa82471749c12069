"""A follow-up item's state follows from its due date and the date the reply was received."""

from __future__ import annotations

import datetime as dt

import pytest

from rightstrack.tracking.followup import (
    LATE,
    NO_DEADLINE,
    ON_TIME,
    OVERDUE,
    PENDING,
    follow_up_state,
    state_label,
)

DUE = dt.date(2023, 12, 1)


def test_it_is_pending_before_the_deadline_without_a_reply():
    assert follow_up_state(DUE, None, today=dt.date(2023, 6, 1)) == PENDING


def test_the_due_day_itself_is_still_pending():
    assert follow_up_state(DUE, None, today=DUE) == PENDING


def test_it_is_overdue_from_the_day_after_the_deadline():
    assert follow_up_state(DUE, None, today=dt.date(2023, 12, 2)) == OVERDUE


def test_a_reply_on_the_due_day_is_on_time():
    assert follow_up_state(DUE, DUE, today=dt.date(2030, 1, 1)) == ON_TIME


def test_a_reply_after_the_deadline_is_late_whatever_today_is():
    assert follow_up_state(DUE, dt.date(2026, 1, 8), today=dt.date(2026, 1, 9)) == LATE
    assert follow_up_state(DUE, dt.date(2026, 1, 8), today=dt.date(2024, 1, 1)) == LATE


def test_flags_without_a_due_date_have_no_deadline():
    assert follow_up_state(None, None, today=DUE) == NO_DEADLINE


@pytest.mark.parametrize(
    ("state", "label"),
    [
        (PENDING, "Pending"),
        (ON_TIME, "Submitted on time"),
        (LATE, "Submitted late"),
        (OVERDUE, "Overdue"),
    ],
)
def test_states_have_readable_labels(state, label):
    assert state_label(state) == label
