"""Items, recommending States and metadata of real Working Group reports, checked by hand
in the PDFs of ``upr-slovenia-tony33344`` (cycles 1, 2 and 4)."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from rightstrack.ingest.parsers.documents.upr_report import UprReport, parse_upr_report

SLOVENIA = "upr-slovenia-tony33344"


@cache
def _report(root: Path, name: str) -> UprReport:
    return parse_upr_report(root / SLOVENIA / name)


def test_it_reads_the_metadata_of_a_fourth_cycle_report(shared_raw):
    report = _report(shared_raw, "cycle4/original/g2502644.pdf")
    # Page 1: "A/HRC/59/15", "Distr.: General 24 March 2025"; para. 1: forty-eighth
    # session, review on 28 January 2025, report adopted on 31 January 2025.
    assert report.symbol == "A/HRC/59/15"
    assert report.state_name == "Slovenia"
    assert report.country == "SVN"
    assert (report.wg_session, report.hrc_session) == (48, 59)
    assert report.distributed == date(2025, 3, 24)
    assert report.review_date == date(2025, 1, 28)
    assert report.adopted == date(2025, 1, 31)
    # Para. 140: "The following recommendations will be examined by Slovenia".
    assert report.groups == {140: "pending"}


def test_it_reads_the_metadata_of_a_first_cycle_report(shared_raw):
    report = _report(shared_raw, "cycle1/original/g1012049.pdf")
    # "held its seventh session"; adopted "At its 17th meeting, held on 19 February 2010".
    assert (report.symbol, report.country, report.wg_session) == ("A/HRC/14/15", "SVN", 7)
    assert report.adopted == date(2010, 2, 19)
    assert len(report.recommendations) == 97


def test_each_state_in_its_own_bracket_is_a_recommending_state(shared_raw):
    items = _report(shared_raw, "cycle4/original/g2502644.pdf").by_number()
    # "140.7 Ratify the Optional Protocol to the International Covenant on Economic,
    # Social and Cultural Rights (Maldives) (Portugal);"
    assert items["140.7"].recommending_states == ["MDV", "PRT"]
    assert items["140.7"].text == (
        "Ratify the Optional Protocol to the International Covenant on Economic, "
        "Social and Cultural Rights"
    )
    # 140.1: eight brackets, the last "(Bolivarian Republic of Venezuela)" split over two lines.
    assert items["140.1"].recommending_states == [
        "DZA", "CPV", "PRY", "SSD", "LKA", "TGO", "URY", "VEN",
    ]  # fmt: skip
    assert items["140.67"].recommending_states == ["NLD"]  # "(Kingdom of the Netherlands)"


def test_an_item_split_by_a_page_break_keeps_its_text_and_state(shared_raw):
    report = _report(shared_raw, "cycle4/original/g2502644.pdf")
    item = report.by_number()["140.145"]
    # Page 18 ends "... policies ensuring"; page 19 opens with the running header
    # "A/HRC/59/15 / GE.25-02819 19" then "the enjoyment of the right ... (Timor-Leste);".
    assert item.page == 18
    assert item.text.endswith(
        "policies ensuring the enjoyment of the right to a clean, healthy and sustainable environment"
    )
    assert "GE.25" not in item.full_text and "A/HRC" not in item.full_text
    assert item.recommending_states == ["TLS"]
    # The last item follows the header of page 25 and ends with a full stop.
    assert report.recommendations[-1].number == "140.254"
    assert report.recommendations[-1].recommending_states == ["IRQ"]


def test_it_reads_state_lists_and_names_with_their_own_brackets(shared_raw):
    items = _report(shared_raw, "cycle2/original/g1423930.pdf").by_number()
    # "115.6 Ratify ... (ICRMW) (Iran (Islamic Republic of));": the acronym is not a State.
    assert items["115.6"].recommending_states == ["IRN"]
    assert items["115.6"].text.endswith("Members of Their Families (ICRMW)")
    # "115.8 Ratify ICRMW (Senegal, Sierra Leone, Venezuela (Bolivarian Republic of), Peru, Uruguay);"
    assert items["115.8"].recommending_states == ["SEN", "SLE", "VEN", "PER", "URY"]
    assert items["115.8"].text == "Ratify ICRMW"


def test_first_cycle_items_are_keyed_by_their_paragraph(shared_raw):
    items = _report(shared_raw, "cycle1/original/g1012049.pdf").by_number()
    first = items["111.1"]
    # "1. To examine the possibility of joining (Algeria)/sign and ratify (Egypt)/ratify
    # (Bosnia and Herzegovina)/consider the ratification (Argentina) of the Convention on
    # Migrant Workers ... (Algeria, Egypt, Bosnia and Herzegovina, Argentina);"
    assert (first.printed, first.paragraph, first.item) == ("1", 111, 1)
    assert first.recommending_states == ["DZA", "EGY", "BIH", "ARG"]
    # 35: "(Azerbaijan); to continue ... (Italy); to continue ... (Colombia);"
    assert items["111.35"].recommending_states == ["AZE", "ITA", "COL"]
    assert items["111.17"].recommending_states == ["IRN"]  # "(Islamic Republic of Iran)"
    assert items["111.15"].recommending_states == ["GBR"]  # "(United Kingdom)"
    assert items["111.97"].recommending_states == ["NOR"]
