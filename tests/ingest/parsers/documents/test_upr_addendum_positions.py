"""Positions from the addenda (A/HRC/{n}/{m}/Add.1) of Slovenia's four reviews, checked by
hand against the PDFs, and the reference-list grammar they use."""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from rightstrack.ingest.parsers.documents.upr_report import (
    UprAddendum,
    UprParseError,
    apply_addendum,
    expand_references,
    parse_upr_addendum,
    parse_upr_addendum_text,
    parse_upr_report,
)

SLOVENIA = "upr-slovenia-tony33344"


@cache
def _addendum(root: Path, name: str) -> UprAddendum:
    return parse_upr_addendum(root / SLOVENIA / name)


def test_it_expands_ranges_as_printed():
    assert expand_references("140.1–140.5") == ["140.1", "140.2", "140.3", "140.4", "140.5"]
    assert expand_references("122.17-18") == ["122.17", "122.18"]
    assert expand_references("6–13") == [str(n) for n in range(6, 14)]
    assert expand_references("140.7") == ["140.7"]


def test_it_reads_the_three_lists_of_the_cycle_four_addendum(shared_raw):
    addendum = _addendum(shared_raw, "cycle4/original/g2505828.pdf")
    assert (addendum.symbol, addendum.parent_symbol) == ("A/HRC/59/15/Add.1", "A/HRC/59/15")
    assert addendum.country == "SVN"
    # Para. 2: "of which 217 are supported and 37 noted".
    assert addendum.stated_counts == {"supported": 217, "noted": 37}
    assert [(s.position, s.paragraph, len(s.references)) for s in addendum.statements] == [
        ("supported", "3", 178),
        ("supported", "4", 39),
        ("noted", "5", 37),
    ]
    # "140.35. 140.36" and "140.136. \n140.137": stray full stops inside the para. 3 list.
    assert addendum.positions["140.36"] == addendum.positions["140.137"] == "supported"
    # The explanatory heading "140.240-241" under "III. Noted recommendations" does not
    # override para. 4, which lists 140.241 as supported.
    assert addendum.positions["140.240"] == "noted"
    assert addendum.positions["140.241"] == "supported"
    assert addendum.conflicts == []


def test_it_reads_short_ranges_of_the_cycle_three_addendum(shared_raw):
    addendum = _addendum(shared_raw, "cycle3/original/g2004192.pdf")
    # Para. 5: "the Government notes recommendations 122.2-10, ..., 122.118-\n120, ..."
    assert {f"122.{n}" for n in [*range(2, 11), 118, 119, 120]} <= {
        ref for ref, pos in addendum.positions.items() if pos == "noted"
    }
    assert Counter(addendum.positions.values()) == {"supported": 124, "noted": 33}


def test_bare_second_cycle_numbers_go_to_the_examined_paragraph(shared_raw):
    report = parse_upr_report(shared_raw / SLOVENIA / "cycle2/original/g1423930.pdf")
    addendum = _addendum(shared_raw, "cycle2/original/g1504261.pdf")
    # Note 1 of A/HRC/28/15/Add.1: "The serial numbers of recommendations follow the list
    # in paragraph 115"; para. 2: "accepts 142 recommendations ... notes 21".
    assert apply_addendum(report, addendum) == []
    assert Counter(r.position for r in report.recommendations) == {"supported": 142, "noted": 21}
    items = report.by_number()
    # Para. 5: "notes recommendations 6–13, 17, 19, ..."
    assert [items[f"115.{n}"].position for n in (6, 13, 17, 14)] == [
        "noted", "noted", "noted", "supported",
    ]  # fmt: skip
    assert items["115.6"].position_source == "A/HRC/28/15/Add.1"
    assert items["115.6"].position_paragraph == "5"


def test_first_cycle_answers_in_prose_give_positions_where_they_are_clear(shared_raw):
    report = parse_upr_report(shared_raw / SLOVENIA / "cycle1/original/g1012049.pdf")
    apply_addendum(report, _addendum(shared_raw, "cycle1/original/g1012465.pdf"))
    items = report.by_number()
    # "5., 6., 7., 8., 9. The Slovenian Government accepts these recommendations."
    assert {items[f"111.{n}"].position for n in range(5, 10)} == {"supported"}
    # "84. Slovenia cannot accept the recommendation", "88. Slovenia does not accept".
    assert items["111.84"].position == items["111.88"].position == "noted"
    # "15. Slovenia agrees with the importance of ..." states no position: left pending.
    assert items["111.15"].position == "pending"


def test_a_report_position_is_kept_and_not_overwritten(shared_raw):
    report = parse_upr_report(shared_raw / SLOVENIA / "cycle3/original/g1934994.pdf")
    apply_addendum(report, _addendum(shared_raw, "cycle3/original/g2004192.pdf"))
    item = report.by_number()["121.23"]  # para. 121 "enjoy the support of Slovenia"
    assert (item.position, item.position_source, item.position_paragraph) == (
        "supported",
        "A/HRC/43/15",
        "121",
    )


def test_an_addendum_without_any_list_is_refused():
    text = (
        "Report of the Working Group on the Universal Periodic Review\nRuritania\nAddendum\n"
        "Views on conclusions and/or recommendations\n1. The Government thanks all States."
    )
    with pytest.raises(UprParseError, match="no list of supported/noted recommendations"):
        parse_upr_addendum_text(text)
