"""Bad uploads get a clear message naming the file (and page/row), and nothing is stored."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from .upload_helpers import (
    CORRUPT_PDF,
    catalogue_state,
    staging_entries,
)

pytestmark = pytest.mark.usefixtures("upload_settings", "reference_data")


def _post(client, upload, **extra):
    data = {"file": upload, "visibility": "public", "format": "", **extra}
    return client.post(reverse("ingest:upload"), data)


def test_a_corrupt_pdf_is_refused_with_its_file_name(
    shared_raw, coordinator, client_for, upload_settings
):
    client = client_for(coordinator)
    before = catalogue_state()

    with (shared_raw / CORRUPT_PDF).open("rb") as fh:
        response = _post(client, fh)

    html = response.content.decode()
    assert response.status_code == 422
    assert "This file cannot be imported" in html
    assert '<span class="problem-where">g0917123_CORRUPT.pdf</span>: damaged PDF' in html
    assert "Confirm import" not in html
    assert catalogue_state() == before
    assert staging_entries(upload_settings) == []


def test_a_scanned_pdf_says_ocr_is_needed(coordinator, client_for, upload_settings, tmp_path):
    from PIL import Image

    scan = tmp_path / "scanned.pdf"
    Image.new("RGB", (200, 280), "white").save(scan, "PDF")
    before = catalogue_state()

    with scan.open("rb") as fh:
        response = _post(client_for(coordinator), fh)

    html = response.content.decode()
    assert response.status_code == 422
    assert '<span class="problem-where">scanned.pdf, page 1</span>' in html
    assert "OCR is needed" in html
    assert catalogue_state() == before
    assert staging_entries(upload_settings) == []


def test_text_with_broken_encoding_is_refused(shared_raw, coordinator, client_for, upload_settings):
    # OHCHR-Juris/case_1.json: its 'text' is UTF-16 read as UTF-8 (a NUL after every letter)
    path = shared_raw / "tb-juris-worldwidelaw" / "OHCHR-Juris" / "case_1.json"
    before = catalogue_state()

    with path.open("rb") as fh:
        response = _post(client_for(coordinator), fh)

    html = response.content.decode()
    assert response.status_code == 422
    assert '<span class="problem-where">case_1.json</span>: broken text encoding' in html
    assert "NUL characters" in html
    assert catalogue_state() == before
    assert staging_entries(upload_settings) == []


def test_an_empty_file_is_refused(coordinator, client_for, upload_settings):
    client = client_for(coordinator)
    before = catalogue_state()

    response = _post(client, SimpleUploadedFile("matrix.csv", b""))

    assert response.status_code == 422
    assert "matrix.csv</span>: the file is empty (0 bytes)" in response.content.decode()
    assert catalogue_state() == before
    assert staging_entries(upload_settings) == []


def test_a_file_of_no_known_format_is_refused(coordinator, client_for, upload_settings):
    client = client_for(coordinator)
    before = catalogue_state()
    upload = SimpleUploadedFile("shopping.txt", b"eggs\nmilk\nbread\n")

    response = _post(client, upload)

    assert response.status_code == 422
    assert "shopping.txt</span>: unknown format" in response.content.decode()
    assert catalogue_state() == before
    assert staging_entries(upload_settings) == []


def test_a_csv_missing_required_columns_names_them(coordinator, client_for, upload_settings):
    client = client_for(coordinator)
    before = catalogue_state()
    upload = SimpleUploadedFile(
        "matrix.csv", b"symbol,paragraph,country\nCERD/C/BRA/CO/18-20,17,BRA\n"
    )

    response = _post(client, upload, format="generic-table")

    html = response.content.decode()
    assert response.status_code == 422
    assert "matrix.csv" in html
    assert "mechanism" in html and "text" in html
    assert catalogue_state() == before
