"""Calendar arithmetic for follow-up deadlines: the one home of "N months / N days after".

Pure: imports no Django, so the document parsers use it as well as tracking.

Every deadline RightsTrack computes is a start date (adoption of concluding observations,
of Views, of a UPR Working Group report; the last measurement of an indicator) plus a
period written in the source or fixed by a rule of procedure. Months are calendar months
with the day clamped to the end of a shorter month (31 August + 6 months = 28 or 29
February), which is how ``dateutil.relativedelta`` counts them; days are plain days.

The periods themselves, with their sources:

* follow-up replies to concluding observations: the period written in the follow-up
  paragraph ("within one year", "within two years") or a stated date. OHCHR's page on
  follow-up to concluding observations gives one year, two years for CEDAW and CMW;
  CERD (article 9, rule 65) asks "mostly" within one year and CED within one year
  (article 29). The parser reads the period from the text and never derives it from
  the committee;
* replies to Views on individual communications: the period the Views state ("within
  180 days", as in CRC/C/93/D/136/2021), counted from the date of the Views when the
  date of transmittal is not known;
* UPR mid-term reports: voluntary, encouraged by Human Rights Council resolution 16/21;
  RightsTrack shows them :data:`UPR_MID_TERM_MONTHS` after the Working Group report,
  halfway through the four-and-a-half-year cycle;
* "six months since" prompts for advocacy articles: :data:`ANNIVERSARY_MONTHS` after
  adoption (a campaigning practice, not a UN deadline).
"""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta

#: Months from the adoption of a UPR Working Group report to the voluntary mid-term
#: report (half of the 4.5-year third and fourth cycles; HRC resolution 16/21).
UPR_MID_TERM_MONTHS = 30

#: Months from the adoption of a decision to the "six months since" advocacy prompt.
ANNIVERSARY_MONTHS = 6


def add_months(start: date, months: int) -> date:
    """``start`` plus ``months`` calendar months, the day clamped to the month's end.

    Args:
        start: the first day of the period.
        months: whole calendar months; may be negative.

    Returns:
        The date ``months`` later; 31 January + 1 month is 28 February (29 in a leap year).

    >>> add_months(date(2022, 12, 1), 12)
    datetime.date(2023, 12, 1)
    >>> add_months(date(2024, 1, 31), 1)
    datetime.date(2024, 2, 29)
    """
    return start + relativedelta(months=months)


def add_days(start: date, days: int) -> date:
    """``start`` plus ``days`` calendar days ("within 180 days" of the Views).

    >>> add_days(date(2021, 7, 26), 180)
    datetime.date(2022, 1, 22)
    """
    return start + relativedelta(days=days)


def add_period(start: date, *, months: int = 0, days: int = 0) -> date:
    """``start`` plus whole ``months`` (day clamped to the month's end), then ``days``.

    A period written as months ("within one year" = 12) or days ("within 180 days");
    passing both adds the months first.

    >>> add_period(date(2022, 12, 1), months=12)
    datetime.date(2023, 12, 1)
    >>> add_period(date(2021, 7, 26), days=180)
    datetime.date(2022, 1, 22)
    """
    return add_days(add_months(start, months), days)
