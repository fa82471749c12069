"""Arabic DOCX outputs (follow-up report, plain-language summary, briefing pack) are right
to left the way Word writes an Arabic document: ``w:bidi`` in the properties of every
paragraph written in Arabic, ``w:rtl`` on its runs, ``w:bidi`` on the section,
``w:bidiVisual`` on tables (before: no right-to-left mark at all, so Word and LibreOffice
laid Arabic out left to right). An official text quoted in English (the fixture's
recommendations exist only in English) stays a left-to-right paragraph, explicitly
(``w:bidi w:val="0"``). English documents carry none of
these marks."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import brazil_followup as bf
import pytest
from lxml import etree

from rightstrack.reports.briefing import build_briefing_pack, render_briefing_docx
from rightstrack.reports.followup_report import build_followup_report, render_followup_docx
from rightstrack.reports.plain_language import build_summary
from rightstrack.reports.plain_language_render import summary_docx

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

cerd_brazil = bf.cerd_brazil  # fixtures
brazil_tracking = bf.brazil_tracking

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def _body(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read("word/document.xml")).find("w:body", NS)


def _text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(f"{{{W}}}t"))


def _on(p: etree._Element, path: str) -> bool:
    found = p.find(path, NS)
    return found is not None and found.get(f"{{{W}}}val") != "0"


def _assert_right_to_left(data: bytes) -> None:
    body = _body(data)
    paragraphs = body.findall(".//w:p", NS)
    in_tables = {p for tbl in body.iter(f"{{{W}}}tbl") for p in tbl.iter(f"{{{W}}}p")}
    english = [
        p
        for p in paragraphs
        if p not in in_tables
        and re.search("[A-Za-z]", _text(p))
        and not re.search("[\u0600-\u06ff]", _text(p))
    ]
    arabic = [p for p in paragraphs if p not in english]
    assert len(arabic) > 10
    assert [_text(p) for p in arabic if not _on(p, "w:pPr/w:bidi")] == []
    runs = [r for p in arabic for r in p.iter(f"{{{W}}}r")]
    assert [r for r in runs if not _on(r, "w:rPr/w:rtl")] == []
    # Official text quoted in English: a left-to-right paragraph, although the styles are RTL.
    for p in english:
        assert p.find("w:pPr/w:bidi", NS).get(f"{{{W}}}val") == "0", _text(p)
    sections = body.findall(".//w:sectPr", NS)
    assert sections and all(s.find("w:bidi", NS) is not None for s in sections)
    assert all(t.find("w:tblPr/w:bidiVisual", NS) is not None for t in body.iter(f"{{{W}}}tbl"))
    # Bold Arabic text is bold: Word takes the bold of complex-script runs from w:bCs.
    bold = [r for r in runs if r.find("w:rPr/w:b", NS) is not None]
    assert "الفقرة" in " ".join(_text(p) for p in arabic)  # "paragraph"
    assert bold and all(r.find("w:rPr/w:bCs", NS) is not None for r in bold)
    # Schema order inside w:pPr (Word refuses a file whose children are out of order):
    # w:bidi comes before w:spacing, w:ind, w:jc and w:rPr.
    for p in paragraphs:
        tags = [etree.QName(c).localname for c in p.find("w:pPr", NS)]
        later = {"spacing", "ind", "jc", "rPr", "sectPr"}
        assert not any(t in later for t in tags[: tags.index("bidi")]), tags


def _assert_left_to_right(data: bytes) -> None:
    body = _body(data)
    assert body.findall(".//w:pPr/w:bidi", NS) == []
    assert body.findall(".//w:rPr/w:rtl", NS) == []


def test_the_arabic_follow_up_report_is_right_to_left(brazil_tracking):
    doc = brazil_tracking.document
    on = dt.date(2024, 6, 30)
    arabic = build_followup_report(None, doc, period_end=on, language="ar")
    data = render_followup_docx(arabic)
    _assert_right_to_left(data)
    quoted = [p for p in _body(data).iter(f"{{{W}}}p") if bf.TEXT_36D[:40] in _text(p)]
    assert quoted, "the English texts of the recommendations are quoted as imported"
    assert all(p.find("w:pPr/w:bidi", NS).get(f"{{{W}}}val") == "0" for p in quoted)
    english = build_followup_report(None, doc, period_end=on, language="en")
    _assert_left_to_right(render_followup_docx(english))


def test_the_arabic_briefing_pack_is_right_to_left(brazil_tracking, coordinator):
    on = dt.date(2024, 6, 30)
    pack = build_briefing_pack(coordinator, brazil_tracking.ministry, on=on, language="ar")
    _assert_right_to_left(render_briefing_docx(pack))


def test_the_arabic_plain_language_summary_is_right_to_left(pry_co_catalogue):
    summary = build_summary(None, pry_co_catalogue.pry_co.pk, "ar")
    _assert_right_to_left(summary_docx(summary))
    _assert_left_to_right(summary_docx(build_summary(None, pry_co_catalogue.pry_co.pk, "en")))
