"""Hand-made COs in each committee's style (tests/samples/documents; see its README).

The wordings are unverified against real CESCR/CEDAW/CAT/CRC/CRPD/CMW/CED documents; they
check that headings, numbering and follow-up rules are read from the text, not assumed.
"""

from __future__ import annotations

from datetime import date

from rightstrack.ingest.parsers.documents.json_output import to_json


def test_cescr_follow_up_within_24_months_is_computed(parse, sample_dir):
    doc = parse(sample_dir / "cescr_co_sample.txt")
    co = doc.result
    assert (doc.metadata.committee, doc.metadata.country, doc.metadata.symbol.prefix) == (
        "CESCR",
        "ECU",
        "E/C.12",
    )
    assert doc.metadata.adopted == date(2026, 3, 20)
    assert len(co.paragraphs) == 13
    assert co.section_ranges()["C. Principal subjects of concern and recommendations"] == (4, 9)
    assert [r.label for r in co.follow_up.items] == ["5 (b)", "7", "9 (a)"]
    assert (co.follow_up.due, co.follow_up.due_basis) == (date(2028, 3, 20), "computed")
    assert co.next_report.due == date(2031, 3, 31)


def test_cedaw_selects_sub_paragraphs_within_two_years(parse, sample_dir):
    doc = parse(sample_dir / "cedaw_co_sample.txt")
    co = doc.result
    assert co.paragraph(1).section == "A. Introduction"  # heading printed before paragraph 1
    assert co.paragraph(3).kind == "positive_aspect"  # "B. Positive developments"
    assert [r.label for r in co.follow_up.items] == ["9 (a)", "11 (b)"]
    assert (co.follow_up.due, co.follow_up.due_basis) == (date(2029, 2, 19), "computed")
    assert (co.next_report.numbers, co.next_report.due, co.next_report.due_year) == (
        (9, 9),
        None,
        2031,
    )


def test_cat_stated_date_and_para_references(parse, sample_dir):
    co = parse(sample_dir / "cat_co_sample.txt").result
    assert [r.label for r in co.follow_up.items] == ["8", "10 (a)", "10 (b)", "12"]
    assert (co.follow_up.due, co.follow_up.due_basis) == (date(2027, 5, 12), "stated")
    assert (co.next_report.report, co.next_report.due) == (
        "fifth periodic report",
        date(2030, 5, 12),
    )
    assert [co.paragraph(n).kind for n in (5, 6, 7, 8)] == [
        "concern",
        "recommendation",
        "concern",
        "recommendation",
    ]


def test_crc_urgent_measures_are_flags_without_deadline_and_the_cycle_is_predictable(
    parse, sample_dir
):
    doc = parse(sample_dir / "crc_co_sample.txt")
    co = doc.result
    assert co.follow_up is None
    assert co.urgent_measures is not None and co.urgent_measures.paragraph == 4
    assert [r.label for r in co.urgent_measures.items] == ["8", "12", "16 (a)", "18"]
    assert (co.next_report.status, co.next_report.due, co.next_report.due_year) == (
        "tbd_predictable_cycle",
        None,
        None,
    )
    assert co.next_report.numbers == (9, 10)
    levels = {h.text: h.level for h in co.headings}
    assert levels["III. Main areas of concern and recommendations"] == 1
    assert levels["B. General principles (arts. 2, 3, 6 and 12)"] == 2
    assert levels["Non-discrimination"] == 3
    assert co.paragraph(8).section == "III. Main areas of concern and recommendations"
    assert co.paragraph(8).topic == "Non-discrimination"
    data = to_json(doc)
    assert data["particular_importance"] == {
        "kind": "urgent_measures",
        "items": ["8", "12", "16 (a)", "18"],
        "paragraph": 4,
    }
    assert data["next_report"]["status"] == "tbd_predictable_cycle"


def test_crpd_has_no_follow_up_deadline(parse, sample_dir):
    co = parse(sample_dir / "crpd_co_sample.txt").result
    assert co.follow_up is None
    assert [r.label for r in co.urgent_measures.items] == ["7", "9 (a)"]
    assert co.next_report.numbers == (4, 6)


def test_cmw_numbered_sub_sections_are_headings_and_two_years_is_computed(parse, sample_dir):
    co = parse(sample_dir / "cmw_co_sample.txt").result
    assert [p.number for p in co.paragraphs] == list(range(1, 14))
    assert "2. General principles of the Convention (arts. 7 and 83)" in [
        h.text for h in co.headings
    ]
    assert co.paragraph(7).topic == "Non-discrimination"
    assert [r.label for r in co.follow_up.items] == ["8 (a)", "10"]
    assert (co.follow_up.due, co.follow_up.due_basis) == (date(2028, 4, 17), "computed")


def test_ced_one_year_follow_up_and_no_periodic_report(parse, sample_dir):
    co = parse(sample_dir / "ced_co_sample.txt").result
    assert [r.label for r in co.follow_up.items] == ["8 (a)", "8 (b)", "10"]
    assert (co.follow_up.due, co.follow_up.due_basis) == (date(2027, 4, 2), "computed")
    assert (
        co.next_report is None
    )  # art. 29 (4) asks for additional information, not a periodic report
    assert co.paragraph(13).procedure == "additional_information"


def test_older_ccpr_unnumbered_recommendation_attaches_to_the_concern(parse, sample_dir):
    co = parse(sample_dir / "ccpr_old_format_sample.txt").result
    assert [p.number for p in co.paragraphs] == list(range(1, 10))
    para = co.paragraph(4)
    assert para.kind == "recommendation"
    assert para.recommendation == (
        "The State party should amend its electoral legislation to guarantee the equal enjoyment "
        "of the rights under article 25 of the Covenant."
    )
    assert para.text.startswith("The Committee is concerned that the Constitution excludes")
    assert [r.label for r in co.follow_up.items] == [
        "4",
        "6",
    ]  # not "5" from "rule 71, paragraph 5"
    assert (co.follow_up.due, co.follow_up.due_basis) == (date(2007, 11, 1), "computed")
