"""Importing the UPR Info export (real files, bundled gzip copies of the shared CSVs)."""

import gzip
from collections import Counter

import pytest

from rightstrack.catalog.models import Document, Recommendation, VoluntaryPledge
from rightstrack.ingest.pipeline import import_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def first_rows(tmp_path, upr_info_dir):
    """The header and first 300 rows of 1-5.csv, bytes unchanged (Mac Roman, CR)."""
    raw = gzip.decompress((upr_info_dir / "1-5.csv.gz").read_bytes())
    path = tmp_path / "1-5-head.csv"
    path.write_bytes(b"\r".join(raw.split(b"\r")[:301]) + b"\r")
    return path


def test_1_5_csv_gives_6094_recommendations_4087_supported_and_2007_noted(
    reference_data, upr_info_dir
):
    # merged with nothing else: 4,087 "Accepted" and 2,007 "Noted", counted in the
    # Response column of 1-5.csv
    run = import_file(upr_info_dir / "1-5.csv.gz")
    assert (run.status, run.format) == ("succeeded", "upr-info-csv")
    assert (run.created, run.updated, run.unchanged, run.rejected) == (6094, 0, 0, 0)
    assert Recommendation.objects.count() == 6094
    assert Counter(Recommendation.objects.values_list("position", flat=True)) == {
        "supported": 4087,
        "noted": 2007,
    }
    assert set(Recommendation.objects.values_list("position_raw", flat=True)) == {
        "Accepted",
        "Noted",
    }


def test_rows_are_grouped_in_one_synthetic_document_per_state_and_session(
    reference_data, first_rows
):
    import_file(first_rows)
    doc = Document.objects.get(key="upr-info:AFG:WG5")
    assert doc.doc_type == Document.Type.DATABASE_EXPORT
    assert (doc.mechanism.code, doc.country.iso3, doc.session, doc.upr_cycle) == (
        "UPR",
        "AFG",
        "5",
        1,
    )
    first = doc.recommendations.order_by("order").first()
    assert first.text.startswith("Enact legislation and take effective measures")
    assert [c.iso3 for c in first.recommending_states.all()] == ["AUT"]
    assert first.action_category.number == 5
    assert sorted(i.name for i in first.upr_issues.all()) == [
        "Rights of the Child",
        "Women's rights",
    ]
    assert (first.upr_session, first.upr_cycle, first.year) == (5, 1, 2009)


def test_reimporting_1_5_csv_changes_nothing(reference_data, upr_info_dir, snapshot):
    first = import_file(upr_info_dir / "1-5.csv.gz")
    assert first.created == 6094
    before = snapshot()
    assert before["rec_history"] == 6094
    run = import_file(upr_info_dir / "1-5.csv.gz")
    assert (run.status, run.created, run.updated, run.unchanged, run.rejected) == (
        "succeeded",
        0,
        0,
        6094,
        0,
    )
    assert snapshot() == before


def test_a_changed_row_is_updated_with_one_history_row(reference_data, first_rows):
    import_file(first_rows)
    rec = Recommendation.objects.get(source_row="1-5-head.csv:2")
    Recommendation.objects.filter(pk=rec.pk).update(position="noted")
    rec.upr_issues.clear()
    history = rec.history.count()
    run = import_file(first_rows)
    assert (run.created, run.updated, run.unchanged) == (0, 1, 299)
    rec.refresh_from_db()
    assert rec.position == "supported"
    assert rec.upr_issues.count() == 2
    assert rec.history.count() == history + 1


def test_voluntary_pledges_are_kept_apart_from_recommendations(reference_data, upr_info_dir):
    run = import_file(upr_info_dir / "voluntary.csv.gz")
    assert (run.created, run.rejected) == (947, 0)
    assert VoluntaryPledge.objects.count() == 947
    assert Recommendation.objects.count() == 0
    pledge = VoluntaryPledge.objects.get(source_row="voluntary.csv:2")
    assert (pledge.country.iso3, pledge.upr_session) == ("ALB", 19)
    assert sorted(i.name for i in pledge.upr_issues.all()) == [
        "Minorities",
        "National plan of action",
    ]


@pytest.mark.slow
def test_all_five_upr_info_files_give_41066_recommendations(reference_data, upr_info_dir):
    names = ["1-5", "6-9", "10-13", "14-17", "17-20"]
    runs = [import_file(upr_info_dir / f"{n}.csv.gz") for n in names]
    assert [r.created for r in runs] == [6094, 8343, 9047, 9598, 7984]
    assert Recommendation.objects.count() == 41066
    assert Recommendation.objects.filter(position="supported").count() == (
        4087 + 6206 + 6980 + 7105 + 6094
    )
