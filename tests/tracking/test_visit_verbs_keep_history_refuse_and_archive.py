"""The verbs of visits and inquiries: coordinators only, against the version seen, one
publication, no symbol taken twice, archive instead of delete.

Facts: the SPT's follow-up visit to Paraguay, 13 to 15 September 2010, report
CAT/OP/PRY/2 of 30 May 2011, whose confidential version the State's comments cite as
CAT/OP/PRY/R.2 (CAT/OP/PRY/2, para. 1 and cover page; CAT/OP/PRY/2/Add.1, para. 1). The
inquiry: CEDAW's report CEDAW/C/2005/OP.8/MEXICO (``shared/docs/domain.md`` §1.1, S31);
its dates are not in our sources: the inquiry's expected and publication dates below are
the test's own, not the UN's.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rightstrack.accounts.permissions import visible_documents, visible_recommendations
from rightstrack.catalog.models import Country, Document, Mechanism, Visit
from rightstrack.tracking import visit_actions as verbs
from rightstrack.tracking.dashboard import visits_to_watch

pytestmark = pytest.mark.django_db


@pytest.fixture
def follow_up_visit(reference_data, coordinator) -> Visit:
    visit = verbs.do_record_visit(
        coordinator,
        mechanism=Mechanism.objects.get(code="SPT"),
        country=Country.objects.get(iso3="PRY"),
        title="Follow-up visit to the Republic of Paraguay",
        started_on=dt.date(2010, 9, 13),
        ended_on=dt.date(2010, 9, 15),
        confidential_reference="CAT/OP/PRY/R.2",
    )
    return visit


def test_only_coordinators_change_visits(follow_up_visit, focal_point_a, validator, viewer):
    for user in (focal_point_a, validator, viewer):
        with pytest.raises(PermissionDenied):
            verbs.do_request_visit_publication(
                user, follow_up_visit, follow_up_visit.version, requested_on=dt.date(2011, 5, 1)
            )
        with pytest.raises(PermissionDenied):
            verbs.do_add_visit_recommendation(user, follow_up_visit, paragraph="1", text="x")


def test_the_confidential_reference_is_the_restricted_reports_symbol(follow_up_visit):
    doc = follow_up_visit.document
    assert (doc.symbol, doc.doc_type, doc.visibility) == (
        "CAT/OP/PRY/R.2",
        "visit_report",
        "restricted",
    )
    assert follow_up_visit.reference == "CAT/OP/PRY/R.2"
    assert doc not in visible_documents(None)


def test_an_edit_based_on_an_old_version_is_refused(follow_up_visit, coordinator):
    old = follow_up_visit.version
    verbs.do_update_visit(coordinator, follow_up_visit, old, national_preventive_mechanism="MNP")
    with pytest.raises(verbs.StaleEdit):
        verbs.do_update_visit(coordinator, follow_up_visit, old, notes="second tab")
    with pytest.raises(ValidationError):
        verbs.do_update_visit(coordinator, follow_up_visit, old + 1, ended_on=dt.date(2010, 9, 1))


def test_a_report_is_published_once_under_a_symbol_no_other_document_has(
    follow_up_visit, coordinator
):
    Document.objects.create(
        key="CAT/OP/PRY/2",
        symbol="CAT/OP/PRY/2",
        doc_type="visit_report",
        mechanism=follow_up_visit.mechanism,
    )
    with pytest.raises(ValidationError):
        verbs.do_mark_visit_published(
            coordinator,
            follow_up_visit,
            follow_up_visit.version,
            published_on=dt.date(2011, 5, 30),
            symbol="CAT/OP/PRY/2",
        )
    Document.objects.filter(key="CAT/OP/PRY/2").update(key="imported-elsewhere")
    visit = Visit.objects.get(pk=follow_up_visit.pk)
    visit = verbs.do_mark_visit_published(
        coordinator, visit, visit.version, published_on=dt.date(2011, 5, 30), symbol="CAT/OP/PRY/2"
    )
    assert visit.document.key == "CAT/OP/PRY/2"
    with pytest.raises(ValidationError):
        verbs.do_request_visit_publication(
            coordinator, visit, visit.version, requested_on=dt.date(2011, 6, 1)
        )


def test_a_recommendation_entered_after_publication_is_public(follow_up_visit, coordinator):
    visit = verbs.do_mark_visit_published(
        coordinator,
        follow_up_visit,
        follow_up_visit.version,
        published_on=dt.date(2011, 5, 30),
        symbol="CAT/OP/PRY/2",
    )
    rec = verbs.do_add_visit_recommendation(coordinator, visit, paragraph="16", text="NPM")
    assert rec.natural_key == "CAT/OP/PRY/2#16"
    assert rec in visible_recommendations(None)


def test_archiving_an_unpublished_visit_archives_its_report(follow_up_visit, coordinator):
    rec = verbs.do_add_visit_recommendation(
        coordinator, follow_up_visit, paragraph="16", text="NPM"
    )
    verbs.do_archive_visit(coordinator, follow_up_visit, follow_up_visit.version)
    rec.refresh_from_db()
    assert rec.is_archived and rec.document.is_archived
    assert rec not in visible_recommendations(coordinator)
    assert Visit.objects.filter(pk=follow_up_visit.pk, is_archived=True).exists()
    assert follow_up_visit.history.count() == 3  # recorded, report attached, archived


def test_an_inquiry_summary_expected_on_a_date_is_watched_then_published(
    reference_data, coordinator, viewer
):
    inquiry = verbs.do_record_visit(
        coordinator,
        mechanism=Mechanism.objects.get(code="CEDAW"),
        country=Country.objects.get(iso3="MEX"),
        kind="inquiry",
        publication_expected_on=dt.date(2005, 1, 1),
    )
    assert inquiry.legal_basis == "OP-CEDAW art. 8"
    assert inquiry.document.doc_type == "inquiry_report"
    watched = visits_to_watch(coordinator, dt.date(2005, 2, 1), "MEX")
    assert [(v.pk, v.is_overdue) for v in watched] == [(inquiry.pk, True)]
    assert visits_to_watch(viewer, dt.date(2005, 2, 1), "MEX") == []
    verbs.do_mark_visit_published(
        coordinator,
        inquiry,
        inquiry.version,
        published_on=dt.date(2005, 1, 27),
        symbol="CEDAW/C/2005/OP.8/MEXICO",
    )
    assert visits_to_watch(coordinator, dt.date(2005, 2, 1), "MEX") == []
