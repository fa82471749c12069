"""Importing treaty-body documents: CO -> Document + Recommendations + FollowUpRequests;
State replies link to the CO; Views give a reply request; bad files store nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rightstrack.catalog.models import Document, FollowUpRequest, Recommendation
from rightstrack.ingest.pipeline import import_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def cerd_dir(shared_raw: Path) -> Path:
    return shared_raw / "cerd-brazil-lrcarneiro"


def test_the_cerd_brazil_co_becomes_a_document_with_recommendations_and_follow_up(
    reference_data, cerd_dir
):
    run = import_file(cerd_dir / "CERD-Observacoes-Brasil-2022.pdf")
    assert (run.status, run.format) == ("succeeded", "treaty-body-document"), run.errors
    doc = Document.objects.get(key="CERD/C/BRA/CO/18-20")
    assert (doc.doc_type, doc.mechanism.code, doc.country.iso3) == (
        "concluding_observations",
        "CERD",
        "BRA",
    )
    assert (doc.adopted_on, doc.published_on, doc.session) == (
        date(2022, 12, 1),
        date(2022, 12, 19),
        "108",
    )
    assert (doc.next_report_year, doc.next_report_due, doc.next_report_status) == (
        2026,
        None,
        "year",
    )
    assert doc.next_report_label == "combined twentieth to twenty-second periodic reports"
    rec = Recommendation.objects.get(natural_key="CERD/C/BRA/CO/18-20#36 (b)")
    assert (rec.paragraph, rec.kind) == ("36 (b)", "recommendation")
    assert rec.text.startswith(
        "The Committee recommends that the State party take immediate and decisive action"
    )
    assert "(b) Ensuring that guidelines and manuals" in rec.text
    assert Recommendation.objects.filter(natural_key="CERD/C/BRA/CO/18-20#36").exists()
    assert not Recommendation.objects.filter(
        natural_key="CERD/C/BRA/CO/18-20#36 (e)"
    ).exists()  # not cited
    follow_up = FollowUpRequest.objects.filter(document=doc, kind="follow_up").order_by("id")
    assert [r.item for r in follow_up] == [
        "17 (a)",
        "19 (c)",
        "23 (a)",
        "36 (a)",
        "36 (b)",
        "36 (c)",
        "36 (d)",
    ]
    assert {(r.due_on, r.due_basis, r.source_paragraph) for r in follow_up} == {
        (date(2023, 12, 1), "computed", "68")
    }
    assert all(r.recommendation is not None for r in follow_up)
    flags = FollowUpRequest.objects.filter(document=doc, kind="particular_importance")
    assert flags.count() == 12
    assert {(r.due_on, r.due_basis) for r in flags} == {(None, "")}
    assert flags.get(item="23").recommendation.paragraph == "23"


def test_reimporting_changes_nothing(reference_data, cerd_dir, snapshot):
    path = cerd_dir / "CERD-Observacoes-Brasil-2022.pdf"
    first = import_file(path)
    before = snapshot()
    requests = FollowUpRequest.history.count()
    second = import_file(path)
    assert (second.created, second.updated, second.unchanged) == (0, 0, first.created)
    assert snapshot() == before
    assert FollowUpRequest.history.count() == requests


def test_the_brazil_reply_links_to_the_co_and_answers_its_follow_up(reference_data, cerd_dir):
    import_file(cerd_dir / "CERD-Observacoes-Brasil-2022.pdf")
    run = import_file(cerd_dir / "CERD-Follow-up-Brasil-2026.pdf")
    assert run.status == "succeeded", run.errors
    reply = Document.objects.get(key="CERD/C/BRA/FCO/18-20")
    assert (reply.doc_type, reply.received_on, reply.parent.key) == (
        "follow_up_reply",
        date(2026, 1, 8),
        "CERD/C/BRA/CO/18-20",
    )
    answered = FollowUpRequest.objects.filter(document__key="CERD/C/BRA/CO/18-20", kind="follow_up")
    assert {(r.reply_received_on, r.reply_document_id) for r in answered} == {
        (date(2026, 1, 8), reply.pk)
    }
    # flags without deadline are not "answered" by the follow-up reply
    assert not FollowUpRequest.objects.filter(
        kind="particular_importance", reply_document__isnull=False
    ).exists()


def test_a_reply_imported_before_its_co_is_linked_when_the_co_arrives(reference_data, shared_raw):
    folder = shared_raw / "ccpr-co-rolandccpr"
    first = import_file(folder / "CCPR_C_PRY_FCO_4.txt")
    assert first.status == "succeeded"
    assert any("not in the catalogue yet" in e["message"] for e in first.errors)
    import_file(folder / "CCPR_C_PRY_CO_4.txt")
    reply = Document.objects.get(key="CCPR/C/PRY/FCO/4")
    assert (reply.parent.key, reply.received_on) == ("CCPR/C/PRY/CO/4", date(2023, 5, 12))
    requests = FollowUpRequest.objects.filter(document__key="CCPR/C/PRY/CO/4").order_by("id")
    assert [(r.item, r.due_on, r.due_basis) for r in requests] == [
        ("13", date(2021, 7, 26), "stated"),
        ("29", date(2021, 7, 26), "stated"),
        ("35", date(2021, 7, 26), "stated"),
    ]
    assert {(r.reply_received_on, r.reply_document_id) for r in requests} == {
        (date(2023, 5, 12), reply.pk)
    }
    assert requests[0].recommendation.natural_key == "CCPR/C/PRY/CO/4#13"


def test_views_give_the_remedy_and_a_reply_request(reference_data, shared_raw):
    run = import_file(shared_raw / "tb-juris-worldwidelaw" / "TreatyBodyJuris" / "record_0003.json")
    assert run.status == "succeeded", run.errors
    doc = Document.objects.get(key="CAT/C/51/D/441/2010")
    assert (doc.doc_type, doc.country.iso3, doc.adopted_on) == ("views", "KAZ", date(2013, 11, 5))
    request = FollowUpRequest.objects.get(document=doc)
    assert (request.kind, request.period_text, request.due_on, request.due_basis) == (
        "views_reply",
        "within 90 days",
        date(2014, 2, 3),
        "computed",
    )
    assert request.recommendation.natural_key == "CAT/C/51/D/441/2010#11"


def test_a_no_violation_view_stores_no_request(reference_data, shared_raw):
    run = import_file(shared_raw / "tb-views-lszoszk" / "CERD_C_91_D_53_2013.txt")
    assert run.status == "succeeded", run.errors
    assert Document.objects.filter(key="CERD/C/91/D/53/2013", doc_type="views").exists()
    assert not FollowUpRequest.objects.exists()
    assert not Recommendation.objects.exists()


def test_a_broken_encoding_stores_nothing_and_names_the_file(reference_data, shared_raw, snapshot):
    before = snapshot()
    run = import_file(
        shared_raw / "tb-juris-worldwidelaw" / "OHCHR-Juris" / "CAT_C_51_D_441_2010.repaired.txt"
    )
    assert run.status == "failed"
    assert run.errors[0]["file"] == "CAT_C_51_D_441_2010.repaired.txt"
    assert "broken text encoding" in run.errors[0]["message"]
    assert snapshot() == before
