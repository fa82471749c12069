"""A sheet read through a column mapping (pure parser, ``parsers/mapped.py``): value maps,
dates in the sheet's format, lists split on the sheet's separator, first non-empty
column, fixed values, and errors naming the sheet's row and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from rightstrack.ingest.errors import ImportFailure
from rightstrack.ingest.parsers.generic import check_rows
from rightstrack.ingest.parsers.mapped import MappingSpec, apply_mapping, propose_columns
from rightstrack.ingest.parsers.tabular import Table

PATH = Path("suivi.csv")
HEADER = ["N°", "Recommandation", "Réponse", "Pays", "Date", "Thèmes", "Code", "Mécanisme"]
ROWS = [
    (
        2,
        ["1", "Ratifier la Convention", "Acceptée", "", "31/12/2019", "Women; Children", "", "EPU"],
    ),
    (3, ["2", "Adopter une loi", "Notée", "MAR", "02/01/2020", "", "CERD", "Organes"]),
]
SPEC = MappingSpec(
    name="Suivi",
    key="suivi",
    columns={
        "source_id": ("N°",),
        "text": ("Recommandation",),
        "position": ("Réponse",),
        "country": ("Pays",),
        "date": ("Date",),
        "themes": ("Thèmes",),
        "mechanism": ("Code", "Mécanisme"),
    },
    constants={"country": "Morocco"},
    value_maps={
        "position": {"acceptée": "supported", "Notée": "noted"},
        "mechanism": {"EPU": "UPR"},
    },
    date_format="%d/%m/%Y",
    list_separator=";",
    language="fr",
)


def _rows(spec: MappingSpec = SPEC, rows=ROWS):
    mapped = apply_mapping(Table(HEADER, rows), spec, PATH)
    return check_rows(mapped.table, PATH, cells=mapped.cells, key_prefix="mapped:suivi:")


def test_values_dates_lists_and_fallbacks_are_read_through_the_mapping():
    first, second = _rows()
    assert first.key == "mapped:suivi:1"
    assert (first.position, first.date, first.country_iso3, first.mechanism) == (
        "supported",
        "2019-12-31",
        "MAR",
        "UPR",
    )
    # themes split on ";" are handed on comma-joined: the vocabulary splits them against
    # the known labels (a label may itself contain ";")
    assert first.themes == ("Women, Children",)
    assert (second.position, second.date, second.mechanism) == ("noted", "2020-01-02", "CERD")


def test_a_value_with_no_map_entry_is_refused_naming_the_sheets_column():
    rows = [(2, ["1", "Ratifier", "Rejetée", "", "", "", "", "EPU"])]
    with pytest.raises(ImportFailure) as caught:
        _rows(rows=rows)
    problem = caught.value.problem
    assert (problem.row, problem.cell) == (2, "Réponse")
    assert "position 'Rejetée' is not supported, noted, pending or empty" in problem.message


def test_a_date_not_in_the_mappings_format_is_refused():
    rows = [(5, ["1", "Ratifier", "", "", "2019.12.31", "", "", "EPU"])]
    with pytest.raises(ImportFailure) as caught:
        _rows(rows=rows)
    assert (caught.value.problem.row, caught.value.problem.cell) == (5, "Date")


def test_a_mapped_column_missing_from_the_sheet_is_refused_on_row_1():
    with pytest.raises(ImportFailure) as caught:
        apply_mapping(Table(HEADER[:2], []), SPEC, PATH)
    assert caught.value.problem.row == 1
    assert "'Réponse'" in caught.value.problem.message


def test_a_mapping_without_identity_cannot_be_used():
    spec = MappingSpec(name="x", key="x", columns={"text": ("Recommandation",)})
    problems = spec.problems()
    assert "no column or fixed value for 'country'" in problems
    assert any("identity" in p for p in problems)


def test_columns_named_like_the_fields_are_proposed():
    assert propose_columns(["Symbol", "Paragraph", "TEXT", "Other"]) == {
        "symbol": ("Symbol",),
        "paragraph": ("Paragraph",),
        "text": ("TEXT",),
    }


def test_an_error_names_the_column_the_value_was_taken_from():
    rows = [(4, ["1", "Ratifier", "", "", "", "", "", "Organes"])]
    mapped = apply_mapping(Table(HEADER, rows), SPEC, PATH)
    (row,) = check_rows(
        mapped.table, PATH, cells=mapped.cells, key_prefix="mapped:suivi:", origins=mapped.origins
    )
    # "Code" was empty: the mechanism came from "Mécanisme"
    assert row.cells["mechanism"] == "Mécanisme"
    assert row.mechanism == "ORGANES"
