"""Cleaning: page headers/footers dropped, footnotes kept apart from the paragraph text."""

from __future__ import annotations

import re

from rightstrack.ingest.parsers.documents.clean import clean_pages
from rightstrack.ingest.parsers.documents.extract import Page


def test_headers_job_numbers_and_page_numbers_are_dropped(cerd_brazil):
    lines = [line.text for line in cerd_brazil.cleaned.lines]
    assert "CERD/C/BRA/CO/18-20" not in lines
    assert not [text for text in lines if text.startswith("GE.22-27770")]
    assert not [text for text in lines if re.fullmatch(r"\d{1,3}", text)]
    assert not [text for text in lines if text.startswith(("Distr.", "Original:"))]
    assert "Distr.: General" in cerd_brazil.cleaned.front_lines


def test_footnotes_are_kept_apart_with_their_page(cerd_brazil):
    notes = {(n.marker, n.page): n.text for n in cerd_brazil.cleaned.footnotes}
    assert notes[("1", 1)] == "CERD/C/BRA/18-20."
    assert (
        notes[("**", 1)]
        == "Adopted by the Committee at its 108th session (14 November–2 December 2022)."
    )
    assert notes[("12", 18)] == "CERD/C/2007/1."
    first = cerd_brazil.result.paragraph(1)
    assert first.text.startswith(
        "The Committee considered the combined eighteenth to twentieth periodic reports of Brazil, submitted"
    )
    assert first.footnotes == ("1", "2")


def test_a_footnote_number_glued_to_a_decimal_is_not_taken_for_a_marker(cerd_brazil):
    # page 6: "... under 5 years old is 28.6 per cent." while footnote 6 is on the same page
    assert "28.6 per cent" in cerd_brazil.result.paragraph(20).text


def test_star_footnotes_and_job_numbers_in_flattened_text():
    page = Page(
        1,
        "CCPR/C/DNK/CO/6\nDistr.: General 15 August 2016\nOriginal: English\n\nHuman Rights Committee\n"
        "1. The Committee considered the report.\n* Adopted by the committee at its 117th session.\n"
        "GE.16-14016(E)\n\n\nCCPR/C/DNK/CO/6\n2. Second paragraph.\n7\n",
    )
    cleaned = clean_pages([page], "CCPR/C/DNK/CO/6")
    assert [line.text for line in cleaned.lines] == [
        "Human Rights Committee",
        "1. The Committee considered the report.",
        "2. Second paragraph.",
    ]
    assert [(n.marker, n.text) for n in cleaned.footnotes] == [
        ("*", "Adopted by the committee at its 117th session.")
    ]
