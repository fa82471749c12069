"""``tabular.csv_records``: the one CSV reader of every import, RFC 4180 as Excel writes it."""

from __future__ import annotations

import pytest

from rightstrack.ingest.errors import ImportFailure
from rightstrack.ingest.parsers.tabular import csv_records, separator


def test_doubled_quotes_line_breaks_and_bom():
    text = '\ufeffa,b\r\n"He said ""hello"" then left","x, ""y""\r\nz"\r\n'
    assert list(csv_records(text)) == [
        ["a", "b"],
        ['He said "hello" then left', 'x, "y"\r\nz'],
    ]


@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_the_separator_comes_from_the_header_and_quotes_are_always_doubled(sep):
    text = sep.join(["id", "text"]) + "\n" + sep.join(["1", '"a ""b""; c, d"']) + "\n"
    assert separator(text.split("\n")[0]) == sep
    assert list(csv_records(text)) == [["id", "text"], ["1", 'a "b"; c, d']]


def test_a_one_column_header_reads_as_comma_separated():
    assert list(csv_records('text\n"a ""b"""\n')) == [["text"], ['a "b"']]


@pytest.mark.parametrize(
    "body", ['a,b\n"never closed,x\nc,d\n', 'a,b\n"x"y,z\n'], ids=["unclosed", "after-quote"]
)
def test_broken_quoting_is_refused_with_file_and_row(body):
    with pytest.raises(ImportFailure, match=r"^f\.csv, row 2: broken CSV quoting"):
        list(csv_records(body, "f.csv"))
