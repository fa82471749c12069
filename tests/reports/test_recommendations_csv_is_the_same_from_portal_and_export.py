"""One recommendations CSV: the portal's ``/recommendations.csv``, the reports export
``/reports/export/recommendations.csv`` and ``rightstrack export recommendations --format
csv`` give the same bytes for the same portal list parameters (BOM, columns, values,
links, row order). ``kind`` and ``layout`` are export-only parameters."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command
from django.test import Client

from rightstrack.portal.pages import RESULT_FIELDS

pytestmark = pytest.mark.django_db

#: Portal list parameters; each becomes ``--filter key=value`` on the command line.
FILTERS = [
    {},
    {"country": "SVN"},
    {"country": "PRY", "sort": "document"},
    {"q": "torture"},
    {"q": "dictatorship", "country": "PRY"},
    {"theme": "impunity", "sort": "oldest"},
    {"recommending_state": ["MDV", "PRT"], "sort": "country"},
    {"mechanism": "CCPR", "year": "2019"},
]


def _body(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def _cli_csv(tmp_path, params: dict, *extra: str) -> bytes:
    out = tmp_path / "export.csv"
    args = [f"{key}={value}" for key, values in params.items() for value in _values(values)]
    call_command(
        "export",
        "recommendations",
        "--format",
        "csv",
        "--base-url",
        "http://testserver/",
        *[arg for item in args for arg in ("--filter", item)],
        *extra,
        "-o",
        str(out),
    )
    return out.read_bytes()


def _values(value: str | list[str]) -> list[str]:
    return value if isinstance(value, list) else [value]


@pytest.mark.parametrize("params", FILTERS, ids=lambda p: "&".join(p) or "all")
def test_portal_csv_export_view_and_command_line_write_the_same_bytes(
    pry_co_catalogue, tmp_path, params
):
    client = Client()
    portal = _body(client.get("/recommendations.csv", params))
    export = _body(client.get("/reports/export/recommendations.csv", params))
    command_line = _cli_csv(tmp_path, params)

    assert export == portal
    assert command_line == portal

    # ... and that file is the unified format, with real rows in it.
    assert portal.startswith(b"\xef\xbb\xbf" + b"id,symbol,paragraph,")
    rows = list(csv.DictReader(io.StringIO(portal.decode("utf-8-sig"))))
    assert rows, "the filter should match some rows"
    assert list(rows[0]) == RESULT_FIELDS
    assert all(r["url"] == f"http://testserver/recommendations/{r['id']}/" for r in rows)
    assert pry_co_catalogue.marker not in portal.decode("utf-8-sig")


def test_the_shared_file_holds_the_expected_rows_in_the_list_order(pry_co_catalogue, tmp_path):
    params = {"country": "SVN", "sort": "document"}
    portal = _body(Client().get("/recommendations.csv", params))
    assert _cli_csv(tmp_path, params) == portal
    rows = list(csv.DictReader(io.StringIO(portal.decode("utf-8-sig"))))
    html_order = Client().get("/recommendations.json", {**params}).json()["results"]
    assert [r["id"] for r in rows] == [str(r["id"]) for r in html_order]
    assert [r["paragraph"] for r in rows] == ["140.7", "140.99"]
    row = rows[0]
    assert row["symbol"] == "A/HRC/59/15"
    assert row["document"] == "A/HRC/59/15"
    assert row["mechanism"] == "UPR"
    assert row["country"] == "SVN"
    assert row["year"] == "2025"
    assert row["upr_cycle"] == "4"
    assert row["recommending_states"] == "MDV; PRT"
    assert row["position"] == "supported"
    assert row["text"].startswith("Ratify the Optional Protocol")
    # a leading quote keeps it text in a spreadsheet (core.csv_stream, no formulas)
    assert rows[1]["text"] == "'=SUM(A1:A2) starts with an equals sign and must stay text"


def test_a_coordinator_gets_the_same_file_with_restricted_rows_everywhere(
    pry_co_catalogue, cast, client_for, tmp_path
):
    client = client_for(cast["coordinator"])
    portal = _body(client.get("/recommendations.csv"))
    assert _body(client.get("/reports/export/recommendations.csv")) == portal
    assert _cli_csv(tmp_path, {}, "--include-restricted") == portal
    assert pry_co_catalogue.marker in portal.decode("utf-8-sig")


def test_kind_is_an_export_only_narrowing(pry_co_catalogue):
    client = Client()
    everything = _body(client.get("/reports/export/recommendations.csv", {"country": "PRY"}))
    assert everything == _body(client.get("/recommendations.csv", {"country": "PRY"}))
    concerns = _body(
        client.get("/reports/export/recommendations.csv", {"country": "PRY", "kind": "concern"})
    )
    rows = list(csv.DictReader(io.StringIO(concerns.decode("utf-8-sig"))))
    assert rows and {r["kind"] for r in rows} == {"concern"}
    assert "12" in {r["paragraph"] for r in rows}
    # The concern rows are the same lines as in the unnarrowed file.
    assert set(concerns.splitlines()[1:]) < set(everything.splitlines()[1:])
