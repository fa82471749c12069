"""``reports.writers.pdf``: DOCX → PDF through LibreOffice (or a clear error), format check."""

from __future__ import annotations

import pytest

from rightstrack.reports.writers import pdf


def test_docx_or_pdf_checks_the_format_before_rendering():
    rendered = []

    def render() -> bytes:
        rendered.append(1)
        return b"docx bytes"

    with pytest.raises(ValueError, match="unknown format 'odt'"):
        pdf.docx_or_pdf("odt", render)
    assert rendered == []
    assert pdf.docx_or_pdf("docx", render) == b"docx bytes"


def test_without_libreoffice_the_pdf_is_a_conversion_error(monkeypatch):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    assert pdf.soffice_path() is None
    with pytest.raises(pdf.ConversionError, match="not installed"):
        pdf.docx_or_pdf("pdf", lambda: b"docx bytes")


def test_html_becomes_a_tagged_pdf_that_passes_the_check():
    html = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>T</title></head>'
        "<body><h1>Title</h1><p>Some text.</p></body></html>"
    )
    report = pdf.check_tagged_pdf(pdf.html_to_pdf(html))
    assert report.problems == []
    assert report.lang == "en"
    assert report.headings() == ["H1"]
