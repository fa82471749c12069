"""A report in Spanish quotes the UN's Spanish text of a recommendation where the catalogue
holds it, and tags an English text it must quote as English (WCAG 2.2 SC 3.1.2, language
of parts), so that no untagged English sentence sits inside a Spanish report.

Checked in the files (MANIFEST §13): A/HRC/17/18 (Paraguay, UPR cycle 1,
``upr-wg-reports-terman/txts/paraguay2011.txt``) item 84.11 reads "Make the National Plan
for the Prevention and Eradication of Commercial Sexual Exploitation of Children operational
by ensuring public funding (Poland);"; CLADEM's Spanish UPR file quotes it as "84.11 Hacer
operacional el Plan de Prevención y Erradicación de la Explotación Sexual de niños/as y
adolescentes mediante la asignación de fondos públicos (Polonia.;". Item 84.1 is not in
CLADEM's excerpt (only recommendations on women and girls are), so it stays in English.
CCPR/C/PRY/CO/4 exists in English only in ``../shared``: paragraph 29's recommendation
begins "Continue its reforms to significantly reduce the use of pretrial detention".
"""

from __future__ import annotations

import io

import paraguay_parallel as pp
import pytest
from django.core.management import call_command
from docx.oxml.ns import qn
from docx_text import open_docx

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

paraguay_parallel = pp.paraguay_parallel  # fixture

UPR_ES = (
    "cladem-jurisprudencia-es/_posts/"
    "2012-01-07-Examen_Periódico_Universal_EPU_Observaciones_referidas_a_las_mujeres_y_las_niñas.md"
)


def _run_languages(container) -> set[str | None]:
    """The ``w:lang/@w:val`` of every run of ``container`` (None: untagged)."""
    found = set()
    for para in getattr(container, "paragraphs", [container]):
        for run in para.runs:
            lang = run._r.rPr.find(qn("w:lang")) if run._r.rPr is not None else None
            found.add(lang.get(qn("w:val")) if lang is not None else None)
    return found


def test_the_spanish_midterm_report_quotes_84_11_in_spanish_and_tags_english_ones(
    shared_raw, reference_data, tmp_path
):
    english = shared_raw / "upr-wg-reports-terman/txts/paraguay2011.txt"
    call_command("import", str(english), "--symbol", "A/HRC/17/18", "--no-suggest", verbosity=0)
    call_command("import", str(shared_raw / UPR_ES), "--no-suggest", verbosity=0)
    out = tmp_path / "midterm-es.docx"
    call_command(
        "report", "midterm", "PRY", "1", "--language", "es", "-o", str(out), stdout=io.StringIO()
    )
    document = open_docx(out.read_bytes())
    cells = {
        row.cells[0].text: row.cells[1]
        for table in document.tables
        for row in table.rows[1:]
        if len(row.cells) == 5
    }
    spanish = cells["84.11"]
    assert spanish.text.startswith("Hacer operacional el Plan de Prevención y Erradicación")
    assert "Make the National Plan" not in spanish.text
    assert _run_languages(spanish) == {"es"}
    assert "84.1" in cells  # not in CLADEM's excerpt: quoted as imported, tagged English
    assert cells["84.1"].text and _run_languages(cells["84.1"]) == {"en"}


def test_the_spanish_parallel_report_tags_the_english_paragraph_it_quotes(
    paraguay_parallel, tmp_path
):
    document = open_docx(pp.cli_report(tmp_path, paraguay_parallel.ngo, language="es"))
    quotes = [p for p in document.paragraphs if p.style.name == "Quote"]
    pretrial = [p for p in quotes if pp.TEXT_29 in p.text]
    assert pretrial, "paragraph 29's recommendation is quoted"
    assert _run_languages(pretrial[0]) == {"en"}
    # the report's own words stay in the document's language (Spanish), untagged per run
    headings = [p for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings and all(_run_languages(h) <= {None} for h in headings)


def test_the_spanish_list_shows_84_11_in_spanish_and_the_english_list_in_english(
    shared_raw, reference_data, client
):
    english = shared_raw / "upr-wg-reports-terman/txts/paraguay2011.txt"
    call_command("import", str(english), "--symbol", "A/HRC/17/18", "--no-suggest", verbosity=0)
    call_command("import", str(shared_raw / UPR_ES), "--no-suggest", verbosity=0)
    params = {"country": "PRY", "q": "Poland", "sort": "document"}
    spanish = client.get("/es/recommendations/", params).content.decode()
    assert '<p class="result-text" lang="es" dir="auto">Hacer operacional el Plan' in spanish
    english_page = client.get("/recommendations/", params).content.decode()
    assert '<p class="result-text" lang="en" dir="auto">Make the National Plan' in english_page
    assert "Hacer operacional" not in english_page
