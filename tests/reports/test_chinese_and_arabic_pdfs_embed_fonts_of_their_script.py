"""Chinese and Arabic PDFs are set in fonts of their script (Noto Sans CJK, Noto Sans
Arabic), never in a Latin font that prints boxes; when the font is not installed, writing
the PDF fails with the name of the Debian package to install.

Checked with pikepdf: the fonts embedded in the plain-language summary (WeasyPrint) and the
follow-up report (LibreOffice) of CCPR/C/PRY/CO/4 in Chinese and Arabic.
"""

from __future__ import annotations

import datetime as dt
import io
import os

import pikepdf
import pytest

from rightstrack.reports import plain_language_render
from rightstrack.reports.followup_report import build_followup_report, render_followup_docx
from rightstrack.reports.plain_language import build_summary
from rightstrack.reports.writers import fonts
from rightstrack.reports.writers.pdf import docx_to_pdf, soffice_path

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

#: Embedded font names (subset prefix "ABCDEF+" dropped) that render each script.
SCRIPT_FONTS = {"zh-hans": ("NotoSansCJK",), "ar": ("NotoSansArabic", "NotoNaskhArabic")}


def embedded_fonts(data: bytes) -> set[str]:
    """BaseFont names of every font the pages use (Type 0 fonts: their descendants')."""
    names: set[str] = set()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for font in page.obj.get("/Resources", {}).get("/Font", {}).values():
                fonts_here = [font, *font.get("/DescendantFonts", [])]
                for f in fonts_here:
                    if "/BaseFont" in f:
                        names.add(str(f.BaseFont).lstrip("/").split("+", 1)[-1])
    return names


def _uses_script_font(names: set[str], language: str) -> bool:
    # WeasyPrint writes "Noto-Sans-CJK-SC", LibreOffice "NotoSansCJKsc-Regular".
    flat = {name.replace("-", "").replace(" ", "") for name in names}
    return any(name.startswith(SCRIPT_FONTS[language]) for name in flat)


@pytest.mark.parametrize("language", ["zh-hans", "ar"])
def test_the_plain_language_pdf_embeds_a_font_of_its_script(pry_co_catalogue, language):
    summary = build_summary(None, pry_co_catalogue.pry_co.pk, language)
    names = embedded_fonts(plain_language_render.summary_pdf(summary))
    assert _uses_script_font(names, language), names


@pytest.mark.parametrize("language", ["zh-hans", "ar"])
def test_the_follow_up_report_pdf_embeds_a_font_of_its_script(pry_co_catalogue, language):
    if soffice_path() is None and not os.environ.get("CI"):
        pytest.skip("LibreOffice (soffice) is not installed")
    report = build_followup_report(
        None, pry_co_catalogue.pry_co, period_end=dt.date(2021, 12, 1), language=language
    )
    names = embedded_fonts(docx_to_pdf(render_followup_docx(report)))
    assert _uses_script_font(names, language), names


def test_a_missing_cjk_font_fails_loudly_naming_the_package(pry_co_catalogue, monkeypatch):
    monkeypatch.setattr(fonts, "installed_families", lambda: {"DejaVu Sans"})
    summary = build_summary(None, pry_co_catalogue.pry_co.pk, "zh-hans")
    with pytest.raises(fonts.MissingFontError, match=r"Chinese PDF needs a CJK font.*"):
        plain_language_render.summary_pdf(summary)
    with pytest.raises(fonts.MissingFontError, match="apt-get install fonts-noto-cjk"):
        plain_language_render.summary_pdf(summary)


def test_a_missing_arabic_font_fails_before_libreoffice_runs(pry_co_catalogue, monkeypatch):
    monkeypatch.setattr(fonts, "installed_families", lambda: {"DejaVu Sans"})
    report = build_followup_report(
        None, pry_co_catalogue.pry_co, period_end=dt.date(2021, 12, 1), language="ar"
    )
    with pytest.raises(fonts.MissingFontError, match="apt-get install fonts-noto-core"):
        docx_to_pdf(render_followup_docx(report))


def test_latin_and_cyrillic_pdfs_need_no_extra_font(monkeypatch):
    monkeypatch.setattr(fonts, "installed_families", lambda: {"DejaVu Sans"})
    for language in ("en", "es", "fr", "ru"):
        fonts.require_fonts(language)
    assert fonts.font_need("zh-hans").package == "fonts-noto-cjk"
