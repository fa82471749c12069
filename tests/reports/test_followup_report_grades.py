"""The suggested-grade rule of the follow-up report (module docstring of
``reports.followup_report``; CCPR and CED scales in ``tracking.grades``). No database."""

from __future__ import annotations

import pytest

from rightstrack.reports.followup_report import scale_for, suggest_grade
from rightstrack.tracking import followup


def test_measures_contrary_give_e_even_without_a_reply():
    grade = suggest_grade("CERD", level="contrary", state=followup.OVERDUE)
    assert (grade.label, grade.rule, grade.scale) == ("E", 1, "ccpr")


def test_no_reply_after_the_deadline_gives_d_whatever_the_organisation_found():
    grade = suggest_grade("CCPR", level="partial", state=followup.OVERDUE)
    assert (grade.label, grade.meaning) == ("D", "No cooperation with the Committee")


@pytest.mark.parametrize(
    ("level", "label"),
    [("implemented", "A"), ("partial", "B"), ("not_implemented", "C"), ("not_started", "C")],
)
def test_a_reply_on_time_is_graded_on_the_organisations_level(level, label):
    assert suggest_grade("CCPR", level=level, state=followup.ON_TIME).label == label


def test_a_late_reply_is_graded_on_its_content_and_the_reasoning_says_it_was_late():
    grade = suggest_grade("CERD", level="partial", state=followup.LATE, days_late=768)
    assert grade.label == "B"
    assert "768 days after the deadline" in grade.reason


def test_no_grade_is_suggested_before_the_deadline_without_an_assessment():
    grade = suggest_grade("CERD", level="", state=followup.PENDING)
    assert (grade.label, grade.rule) == ("", 6)
    assert "not passed" in grade.reason


def test_ced_uses_its_2022_scale_which_has_no_e():
    assert scale_for("CED") == "ced_2022"
    assert suggest_grade("CED", level="contrary", state=followup.ON_TIME).label == "C"
    assert suggest_grade("CED", level="", state=followup.OVERDUE).meaning == (
        "No reply regarding a recommendation"
    )
