"""Committee grades imported as committee-source assessments through the ingest pipeline.

Values checked by hand in the files:

* CCPR/C/141/2/Add.1 (Kenya; CCPR/C/KEN/CO/4 of 26 March 2021; reply CCPR/C/KEN/FCO/4 of
  14 June 2023; adopted at the 141st session, 1-23 July 2024): "19 [B] [C], 41 [C] and
  49 [B]", with "[B]: (a)-(e)" and "[C]: (f)" under paragraph 19; next report 2028.
* hrc_all_UZB_excerpt.json (Uzbekistan; CCPR/C/UZB/CO/5; CCPR/C/140/2/Add.4, session of
  4-28 March 2024): paragraph 5 C, 25 C, 29 B for (b) and C for (a), (c) and (d);
  "grade_dist" B 1, C 3, "score" 3.25.
* CCPR/C/141/2: the A-E criteria.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from rightstrack.catalog.models import (
    Country,
    Document,
    FollowUpRequest,
    Mechanism,
    Recommendation,
)
from rightstrack.ingest import importers
from rightstrack.ingest.pipeline import import_file
from rightstrack.tracking.models import Assessment, StatusChange

pytestmark = pytest.mark.django_db

KENYA = "ccpr-co-rolandccpr/followup-assessments/CCPR_C_141_2_Add.1.txt"
COVER = "ccpr-co-rolandccpr/followup-assessments/CCPR_C_141_2.txt"
UZB = "ccpr-followup-rolandccpr/hrc_all_UZB_excerpt.json"


def _kenya_co() -> Document:
    """CCPR/C/KEN/CO/4 as the CO import would catalogue it (adopted 26 March 2021)."""
    return Document.objects.create(
        key="CCPR/C/KEN/CO/4",
        symbol="CCPR/C/KEN/CO/4",
        doc_type="concluding_observations",
        mechanism=Mechanism.objects.get(code="CCPR"),
        country=Country.objects.get(iso3="KEN"),
        adopted_on=dt.date(2021, 3, 26),
    )


def _grades(co_symbol: str) -> list[tuple[str, str, int, str]]:
    rows = Assessment.objects.filter(recommendation__document__symbol=co_symbol).order_by(
        "recommendation__order", "recommendation__paragraph", "id"
    )
    return [(a.recommendation.paragraph, a.grade_label, a.grade_ordinal, a.level) for a in rows]


def test_the_files_are_detected_as_committee_grades(shared_raw):
    for name in (KENYA, COVER, UZB):
        assert importers.detect(shared_raw / name).name == "committee-grades"


def test_kenya_evaluation_gives_four_committee_grades(shared_raw, reference_data):
    run = import_file(shared_raw / KENYA)
    assert run.status == "succeeded", run.errors
    assert run.created == 4
    assert _grades("CCPR/C/KEN/CO/4") == [
        ("19", "B", 4, "partial"),
        ("19", "C", 3, "not_implemented"),
        ("41", "C", 3, "not_implemented"),
        ("49", "B", 4, "partial"),
    ]
    a41 = Assessment.objects.get(recommendation__paragraph="41")
    assert a41.source == "committee"
    assert a41.publication_state == "published"
    assert a41.date == dt.date(2024, 7, 23)
    assert a41.grade_scale == "ccpr"
    assert a41.document.symbol == "CCPR/C/141/2/Add.1"
    assert a41.text.startswith("While welcoming the information provided, the Committee regrets")
    c19 = Assessment.objects.get(recommendation__paragraph="19", grade_label="C")
    assert c19.text.startswith("(f): While noting the information provided")
    assert StatusChange.objects.filter(assessment=a41, new_value="not_implemented").exists()

    co = Document.objects.get(symbol="CCPR/C/KEN/CO/4")
    assert co.adopted_on == dt.date(2021, 3, 26)
    assert co.next_report_year == 2028
    reply = Document.objects.get(symbol="CCPR/C/KEN/FCO/4")
    assert (reply.doc_type, reply.received_on, reply.parent_id) == (
        "follow_up_reply",
        dt.date(2023, 6, 14),
        co.pk,
    )
    rec = Recommendation.objects.get(natural_key="CCPR/C/KEN/CO/4#49")
    assert rec.text.startswith("The State party should intensify efforts to provide remedies")
    assert rec.section == "Participation in public affairs"


def test_reimporting_changes_nothing(shared_raw, reference_data):
    import_file(shared_raw / KENYA)
    again = import_file(shared_raw / KENYA)
    assert (again.status, again.created, again.unchanged) == ("succeeded", 0, 4)
    assert Assessment.objects.count() == 4


def test_grades_attach_to_sub_paragraphs_when_the_co_has_them(shared_raw, reference_data):
    import_file(shared_raw / COVER)  # catalogues CCPR/C/141/2 only
    co = _kenya_co()
    for order, letter in enumerate("abcdef"):
        Recommendation.objects.create(
            natural_key=f"CCPR/C/KEN/CO/4#19 ({letter})",
            document=co,
            paragraph=f"19 ({letter})",
            order=order,
            mechanism=co.mechanism,
            country=co.country,
            text=f"Sub-paragraph 19 ({letter}).",
        )
    run = import_file(shared_raw / KENYA)
    assert run.status == "succeeded", run.errors
    by_para = {
        a.recommendation.paragraph: a.grade_label
        for a in Assessment.objects.filter(recommendation__paragraph__startswith="19 (")
    }
    assert by_para == {
        "19 (a)": "B",
        "19 (b)": "B",
        "19 (c)": "B",
        "19 (d)": "B",
        "19 (e)": "B",
        "19 (f)": "C",
    }


def test_the_reply_date_is_recorded_on_existing_follow_up_requests(shared_raw, reference_data):
    co = _kenya_co()
    for item in ("19", "41", "49"):
        FollowUpRequest.objects.create(document=co, item=item, kind="follow_up")
    import_file(shared_raw / KENYA)
    assert set(co.follow_up_requests.values_list("reply_received_on", flat=True)) == {
        dt.date(2023, 6, 14)
    }


def test_uzbekistan_json_grades_match_the_files_distribution_and_score(shared_raw, reference_data):
    run = import_file(shared_raw / UZB)
    assert run.status == "succeeded", run.errors
    assert run.created == 4
    assert _grades("CCPR/C/UZB/CO/5") == [
        ("5", "C", 3, "not_implemented"),
        ("25", "C", 3, "not_implemented"),
        ("29", "B", 4, "partial"),
        ("29", "C", 3, "not_implemented"),
    ]
    ordinals = [g[2] for g in _grades("CCPR/C/UZB/CO/5")]
    assert sum(ordinals) / len(ordinals) == 3.25  # the file's "score"
    b29 = Assessment.objects.get(recommendation__paragraph="29", grade_label="B")
    assert b29.text.startswith("(b): (b) The Committee takes note of the amendments")
    assert b29.date == dt.date(2024, 3, 28)
    assert Document.objects.get(symbol="CCPR/C/UZB/FCO/5").received_on == dt.date(2022, 11, 24)
    # Older rounds (CO/4: 11, 13, 19; CO/3: 14, 24) and Slovakia's header-only grades
    # (13, 25, 33) have no text or date: reported, not imported.
    warnings = [e["message"] for e in run.errors]
    assert len(warnings) == 8
    assert any("CCPR/C/UZB/CO/4 paragraph 13 (2015): grades E, E" in w for w in warnings)
    assert any("CCPR/C/SVK/CO/4 paragraph 33" in w and "C, B, C" in w for w in warnings)


def test_the_cover_report_matches_our_a_to_e_scale(shared_raw, reference_data):
    run = import_file(shared_raw / COVER)
    assert run.status == "succeeded", run.errors
    assert run.errors == []  # no "grade X reads ..." warning: the meanings are identical
    doc = Document.objects.get(symbol="CCPR/C/141/2")
    assert (doc.doc_type, doc.session) == ("follow_up_assessment", "141")


def test_a_broken_evaluation_fails_whole_and_names_the_paragraph(
    shared_raw, reference_data, tmp_path
):
    broken = tmp_path / "CCPR_C_141_2_Add.1.txt"
    shutil.copy(shared_raw / KENYA, broken)
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text.replace("[C]\nWhile welcoming", "While welcoming"), encoding="utf-8")
    run = import_file(broken)
    assert run.status == "failed"
    assert "paragraph 41: no grade" in run.errors[0]["message"]
    assert not Document.objects.filter(symbol="CCPR/C/KEN/CO/4").exists()
    assert not Assessment.objects.exists()


def test_the_tracking_app_registers_the_committee_grades_importer():
    from rightstrack.tracking.grades_import import CommitteeGradesSource

    assert isinstance(importers.get("committee-grades"), CommitteeGradesSource)
    assert "committee-grades" in [source.name for source in importers.all_sources()]
