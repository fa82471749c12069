"""``rightstrack column-mapping save FILE.json`` then ``show NAME`` give the same mapping
back; a mapping that cannot import anything is refused with the reason."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from rightstrack.ingest.models import ColumnMapping

MAPPING = {
    "name": "DIDH Maroc",
    "columns": {"source_id": ["Id"], "text": ["Nom"], "mechanism": ["IdOrgane", "Mecanisme"]},
    "constants": {"country": "MAR"},
    "value_maps": {"mechanism": {"1": "CERD", "Examen périodique universal": "UPR"}},
    "language": "fr",
}


@pytest.mark.django_db
def test_a_mapping_saved_from_json_is_shown_as_saved(tmp_path):
    path = tmp_path / "didh.json"
    path.write_text(json.dumps(MAPPING, ensure_ascii=False), encoding="utf-8")

    call_command("column_mapping", "save", str(path), stdout=io.StringIO())
    out = io.StringIO()
    call_command("column_mapping", "show", "DIDH Maroc", stdout=out)

    shown = json.loads(out.getvalue())
    assert {k: shown[k] for k in MAPPING} == MAPPING
    assert ColumnMapping.objects.get().key == "didh-maroc"
    assert ColumnMapping.history.count() == 1


@pytest.mark.django_db
def test_a_mapping_without_text_is_refused(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"name": "bad", "columns": {"source_id": ["Id"]}}), "utf-8")

    with pytest.raises(CommandError, match="no column or fixed value for 'text'"):
        call_command("column_mapping", "save", str(path), stdout=io.StringIO())
    assert ColumnMapping.objects.count() == 0
