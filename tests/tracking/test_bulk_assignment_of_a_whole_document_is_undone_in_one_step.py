"""A coordinator assigns every record of CCPR/C/PRY/CO/4 to one ministry through the
document's bulk page, confirms, then undoes the whole change in one step.

CCPR/C/PRY/CO/4 (concluding observations on Paraguay, adopted 22 July 2019; file
``ccpr-co-rolandccpr/CCPR_C_PRY_CO_4.txt``): 48 numbered paragraphs; section C
"Principal matters of concern and recommendations" runs from paragraph 4 to 45 and
alternates a concern ("The Committee is concerned...") with a recommendation ("The State
party should:"): 21 concerns (4, 6, ... 44) and 21 recommendations (5, 7, ... 45), read
in the document. The importer stores both as rows of the catalogue (kind "concern" and
"recommendation"), so "all 42" are 21 recommendations and 21 concerns.
"""

from __future__ import annotations

import pytest

from rightstrack.catalog.models import Document, Recommendation
from rightstrack.ingest.pipeline import import_file
from rightstrack.tracking.models import Assignment, Batch, StatusChange

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def paraguay_co(shared_raw, reference_data):
    run = import_file(shared_raw / "ccpr-co-rolandccpr/CCPR_C_PRY_CO_4.txt")
    assert run.status == "succeeded", run.errors
    return Document.objects.get(symbol="CCPR/C/PRY/CO/4")


def test_the_document_holds_21_concerns_and_21_recommendations(paraguay_co):
    rows = Recommendation.objects.filter(document=paraguay_co)
    assert rows.count() == 42
    kinds = {r.paragraph: r.kind for r in rows}
    assert kinds["4"] == "concern" and kinds["5"] == "recommendation"
    assert kinds["28"] == "concern" and kinds["29"] == "recommendation"
    assert sorted(int(p) for p, k in kinds.items() if k == "recommendation") == list(
        range(5, 46, 2)
    )


def test_bulk_assignment_writes_42_history_entries_and_one_undo_reverts_them(
    paraguay_co, coordinator, ministry_a, client_for
):
    client = client_for(coordinator)
    url = f"/recommendations/bulk/?document={paraguay_co.key}"
    form = {"operation": "assign", "organisation": ministry_a.pk, "role": "lead"}

    confirm = client.post(url, form)
    assert confirm.status_code == 200
    assert "42 recommendations will be assigned to Ministry of Justice (A)." in confirm.text
    assert Assignment.objects.count() == 0  # nothing changes before the confirmation

    done = client.post(url, {**form, "confirm": "1"})
    batch = Batch.objects.get(kind=Batch.Kind.ASSIGN)
    assert done["Location"] == f"/tracking/batches/{batch.pk}/"
    assert batch.count == 42
    assert Assignment.history.filter(batch=batch).count() == 42
    assert Assignment.objects.active().filter(organisation=ministry_a).count() == 42
    assert StatusChange.objects.filter(kind=StatusChange.Kind.ASSIGNMENT).count() == 42

    page = client.get(f"/tracking/batches/{batch.pk}/")
    assert "CCPR/C/PRY/CO/4 para. 29" in page.text

    undone = client.post(f"/tracking/batches/{batch.pk}/undo/")
    undo = Batch.objects.get(undoes=batch)
    assert undone["Location"] == f"/tracking/batches/{undo.pk}/"
    assert undo.kind == Batch.Kind.UNDO and undo.count == 42
    assert Assignment.objects.active().filter(organisation=ministry_a).count() == 0
    assert Assignment.history.filter(batch=undo).count() == 42
    # Undoing twice is refused and changes nothing.
    client.post(f"/tracking/batches/{batch.pk}/undo/")
    assert Batch.objects.filter(kind=Batch.Kind.UNDO).count() == 1


def test_a_second_bulk_assignment_counts_only_the_new_ones(
    paraguay_co, coordinator, ministry_a, client_for
):
    from rightstrack.tracking.actions import do_assign_recommendation

    para_13 = Recommendation.objects.get(document=paraguay_co, paragraph="13")
    do_assign_recommendation(coordinator, para_13, ministry_a)
    client = client_for(coordinator)
    page = client.post(
        f"/recommendations/bulk/?document={paraguay_co.key}",
        {"operation": "assign", "organisation": ministry_a.pk, "role": "lead"},
    )
    assert "41 recommendations will be assigned to Ministry of Justice (A)." in page.text
    assert "Of the 42 recommendations in the list, 1 stay as they are." in page.text


def test_only_coordinators_reach_bulk_changes_and_batches(
    paraguay_co, coordinator, focal_point_a, viewer, ministry_a, client_for
):
    url = f"/recommendations/bulk/?document={paraguay_co.key}"
    form = {"operation": "assign", "organisation": ministry_a.pk, "confirm": "1"}
    for user in (viewer, focal_point_a):
        client = client_for(user)
        assert client.get(url).status_code == 403
        assert client.post(url, form).status_code == 403
    assert Assignment.objects.count() == 0
    assert client_for(None).get(url).status_code == 302  # to the login page
    client_for(coordinator).post(url, {**form, "role": "lead"})
    batch = Batch.objects.get()
    assert client_for(focal_point_a).get(f"/tracking/batches/{batch.pk}/").status_code == 403
    assert client_for(focal_point_a).post(f"/tracking/batches/{batch.pk}/undo/").status_code == 403
    assert Assignment.objects.active().count() == 42


def test_a_list_longer_than_the_limit_must_be_narrowed_first(
    paraguay_co, coordinator, ministry_a, client_for, monkeypatch
):
    from rightstrack.tracking import bulk

    monkeypatch.setattr(bulk, "MAX_RECORDS", 40)
    page = client_for(coordinator).post(
        f"/recommendations/bulk/?document={paraguay_co.key}",
        {"operation": "assign", "organisation": ministry_a.pk, "role": "lead", "confirm": "1"},
    )
    assert page.status_code == 200
    assert "A bulk change may touch at most 40 recommendations: narrow the list first." in page.text
    assert Assignment.objects.count() == 0
