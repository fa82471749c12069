"""``reports.writers.docx``: one ``new_document``/``add_paragraph``/``add_table`` for every
DOCX (follow-up report, mid-term report, briefing pack, plain-language summary)."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from rightstrack.reports.writers import docx as w

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _reopen(doc) -> object:
    return Document(io.BytesIO(w.to_bytes(doc)))


def _cm(length) -> float:
    """A length in cm, rounded (DOCX stores twentieths of a point)."""
    return round(length.cm, 1)


def test_a_report_is_a4_in_liberation_sans_with_its_title_and_language():
    doc = _reopen(w.new_document("Follow-up report", "ar"))
    section = doc.sections[0]
    assert (_cm(section.page_width), _cm(section.page_height)) == (21.0, 29.7)
    assert _cm(section.left_margin) == _cm(section.top_margin) == 2.0
    assert doc.core_properties.title == "Follow-up report"
    assert doc.core_properties.language == "ar"
    assert doc.core_properties.author == "RightsTrack"
    normal = doc.styles["Normal"]
    assert normal.font.name == "Liberation Sans"
    assert normal.font.size == Pt(10.5)
    assert doc.styles["Heading 1"].font.size == Pt(16)
    assert doc.styles["Title"].font.color.rgb == RGBColor(0x1F, 0x3A, 0x5F)
    lang = normal.element.rPr.find(qn("w:lang"))
    # Latin, right-to-left (complex script) and East Asian text all in the document language.
    assert (lang.get(qn("w:val")), lang.get(qn("w:bidi")), lang.get(qn("w:eastAsia"))) == (
        "ar",
        "ar",
        "ar",
    )


def test_the_summary_look_and_large_print():
    doc = _reopen(w.new_document("Summary", "es", look=w.SUMMARY_LOOK))
    assert doc.styles["Normal"].font.name == "DejaVu Sans"
    assert doc.styles["Title"].font.size == Pt(20)
    # Only headings take the look's colour; the title keeps the template's.
    assert doc.styles["Title"].font.color.rgb != RGBColor(0x0B, 0x3B, 0x70)
    assert _cm(doc.sections[0].page_width) != 21.0  # the template's page, not A4
    assert doc.styles["Heading 2"].font.color.rgb == RGBColor(0x0B, 0x3B, 0x70)
    large = _reopen(w.new_document("Summary", "es", large_print=True, look=w.SUMMARY_LOOK))
    assert large.styles["Normal"].font.size == Pt(18)
    assert large.styles["Heading 1"].font.size == Pt(24)
    assert large.styles["Title"].font.size == Pt(28)


def test_landscape_swaps_the_page():
    section = _reopen(w.new_document("Wide", landscape=True)).sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (_cm(section.page_width), _cm(section.page_height)) == (29.7, 21.0)


def test_add_paragraph_keeps_line_breaks_and_prints_a_bold_lead_or_bold_text():
    doc = w.new_document("T")
    lead = w.add_paragraph(doc, "first\nsecond", lead="Note:", style="List Bullet")
    bold = w.add_paragraph(doc, "All bold", bold=True)
    label = w.add_label_value(doc, "Session", "108")
    lead_only = w.add_paragraph(doc, lead="Due by 1 May")
    reread = _reopen(doc).paragraphs
    assert reread[0].text == "Note: first\nsecond"
    assert reread[0].style.name == "List Bullet"
    assert [(r.text, bool(r.bold)) for r in reread[0].runs if r.text.strip("\n")] == [
        ("Note:", True),
        (" ", False),
        ("first", False),
        ("second", False),
    ]
    assert lead._p.findall(f".//{W}br")  # a line break, not a new paragraph
    assert [r.bold for r in bold.runs] == [True]
    assert reread[2].text == "Session: 108"
    assert [(r.text, bool(r.bold)) for r in label.runs] == [("Session: ", True), ("108", False)]
    assert [(r.text, r.bold) for r in lead_only.runs] == [("Due by 1 May", True)]


def test_add_table_repeats_a_bold_shaded_header_and_sets_widths():
    doc = w.new_document("T")
    w.add_table(doc, ["A", "B"], [["1", None], [2, "x"]], widths_cm=[3.0, 5.0])
    w.add_table(doc, ["C"], [["y"]], header_fill=None)
    first, second = _reopen(doc).tables
    assert [[c.text for c in row.cells] for row in first.rows] == [
        ["A", "B"],
        ["1", ""],
        ["2", "x"],
    ]
    assert first.style.name == "Table Grid"
    header = first.rows[0]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(c.paragraphs[0].runs[-1].bold for c in header.cells)
    assert header.cells[0]._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == w.HEADER_FILL
    assert [_cm(c.width) for c in first.rows[1].cells] == [3.0, 5.0]
    assert second.rows[0].cells[0]._tc.tcPr is None or (
        second.rows[0].cells[0]._tc.tcPr.find(qn("w:shd")) is None
    )
    with pytest.raises(ValueError):
        w.add_table(doc, ["A", "B"], [["only one"]])


def test_box_quote_list_and_page_break():
    doc = w.new_document("T")
    w.box(w.add_paragraph(doc, "Boxed"))
    w.add_quote(doc, "As printed")
    numbered = w.add_list(doc, ["one", "two"], numbered=True)
    w.page_break(doc)
    paragraphs = _reopen(doc).paragraphs
    assert paragraphs[0]._p.pPr.find(qn("w:pBdr")) is not None
    assert paragraphs[1].style.name == "Quote"
    assert [p.style.name for p in numbered] == ["List Number", "List Number"]
    assert paragraphs[-1]._p.findall(f".//{W}br")[0].get(qn("w:type")) == "page"


def test_characters_illegal_in_xml_are_removed_from_every_helper():
    bad = "Form\x0cfeed\x0b and\x00 \ufffe text"
    doc = w.new_document(f"Title {bad}", "en")
    w.add_title(doc, bad)
    w.add_heading(doc, bad)
    w.add_paragraph(doc, bad, lead=bad)
    w.add_quote(doc, bad)
    w.add_list(doc, [bad])
    w.add_table(doc, [bad], [[bad]])
    text = "\n".join(p.text for p in _reopen(doc).paragraphs)
    assert "Formfeed and  text" in text
    assert "\x0c" not in text


def test_a_label_takes_the_colon_of_the_active_language():
    from django.utils import translation

    from rightstrack.reports.writers.docx import add_label_value, new_document

    def lead(language: str) -> str:
        with translation.override(language):
            doc = new_document("Follow-up report")
            paragraph = add_label_value(doc, "Comité", "Comité des droits de l'homme")
        return paragraph.runs[0].text

    assert lead("en") == "Comité: "
    assert lead("fr") == "Comité\u00a0: "  # French: a no-break space before the colon
    assert lead("zh-hans") == "Comité："  # Chinese: full-width colon, no space
