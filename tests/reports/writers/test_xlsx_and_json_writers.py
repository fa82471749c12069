"""``reports.writers.xlsx`` and ``reports.writers.json_stream``: the export writers."""

from __future__ import annotations

import datetime as dt
import io
import json

from openpyxl import load_workbook

from rightstrack.core.csv_stream import Column
from rightstrack.reports.writers.json_stream import json_chunks
from rightstrack.reports.writers.xlsx import write_xlsx, xlsx_tempfile

COLUMNS = [
    Column("id", lambda r: r[0]),
    Column("text", lambda r: r[1]),
    Column("tags", lambda r: r[2]),
]
ROWS = [(1, "=SUM(A1:A2) stays text", ["a", "b"]), (2, "bell\x07 removed", None)]


def test_xlsx_has_a_frozen_header_joined_lists_and_formulas_as_text():
    out = io.BytesIO()
    assert write_xlsx(ROWS, COLUMNS, out, "A sheet title longer than thirty-one characters") == 2
    ws = load_workbook(io.BytesIO(out.getvalue())).active
    assert ws.title == "A sheet title longer than thirt"
    assert ws.freeze_panes == "A2"
    assert [[c.value for c in row] for row in ws.iter_rows()] == [
        ["id", "text", "tags"],
        [1, "=SUM(A1:A2) stays text", "a; b"],
        [2, "bell removed", None],
    ]
    assert ws["B2"].data_type == "s"


def test_xlsx_tempfile_is_rewound():
    tmp = xlsx_tempfile(ROWS, COLUMNS, "T")
    assert tmp.read(2) == b"PK"
    tmp.close()


def test_json_stream_is_one_document_with_count_meta_and_arrays():
    rows = [{"d": dt.date(2023, 12, 1), "l": ["x"], "s": "Türkiye"}] * 3
    columns = [Column(k, lambda r, k=k: r[k]) for k in ("d", "l", "s")]
    chunks = list(json_chunks(rows, columns, 3, {"layout": "default"}))
    data = b"".join(chunks)
    assert "Türkiye".encode() in data  # not \\u-escaped
    assert json.loads(data) == {
        "count": 3,
        "layout": "default",
        "results": [{"d": "2023-12-01", "l": ["x"], "s": "Türkiye"}] * 3,
    }
    assert json.loads(b"".join(json_chunks([], columns, 0, {}))) == {"count": 0, "results": []}
