"""CCPR/C/DNK/CO/6 and CCPR/C/PRY/CO/4 against the hand-made truth in co_truth.json."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

FILES = {
    "CCPR/C/DNK/CO/6": "CCPR_C_DNK_CO_6.txt",
    "CCPR/C/PRY/CO/4": "CCPR_C_PRY_CO_4.txt",
}


def _truth(ccpr_co_dir: Path, symbol: str) -> dict:
    data = json.loads((ccpr_co_dir / "co_truth.json").read_text(encoding="utf-8"))
    return next(co for co in data["concluding_observations"] if co["symbol"] == symbol)


@pytest.mark.parametrize("symbol", sorted(FILES))
def test_it_matches_the_truth_for_metadata_paragraphs_and_sections(parse, ccpr_co_dir, symbol):
    truth = _truth(ccpr_co_dir, symbol)
    doc = parse(ccpr_co_dir / FILES[symbol])
    co = doc.result
    assert doc.metadata.symbol is not None and doc.metadata.symbol.raw == symbol
    assert doc.metadata.committee == truth["committee"]
    assert doc.metadata.country == truth["iso3"]
    assert doc.metadata.session == truth["session"]
    assert doc.metadata.adopted == date.fromisoformat(truth["adopted"])
    assert doc.metadata.distributed == date.fromisoformat(truth["distributed"])
    assert [p.number for p in co.paragraphs] == list(range(1, truth["paragraphs"] + 1))
    assert co.section_ranges() == {name: tuple(span) for name, span in truth["sections"].items()}


@pytest.mark.parametrize("symbol", sorted(FILES))
def test_it_matches_the_truth_for_follow_up_and_next_report(parse, ccpr_co_dir, symbol):
    truth = _truth(ccpr_co_dir, symbol)
    co = parse(ccpr_co_dir / FILES[symbol]).result
    follow_up = co.follow_up
    assert follow_up is not None
    assert follow_up.paragraph == truth["followup"]["paragraph"]
    assert [r.label for r in follow_up.items] == truth["followup"]["paragraphs_requested"]
    assert [r.title for r in follow_up.items] == [
        truth["followup"]["titles"][ref] for ref in truth["followup"]["paragraphs_requested"]
    ]
    if truth["followup"]["deadline_stated"]:
        assert (follow_up.due.isoformat(), follow_up.due_basis) == (
            truth["followup"]["deadline_stated"],
            "stated",
        )
    else:
        assert (follow_up.due.isoformat(), follow_up.due_basis) == (
            truth["followup"]["deadline_computed"],
            "computed",
        )
    report = co.next_report
    assert report is not None
    assert report.paragraph == truth["next_report"]["paragraph"]
    assert report.due == date.fromisoformat(truth["next_report"]["due"])
    assert report.word_limit == truth["next_report"]["word_limit"]


def test_paraguay_stated_date_wins_over_the_two_year_period(parse, ccpr_co_dir):
    follow_up = parse(ccpr_co_dir / "CCPR_C_PRY_CO_4.txt").result.follow_up
    assert follow_up.due == date(2021, 7, 26)
    assert follow_up.due_basis == "stated"
    assert follow_up.period_months == 24  # 22 July 2019 + 2 years would be 2021-07-22


def test_which_next_report_is_read_from_the_following_paragraph(parse, ccpr_co_dir):
    denmark = parse(ccpr_co_dir / "CCPR_C_DNK_CO_6.txt").result.next_report
    paraguay = parse(ccpr_co_dir / "CCPR_C_PRY_CO_4.txt").result.next_report
    assert (denmark.report, denmark.numbers) == ("seventh periodic report", (7, 7))
    assert (paraguay.report, paraguay.numbers) == ("fifth periodic report", (5, 5))


def test_concern_and_recommendation_paragraphs_alternate_in_the_concerns_section(
    parse, ccpr_co_dir
):
    co = parse(ccpr_co_dir / "CCPR_C_DNK_CO_6.txt").result
    kinds = {p.number: p.kind for p in co.paragraphs}
    assert kinds[1] == kinds[2] == "introduction"
    assert kinds[3] == kinds[4] == "positive_aspect"
    assert [kinds[n] for n in range(5, 39)] == ["concern", "recommendation"] * 17
    assert [(p.number, p.procedure) for p in co.paragraphs[38:]] == [
        (39, "dissemination"), (40, "follow_up"), (41, "next_report"), (42, "next_report"),
    ]  # fmt: skip
