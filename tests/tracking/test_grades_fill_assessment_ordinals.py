"""A committee assessment saved through the tracking verbs gets its ordinals from tracking.grades."""

from __future__ import annotations

import datetime as dt

import pytest

from rightstrack.tracking.actions import do_submit_assessment

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("label", "scale", "low", "high"),
    [("B", "", 4, 4), ("C2 to D1", "", 2, 3), ("[C]", "ccpr", 3, 3), ("D", "ced_2022", 2, 2)],
)
def test_grade_labels_fill_ordinals(coordinator, rec, label, scale, low, high):
    a = do_submit_assessment(
        coordinator,
        rec,
        source="committee",
        date=dt.date(2024, 7, 23),
        grade_label=label,
        grade_scale=scale,
    )
    a.refresh_from_db()
    assert (a.grade_label, a.grade_ordinal, a.grade_ordinal_max) == (label, low, high)


def test_an_unknown_label_keeps_the_text_without_ordinal(coordinator, rec):
    a = do_submit_assessment(
        coordinator, rec, source="committee", date=dt.date(2024, 7, 23), grade_label="Z9"
    )
    assert (a.grade_label, a.grade_ordinal) == ("Z9", None)
