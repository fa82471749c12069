"""Exporting all 41,066 UPR Info recommendations gives 41,066 data rows in XLSX and CSV.

Needs the real import of the five UPR Info database files (``upr-info-db-2008-2014``:
6,094 + 8,343 + 9,047 + 9,598 + 7,984 = 41,066 rows).
"""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command
from django.http import QueryDict
from openpyxl import load_workbook

from rightstrack.reports.exports import export_to_file

UPR_INFO_FILES = ["1-5.csv", "6-9.csv", "10-13.csv", "14-17.csv", "17-20.csv"]


@pytest.mark.slow
@pytest.mark.django_db
def test_exporting_all_upr_info_recommendations_gives_41066_rows_in_xlsx_and_csv(
    shared_raw, tmp_path, client
):
    folder = shared_raw / "upr-info-terman" / "upr-info-db-2008-2014"
    call_command("seed_reference", verbosity=0)
    call_command("import", *[folder / name for name in UPR_INFO_FILES], verbosity=0)

    csv_path = tmp_path / "all.csv"
    with csv_path.open("wb") as out:
        written = export_to_file("recommendations", "csv", None, QueryDict(), out)
    assert written == 41066
    assert csv_path.read_bytes()[:3] == b"\xef\xbb\xbf"  # UTF-8 with BOM
    with csv_path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:3] == ["id", "symbol", "paragraph"]
    assert len(rows) - 1 == 41066
    assert len({r[0] for r in rows[1:]}) == 41066  # every id once

    xlsx_path = tmp_path / "all.xlsx"
    with xlsx_path.open("wb") as out:
        export_to_file("recommendations", "xlsx", None, QueryDict(), out, layout="uhri")
    wb = load_workbook(xlsx_path, read_only=True)
    n = sum(1 for _ in wb.active.iter_rows(min_row=2, max_col=1, values_only=True))
    assert n == 41066

    # The HTTP route streams the same data, filtered like the portal list.
    response = client.get("/reports/export/recommendations.csv?country=SVN")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    svn = list(csv.DictReader(io.StringIO(body)))
    # 286 rows have To "Slovenia" in the five files (counted in the CSVs: sessions 7 and 20).
    assert len(svn) == 286
    assert {r["country"] for r in svn} == {"SVN"}
