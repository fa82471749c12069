"""Importing Slovenia's UPR Working Group reports and addenda (real PDFs), alone and
together with the OHCHR thematic list of the same review."""

from __future__ import annotations

from collections import Counter

import pytest

from rightstrack.catalog.models import Document, Recommendation
from rightstrack.ingest.pipeline import import_file

pytestmark = pytest.mark.django_db

C4 = "upr-slovenia-tony33344/cycle4/original"
C2 = "upr-slovenia-tony33344/cycle2/original"


def test_a_report_then_its_addendum_give_every_number_its_position(reference_data, shared_raw):
    run = import_file(shared_raw / C4 / "g2502644.pdf")
    assert (run.status, run.format, run.created) == ("succeeded", "upr-wg-report", 254)
    report = Document.objects.get(key="A/HRC/59/15")
    assert (report.doc_type, report.country.iso3, report.session) == ("upr_wg_report", "SVN", "48")
    assert (report.upr_cycle, report.hrc_session, str(report.adopted_on)) == (4, 59, "2025-01-31")
    rec = Recommendation.objects.get(natural_key="A/HRC/59/15#140.7")
    assert sorted(rec.recommending_states.values_list("iso3", flat=True)) == ["MDV", "PRT"]
    assert (rec.paragraph, rec.position, rec.upr_cycle, rec.upr_session) == (
        "140.7",
        "pending",  # para. 140: "will be examined by Slovenia"
        4,
        48,
    )

    run = import_file(shared_raw / C4 / "g2505828.pdf")
    assert (run.status, run.format, run.updated) == ("succeeded", "upr-addendum", 254)
    addendum = Document.objects.get(key="A/HRC/59/15/Add.1")
    assert (addendum.doc_type, addendum.parent_id, addendum.upr_cycle) == (
        "upr_addendum",
        report.pk,
        4,
    )
    # A/HRC/59/15/Add.1 para. 2: "217 are supported and 37 noted".
    assert Counter(Recommendation.objects.values_list("position", flat=True)) == {
        "supported": 217,
        "noted": 37,
    }
    rec.refresh_from_db()
    assert (rec.position, rec.position_raw, rec.position_source) == (
        "supported",
        "Supported",
        "A/HRC/59/15/Add.1 - Para.3",
    )
    assert Recommendation.objects.get(natural_key="A/HRC/59/15#140.1").position == "noted"


def test_the_thematic_list_and_the_report_merge_into_the_same_rows(
    reference_data, shared_raw, cycle4
):
    assert import_file(cycle4).created == 254
    run = import_file(shared_raw / C4 / "g2502644.pdf")
    assert (run.status, run.created) == ("succeeded", 0)
    assert Recommendation.objects.count() == 254
    # The report says "will be examined"; the list's positions (from Add.1) are kept.
    assert Counter(Recommendation.objects.values_list("position", flat=True)) == {
        "supported": 217,
        "noted": 37,
    }
    rec = Recommendation.objects.get(natural_key="A/HRC/59/15#140.7")
    assert rec.themes.count() == 2  # the list's UHRI themes are untouched
    assert sorted(rec.recommending_states.values_list("iso3", flat=True)) == ["MDV", "PRT"]


def test_an_addendum_before_its_report_is_refused_and_stores_nothing(reference_data, shared_raw):
    run = import_file(shared_raw / C4 / "g2505828.pdf")
    assert run.status == "failed"
    assert "import the Working Group report A/HRC/59/15" in run.errors[0]["message"]
    assert not Document.objects.exists() and not Recommendation.objects.exists()


def test_second_cycle_bare_numbers_reach_paragraph_115(reference_data, shared_raw):
    import_file(shared_raw / C2 / "g1423930.pdf")
    run = import_file(shared_raw / C2 / "g1504261.pdf")
    assert (run.status, run.updated) == ("succeeded", 163)
    # A/HRC/28/15/Add.1 para. 2: accepts 142, notes 21; para. 5 notes "6–13, 17, ...".
    assert Counter(Recommendation.objects.values_list("position", flat=True)) == {
        "supported": 142,
        "noted": 21,
    }
    rec = Recommendation.objects.get(natural_key="A/HRC/28/15#115.6")
    assert (rec.position, rec.position_source) == ("noted", "A/HRC/28/15/Add.1 - Para.5")
    assert Document.objects.get(key="A/HRC/28/15").upr_cycle == 2
