"""A generic CSV is read as RFC 4180 (as Excel writes it) through ``rightstrack import``.

Doubled quotes, line breaks inside quoted cells, a BOM, and semicolon or tab
separators: the stored text is exactly the cell's text, never a misreading.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from rightstrack.catalog.models import Recommendation

pytestmark = pytest.mark.django_db

HEADER = "symbol,paragraph,country,mechanism,text,date\r\n"


def _import(tmp_path, body: str, *, name: str = "kept-by-hand.csv", bom: bool = False) -> None:
    path = tmp_path / name
    path.write_bytes((("\ufeff" if bom else "") + body).encode("utf-8"))
    call_command("import", str(path), stdout=io.StringIO())


def test_doubled_quotes_are_one_quote_in_the_stored_text(reference_data, tmp_path):
    _import(
        tmp_path,
        HEADER
        + 'A/HRC/59/15,140.1,Slovenia,UPR,"He said ""hello"" then left",2025-07-03\r\n'
        + 'A/HRC/59/15,140.2,Slovenia,UPR,"She said ""yes"", then left",2025-07-03\r\n',
        bom=True,
    )
    texts = dict(Recommendation.objects.values_list("paragraph", "text"))
    assert texts == {
        "140.1": 'He said "hello" then left',
        "140.2": 'She said "yes", then left',
    }
    assert str(Recommendation.objects.get(paragraph="140.2").date) == "2025-07-03"


def test_a_line_break_inside_a_quoted_cell_is_kept(reference_data, tmp_path):
    _import(
        tmp_path,
        HEADER
        + 'A/HRC/59/15,140.1,Slovenia,UPR,"First line, ""quoted""\r\nsecond line",2025-07-03\r\n'
        + "A/HRC/59/15,140.2,Slovenia,UPR,Plain,2025-07-03\r\n",
    )
    texts = dict(Recommendation.objects.values_list("paragraph", "text"))
    assert texts == {"140.1": 'First line, "quoted"\nsecond line', "140.2": "Plain"}


@pytest.mark.parametrize("sep", [";", "\t"])
def test_semicolon_and_tab_separated_files_keep_doubled_quotes(reference_data, tmp_path, sep):
    rows = [
        ["symbol", "paragraph", "country", "mechanism", "text", "date"],
        ["A/HRC/59/15", "140.1", "Slovenia", "UPR", '"He said ""hi""; then left"', "2025-07-03"],
    ]
    _import(tmp_path, "".join(sep.join(r) + "\r\n" for r in rows), bom=True)
    assert Recommendation.objects.get().text == 'He said "hi"; then left'
