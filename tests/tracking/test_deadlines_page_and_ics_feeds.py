"""The deadlines page and the ICS feeds (parsed back with ``icalendar``)."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.urls import reverse

from rightstrack.tracking.actions import do_assign_recommendation
from rightstrack.tracking.ics import user_feed_token, user_for_token

from .followup_samples import CERD_BRA_ITEMS, make_cerd_brazil, make_restricted_visit

pytestmark = pytest.mark.django_db


def _events(body: bytes) -> list[icalendar.Event]:
    cal = icalendar.Calendar.from_ical(body)
    return list(cal.walk("VEVENT"))


def test_the_page_groups_by_month_and_marks_overdue_in_words(reference_data, client_for, anonymous):
    make_cerd_brazil()
    response = client_for(anonymous).get(reverse("tracking:deadlines"), {"country": "BRA"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h2 id="m-2023-12">December 2023</h2>' in html
    assert '<h2 id="m-2023-06">June 2023</h2>' in html
    assert html.count('<strong class="badge badge-overdue">Overdue</strong>') == 7
    assert html.count('datetime="2023-12-01"') == 7
    assert "CERD/C/BRA/CO/18-20, paragraph 36 (d)" in html
    # CERD para. 68: "within one year of the adoption" → the date is computed.
    assert html.count("<td>computed from the adoption date</td>") == 7


def test_the_page_hides_restricted_records_below_coordinator(reference_data, cast, client_for):
    make_cerd_brazil()
    make_restricted_visit("BRA")
    for role, user in cast.items():
        html = client_for(user).get(reverse("tracking:deadlines")).content.decode()
        assert ("Q-77" in html) == (role in ("admin", "coordinator")), role


def test_the_country_feed_is_valid_icalendar_with_stable_uids(
    reference_data, client_for, anonymous, settings
):
    settings.RIGHTSTRACK_INSTANCE_DOMAIN = "rights.example.org"
    co = make_cerd_brazil()
    make_restricted_visit("BRA")
    response = client_for(anonymous).get(reverse("tracking:deadlines_country_ics", args=["bra"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert b"Q-77" not in response.content
    events = _events(response.content)
    follow = [e for e in events if "follow_up_reply" in e.get("categories").cats]
    assert len(follow) == 7
    assert {e.decoded("dtstart") for e in follow} == {dt.date(2023, 12, 1)}
    assert {e.decoded("dtend") for e in follow} == {dt.date(2023, 12, 2)}
    uids = {str(e["uid"]) for e in follow}
    # CERD/C/BRA/CO/18-20, paragraph 68 asks for information on 17 (a), 19 (c), 23 (a) and
    # 36 (a)-(d). The UID is the symbol and the item under this installation's domain: no
    # database id, so a database rebuilt from the same document gives the same UIDs.
    assert co.key == "CERD/C/BRA/CO/18-20"
    items = ["17 (a)", "19 (c)", "23 (a)", "36 (a)", "36 (b)", "36 (c)", "36 (d)"]
    assert uids == {
        "followup-CERD%2FC%2FBRA%2FCO%2F18-20/"
        + item.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
        + "@rights.example.org"
        for item in items
    }
    summaries = sorted(str(e["summary"]) for e in follow)
    assert summaries[0].startswith("[Overdue] Follow-up information due: CERD/C/BRA/CO/18-20")
    assert str(follow[0]["url"]).startswith("http://testserver/recommendations/")
    # Same UIDs on a second fetch: calendar apps update events in place.
    again = _events(client_for(anonymous).get(response.request["PATH_INFO"]).content)
    assert {str(e["uid"]) for e in again} >= uids


def test_an_unknown_country_feed_is_404(reference_data, client_for, anonymous):
    assert client_for(anonymous).get("/tracking/deadlines/XXX.ics").status_code == 404


def test_the_user_feed_needs_the_secret_token_and_follows_their_scope(
    reference_data, coordinator, focal_point_a, ministry_a, client_for, anonymous
):
    co = make_cerd_brazil()
    do_assign_recommendation(coordinator, co.recommendations.get(paragraph="19 (c)"), ministry_a)
    token = user_feed_token(focal_point_a)
    assert user_for_token(token) == focal_point_a
    response = client_for(anonymous).get(reverse("tracking:deadlines_user_ics", args=[token]))
    assert response.status_code == 200
    items = [str(e["summary"]) for e in _events(response.content)]
    assert items == ["[Overdue] Follow-up information due: CERD/C/BRA/CO/18-20, paragraph 19 (c)"]
    forged = f"{focal_point_a.pk}-{'0' * 32}"
    assert client_for(anonymous).get(f"/tracking/deadlines/user/{forged}.ics").status_code == 404
    assert client_for(anonymous).get("/tracking/deadlines/user/abc.ics").status_code == 404


def test_the_coordinator_feed_has_no_restricted_record(
    reference_data, coordinator, client_for, anonymous
):
    make_cerd_brazil()
    make_restricted_visit("BRA")
    token = user_feed_token(coordinator)
    body = client_for(anonymous).get(f"/tracking/deadlines/user/{token}.ics").content
    assert b"Q-77" not in body
    items = [str(e["summary"]) for e in _events(body)]
    assert sum("Follow-up information due" in s for s in items) == len(CERD_BRA_ITEMS)
