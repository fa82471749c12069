"""Text that is UTF-8 read as Windows-1252/Latin-1 is refused, naming file, row and
column and suggesting the repair (issue 9, row 7)."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest

from rightstrack.ingest.errors import ImportFailure
from rightstrack.ingest.parsers.tabular import read_table
from rightstrack.ingest.parsers.uhri import parse_uhri_json
from rightstrack.ingest.parsers.upr_info import parse_upr_info

#: "Côte d’Ivoire" as UTF-8 bytes read one byte per character (Windows-1252).
MISREAD = "Côte d’Ivoire".encode().decode("cp1252")


def test_the_probe_is_what_the_tester_saw():
    assert MISREAD == "CÃ´te dâ€™Ivoire"


def test_misread_text_is_found_with_its_repair():
    from rightstrack.ingest.parsers._text import misread_as_cp1252

    assert misread_as_cp1252(MISREAD) == ("CÃ´te dâ€™Ivoire", "Côte d’Ivoire")
    assert misread_as_cp1252("rÃ©sumÃ© of the Ã©tat") == (
        "rÃ©sumÃ© of the Ã©tat",
        "résumé of the état",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Côte d’Ivoire",
        "São Tomé and Príncipe",
        "Türkiye",
        "Curaçao",
        "Łódź",
        "Straße — “quoted” and ‘single’ – dash…",
        "¿Ratificará el Estado parte la Convención?",
        "Réunion, Mayotte et la Guyane française",
        "حقوق الإنسان للأطفال",
        "Совет по правам человека",
        "人权理事会的建议",
        "Ελλάδα",
        "½ of the budget, 2 °C, € 100, £ 5, © UN",
    ],
)
def test_real_text_in_many_scripts_is_not_taken_for_misread(text):
    from rightstrack.ingest.parsers._text import misread_as_cp1252

    assert misread_as_cp1252(text) is None


def test_a_long_text_is_quoted_around_the_misread_words():
    from rightstrack.ingest.parsers._text import misread_as_cp1252

    text = "Take all necessary measures " * 5 + f"in {MISREAD} to protect " + "children " * 20
    quote, fixed = misread_as_cp1252(text)
    assert MISREAD in quote
    assert "Côte d’Ivoire" in fixed
    assert len(quote) < 100


def test_a_uhri_record_with_misread_text_is_refused(uhri_dir, tmp_path):
    record = json.loads(
        (uhri_dir / "0a0c9531-85fa-4408-a9db-bc816c2e1261.json").read_text(encoding="utf-8-sig")
    )
    record["countries"] = [MISREAD]
    path = tmp_path / "uhri.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ImportFailure) as refused:
        parse_uhri_json(path)
    problem = refused.value.problem
    assert (problem.file, problem.row, problem.cell) == ("uhri.json", 1, "countries")
    assert "did you mean 'Côte d’Ivoire'?" in problem.message


def test_a_upr_info_row_with_misread_text_is_refused(tmp_path):
    path = tmp_path / "upr.csv"
    path.write_text(
        "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session\n"
        f'Mali,Africa,AU,"Cooperate with {MISREAD} on refugees",Norway,WEOG,,Accepted,4,'
        "Asylum-seekers - refugees,2\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFailure) as refused:
        parse_upr_info(path)
    problem = refused.value.problem
    assert (problem.row, problem.cell) == (2, "Text")
    assert "'Cooperate with CÃ´te dâ€™Ivoire on refugees'" in problem.message
    assert "did you mean 'Cooperate with Côte d’Ivoire on refugees'?" in problem.message


def test_an_xlsx_cell_with_misread_text_is_refused(tmp_path):
    path = tmp_path / "table.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Symbol", "Text", "Country"])
    sheet.append(["CRC/C/CIV/CO/2", "Adopt the children's code", "Mali"])
    sheet.append(["CRC/C/CIV/CO/2", "Adopt the code", MISREAD])
    book.save(path)
    with pytest.raises(ImportFailure) as refused:
        read_table(path)
    assert str(refused.value) == (
        "table.xlsx, row 3, column 'Country': the text 'CÃ´te dâ€™Ivoire' looks like UTF-8 "
        "read as Windows-1252 or Latin-1 (did you mean 'Côte d’Ivoire'?); correct the file "
        "or export it again as UTF-8"
    )


@pytest.mark.django_db
def test_the_import_command_refuses_the_file_and_stores_nothing(reference_data, uhri_dir, tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    from rightstrack.catalog.models import Recommendation
    from rightstrack.ingest.models import ImportRun

    record = json.loads(
        (uhri_dir / "0a0c9531-85fa-4408-a9db-bc816c2e1261.json").read_text(encoding="utf-8-sig")
    )
    record["text"] = record["text"] + f" Cooperate with {MISREAD}."
    path = tmp_path / "uhri-record.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match="did you mean"):
        call_command("import", str(path), stdout=io.StringIO())
    run = ImportRun.objects.get()
    assert run.status == "failed"
    assert (run.errors[0]["row"], run.errors[0]["cell"]) == (1, "text")
    assert "Côte d’Ivoire" in run.errors[0]["message"]
    assert Recommendation.objects.count() == 0
