"""2008-2012 Working Group reports as flattened Mac Roman text (``upr-wg-reports-terman``):
items run together on one line, numbers lost or misprinted. Values checked by hand in the
text files."""

from __future__ import annotations

from pathlib import Path

from rightstrack.ingest.parsers.documents.upr_report import UprReport, parse_upr_report

TXTS = "upr-wg-reports-terman/txts"


def _parse(root: Path, name: str) -> UprReport:
    # The product's own reading (encoding and line endings found from the bytes), not a
    # decoding of the test's own: these files are Mac Roman, some with mixed CR/LF ends.
    return parse_upr_report(root / TXTS / name)


def test_items_printed_on_one_line_are_split(shared_raw):
    report = _parse(shared_raw, "saintlucia2011.txt")
    items = report.by_number()
    # "89.21 Sign and ratify the two Optional Protocols to CRC. (Portugal) 89.22 Consider
    # signing and ratifying CRPD ... (Morocco); 89.23 Become a party ..." up to 89.116.
    assert [r.number for r in report.recommendations][-1] == "89.116"
    assert len(items) == 116
    assert items["89.21"].recommending_states == ["PRT"]
    assert items["89.22"].recommending_states == ["MAR"]


def test_a_lost_item_number_does_not_swallow_the_rest(shared_raw):
    items = _parse(shared_raw, "india2008.txt").by_number()
    # "3. Continue energizing ... (Ghana); Encourage enhanced cooperation ... (Ghana);
    # 5. Maintain disaggregated data on caste ... (Canada, Belgium, Luxembourg);"
    assert "86.4" not in items
    assert items["86.5"].recommending_states == ["CAN", "BEL", "LUX"]
    assert items["86.3"].recommending_states == ["GHA"]


def test_a_misprinted_paragraph_prefix_keeps_the_sequence(shared_raw):
    items = _parse(shared_raw, "algeria2012.txt").by_number()
    # "129.11 ... (France); 128.12 Review its legislation ... (Mexico), review all laws
    # ... (The Netherlands); 129.13 Further strengthen ..."
    assert items["129.12"].printed == "128.12"
    assert items["129.12"].recommending_states == ["MEX", "NLD"]
    assert "129.13" in items


def test_first_cycle_groups_carry_their_positions(shared_raw):
    report = _parse(shared_raw, "albania2010.txt")
    # 67: "... enjoy the support of Albania" (items 1-85; para. 68 then cites "Nos. 8, 9,
    # ... 84, 85 above"); 69: "will be examined by Albania" (items 1-19); 70: "did not
    # enjoy the support of Albania" (items 1-2); 71 is a comment, not a group.
    assert (report.groups[67], report.groups[69], report.groups[70]) == (
        "supported",
        "pending",
        "noted",
    )
    paragraphs = [rec.paragraph for rec in report.recommendations]
    assert (paragraphs.count(67), paragraphs.count(69), paragraphs.count(70)) == (85, 19, 2)
    assert report.by_number()["70.2"].recommending_states == ["ARG"]
    assert report.by_number()["67.9"].recommending_states == ["LBY"]  # Libyan Arab Jamahiriya
