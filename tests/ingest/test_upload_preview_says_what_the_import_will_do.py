"""The upload preview says, before anything is stored, what the import will do: the
counts, the remarks (an unknown label mapped, with its row), or why it would be refused
(then no "Confirm import" button). The preview runs the import and rolls it back."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from rightstrack.catalog.models import Recommendation, Theme
from rightstrack.ingest.models import ImportRun

pytestmark = pytest.mark.usefixtures("upload_settings", "reference_data")

# Row 3 has "Right to educaton": a typo of the theme "Right to education" (themes.csv).
TABLE = (
    "symbol,paragraph,country,mechanism,text,themes\n"
    "CRC/C/SVN/CO/5-6,1,SVN,CRC,Text one.,Right to education\n"
    "CRC/C/SVN/CO/5-6,2,SVN,CRC,Text two.,Right to educaton\n"
)


def _preview(client, tmp_path, **fields) -> str:
    path = tmp_path / "kept-by-hand.csv"
    path.write_text(TABLE, encoding="utf-8")
    with path.open("rb") as fh:
        response = client.post(
            reverse("ingest:upload"), {"file": fh, "visibility": "public", **fields}
        )
    assert response.status_code == 200
    return response.content.decode()


def _outcome(html: str) -> str:
    found = re.search(
        r'<section aria-labelledby="outcome-heading" id="outcome">(.*?)</section>', html, re.S
    )
    assert found, html
    return found.group(1)


def test_a_file_the_import_would_refuse_is_refused_in_the_preview(
    coordinator, client_for, tmp_path
):
    themes = Theme.objects.count()
    html = _preview(client_for(coordinator), tmp_path)
    outcome = _outcome(html)
    assert "This import would be refused; nothing will be stored." in outcome
    assert "row 3" in outcome and "column “themes”" in outcome
    assert "unknown theme &#x27;Right to educaton&#x27;" in outcome
    assert "Confirm import" not in html
    assert "Cancel" in html
    assert Recommendation.objects.count() == 0
    assert Theme.objects.count() == themes
    assert ImportRun.objects.count() == 0


def test_with_map_the_preview_lists_the_mapping_before_anything_is_stored(
    coordinator, client_for, tmp_path
):
    html = _preview(client_for(coordinator), tmp_path, unknown_labels="map")
    outcome = _outcome(html)
    assert "New records: 2. Updated: 0. Unchanged: 0." in outcome
    assert "1 remark to read before you confirm:" in outcome
    assert "row 3" in outcome
    assert "mapped to &#x27;Right to education&#x27;" in outcome
    assert "Confirm import" in html
    assert Recommendation.objects.count() == 0
    assert ImportRun.objects.count() == 0


def test_in_spanish_the_outcome_is_in_spanish(coordinator, client_for, tmp_path):
    client = client_for(coordinator)
    client.cookies["django_language"] = "es"
    outcome = _outcome(_preview(client, tmp_path, unknown_labels="map"))
    assert "Registros nuevos: 2. Actualizados: 0. Sin cambios: 0." in outcome
