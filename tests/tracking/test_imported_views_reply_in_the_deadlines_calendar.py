"""A reply deadline of Views imported from ``tb-views-lszoszk`` shows in the deadlines
calendar, its ICS feed and `rightstrack deadlines --country ISO3 --json`.

E/C.12/66/D/51/2018 (S.S.R. v. Spain), as printed: "Date of adoption of decision: 11 October
2019"; para. 11: "a written response to the Committee within six months": 11 April 2020,
counted from adoption. The file never names Spain as the State party (the import says so),
so a coordinator enters it.

CCPR/C/134/D/2836/2016 (Alimov v. Kyrgyzstan): the paragraph file prints neither State nor
date; the UN document's heading (OHCHR-Juris copy) prints "State party: Kyrgyzstan" and
"Date of adoption of Views: 11 March 2022"; para. 10 "within 180 days": 7 September 2022.
"""

from __future__ import annotations

import io
import json
from datetime import date

import icalendar
import pytest
from django.core.management import call_command
from django.urls import reverse

from rightstrack.catalog.models import Communication, Country
from rightstrack.tracking.communication_actions import do_update_communication

pytestmark = pytest.mark.django_db


def _import_and_complete(shared_raw, coordinator, name: str, iso3: str, **dates) -> Communication:
    call_command("import", str(shared_raw / "tb-views-lszoszk" / name), stdout=io.StringIO())
    comm = Communication.objects.get(document__source_file=name)
    return do_update_communication(
        coordinator, comm, country=Country.objects.get(iso3=iso3), **dates
    )


@pytest.fixture
def spain(reference_data, shared_raw, coordinator) -> Communication:
    return _import_and_complete(shared_raw, coordinator, "E_C.12_66_D_51_2018.txt", "ESP")


def _deadlines(*args: str) -> list[dict]:
    out = io.StringIO()
    call_command("deadlines", *args, stdout=out)
    return json.loads(out.getvalue())


def test_the_deadlines_command_lists_the_reply_on_the_imported_decision(spain):
    rows = _deadlines("--country", "ESP", "--json", "--date", "2020-03-01")
    replies = [r for r in rows if r["kind"] == "views_reply"]
    assert [(r["date"], r["symbol"], r["item"], r["basis"], r["state"]) for r in replies] == [
        ("2020-04-11", "E/C.12/66/D/51/2018", "51/2018", "views_adoption", "upcoming")
    ]


def test_the_calendar_page_shows_it(spain, client_for, anonymous):
    response = client_for(anonymous).get(reverse("tracking:deadlines"), {"country": "ESP"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "E/C.12/66/D/51/2018" in html
    assert 'datetime="2020-04-11"' in html


def test_the_country_ics_feed_carries_it(spain, client_for, anonymous):
    response = client_for(anonymous).get(reverse("tracking:deadlines_country_ics", args=["esp"]))
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    replies = [e for e in events if "views_reply" in e.get("categories").cats]
    assert [e.decoded("dtstart") for e in replies] == [date(2020, 4, 11)]


def test_a_coordinator_enters_what_the_file_lacks_on_the_communication_page(
    reference_data, shared_raw, coordinator, client_for
):
    name = "CCPR_C_134_D_2836_2016.txt"
    call_command("import", str(shared_raw / "tb-views-lszoszk" / name), stdout=io.StringIO())
    comm = Communication.objects.get(document__source_file=name)
    page = f"/tracking/communications/{comm.pk}/"
    client = client_for(coordinator)
    form = client.get(page).content.decode()
    assert 'name="country"' in form and 'name="views_adopted_on"' in form
    response = client.post(
        page,
        {
            "form": "settings",
            "country": Country.objects.get(iso3="KGZ").pk,
            "views_adopted_on": "2022-03-11",
            "visibility": "public",
        },
    )
    assert response.status_code == 302
    rows = _deadlines("--country", "KGZ", "--json", "--date", "2022-06-01")
    reply = next(r for r in rows if r["kind"] == "views_reply")
    assert (reply["date"], reply["symbol"], reply["basis"]) == (
        "2022-09-07",
        "CCPR/C/134/D/2836/2016",
        "views_adoption",
    )
