"""Exports of filtered lists: CSV, XLSX and JSON, two layouts, streamed, never restricted rows."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.http import StreamingHttpResponse
from openpyxl import load_workbook

from rightstrack.portal.pages import RESULT_FIELDS

pytestmark = pytest.mark.django_db

# CCPR/C/PRY/CO/4 paragraphs 3 to 45 are in the fixture: 43 public rows for PRY.
PRY_PUBLIC_ROWS = 43


def _body(response) -> bytes:
    if isinstance(response, StreamingHttpResponse) or response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _csv_rows(content: bytes) -> list[dict[str, str]]:
    """Every CSV export is UTF-8 with a byte-order mark (``core.csv_stream``)."""
    assert content.startswith(b"\xef\xbb\xbf"), content[:20]
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_csv_export_holds_every_row_matching_the_filter(client, pry_co_catalogue):
    response = client.get("/reports/export/recommendations.csv?country=PRY")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    rows = _csv_rows(_body(response))
    assert len(rows) == PRY_PUBLIC_ROWS
    assert list(rows[0]) == RESULT_FIELDS  # the portal's columns
    by_para = {r["paragraph"]: r for r in rows}
    assert by_para["13"]["symbol"] == "CCPR/C/PRY/CO/4"
    assert by_para["13"]["url"] == f"http://testserver/recommendations/{by_para['13']['id']}/"
    assert by_para["13"]["text"].startswith("The State party should:\n(a) Ensure that all cases")
    assert by_para["13"]["themes"] == "Administration of justice & fair trial; Impunity"
    assert by_para["12"]["kind"] == "concern"


def test_csv_export_combines_facets_like_the_portal(client, pry_co_catalogue):
    response = client.get("/reports/export/recommendations.csv?country=SVN&position=supported")
    rows = _csv_rows(_body(response))
    assert [r["paragraph"] for r in rows] == ["140.7"]
    assert rows[0]["recommending_states"] == "MDV; PRT"
    response = client.get("/reports/export/recommendations.csv?theme=impunity")
    assert {r["paragraph"] for r in _csv_rows(_body(response))} == {"12", "13"}


def test_xlsx_export_reads_back_with_openpyxl_and_keeps_formulas_as_text(client, pry_co_catalogue):
    response = client.get("/reports/export/recommendations.xlsx?country=SVN")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(_body(response)), read_only=True)
    rows = list(wb.active.iter_rows(values_only=True))
    header, data = rows[0], rows[1:]
    assert header[:4] == ("id", "symbol", "paragraph", "text")
    assert len(data) == 2
    texts = {r[3] for r in data}
    assert "=SUM(A1:A2) starts with an equals sign and must stay text" in texts


def test_json_export_has_count_and_every_result(client, pry_co_catalogue):
    response = client.get("/reports/export/recommendations.json?country=PRY&kind=recommendation")
    payload = json.loads(_body(response))
    assert payload["count"] == len(payload["results"])
    paragraphs = [r["paragraph"] for r in payload["results"]]
    assert {"13", "29", "35"} <= set(paragraphs)
    assert "12" not in paragraphs  # a concern, not a recommendation
    first = payload["results"][0]
    assert first["country"] == "PRY"
    assert first["mechanism"] == "CCPR"
    assert isinstance(first["themes"], list)


def test_uhri_layout_uses_the_uhri_field_names(client, pry_co_catalogue):
    response = client.get("/reports/export/recommendations.csv?country=SVN&layout=uhri")
    rows = _csv_rows(_body(response))
    assert list(rows[0]) == [
        "AnnotationId",
        "Symbol",
        "Paragraph",
        "Body",
        "AnnotationType",
        "Countries",
        "Text",
        "Themes",
        "AffectedPersons",
        "Sdgs",
        "PublicationDate",
        "UprCycle",
        "UprRecommendingCountry",
        "UprPosition",
    ]
    row = next(r for r in rows if r["Paragraph"] == "140.7")
    assert row["Body"] == "UPR"
    assert row["AnnotationType"] == "Recommendations"
    assert row["Countries"] == "Slovenia"
    assert row["UprRecommendingCountry"] == "Maldives; Portugal"
    assert row["UprPosition"] == "Supported"


def test_an_unknown_layout_is_refused_with_a_clear_message(client, pry_co_catalogue):
    response = client.get("/reports/export/recommendations.csv?layout=nope")
    assert response.status_code == 400
    assert b"Unknown layout" in response.content


BELOW_COORDINATOR = ["anonymous", "viewer", "contributor", "focal_point_a", "validator"]


def test_restricted_records_never_appear_in_any_export_below_coordinator(
    client_for, cast, pry_co_catalogue
):
    for role in BELOW_COORDINATOR:
        client = client_for(cast[role])
        for fmt in ("csv", "json", "xlsx"):
            for layout in ("default", "uhri"):
                response = client.get(f"/reports/export/recommendations.{fmt}?layout={layout}")
                assert response.status_code == 200, (role, fmt, layout)
                body = _body(response)
                if fmt == "xlsx":
                    wb = load_workbook(io.BytesIO(body), read_only=True)
                    body = repr(list(wb.active.iter_rows(values_only=True))).encode()
                assert pry_co_catalogue.marker.encode() not in body, (role, fmt, layout)
                assert b"CAT/OP/PRY" not in body, (role, fmt, layout)
                assert b"CCPR/C/PRY/CO/4" in body, (role, fmt, layout)


def test_a_coordinator_exports_restricted_but_not_archived_records(
    client_for, cast, pry_co_catalogue
):
    body = _body(client_for(cast["coordinator"]).get("/reports/export/recommendations.csv"))
    assert b"Confidential SPT finding" in body
    assert b"Embargoed paragraph" in body
    assert b"Archived paragraph" not in body


def test_the_cli_writes_a_filtered_export_without_restricted_rows(pry_co_catalogue, tmp_path):
    out = tmp_path / "pry.csv"
    call_command("export", "recommendations", "--format", "csv", "--country", "PRY", "-o", out)
    rows = _csv_rows(out.read_bytes())
    assert len(rows) == PRY_PUBLIC_ROWS
    assert pry_co_catalogue.marker not in out.read_text(encoding="utf-8")
    xlsx = tmp_path / "svn.xlsx"
    call_command(
        "export",
        "recommendations",
        "--format",
        "xlsx",
        "--layout",
        "uhri",
        "--country",
        "SVN",
        "-o",
        xlsx,
    )
    wb = load_workbook(xlsx, read_only=True)
    assert len(list(wb.active.iter_rows(values_only=True))) == 3  # header + 2 rows
