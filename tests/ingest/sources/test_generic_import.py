"""Importing a hand-kept CSV/XLSX with the documented columns (docs/import-generic.md)."""

import openpyxl
import pytest

from rightstrack.catalog.models import Document, Recommendation
from rightstrack.ingest.pipeline import import_file

pytestmark = pytest.mark.django_db

HEADER = [
    "symbol",
    "paragraph",
    "country",
    "mechanism",
    "text",
    "date",
    "kind",
    "position",
    "recommending_states",
    "themes",
    "affected_persons",
    "sdgs",
    "visibility",
]
# A/HRC/59/15 para 140.8, as printed in the cycle 4 Slovenia thematic list
ROW_140_8 = [
    "A/HRC/59/15",
    "140.8",
    "Slovenia",
    "UPR",
    "Ratify the Optional Protocol to the International Covenant on Economic, Social and "
    "Cultural Rights, in order to continue advancing the international promotion and "
    "protection of human rights (Spain);",
    "2025-07-03",
    "recommendation",
    "Supported",
    "Spain",
    "Ratification of & accession to international instruments | Economic, social & cultural "
    "rights - general measures of implementation",
    "Public officials",
    "1 - NO POVERTY | 16.3 - Promote the rule of law",
    "public",
]


def test_a_generic_xlsx_row_is_stored_with_its_tags(reference_data, tmp_path):
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append(ROW_140_8)
    path = tmp_path / "kept-by-hand.xlsx"
    book.save(path)
    run = import_file(path)
    assert (run.status, run.format, run.created) == ("succeeded", "generic-table", 1)
    rec = Recommendation.objects.get(natural_key="A/HRC/59/15#140.8")
    assert (rec.country.iso3, rec.mechanism.code, rec.position, str(rec.date)) == (
        "SVN",
        "UPR",
        "supported",
        "2025-07-03",
    )
    assert list(rec.recommending_states.values_list("iso3", flat=True)) == ["ESP"]
    assert rec.themes.count() == 2
    assert list(rec.affected_groups.values_list("name", flat=True)) == ["Public officials"]
    assert list(rec.sdg_goals.values_list("number", flat=True)) == [1]
    assert list(rec.sdg_targets.values_list("code", flat=True)) == ["16.3"]
    assert Document.objects.get(key="A/HRC/59/15").doc_type == Document.Type.UPR_WG_REPORT


def test_the_thematic_list_updates_the_hand_kept_row_instead_of_duplicating_it(
    reference_data, tmp_path, cycle4
):
    path = tmp_path / "kept-by-hand.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        import csv

        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerow(ROW_140_8)
    assert import_file(path).created == 1
    run = import_file(cycle4)
    assert (run.created, run.updated, run.unchanged) == (253, 1, 0)
    assert Recommendation.objects.count() == 254


def test_two_rows_with_the_same_symbol_and_paragraph_are_refused(reference_data, tmp_path):
    path = tmp_path / "twice.csv"
    path.write_text(
        "symbol,paragraph,country,mechanism,text\n"
        "E/C.12/AUS/CO/6,7,AUS,CESCR,a\n"
        "E/C.12/AUS/CO/6,7,AUS,CESCR,b\n",
        encoding="utf-8",
    )
    run = import_file(path)
    assert run.message == (
        "twice.csv, row 3, column 'paragraph': symbol 'E/C.12/AUS/CO/6' paragraph '7' "
        "already on row 2"
    )
    assert Recommendation.objects.count() == 0
