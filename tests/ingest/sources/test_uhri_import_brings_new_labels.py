"""UHRI records are the source of the theme list: a label the reference files lack is a
new UHRI label and is created by default, but reported, and an import may refuse it."""

from __future__ import annotations

import json

import pytest

from rightstrack.catalog.models import Recommendation, Theme
from rightstrack.ingest.pipeline import import_file

pytestmark = pytest.mark.django_db

RECORD = "0a0c9531-85fa-4408-a9db-bc816c2e1261.json"  # E/C.12/AUS/CO/6 paragraph 7
NEW = "Right to a clean, healthy & sustainable environment"


def _record_with_new_theme(uhri_dir, tmp_path):
    record = json.loads((uhri_dir / RECORD).read_text(encoding="utf-8"))
    record["themes"] = [*record["themes"], NEW]
    path = tmp_path / RECORD
    path.write_text(json.dumps(record), encoding="utf-8")
    return path


def test_a_new_uhri_theme_is_created_and_reported(reference_data, uhri_dir, tmp_path):
    themes = Theme.objects.count()
    run = import_file(_record_with_new_theme(uhri_dir, tmp_path))
    assert (run.status, run.unknown_labels, run.created) == ("succeeded", "create", 1)
    assert Theme.objects.count() == themes + 1
    rec = Recommendation.objects.get(natural_key="E/C.12/AUS/CO/6#7")
    assert sorted(rec.themes.values_list("name", flat=True)) == [
        "Constitutional & legislative framework",
        NEW,
    ]
    assert [e["message"] for e in run.errors] == [f"warning: new theme {NEW!r} created"]


def test_an_import_that_refuses_unknown_labels_refuses_it(
    reference_data, uhri_dir, tmp_path, snapshot
):
    before = snapshot()
    run = import_file(_record_with_new_theme(uhri_dir, tmp_path), unknown_labels="refuse")
    assert (run.status, run.unknown_labels) == ("failed", "refuse")
    assert f"unknown theme {NEW!r}" in run.message
    assert snapshot() == before
