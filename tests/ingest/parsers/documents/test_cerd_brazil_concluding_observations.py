"""CERD/C/BRA/CO/18-20 (PDF): values checked by hand in the 18-page document."""

from __future__ import annotations

from datetime import date

from rightstrack.ingest.parsers.documents.json_output import to_json


def test_it_reads_symbol_committee_country_and_dates(cerd_brazil):
    meta = cerd_brazil.metadata
    assert meta.symbol is not None and meta.symbol.raw == "CERD/C/BRA/CO/18-20"
    assert meta.symbol.report == (18, 20)
    assert meta.doc_type == "concluding_observations"
    assert (meta.committee, meta.country) == ("CERD", "BRA")
    assert meta.adopted == date(2022, 12, 1)  # "At its 2952nd meeting, held on 1 December 2022"
    assert meta.distributed == date(2022, 12, 19)
    assert meta.session == 108
    assert meta.report_numbers == (18, 20)


def test_it_finds_seventy_numbered_paragraphs_in_order(cerd_brazil):
    co = cerd_brazil.result
    assert [p.number for p in co.paragraphs] == list(range(1, 71))
    assert co.warnings == []
    assert co.paragraph(36).letters == ["a", "b", "c", "d", "e", "f", "g", "h"]
    assert (
        co.paragraph(36).subparagraphs[0].text
        == "Ensuring the demilitarization of law enforcement activities in Brazil;"
    )
    assert (
        co.paragraph(17)
        .subparagraphs[0]
        .text.startswith("Develop and implement effective measures")
    )
    # page break inside 17 (a) (pages 4-5) and the footnote on page 4 stay out of the text
    assert (
        "Peoples, Quilombolas and non-citizens are and remain fully vaccinated"
        in co.paragraph(17).text
    )
    assert "General Assembly resolution 70/1" not in co.paragraph(17).text


def test_it_keeps_section_boundaries_and_topics(cerd_brazil):
    co = cerd_brazil.result
    ranges = co.section_ranges()
    assert ranges["A. Introduction"] == (2, 2)
    assert ranges["B. Positive aspects"] == (3, 4)
    assert ranges["C. Concerns and recommendations"] == (5, 60)
    assert ranges["Other recommendations"] == (61, 70)
    assert (
        co.paragraph(36).topic == "Excessive use of force by law enforcement and military officials"
    )
    # a heading wrapped over two lines on page 15
    assert co.paragraph(58).topic == (
        "Efforts to combat racial prejudices, increase understanding and address legacies of historical injustices"
    )


def test_it_expands_the_follow_up_items_and_computes_the_deadline(cerd_brazil):
    co = cerd_brazil.result
    follow_up = co.follow_up
    assert follow_up is not None and follow_up.paragraph == 68
    assert [r.label for r in follow_up.items] == [
        "17 (a)", "19 (c)", "23 (a)", "36 (a)", "36 (b)", "36 (c)", "36 (d)",
    ]  # fmt: skip
    assert follow_up.due == date(2023, 12, 1)
    assert follow_up.due_basis == "computed"
    assert follow_up.period_months == 12


def test_it_flags_paragraphs_of_particular_importance_without_deadline(cerd_brazil):
    co = cerd_brazil.result
    flags = co.particular_importance
    assert flags is not None and flags.paragraph == 69
    assert [r.label for r in flags.items] == [
        "17 (b)", "17 (c)", "17 (e)", "17 (f)", "23", "27 (c)", "33", "46", "48", "50", "53", "60 (e)",
    ]  # fmt: skip
    assert co.urgent_measures is None


def test_it_reads_the_next_report(cerd_brazil):
    report = cerd_brazil.result.next_report
    assert report is not None and report.paragraph == 70
    assert report.numbers == (20, 22)
    assert report.report == "combined twentieth to twenty-second periodic reports"
    assert (report.due, report.due_year, report.status) == (None, 2026, "fixed")
    assert report.word_limit == 21200


def test_its_json_has_exactly_the_agreed_keys(cerd_brazil):
    data = to_json(cerd_brazil)
    assert list(data) == [
        "symbol", "type", "committee", "country", "adopted",
        "paragraphs", "follow_up", "particular_importance", "next_report", "communication",
    ]  # fmt: skip
    assert data["communication"] is None  # the key of Views (State party, date, reply due)
    assert data["adopted"] == "2022-12-01"
    assert len(data["paragraphs"]) == 70
    assert data["paragraphs"][35]["number"] == 36
    assert data["paragraphs"][35]["subparagraphs"] == list("abcdefgh")
    assert data["follow_up"]["due"] == "2023-12-01"
    assert data["follow_up"]["due_basis"] == "computed"
    assert data["next_report"]["due"] == "2026"
