"""``rightstrack import``, ``import_shared`` and ``load_sample``."""

import io
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from rightstrack.catalog.models import Recommendation
from rightstrack.ingest.models import ImportRun

pytestmark = pytest.mark.django_db


def test_import_prints_a_summary_table_with_the_counts(reference_data, cycle4):
    out = io.StringIO()
    call_command("import", str(cycle4), stdout=out)
    text = out.getvalue()
    assert "Import summary" in text
    assert "upr48-slovenia-thematic-list-of-recommendatio.docx" in text
    assert "ohchr-thematic-list" in text
    assert " 254 " in text
    assert Recommendation.objects.count() == 254


def test_import_exits_with_an_error_naming_the_file_when_one_fails(reference_data, tmp_path):
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match=r"^empty\.docx: the file is empty \(0 bytes\)$"):
        call_command("import", str(empty), stdout=io.StringIO())
    assert ImportRun.objects.get().status == "failed"


def test_import_shared_loads_the_catalogue_files_found_under_dir(reference_data, tmp_path, sample):
    # the shared layout, with two of its files
    lists = tmp_path / "upr-slovenia-tony33344"
    (lists / "cycle3" / "original").mkdir(parents=True)
    shutil.copy(
        sample / "thematic-lists" / "UPR34_Slovenia_Thematic_list_of_Recommendations.docx",
        lists / "cycle3" / "original",
    )
    uhri = tmp_path / "uhri-sample-worldwidelaw"
    uhri.mkdir()
    shutil.copy(sample / "uhri" / "0a0c9531-85fa-4408-a9db-bc816c2e1261.json", uhri)
    call_command("import_shared", "--dir", str(tmp_path), stdout=io.StringIO())
    assert Recommendation.objects.count() == 215 + 1


def test_load_sample_seeds_reference_data_and_is_idempotent(db, tmp_path, sample, snapshot):
    shutil.copytree(sample / "thematic-lists", tmp_path / "thematic-lists")
    shutil.copytree(sample / "uhri", tmp_path / "uhri")
    call_command("load_sample", "--dir", str(tmp_path), stdout=io.StringIO())
    assert Recommendation.objects.count() == 254 + 215 + 16
    before = snapshot()
    call_command("load_sample", "--dir", str(tmp_path), stdout=io.StringIO())
    assert snapshot() == before
    last = ImportRun.objects.order_by("-id")[: 2 + 16]
    assert all(r.created == 0 and r.updated == 0 and r.unchanged > 0 for r in last)


def test_load_sample_without_classify_imports_and_leaves_suggesting_to_later(db, tmp_path, sample):
    # `make run` opens the portal after the import and suggests labels beside the server.
    from rightstrack.classify.models import Suggestion

    shutil.copytree(sample / "uhri", tmp_path / "uhri")
    call_command("load_sample", "--dir", str(tmp_path), "--no-classify", stdout=io.StringIO())
    assert Recommendation.objects.count() == 16
    assert not Suggestion.objects.exists()
    call_command("classify", "suggest", "--train", stdout=io.StringIO())
    assert Suggestion.objects.exists()
