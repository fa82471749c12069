"""A column-mapped XLSX import round-trips (issue 10): Slovenia's recommendations of the
bundled sample (both OHCHR thematic lists: 215 recommendations of cycle 3, A/HRC/43/15,
and 254 of cycle 4, A/HRC/59/15, counted in the lists) exported to XLSX by
``rightstrack export``, then imported into an empty catalogue through a saved column
mapping, by ``rightstrack import FILE --mapping NAME`` and through the upload pages, give
the same records, field by field. A second import changes nothing (natural keys)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from rightstrack.catalog.models import Document, Recommendation
from rightstrack.ingest.actions import do_save_column_mapping
from rightstrack.ingest.models import ImportRun
from rightstrack.ingest.pipeline import import_file

from .conftest import CYCLE3, CYCLE4

pytestmark = pytest.mark.usefixtures("reference_data")

#: The export's columns (portal/rows.py, RECOMMENDATION_COLUMNS) → RightsTrack fields.
EXPORT_MAPPING = {
    "symbol": ["symbol"],
    "paragraph": ["paragraph"],
    "text": ["text"],
    "kind": ["kind"],
    "mechanism": ["mechanism"],
    "country": ["country"],
    "date": ["date"],
    "recommending_states": ["recommending_states"],
    "position": ["position"],
    "upr_cycle": ["upr_cycle"],
    "upr_session": ["upr_session"],
    "themes": ["themes"],
    "affected_persons": ["affected_persons"],
    "sdgs": ["sdgs", "sdg_targets"],
}


def records() -> dict[str, dict[str, object]]:
    """Every recommendation by symbol and paragraph, with the fields that are compared."""
    out = {}
    for r in Recommendation.objects.select_related("document", "mechanism", "country"):
        out[f"{r.document.symbol}#{r.paragraph}"] = {
            "symbol": r.document.symbol,
            "paragraph": r.paragraph,
            "text": r.text,
            "kind": r.kind,
            "mechanism": r.mechanism.code,
            "country": r.country.iso3 if r.country else None,
            "date": r.date,
            "position": r.position,
            "upr_cycle": r.upr_cycle,
            "upr_session": r.upr_session,
            "recommending_states": sorted(r.recommending_states.values_list("iso3", flat=True)),
            "themes": sorted(r.themes.values_list("name", flat=True)),
            "affected_persons": sorted(r.affected_groups.values_list("name", flat=True)),
            "sdg_goals": sorted(r.sdg_goals.values_list("number", flat=True)),
            "sdg_targets": sorted(r.sdg_targets.values_list("code", flat=True)),
        }
    return out


def empty_catalogue() -> None:
    """Remove every recommendation and document (a test database only: the product never
    deletes, it archives)."""
    Recommendation.objects.all().delete()
    Document.objects.all().delete()


@pytest.fixture
def slovenia_xlsx(tmp_path) -> tuple[Path, dict[str, dict[str, object]]]:
    """The two thematic lists imported, exported to XLSX; the catalogue then emptied."""
    for path in (CYCLE3, CYCLE4):
        assert import_file(path, suggest=False).status == ImportRun.Status.SUCCEEDED
    before = records()
    out = tmp_path / "slovenia.xlsx"
    call_command("export", "recommendations", "--format", "xlsx", "--country", "SVN", "-o", out)
    empty_catalogue()
    assert Recommendation.objects.count() == 0
    return out, before


def save_export_mapping():
    return do_save_column_mapping(
        "RightsTrack export",
        columns=EXPORT_MAPPING,
        list_separator=";",
        headers=[c for cols in EXPORT_MAPPING.values() for c in cols],
    )


def test_the_thematic_lists_hold_the_counted_recommendations(slovenia_xlsx):
    _out, before = slovenia_xlsx
    symbols = [key.split("#")[0] for key in before]
    assert symbols.count("A/HRC/43/15") == 215
    assert symbols.count("A/HRC/59/15") == 254
    # printed first in the cycle 4 list: 140.7, Maldives and Portugal, supported
    first = before["A/HRC/59/15#140.7"]
    assert first["recommending_states"] == ["MDV", "PRT"]
    assert first["position"] == "supported"


def test_the_command_line_import_gives_the_same_records(slovenia_xlsx):
    out, before = slovenia_xlsx
    save_export_mapping()

    call_command("import", str(out), "--mapping", "RightsTrack export", "--no-suggest")

    after = records()
    assert after.keys() == before.keys()
    for key, fields in before.items():
        assert after[key] == fields, key
    run = ImportRun.objects.latest("id")
    assert (run.format, run.column_mapping, run.created) == (
        "mapped-table",
        "RightsTrack export",
        469,
    )


def test_a_second_import_changes_nothing(slovenia_xlsx):
    out, _before = slovenia_xlsx
    save_export_mapping()
    first = import_file(out, mapping="RightsTrack export", suggest=False)
    history = Recommendation.history.count()

    again = import_file(out, mapping="RightsTrack export", suggest=False)

    assert (first.created, again.created, again.updated, again.unchanged) == (469, 0, 0, 469)
    assert Recommendation.objects.count() == 469
    assert Recommendation.history.count() == history


def _mapping_post(**extra):
    data = {"language": "en", "list_separator": ";", "date_format": ""}
    for field, columns in EXPORT_MAPPING.items():
        data[f"col_{field}"] = columns[0]
        if len(columns) > 1:
            data[f"col2_{field}"] = columns[1]
    data.update(extra)
    return data


def test_the_upload_pages_give_the_same_records(
    slovenia_xlsx, coordinator, client_for, upload_settings
):
    out, before = slovenia_xlsx
    client = client_for(coordinator)
    with out.open("rb") as fh:
        response = client.post(
            reverse("ingest:upload"),
            {"file": fh, "visibility": "public", "format": "mapped-table"},
        )
    assert response.status_code == 302
    page = response["Location"]
    assert re.fullmatch(r"/ingest/upload/[0-9a-f]{32}/columns/", page)

    shown = client.get(page).content.decode()
    assert '<th scope="col">recommending_states</th>' in shown  # the sheet's own columns
    assert re.search(r"<td dir=\"auto\">A/HRC/(43|59)/15</td>", shown)  # its first rows

    preview = client.post(page, _mapping_post(action="preview")).content.decode()
    assert "New records: 469. Updated: 0. Unchanged: 0." in preview
    assert "Confirm import" not in preview  # not saved yet
    assert Recommendation.objects.count() == 0

    saved = client.post(page, _mapping_post(action="save", name="RightsTrack export"))
    html = saved.content.decode()
    assert "Mapping saved as “RightsTrack export”" in html
    staged = re.search(r'name="staged" value="([0-9a-f]{32})"', html).group(1)

    confirmed = client.post(reverse("ingest:confirm"), {"staged": staged})

    assert confirmed.status_code == 302
    run = ImportRun.objects.latest("id")
    assert (run.status, run.format, run.created) == ("succeeded", "mapped-table", 469)
    after = records()
    assert after.keys() == before.keys()
    for key, fields in before.items():
        assert after[key] == fields, key


def test_the_next_upload_is_offered_the_saved_mapping(
    slovenia_xlsx, coordinator, client_for, upload_settings
):
    out, _before = slovenia_xlsx
    save_export_mapping()
    client = client_for(coordinator)
    with out.open("rb") as fh:
        response = client.post(
            reverse("ingest:upload"),
            {"file": fh, "visibility": "public", "format": "mapped-table"},
        )

    html = client.get(response["Location"]).content.decode()

    assert "<strong>RightsTrack export</strong>" in html
    assert 'value="RightsTrack export"' in html  # the form is filled from it
    assert re.search(r'<option value="sdg_targets" selected>', html)  # its second SDG column
