"""Views in the deadlines calendar (`rightstrack deadlines --country KAZ --json`, ICS) and the
third-party intervention reminder.

CAT/C/51/D/441/2010 (Evloev v. Kazakhstan, TreatyBodyJuris record_0003.json): adopted
5 November 2013, reply "within 90 days from the date of the transmittal": 3 February 2014
counted from adoption; six months after the Views: 5 May 2014.
"""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from rightstrack.catalog.models import Communication
from rightstrack.tracking import communication_actions as verbs
from rightstrack.tracking.dashboard import interventions_to_decide
from rightstrack.tracking.deadlines import Filters, build_calendar

pytestmark = pytest.mark.django_db


@pytest.fixture
def evloev(reference_data, shared_raw) -> Communication:
    path = shared_raw / "tb-juris-worldwidelaw" / "TreatyBodyJuris" / "record_0003.json"
    call_command("import", str(path), stdout=io.StringIO())
    return Communication.objects.get(mechanism__code="CAT", number="441/2010")


def _deadlines(*args: str) -> list[dict]:
    out = io.StringIO()
    call_command("deadlines", *args, stdout=out)
    return json.loads(out.getvalue())


def test_the_deadlines_command_lists_the_reply_on_the_views(evloev):
    rows = _deadlines("--country", "KAZ", "--json", "--date", "2014-01-15")
    replies = [r for r in rows if r["kind"] == "views_reply"]
    assert len(replies) == 1
    reply = replies[0]
    assert (reply["date"], reply["symbol"], reply["item"]) == (
        "2014-02-03",
        "CAT/C/51/D/441/2010",
        "441/2010",
    )
    assert (reply["basis"], reply["state"]) == ("views_adoption", "upcoming")
    # The FollowUpRequest of the same Views is not listed twice.
    assert not [r for r in rows if r["kind"] == "follow_up_reply"]
    anniversaries = {r["basis"]: r["date"] for r in rows if r["kind"] == "six_months_since"}
    assert anniversaries == {"adoption": "2014-05-05", "reply_deadline": "2014-02-03"}


def test_a_transmittal_date_moves_the_deadline_and_shows_its_basis(evloev, coordinator):
    verbs.do_update_communication(coordinator, evloev, transmitted_on=date(2013, 12, 2))
    rows = _deadlines("--country", "KAZ", "--json", "--date", "2014-04-01")
    reply = next(r for r in rows if r["kind"] == "views_reply")
    assert (reply["date"], reply["basis"], reply["state"]) == (
        "2014-03-02",
        "transmittal",
        "overdue",
    )


def test_a_recorded_state_reply_marks_it_submitted(evloev, coordinator):
    verbs.do_add_views_follow_up(
        coordinator, evloev, kind="state_reply", date=date(2014, 1, 30), symbol="CAT/C/52/R"
    )
    rows = _deadlines("--country", "KAZ", "--json", "--date", "2014-04-01")
    assert next(r for r in rows if r["kind"] == "views_reply")["state"] == "submitted"


def test_the_ics_feed_of_kazakhstan_carries_the_reply_on_the_views(evloev, client):
    body = client.get("/tracking/deadlines/KAZ.ics").content.decode()
    assert "viewsreply-" in body
    assert "DTSTART;VALUE=DATE:20140203" in body


def test_a_committee_assessment_keeps_its_grade_and_dialogue(evloev, coordinator):
    step = verbs.do_add_views_follow_up(
        coordinator,
        evloev,
        kind="committee_assessment",
        date=date(2015, 5, 1),
        grade_label="C",
        dialogue="ongoing",
    )
    assert (step.grade_ordinal, step.grade_scale) == (3, "ccpr")


def test_a_grade_on_a_state_reply_is_refused(evloev, coordinator):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        verbs.do_add_views_follow_up(
            coordinator, evloev, kind="state_reply", date=date(2015, 5, 1), grade_label="B"
        )


def test_an_intervention_is_restricted_and_reminds_coordinators_once_views_are_out(
    evloev, coordinator, ngo, contributor, client_for
):
    pdf = SimpleUploadedFile("amicus.pdf", b"%PDF-1.4\n%amicus\n", content_type="application/pdf")
    item = verbs.do_record_intervention(
        coordinator, evloev, organisation=ngo, date=date(2012, 3, 1), title="Amicus brief",
        upload=pdf,
    )  # fmt: skip
    assert item.visibility == "restricted"
    coordinator_events = build_calendar(coordinator, date(2014, 1, 1), Filters(country="KAZ"))
    reminders = [e for e in coordinator_events if e.kind == "intervention_publication"]
    assert [(e.date, e.item) for e in reminders] == [(date(2013, 11, 5), "441/2010")]
    assert [i.pk for i in interventions_to_decide(coordinator, "KAZ")] == [item.pk]
    # Nobody below coordinator sees it, nor its file.
    for viewer in (None, contributor):
        events = build_calendar(viewer, date(2014, 1, 1), Filters(country="KAZ"))
        assert not [e for e in events if e.kind == "intervention_publication"]
        assert interventions_to_decide(viewer, "KAZ") == []
    assert (
        client_for(contributor).get(f"/tracking/interventions/{item.pk}/file/").status_code == 404
    )
    assert (
        client_for(coordinator).get(f"/tracking/interventions/{item.pk}/file/").status_code == 200
    )
    verbs.do_decide_intervention_publication(coordinator, item, item.version, publish=True)
    assert not interventions_to_decide(coordinator, "KAZ")
    page = client_for(contributor).get(f"/communications/{evloev.pk}/").content.decode()
    assert "Amicus brief" in page


def test_an_intervention_on_a_pending_communication_cannot_be_published(
    reference_data, coordinator, ngo
):
    from django.core.exceptions import ValidationError

    from rightstrack.catalog.models import Mechanism

    pending = verbs.do_record_communication(
        coordinator, mechanism=Mechanism.objects.get(code="CCPR"), number="4100/2022",
        author="Ana Maria Pérez",
    )  # fmt: skip
    item = verbs.do_record_intervention(
        coordinator, pending, organisation=ngo, date=date(2023, 1, 9)
    )
    with pytest.raises(ValidationError):
        verbs.do_decide_intervention_publication(coordinator, item, item.version, publish=True)
