"""Calendar arithmetic of follow-up deadlines (``rightstrack.core.periods``)."""

from __future__ import annotations

import doctest
from datetime import date

from rightstrack.core import periods
from rightstrack.core.periods import add_days, add_months, add_period


def test_months_clamp_to_the_end_of_a_shorter_month():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2023, 11, 30), 3) == date(2024, 2, 29)
    assert add_months(date(2024, 6, 30), 12) == date(2025, 6, 30)
    assert add_period(date(2024, 2, 29), months=12) == date(2025, 2, 28)
    assert add_period(date(2023, 8, 31), months=6) == date(2024, 2, 29)


def test_one_year_after_the_cerd_brazil_concluding_observations():
    # CERD/C/BRA/CO/18-20, adopted "at its 2952nd meeting, held on 1 December 2022";
    # paragraph 68 asks for information "within one year".
    assert add_period(date(2022, 12, 1), months=12) == date(2023, 12, 1)


def test_180_days_are_plain_days_across_a_year_end():
    assert add_days(date(2021, 7, 26), 180) == date(2022, 1, 22)
    assert add_period(date(2021, 7, 26), days=180) == date(2022, 1, 22)


def test_the_upr_mid_term_report_is_thirty_months_after_the_review():
    # Half of the four-and-a-half-year cycle, counted in calendar months.
    assert add_months(date(2024, 11, 10), periods.UPR_MID_TERM_MONTHS) == date(2027, 5, 10)


def test_the_examples_in_the_docstrings_hold():
    result = doctest.testmod(periods)
    assert result.attempted >= 5
    assert result.failed == 0
