"""The follow-up report in Spanish and French names the committee and the grades in that
language (before: "Committee on the Elimination of Racial Discrimination" and
"C: Reply/action not satisfactory" inside the Spanish report)."""

from __future__ import annotations

import io

import brazil_followup as bf
from django.core.management import call_command
from docx_text import docx_text

cerd_brazil = bf.cerd_brazil
brazil_tracking = bf.brazil_tracking


def _report(tmp_path, ngo, language: str) -> str:
    out = tmp_path / f"report-{language}.docx"
    call_command(
        "report",
        "followup",
        bf.SYMBOL,
        "--org",
        ngo.name,
        "--to",
        "2024-06-30",
        "--language",
        language,
        "-o",
        str(out),
        stdout=io.StringIO(),
    )
    return docx_text(out.read_bytes())


def test_the_spanish_report_names_the_committee_and_the_grades_in_spanish(
    brazil_tracking, tmp_path
):
    text = _report(tmp_path, brazil_tracking.ngo, "es")
    # UN Spanish name of CERD; CCPR scale grades as the Committee's Spanish documents word them.
    assert "Comité para la Eliminación de la Discriminación Racial" in text
    assert "B: Respuesta/medida parcialmente satisfactoria" in text
    assert "Committee on the Elimination" not in text
    assert "Reply/action" not in text
    assert "satisfactory" not in text


def test_the_french_report_names_the_committee_and_the_grades_in_french(brazil_tracking, tmp_path):
    text = _report(tmp_path, brazil_tracking.ngo, "fr")
    assert "Comité pour l’élimination de la discrimination raciale" in text
    assert "E: Les informations données ou les mesures prises sont contraires" in text
    assert "Reply/action" not in text
