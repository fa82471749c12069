"""The one CSV writer: UTF-8 with BOM, RFC 4180 quoting, lists joined, streamed in chunks."""

from __future__ import annotations

import csv
import datetime as dt
import io

from rightstrack.core.csv_stream import (
    BOM,
    CONTENT_TYPE,
    Column,
    cell,
    csv_cell_chunks,
    csv_chunks,
    write_csv,
)

COLUMNS = [
    Column("id", lambda r: r["id"]),
    Column("text", lambda r: r["text"]),
    Column("tags", lambda r: r["tags"]),
    Column("date", lambda r: r["date"]),
]
ROWS = [
    {
        "id": 1,
        "text": 'Says "hello", then\nleaves',
        "tags": ["a", "b"],
        "date": dt.date(2023, 12, 1),
    },
    {"id": 2, "text": "Türkiye, 中国, Россия, مصر", "tags": [], "date": None},
]


def test_the_file_starts_with_a_bom_and_the_header():
    chunks = list(csv_chunks(ROWS, COLUMNS))
    assert chunks[0] == (BOM + "id,text,tags,date\r\n").encode("utf-8")
    assert chunks[0].startswith(b"\xef\xbb\xbf")
    assert CONTENT_TYPE == "text/csv; charset=utf-8"


def test_cells_are_quoted_joined_and_written_as_text():
    data = b"".join(csv_chunks(ROWS, COLUMNS))
    assert data.endswith(b"\r\n")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows == [
        ["id", "text", "tags", "date"],
        ["1", 'Says "hello", then\nleaves', "a; b", "2023-12-01"],
        ["2", "Türkiye, 中国, Россия, مصر", "", ""],
    ]
    assert b'"Says ""hello"", then\nleaves"' in data


def test_cell_flattens_lists_and_none_only():
    assert cell(None) == ""
    assert cell(["x", 2]) == "x; 2"
    assert cell(7) == 7
    assert cell(dt.date(2020, 1, 2)) == dt.date(2020, 1, 2)


def test_rows_are_read_lazily_and_yielded_in_chunks():
    seen = []

    def rows():
        for i in range(5):
            seen.append(i)
            yield {"id": i, "text": "", "tags": [], "date": None}

    stream = csv_chunks(rows(), COLUMNS, rows_per_chunk=2)
    assert next(stream).startswith(b"\xef\xbb\xbf")
    assert seen == []  # nothing read before the header is sent
    rest = list(stream)
    assert [chunk.count(b"\r\n") for chunk in rest] == [2, 2, 1]
    assert seen == [0, 1, 2, 3, 4]


def test_no_rows_gives_the_header_alone_and_write_csv_writes_the_same_bytes():
    assert list(csv_chunks([], COLUMNS)) == [(BOM + "id,text,tags,date\r\n").encode()]
    out = io.BytesIO()
    write_csv(ROWS, COLUMNS, out)
    assert out.getvalue() == b"".join(csv_chunks(ROWS, COLUMNS))


#: Cells a spreadsheet would run as formulas (OWASP "CSV injection"), and cells it would not.
TRAPS: list[object] = [
    '=HYPERLINK("http://evil.example","Click")',
    "+1+2",
    "-2+3",
    "@SUM(A1:A9)",
    "\tTabbed",
    "\rReturned",
    ["-listed", "second"],
    "a = b, not a formula",
    "'=already quoted",
    -5,
    -1.5,
    0,
    dt.date(2020, 1, 2),
    None,
]


def test_text_a_spreadsheet_would_run_as_a_formula_gets_a_leading_quote():
    """OWASP "CSV injection": a text cell starting with = + - @ tab or CR is prefixed with '."""
    columns = [Column("value", lambda r: r)]
    rows = TRAPS
    data = b"".join(csv_chunks(rows, columns))
    read = [r[0] for r in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))]
    assert read == [
        "value",
        '\'=HYPERLINK("http://evil.example","Click")',
        "'+1+2",
        "'-2+3",
        "'@SUM(A1:A9)",
        "'\tTabbed",
        "'\rReturned",
        "'-listed; second",
        "a = b, not a formula",
        "'=already quoted",
        "-5",  # numbers stay numbers: a negative int or float is not touched
        "-1.5",
        "0",
        "2020-01-02",
        "",
    ]
    out = io.BytesIO()
    write_csv(rows, columns, out)
    assert out.getvalue() == data


def test_cells_laid_out_by_the_caller_give_the_same_bytes():
    """``csv_cell_chunks`` (cells in column order, no getter per cell) writes what
    ``csv_chunks`` writes for columns returning those cells: lists joined, formulas
    neutralised, numbers untouched, in the same chunks."""
    headers = [c.header for c in COLUMNS]
    cells = [[c.get(row) for c in COLUMNS] for row in ROWS]
    assert list(csv_cell_chunks(headers, cells)) == list(csv_chunks(ROWS, COLUMNS))
    # The traps, with a list of plain values and a text starting with "[" (a list's first
    # character) added after the listed one, and an empty text at the end.
    values = [*TRAPS[:7], ["a", "b"], "[bracketed] but no formula", *TRAPS[7:], ""]
    columns = [Column("value", lambda r: r)]
    rows = [[value] for value in values] + [[1, value, "plain"] for value in values]
    wide = [Column(str(i), lambda r, i=i: r[i] if i < len(r) else None) for i in range(3)]
    assert list(csv_cell_chunks(["value"], [r[:1] for r in rows[: len(values)]])) == list(
        csv_chunks(values, columns)
    )
    data = b"".join(csv_cell_chunks(["0", "1", "2"], rows[len(values) :], rows_per_chunk=4))
    assert data == b"".join(csv_chunks(rows[len(values) :], wide))
    read = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [r[1] for r in read[1:6]] == [
        '\'=HYPERLINK("http://evil.example","Click")',
        "'+1+2",
        "'-2+3",
        "'@SUM(A1:A9)",
        "'\tTabbed",
    ]
    assert [r[1] for r in read[7:10]] == ["'-listed; second", "a; b", "[bracketed] but no formula"]
    assert [r[1] for r in read[12:16]] == ["-5", "-1.5", "0", "2020-01-02"]


def test_cells_are_read_lazily_and_yielded_in_chunks():
    seen = []

    def cells():
        for i in range(5):
            seen.append(i)
            yield [i, "", [], None]

    stream = csv_cell_chunks(["id", "text", "tags", "date"], cells(), rows_per_chunk=2)
    assert next(stream) == (BOM + "id,text,tags,date\r\n").encode("utf-8")
    assert seen == []  # nothing read before the header is sent
    assert [chunk.count(b"\r\n") for chunk in stream] == [2, 2, 1]
    assert seen == [0, 1, 2, 3, 4]
    assert list(csv_cell_chunks(["id"], [])) == [(BOM + "id\r\n").encode("utf-8")]
