"""Committee grades keep their native label and map to one ordinal."""

from __future__ import annotations

import pytest

from rightstrack.tracking.grades import SCALES, GradeError, letter_for, parse_grade


def test_the_current_ccpr_scale_gives_five_distinct_ordinals_best_first():
    ordinals = [parse_grade(label).ordinal for label in "ABCDE"]
    assert ordinals == [5, 4, 3, 2, 1]
    assert parse_grade("A").scale == "ccpr"


def test_legacy_sub_levels_map_to_their_letter():
    # CCPR legacy scale (2008-2017): "B1/B2", "C1/C2" and "D1/D2" map to B, C and D.
    assert [parse_grade(g).ordinal for g in ("B1", "B2")] == [4, 4]
    assert [parse_grade(g).ordinal for g in ("C1", "C2")] == [3, 3]
    assert [parse_grade(g).ordinal for g in ("D1", "D2")] == [2, 2]
    assert parse_grade("B2").scale == "ccpr_legacy"
    assert parse_grade("b1").labels == ("B1",)


def test_c2_to_d1_is_kept_as_a_range_with_the_worse_end_as_ordinal():
    grade = parse_grade("C2 to D1")
    assert grade.native == "C2 to D1"
    assert grade.is_range
    assert grade.labels == ("C2", "D1")
    assert (grade.low, grade.high, grade.ordinal) == (2, 3, 2)
    assert grade.letter == "D"


def test_hyphenated_range_within_one_letter():
    grade = parse_grade("C1-C2")
    assert grade.labels == ("C1", "C2")
    assert (grade.low, grade.high, grade.ordinal) == (3, 3, 3)


def test_bracketed_grades_as_printed_in_ccpr_c_141_2_add_1():
    # Kenya evaluation: "19 [B] [C], 41 [C] and 49 [B]".
    assert parse_grade("[B]").ordinal == 4
    assert parse_grade("[C]").ordinal == 3
    assert parse_grade("[B]").native == "[B]"


def test_ced_2022_d_means_no_reply_regarding_a_recommendation():
    grade = parse_grade("D", scale="ced_2022")
    assert grade.ordinal == 2
    assert grade.meanings == ("No reply regarding a recommendation",)
    with pytest.raises(GradeError, match="not on the ced_2022 scale"):
        parse_grade("E", scale="ced_2022")


def test_ced_2016_has_sub_levels_under_b_and_c():
    assert set(SCALES["ced_2016"]) >= {"B1", "B2", "C1", "C2", "C3"}
    assert parse_grade("C3").scale == "ced_2016"
    assert parse_grade("C3").ordinal == 3


def test_the_current_scale_rejects_legacy_sub_levels():
    with pytest.raises(GradeError, match=r"'B1'.*not on the ccpr scale"):
        parse_grade("B1", scale="ccpr")


@pytest.mark.parametrize("label", ["F", "", "  ", "B+", "A to Z", "satisfying"])
def test_unknown_labels_raise_a_clear_error(label):
    with pytest.raises(GradeError):
        parse_grade(label)


def test_unknown_scale_is_refused():
    with pytest.raises(GradeError, match="unknown grade scale 'cat'"):
        parse_grade("A", scale="cat")


def test_pre_2008_verbal_grades():
    assert parse_grade("Partially satisfactory").ordinal == 4
    assert parse_grade("incomplete").scale == "ccpr_pre2008"


def test_letters_for_chart_axes():
    assert [letter_for(n) for n in (5, 1)] == ["A", "E"]
    with pytest.raises(GradeError):
        letter_for(0)


def test_grades_module_imports_without_django():
    import os
    import subprocess
    import sys

    code = (
        "import sys; from rightstrack.tracking.grades import parse_grade; "
        "assert parse_grade('C2 to D1', 'ccpr_legacy').native == 'C2 to D1'; "
        "assert 'django' not in sys.modules, 'grades imported Django'"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, env=env
    )
    assert result.returncode == 0, result.stderr
