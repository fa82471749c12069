"""The parallel report in Spanish names the Committee, the grades and the dates in Spanish
and keeps no English scale or committee text (UN Spanish: "Comité de Derechos Humanos";
the CCPR scale as the Committee's Spanish documents word it)."""

from __future__ import annotations

import re

import paraguay_parallel as pp
import pytest
from docx_text import docx_text

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

paraguay_parallel = pp.paraguay_parallel  # fixture


def test_the_spanish_report_has_no_english_committee_or_scale_text(paraguay_parallel, tmp_path):
    text = docx_text(pp.cli_report(tmp_path, paraguay_parallel.ngo, language="es"))
    assert "Comité de Derechos Humanos (CCPR)" in text
    assert "Plazo para el Estado parte: 26 de julio de 2021" in text
    assert "12 de mayo de 2023" in text
    assert "13, 29 y 35" in text  # CLDR list pattern of Spanish
    assert re.search(r" \d\.\d{3} palabras", text)  # Spanish digit grouping and plural
    assert "B: Respuesta/medida parcialmente satisfactoria" in text
    assert "Human Rights Committee" not in text
    assert "Reply/action" not in text
    assert "satisfactory" not in text
    assert "No cooperation" not in text
    assert " July " not in text and " May " not in text


def test_the_spanish_follow_up_report_of_paraguay_has_no_english_scale_text(
    paraguay_parallel, tmp_path
):
    # Issue "Every language, all the way through", Done means: `rightstrack report
    # followup CCPR/C/PRY/CO/4 --org NAME --language es --format docx`.
    import io

    from django.core.management import call_command

    out = tmp_path / "followup-es.docx"
    call_command(
        "report",
        "followup",
        pp.SYMBOL,
        "--org",
        paraguay_parallel.ngo.name,
        "--to",
        pp.JUDGEMENT,
        "--language",
        "es",
        "--format",
        "docx",
        "-o",
        str(out),
        stdout=io.StringIO(),
    )
    text = docx_text(out.read_bytes())
    assert "Comité de Derechos Humanos" in text
    assert "26 de julio de 2021" in text  # the deadline paragraph 47 states
    assert "Human Rights Committee" not in text
    for english in ("Reply/action", "satisfactory", "No cooperation", "Not implemented"):
        assert english not in text, english
