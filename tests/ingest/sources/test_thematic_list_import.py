"""Importing the Slovenia thematic lists (cycle 3 and 4 layouts)."""

from collections import Counter

import pytest

from rightstrack.catalog.models import Document, Recommendation
from rightstrack.ingest.pipeline import import_file

pytestmark = pytest.mark.django_db


def test_cycle_4_list_gives_254_recommendations_217_supported_and_37_noted(reference_data, cycle4):
    run = import_file(cycle4)
    assert (run.status, run.format, run.created, run.rejected) == (
        "succeeded",
        "ohchr-thematic-list",
        254,
        0,
    )
    assert Counter(Recommendation.objects.values_list("position", flat=True)) == {
        "supported": 217,
        "noted": 37,
    }
    doc = Document.objects.get(key="A/HRC/59/15")
    assert (doc.doc_type, doc.country.iso3, doc.session, doc.upr_cycle, doc.hrc_session) == (
        Document.Type.UPR_WG_REPORT,
        "SVN",
        "48",
        4,
        59,
    )


def test_140_7_is_stored_with_maldives_and_portugal_and_the_printed_labels(reference_data, cycle4):
    import_file(cycle4)
    rec = Recommendation.objects.get(natural_key="A/HRC/59/15#140.7")
    assert rec.paragraph == "140.7"
    assert sorted(rec.recommending_states.values_list("iso3", flat=True)) == ["MDV", "PRT"]
    assert (rec.position, rec.position_raw) == ("supported", "Supported")
    assert rec.position_source == "A/HRC/59/15/Add.1 - Para.3"
    assert sorted(rec.themes.values_list("name", flat=True)) == [
        "Economic, social & cultural rights - general measures of implementation",
        "Ratification of & accession to international instruments",
    ]
    assert list(rec.affected_groups.values_list("name", flat=True)) == ["Public officials"]
    assert sorted(rec.sdg_goals.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6, 7, 8]
    assert (rec.upr_cycle, rec.upr_session, rec.year, rec.country.iso3) == (4, 48, 2025, "SVN")


def test_cycle_3_list_gives_215_recommendations_182_supported_and_33_noted(reference_data, cycle3):
    run = import_file(cycle3)
    assert (run.created, run.rejected) == (215, 0)
    assert Counter(Recommendation.objects.values_list("position", flat=True)) == {
        "supported": 182,
        "noted": 33,
    }
    rec = Recommendation.objects.get(natural_key="A/HRC/43/15#121.2")
    assert sorted(rec.recommending_states.values_list("iso3", flat=True)) == ["SVK", "UKR"]


def test_reimporting_a_thematic_list_changes_nothing_not_even_tag_history(
    reference_data, cycle4, snapshot
):
    import_file(cycle4)
    before = snapshot()
    assert before["m2m_history_themes"] > 254  # every recommendation has themes
    run = import_file(cycle4)
    assert (run.created, run.updated, run.unchanged) == (0, 0, 254)
    assert snapshot() == before


def test_the_history_row_of_a_new_recommendation_holds_its_themes(reference_data, cycle4):
    import_file(cycle4)
    rec = Recommendation.objects.get(natural_key="A/HRC/59/15#140.7")
    (hist,) = rec.history.all()
    assert hist.history_type == "+"
    assert sorted(t.theme.name for t in hist.themes.all()) == sorted(
        rec.themes.values_list("name", flat=True)
    )
