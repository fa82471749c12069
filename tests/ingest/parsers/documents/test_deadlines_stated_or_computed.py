"""Follow-up deadlines: a stated date wins; otherwise adoption date + period."""

from __future__ import annotations

from datetime import date

from rightstrack.ingest.parsers.documents.concluding_observations import (
    Paragraph,
    _follow_up,
    parse_period,
)


def follow_up(text: str, adopted: date | None):
    return _follow_up(Paragraph(number=40, chapeau=text), adopted)


def test_one_year_is_computed_from_the_adoption_date():
    result = follow_up(
        "requested to provide, within one year of the adoption ..., paragraphs 12 and 20",
        date(2022, 12, 1),
    )
    assert (result.due, result.due_basis, result.period_months) == (
        date(2023, 12, 1),
        "computed",
        12,
    )


def test_two_years_and_24_months_give_the_same_date():
    two_years = follow_up(
        "provide, within two years, information on paragraphs 14 (a) and 30 (c)", date(2021, 3, 26)
    )
    months = follow_up(
        "provide, within 24 months of the adoption, information on paragraphs 6 and 9",
        date(2021, 3, 26),
    )
    assert two_years.due == months.due == date(2023, 3, 26)
    assert two_years.due_basis == months.due_basis == "computed"


def test_a_stated_date_wins_over_the_period():
    result = follow_up(
        "provide, within two years of the adoption of the present concluding observations, or by 26 July 2021, "
        "information on paragraphs 13, 29 and 35",
        date(2019, 7, 22),
    )
    assert (result.due, result.due_basis) == (date(2021, 7, 26), "stated")


def test_without_adoption_date_the_period_stays_but_no_due_date_is_invented():
    result = follow_up("provide, within one year, information on paragraphs 12 and 20", None)
    assert (result.due, result.due_basis, result.period) == (None, None, "within one year")


def test_periods_in_words_and_digits():
    assert parse_period("within three years of the adoption") == (
        "within three years of the adoption",
        36,
    )
    assert parse_period("within 12 months") == ("within 12 months", 12)
    assert parse_period("in its next periodic report") is None
