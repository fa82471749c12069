"""Tabular uploads: the preview counts the records, shows the first 20 rows and the rows
rejected, and stores nothing. Counts checked by hand in the files: the
UPR Info export 1-5.csv holds 6,094 recommendations; the cycle 4 Slovenia thematic list
254 numbers, the first printed one being 140.7 (Maldives, Portugal; supported)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from .conftest import CYCLE4, UPR_INFO
from .upload_helpers import catalogue_state, staging_entries

pytestmark = pytest.mark.usefixtures("upload_settings", "reference_data")


def _upload(client, path):
    with path.open("rb") as fh:
        return client.post(reverse("ingest:upload"), {"file": fh, "visibility": "public"})


def _body_rows(html: str) -> list[str]:
    table = re.search(
        r'aria-labelledby="rows-heading">\s*<table.*?<tbody>(.*?)</tbody>', html, re.S
    )
    assert table is not None
    return re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S)


def test_the_upr_info_export_preview_counts_its_rows(coordinator, client_for, upload_settings):
    before = catalogue_state()

    response = _upload(client_for(coordinator), UPR_INFO / "1-5.csv.gz")

    html = response.content.decode()
    assert response.status_code == 200
    assert "UPR Info database CSV" in html
    assert "6,094 records found." in html
    assert "The first 20 are shown." in html
    rows = _body_rows(html)
    assert len(rows) == 20
    # row 2 of 1-5.csv: Austria to Afghanistan (session 5), Accepted
    assert re.search(r'<th scope="row" class="num">2</th><td dir="auto">AFG</td>', rows[0])
    assert "Austria" in rows[0] and "Accepted" in rows[0]
    assert "Rows rejected" in html
    assert catalogue_state() == before
    assert len(staging_entries(upload_settings)) == 1


def test_the_thematic_list_preview_shows_its_numbers(coordinator, client_for):
    before = catalogue_state()

    response = _upload(client_for(coordinator), CYCLE4)

    html = response.content.decode()
    assert response.status_code == 200
    assert "254 records found." in html
    first = _body_rows(html)[0]
    assert "140.7" in first and "Maldives; Portugal" in first and "supported" in first
    assert catalogue_state() == before
