"""The upload form chooses what happens to unknown themes, affected persons and SDGs;
the preview and the run page show the policy, and the run records it. Plain forms:
radio buttons, no script."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from rightstrack.catalog.models import Recommendation, Theme
from rightstrack.ingest.models import ImportRun

from .upload_helpers import catalogue_state

pytestmark = pytest.mark.usefixtures("upload_settings", "reference_data")

# "Right to educaton": a typo of the theme "Right to education" (catalog/data/themes.csv)
TABLE = (
    "symbol,paragraph,country,mechanism,text,themes\n"
    "CRC/C/SVN/CO/5-6,1,SVN,CRC,Text one.,Right to education\n"
    "CRC/C/SVN/CO/5-6,2,SVN,CRC,Text two.,Right to educaton\n"
)


def _upload_and_confirm(client, tmp_path, **fields):
    path = tmp_path / "kept-by-hand.csv"
    path.write_text(TABLE, encoding="utf-8")
    with path.open("rb") as fh:
        preview = client.post(
            reverse("ingest:upload"), {"file": fh, "visibility": "public", **fields}
        )
    html = preview.content.decode()
    staged = re.search(r'name="staged" value="([0-9a-f]{32})"', html)
    assert staged, html
    response = client.post(reverse("ingest:confirm"), {"staged": staged.group(1)})
    return html, response


def test_the_form_offers_the_three_policies_as_radio_buttons(coordinator, client_for):
    html = client_for(coordinator).get(reverse("ingest:upload")).content.decode()
    for value in ("", "refuse", "map", "create"):
        assert f'type="radio" name="unknown_labels" value="{value}"' in html
    assert "<script" not in html.split("<form", 1)[1].split("</form>", 1)[0]


def test_by_default_a_table_with_a_typo_is_refused_and_nothing_stored(
    coordinator, client_for, tmp_path
):
    client = client_for(coordinator)
    before = catalogue_state()
    themes = Theme.objects.count()
    preview, response = _upload_and_confirm(client, tmp_path)
    assert re.search(r'id="unknown-labels">Refuse the file <span class="muted">', preview)
    run = ImportRun.objects.get()
    assert (run.status, run.unknown_labels) == ("failed", "refuse")
    assert (
        "unknown theme &#x27;Right to educaton&#x27;" in client.get(response.url).content.decode()
    )
    after = catalogue_state()
    assert after["recommendations"] == before["recommendations"] == 0
    assert Theme.objects.count() == themes


def test_map_chosen_on_the_form_maps_the_typo_and_the_run_page_says_so(
    coordinator, client_for, tmp_path
):
    client = client_for(coordinator)
    themes = Theme.objects.count()
    preview, response = _upload_and_confirm(client, tmp_path, unknown_labels="map")
    assert 'id="unknown-labels">Map to the closest known label</dd>' in preview
    run = ImportRun.objects.get()
    assert (run.status, run.unknown_labels, run.created) == ("succeeded", "map", 2)
    rec = Recommendation.objects.get(natural_key="CRC/C/SVN/CO/5-6#2")
    assert list(rec.themes.values_list("name", flat=True)) == ["Right to education"]
    assert Theme.objects.count() == themes
    page = client.get(response.url).content.decode()
    assert 'id="unknown-labels">Map to the closest known label</dd>' in page
    assert "row 3" in page and "mapped to &#x27;Right to education&#x27;" in page


def test_create_chosen_on_the_form_creates_the_label(coordinator, client_for, tmp_path):
    client = client_for(coordinator)
    themes = Theme.objects.count()
    _upload_and_confirm(client, tmp_path, unknown_labels="create")
    assert ImportRun.objects.get().unknown_labels == "create"
    assert Theme.objects.count() == themes + 1
    assert Theme.objects.filter(name="Right to educaton").exists()


def test_a_policy_not_offered_is_refused_by_the_form(coordinator, client_for, tmp_path):
    path = tmp_path / "kept-by-hand.csv"
    path.write_text(TABLE, encoding="utf-8")
    with path.open("rb") as fh:
        response = client_for(coordinator).post(
            reverse("ingest:upload"),
            {"file": fh, "visibility": "public", "unknown_labels": "guess"},
        )
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert ImportRun.objects.count() == 0
