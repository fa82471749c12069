"""`/api/v1/communications`: public Views only (a pending communication is a 404 like a
missing one, even for a coordinator's token), authors as initials when anonymised."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from rightstrack.catalog.models import Communication, Mechanism
from rightstrack.tracking import communication_actions as verbs

pytestmark = pytest.mark.django_db


@pytest.fixture
def evloev(reference_data, shared_raw) -> Communication:
    path = shared_raw / "tb-juris-worldwidelaw" / "TreatyBodyJuris" / "record_0003.json"
    call_command("import", str(path), stdout=io.StringIO())
    return Communication.objects.get(mechanism__code="CAT", number="441/2010")


def test_the_list_gives_the_public_views_with_their_facts(evloev, coordinator, client):
    verbs.do_record_communication(
        coordinator, mechanism=Mechanism.objects.get(code="CCPR"), number="4100/2022"
    )
    body = client.get("/api/v1/communications?country=KAZ").json()
    assert body["count"] == 1
    row = body["results"][0]
    assert (row["symbol"], row["country"], row["views_adopted_on"]) == (
        "CAT/C/51/D/441/2010",
        "KAZ",
        "2013-11-05",
    )
    assert row["articles_violated"] == ["1", "2 (1)", "12", "13", "14", "15"]
    assert (row["reply_due"], row["reply_due_basis"]) == ("2014-02-03", "adoption")
    assert client.get("/api/v1/communications").json()["count"] == 1


def test_a_pending_communication_is_a_404(reference_data, coordinator, client):
    pending = verbs.do_record_communication(
        coordinator, mechanism=Mechanism.objects.get(code="CCPR"), number="4100/2022"
    )
    assert client.get(f"/api/v1/communications/{pending.pk}").status_code == 404
    assert client.get("/api/v1/communications/999999").status_code == 404


def test_an_anonymised_author_is_given_as_initials(evloev, coordinator, client):
    verbs.do_update_communication(coordinator, evloev, anonymise_author=True)
    row = client.get(f"/api/v1/communications/{evloev.pk}").json()
    assert row["author"] == "O.E."
    verbs.do_add_views_follow_up(
        coordinator, evloev, kind="committee_assessment", date=dt.date(2015, 5, 1),
        grade_label="C", dialogue="ongoing",
    )  # fmt: skip
    row = client.get(f"/api/v1/communications/{evloev.pk}").json()
    assert row["follow_up"] == [
        {"kind": "committee_assessment", "date": "2015-05-01", "symbol": None, "grade": "C",
         "dialogue": "ongoing"}
    ]  # fmt: skip
