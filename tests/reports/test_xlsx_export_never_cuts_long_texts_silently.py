"""A text over Excel's 32,767-character cell limit is cut visibly in the XLSX export, and
a "Cut texts" sheet says which cell was cut and where the full text is (issue 9, row 13)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from rightstrack.catalog.models import Recommendation
from rightstrack.core.csv_stream import Column

pytestmark = pytest.mark.django_db

#: Excel's cell limit (Microsoft, "Excel specifications and limits").
EXCEL_CELL_CHARS = 32_767


def _long_text(length: int = 40_000) -> str:
    """The real paragraphs of CCPR/C/PRY/CO/4 in the fixture, joined and repeated to
    ``length`` characters."""
    paragraphs = [
        r.text
        for r in Recommendation.objects.filter(document__key="CCPR/C/PRY/CO/4").order_by("id")
    ]
    text = "\n".join(paragraphs)
    while len(text) < length:
        text += "\n" + text
    return text[:length]


def test_the_cli_xlsx_export_marks_the_cut_and_lists_it(pry_co_catalogue, tmp_path):
    long_text = _long_text()
    rec = Recommendation.objects.filter(document__key="CCPR/C/PRY/CO/4").order_by("id").first()
    Recommendation.objects.filter(pk=rec.pk).update(text=long_text)

    out = tmp_path / "pry.xlsx"
    call_command("export", "recommendations", "--format", "xlsx", "--country", "PRY", "-o", out)

    wb = load_workbook(out, read_only=True)
    main, notes = wb.worksheets
    rows = list(main.iter_rows(values_only=True))
    text_col = rows[0].index("text")
    (row_no, row) = next((n, r) for n, r in enumerate(rows, start=1) if r[0] == rec.pk)
    cell = row[text_col]
    assert len(cell) <= EXCEL_CELL_CHARS
    assert cell.endswith(
        "characters shown; Excel cells hold at most 32,767. The full text is in the CSV "
        "and JSON exports]"
    )
    kept = cell.index(" … [cut: ")
    assert cell[:kept] == long_text[:kept]
    assert f"[cut: {kept:,} of 40,000 characters shown" in cell
    assert kept > 32_000

    note_rows = list(notes.iter_rows(values_only=True))
    assert notes.title == "Cut texts"
    assert note_rows[1] == (
        row_no,
        "text",
        rec.pk,
        40_000,
        kept,
        "CSV and JSON exports of the same list",
    )
    assert len(note_rows) == 2  # only the one long text was cut

    # and the JSON export the note points to holds the whole text
    json_out = tmp_path / "pry.json"
    call_command(
        "export", "recommendations", "--format", "json", "--country", "PRY", "-o", json_out
    )
    results = json.loads(json_out.read_text(encoding="utf-8"))["results"]
    assert next(r for r in results if r["id"] == rec.pk)["text"] == long_text


def test_a_workbook_without_long_texts_has_one_sheet():
    from rightstrack.reports.writers.xlsx import write_xlsx

    out = io.BytesIO()
    write_xlsx(
        [(1, "short")], [Column("id", lambda r: r[0]), Column("text", lambda r: r[1])], out, "T"
    )
    assert len(load_workbook(io.BytesIO(out.getvalue())).worksheets) == 1


def test_a_text_of_exactly_the_limit_is_kept_whole_and_one_more_is_cut():
    from rightstrack.reports.writers.xlsx import fit_cell

    assert fit_cell("a" * EXCEL_CELL_CHARS) == ("a" * EXCEL_CELL_CHARS, None)
    text, kept = fit_cell("a" * (EXCEL_CELL_CHARS + 1))
    assert len(text) == EXCEL_CELL_CHARS
    assert text.startswith("a" * kept + " … [cut: ")


def test_characters_outside_the_bmp_count_twice_as_in_excel():
    from rightstrack.reports.writers.xlsx import fit_cell

    emoji_text = "\U0001f600" * 20_000  # 40,000 UTF-16 units
    text, kept = fit_cell(emoji_text)
    assert kept is not None
    units = len(text.encode("utf-16-le")) // 2
    assert units <= EXCEL_CELL_CHARS
