"""A/HRC/59/15 and A/HRC/43/15 (Slovenia, cycles 4 and 3) against OHCHR's thematic lists.

The thematic lists are OHCHR's own exports of the same recommendations: number,
text with recommending States, position and source of position.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import docx
import pytest

from rightstrack.ingest.parsers.countries import find_states_in
from rightstrack.ingest.parsers.documents.upr_report import (
    UprReport,
    apply_addendum,
    parse_upr_addendum,
    parse_upr_report,
)

SLOVENIA = "upr-slovenia-tony33344"

# The thematic list is read independently of the parser under test: each data row's
# first cell reads "140.7 Ratify ... (Maldives) (Portugal);\nSource of Position:
# A/HRC/59/15/Add.1 - Para.3", its second cell "Supported" / "Noted". States are
# found with ``find_states_in`` in every bracket, not with the parser's splitting.


@dataclass(frozen=True)
class ListedRecommendation:
    number: str
    states: list[str]
    position: str
    source: str


def _bracket_contents(text: str) -> list[str]:
    contents: list[str] = []
    depth = 0
    buf = ""
    for ch in text:
        if ch == "(":
            depth += 1
            if depth == 1:
                buf = ""
                continue
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                contents.append(buf)
                continue
        if depth:
            buf += ch
    return contents


@cache
def read_thematic_list(path: Path) -> dict[str, ListedRecommendation]:
    rows: dict[str, ListedRecommendation] = {}
    for row in docx.Document(str(path)).tables[0].rows:
        cells = [cell.text for cell in row.cells]
        m = re.match(r"\s*(\d{2,3}\.\d{1,3})\s", cells[0])
        if not m:
            continue
        recommendation, _, source = cells[0].partition("Source of Position:")
        states: list[str] = []
        for content in _bracket_contents(recommendation):
            for iso3 in find_states_in(content):
                if iso3 not in states:
                    states.append(iso3)
        rows[m.group(1)] = ListedRecommendation(
            m.group(1), states, cells[1].strip().lower(), source.strip()
        )
    return rows


CYCLES = {
    4: (
        "cycle4/original/g2502644.pdf",
        "cycle4/original/g2505828.pdf",
        "cycle4/original/upr48-slovenia-thematic-list-of-recommendatio.docx",
    ),
    3: (
        "cycle3/original/g1934994.pdf",
        "cycle3/original/g2004192.pdf",
        "cycle3/original/UPR34_Slovenia_Thematic_list_of_Recommendations.docx",
    ),
}


@cache
def _parse(root: Path, cycle: int) -> UprReport:
    report_file, addendum_file, _ = CYCLES[cycle]
    report = parse_upr_report(root / SLOVENIA / report_file)
    unmatched = apply_addendum(report, parse_upr_addendum(root / SLOVENIA / addendum_file))
    assert unmatched == []
    return report


@pytest.mark.parametrize(("cycle", "count"), [(4, 254), (3, 215)])
def test_it_finds_exactly_the_numbers_of_the_thematic_list(shared_raw, cycle, count):
    listed = read_thematic_list(shared_raw / SLOVENIA / CYCLES[cycle][2])
    report = _parse(shared_raw, cycle)
    numbers = [rec.number for rec in report.recommendations]
    assert len(listed) == count
    assert len(numbers) == len(set(numbers)) == count
    assert set(numbers) == set(listed)


@pytest.mark.parametrize("cycle", [4, 3])
def test_every_number_has_the_recommending_states_of_the_thematic_list(shared_raw, cycle):
    listed = read_thematic_list(shared_raw / SLOVENIA / CYCLES[cycle][2])
    report = _parse(shared_raw, cycle)
    differences = {
        rec.number: (rec.recommending_states, listed[rec.number].states)
        for rec in report.recommendations
        if rec.recommending_states != listed[rec.number].states
    }
    assert differences == {}
    assert all(rec.unknown_states == [] for rec in report.recommendations)


@pytest.mark.parametrize(
    ("cycle", "supported", "noted"),
    [(4, 217, 37), (3, 182, 33)],  # A/HRC/59/15/Add.1 para. 2; A/HRC/43/15/Add.1 para. 2 + 58
)
def test_positions_match_the_thematic_list(shared_raw, cycle, supported, noted):
    listed = read_thematic_list(shared_raw / SLOVENIA / CYCLES[cycle][2])
    report = _parse(shared_raw, cycle)
    assert Counter(rec.position for rec in report.recommendations) == {
        "supported": supported,
        "noted": noted,
    }
    assert {r.number: r.position for r in report.recommendations} == {
        n: row.position for n, row in listed.items()
    }


# Where the thematic list names another source, checked by hand in the PDFs:
# A/HRC/59/15/Add.1 para. 3 lists "140.131, 140.132, ..., 140.136. 140.137" and
# 140.210 (the list says Para.4); para. 4 lists 140.241 (the list says Para.3).
# A/HRC/43/15 para. 121 ("enjoy the support of Slovenia") holds 121.23 and 121.24,
# which A/HRC/43/15/Add.1 never mentions (the list says "A/HRC/43/15/Add.1").
LIST_SOURCE_ERRORS = {
    "140.132", "140.133", "140.134", "140.135", "140.136", "140.137", "140.210", "140.241",
    "121.23", "121.24",
}  # fmt: skip


@pytest.mark.parametrize("cycle", [4, 3])
def test_position_sources_match_the_thematic_list(shared_raw, cycle):
    listed = read_thematic_list(shared_raw / SLOVENIA / CYCLES[cycle][2])
    report = _parse(shared_raw, cycle)
    differences = {}
    for rec in report.recommendations:
        source = listed[rec.number].source
        symbol = source.split(" - ")[0].strip()
        para = re.search(r"Para\.?\s*(\d+)", source)
        mine = (rec.position_source, rec.position_paragraph)
        theirs = (symbol, para.group(1) if para else rec.position_paragraph)
        if mine != theirs:
            differences[rec.number] = (mine, theirs)
    assert set(differences) == LIST_SOURCE_ERRORS & {r.number for r in report.recommendations}
