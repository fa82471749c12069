"""Importing UHRI records: the JSON records and the same records as an Excel export."""

import json

import openpyxl
import pytest

from rightstrack.catalog.models import Document, Recommendation
from rightstrack.ingest.pipeline import import_file

pytestmark = pytest.mark.django_db


def test_a_cescr_json_record_becomes_paragraph_7_of_e_c12_aus_co_6(reference_data, uhri_dir):
    run = import_file(uhri_dir / "0a0c9531-85fa-4408-a9db-bc816c2e1261.json")
    assert (run.format, run.created) == ("uhri-json", 1)
    rec = Recommendation.objects.get(natural_key="E/C.12/AUS/CO/6#7")
    assert rec.uhri_id == "0a0c9531-85fa-4408-a9db-bc816c2e1261"
    assert (rec.mechanism.code, rec.country.iso3, rec.kind) == ("CESCR", "AUS", "recommendation")
    assert str(rec.date) == "2026-03-23"
    assert list(rec.themes.values_list("name", flat=True)) == [
        "Constitutional & legislative framework"
    ]
    doc = Document.objects.get(key="E/C.12/AUS/CO/6")
    assert doc.doc_type == Document.Type.CONCLUDING_OBSERVATIONS


def test_the_excel_export_of_the_same_records_finds_them_unchanged(
    reference_data, uhri_dir, tmp_path, snapshot
):
    files = sorted(uhri_dir.glob("*.json"))
    for f in files:
        assert import_file(f).created == 1
    before = snapshot()
    assert before["recommendations"] == 16
    book = openpyxl.Workbook()
    sheet = book.active
    header = ["AnnotationId", "Text", "Symbol", "Body", "Countries", "Themes", "Sdgs"]
    sheet.append([*header, "AnnotationType", "PublicationDate", "AffectedPersons"])
    for f in files:
        r = json.loads(f.read_text(encoding="utf-8"))
        sheet.append(
            [
                r["_id"],
                r["text"],
                r["symbol"],
                r["body"],
                "\n".join(r["countries"]),
                "\n".join(r["themes"]),
                "\n".join(r["sdgs"]),
                r["annotation_type"],
                r["date"],
                " | ".join(r["affected_persons"]),
            ]
        )
    xlsx = tmp_path / "uhri-export.xlsx"
    book.save(xlsx)
    run = import_file(xlsx)
    assert (run.status, run.format) == ("succeeded", "uhri-xlsx")
    assert (run.created, run.updated, run.unchanged) == (0, 0, 16)
    assert snapshot() == before
