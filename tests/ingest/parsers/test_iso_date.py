"""``_text.iso_date``: the one date check of the table parsers (real calendar dates only)."""

from __future__ import annotations

import json

import pytest

from rightstrack.ingest.errors import ImportFailure
from rightstrack.ingest.parsers._text import iso_date
from rightstrack.ingest.parsers.uhri import parse_uhri_json


@pytest.mark.parametrize(
    ("value", "expected"),
    [("", ""), ("  ", ""), ("2024-02-29", "2024-02-29"), ("2019-05-15T00:00:00", "2019-05-15")],
)
def test_a_real_date_or_an_empty_cell_is_read(value, expected):
    assert iso_date(value, "f.csv", row=2, cell="date") == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2019-02-30", "2019-02-30 is not a real date"),
        ("2023-02-29", "2023-02-29 is not a real date"),
        ("2019-13-01", "2019-13-01 is not a real date"),
        ("2019-04-31T10:00", "2019-04-31 is not a real date"),
        ("30/02/2019", "date '30/02/2019' is not YYYY-MM-DD"),
    ],
)
def test_an_impossible_or_misshapen_date_names_file_row_and_column(value, message):
    with pytest.raises(ImportFailure) as info:
        iso_date(value, "f.csv", row=7, cell="date")
    assert str(info.value) == f"f.csv, row 7, column 'date': {message}"


def test_a_uhri_record_with_an_impossible_date_fails(tmp_path):
    path = tmp_path / "uhri.json"
    record = {
        "_id": "x-1",
        "text": "Heading\n7. Recommends...",
        "symbol": "E/C.12/AUS/CO/6",
        "body": "CESCR",
        "date": "2019-02-30",
    }
    path.write_text(json.dumps([record]), encoding="utf-8")
    with pytest.raises(ImportFailure, match=r"row 1, column 'date': 2019-02-30 is not a real date"):
        parse_uhri_json(path)
