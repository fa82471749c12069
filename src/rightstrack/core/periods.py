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
  date of transmittal is not known; when a Views text prints no period, the committee's
  own period in :data:`VIEWS_REPLY_PERIODS` (with the rule it rests on);
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


#: The period each treaty body gives a State to reply on its Views, with the rule it rests
#: on and a real Views document that prints it (checked in the text; paragraph given).
#: Used only when a Views text prints no period itself: the period printed in the Views
#: always wins. Not "180 days for every committee": CAT and CERD ask within 90 days,
#: CEDAW, CESCR, CRPD and CED within six months. Keys: committee code; values:
#: ``(days, months, source)`` with exactly one of ``days``/``months`` set.
VIEWS_REPLY_PERIODS: dict[str, tuple[int | None, int | None, str]] = {
    "CCPR": (
        180,
        None,
        "Human Rights Committee, follow-up of Views (rules of procedure CCPR/C/3/Rev.12): "
        'information "within 180 days" (CCPR/C/134/D/2836/2016, para. 10)',
    ),
    "CAT": (
        90,
        None,
        "Committee against Torture, rules of procedure (CAT/C/3/Rev.6), rule 118 (5): "
        '"within 90 days of the date of transmittal" (CAT/C/78/D/1047/2021, para. 10)',
    ),
    "CERD": (
        90,
        None,
        "Committee on the Elimination of Racial Discrimination, opinions under article 14: "
        'information "within 90 days" (CERD/C/97/D/58/2016, para. 10)',
    ),
    "CEDAW": (
        None,
        6,
        "Optional Protocol to CEDAW, article 7 (4): a written response "
        '"within six months" (CEDAW/C/90/D/162/2020, para. 10)',
    ),
    "CESCR": (
        None,
        6,
        "OP-ICESCR, article 9 (2), and rule 18 (1) of the provisional rules of procedure "
        'under the Optional Protocol: "within six months" (E/C.12/66/D/51/2018, para. 11)',
    ),
    "CRC": (
        180,
        None,
        "Optional Protocol to the CRC on a communications procedure, article 11: "
        '"as soon as possible and within 180 days" (CRC/C/93/D/136/2021, para. 10)',
    ),
    "CRPD": (
        None,
        6,
        "Optional Protocol to the CRPD, article 5, and rule 76 of the Committee's rules of "
        'procedure: "within six months" (CRPD/C/32/D/87/2021, para. 11)',
    ),
    "CED": (
        None,
        6,
        "Committee on Enforced Disappearances, Views under article 31: information "
        '"within six months of the date of transmission" (CED/C/24/D/4/2021, para. 11)',
    ),
}
