"""Bad input: a clear message naming file and row/cell, and the database exactly as before.

Each case first imports a real file (so there is something to damage), then the
bad one, and compares every table an import writes.
"""

import gzip
import io
import zipfile

import pytest

from rightstrack.ingest.models import ImportRun
from rightstrack.ingest.pipeline import import_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(reference_data, cycle3, snapshot):
    """The cycle 3 list imported; returns the snapshot to compare with."""
    assert import_file(cycle3).status == "succeeded"
    return snapshot()


@pytest.fixture
def upr_head(upr_info_dir) -> bytes:
    """Header and first 20 rows of 1-5.csv, original bytes (Mac Roman, CR)."""
    raw = gzip.decompress((upr_info_dir / "1-5.csv.gz").read_bytes())
    return b"\r".join(raw.split(b"\r")[:21]) + b"\r"


def failed(path, **kwargs) -> ImportRun:
    run = import_file(path, **kwargs)
    assert run.status == ImportRun.Status.FAILED
    assert ImportRun.objects.get(pk=run.pk).status == "failed"  # the run survives the rollback
    return run


def test_wrong_encoding_utf16_is_refused(loaded, snapshot, tmp_path, upr_head):
    path = tmp_path / "1-5-utf16.csv"
    path.write_bytes(upr_head.decode("mac_roman").encode("utf-16"))
    run = failed(path, format="upr-info-csv")
    assert run.message == (
        "1-5-utf16.csv, row 1: wrong encoding: the file is UTF-16 (Excel 'Unicode text'); "
        "save it as CSV UTF-8"
    )
    assert snapshot() == loaded


def test_latin1_bytes_in_a_generic_csv_name_the_row(loaded, snapshot, tmp_path):
    path = tmp_path / "hand.csv"
    path.write_bytes(
        b"symbol,paragraph,country,mechanism,text\n"
        b"E/C.12/AUS/CO/6,7,AUS,CESCR,Adopt federal legislation\n"
        b"E/C.12/AUS/CO/6,9,AUS,CESCR,Caf\xe9 workers\n"
    )
    run = failed(path)
    assert run.format == "generic-table"
    assert run.message == (
        "hand.csv, row 3: wrong encoding: byte 0xe9 at offset 125 is not valid UTF-8; "
        "save the file as UTF-8"
    )
    assert snapshot() == loaded


def test_missing_columns_are_named(loaded, snapshot, tmp_path):
    path = tmp_path / "hand.csv"
    path.write_text("symbol,paragraph,country,text\nE/C.12/AUS/CO/6,7,AUS,Adopt\n")
    run = failed(path)
    assert run.errors == [
        {
            "file": "hand.csv",
            "row": 1,
            "message": "missing required column(s) mechanism (required: symbol, paragraph, "
            "country, mechanism, text; see docs/import-generic.md)",
        }
    ]
    assert snapshot() == loaded


def test_truncated_docx_is_refused(loaded, snapshot, tmp_path, cycle4):
    path = tmp_path / "upr48-truncated.docx"
    data = cycle4.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    run = failed(path)
    assert run.format == "ohchr-thematic-list"
    assert run.message.startswith("upr48-truncated.docx: not a readable DOCX file (corrupt or")
    assert snapshot() == loaded


def test_docx_with_a_corrupt_body_is_refused(loaded, snapshot, tmp_path, cycle4):
    path = tmp_path / "upr48-corrupt.docx"
    out = io.BytesIO()
    with zipfile.ZipFile(cycle4) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "word/document.xml":
                body = body[: len(body) // 3]  # cut in the middle of the table
            dst.writestr(item, body)
    path.write_bytes(out.getvalue())
    run = failed(path, format="ohchr-thematic-list")
    assert run.message.startswith("upr48-corrupt.docx: not a readable DOCX file")
    assert snapshot() == loaded


def test_empty_file_is_refused(loaded, snapshot, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    run = failed(path)
    assert run.message == "empty.csv: the file is empty (0 bytes)"
    assert snapshot() == loaded


def test_huge_cell_names_row_and_column(loaded, snapshot, tmp_path, upr_head):
    rows = upr_head.split(b"\r")
    rows[3] = (
        b'Albania,EEG,"OIC, OIF","' + b"x" * 150_000 + b'",France,WEOG,EU,Accepted,4,Justice,6'
    )
    path = tmp_path / "huge.csv"
    path.write_bytes(b"\r".join(rows))
    run = failed(path)
    assert run.format == "upr-info-csv"
    assert run.message == (
        "huge.csv, row 4, column 'Text': cell holds 150,000 characters, more than the "
        "100,000 allowed; the export is probably broken (a missing quote can merge many "
        "rows into one cell)"
    )
    assert snapshot() == loaded


def test_unknown_format_is_refused(loaded, snapshot, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Minutes of the NMRF meeting, 3 March\n")
    run = failed(path)
    assert run.message.startswith("notes.txt: unknown format: this file matches none of")
    assert snapshot() == loaded


def test_missing_file_is_reported(reference_data, tmp_path):
    run = failed(tmp_path / "nowhere.csv")
    assert run.message == f"nowhere.csv: file not found: {tmp_path / 'nowhere.csv'}"


def test_a_failure_after_rows_were_written_rolls_everything_back(loaded, snapshot, tmp_path):
    # row 2 creates document E/C.12/AUS/CO/6 before row 3 fails on its mechanism
    path = tmp_path / "hand.csv"
    path.write_text(
        "symbol,paragraph,country,mechanism,text\n"
        "E/C.12/AUS/CO/6,7,AUS,CESCR,Adopt comprehensive federal human rights legislation\n"
        "E/C.12/AUS/CO/6,9,AUS,XYZ,Strengthen the Commission\n",
        encoding="utf-8",
    )
    run = failed(path)
    assert run.message == "hand.csv, row 3, column 'mechanism': unknown mechanism 'XYZ'"
    assert snapshot() == loaded
