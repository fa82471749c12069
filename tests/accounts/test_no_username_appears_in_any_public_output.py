"""No login name (username) appears in anything an anonymous visitor can reach.

Issue 11: "/recommendations/<id>/ shows 'Ministerio de Justicia · coord', where coord is
the coordinator's username, and the assessments export has an author column with
usernames". Here every member of the cast gets a distinctive login name; the
coordinator, a validator and a second contributor have no display name at all (the case
where the old code fell back to the login name), and each of them authors or approves
published records. Then every URL of the project (the confidentiality matrix's list:
pages, ``.json``/``.csv``, XLSX/DOCX/PDF exports and reports, Atom feeds, ICS calendars,
the API and its schema) is fetched anonymously, and no login name may appear.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client, override_settings

from .test_confidentiality_matrix import body_text, project_urls

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

#: Login names nobody would write in a page by chance.
LOGINS = {
    "admin": "lgn-qv7-admin",
    "coordinator": "lgn-qv7-coord",
    "focal_point_a": "lgn-qv7-focal-a",
    "focal_point_b": "lgn-qv7-focal-b",
    "validator": "lgn-qv7-valid",
    "contributor": "lgn-qv7-contrib",
    "viewer": "lgn-qv7-viewer",
}
NAMELESS = ("coordinator", "validator")


@pytest.fixture
def renamed_world(full_world, cast):
    world = full_world
    from rightstrack.accounts.models import User
    from rightstrack.tracking import actions as verbs

    for role, login in LOGINS.items():
        user = cast[role]
        user.username = login
        if role in NAMELESS:
            user.first_name = user.last_name = ""
        user.save()
    # A contributor who signed up without a display name, published after moderation.
    plain = User.objects.create(username="lgn-qv7-plain", role="contributor")
    rec = world.objects["recommendation"][0]
    for author, text in (
        (plain, "Body cameras were bought in Rio de Janeiro."),
        (cast["coordinator"], "The Ministry reported training 120 officers."),
    ):
        a = verbs.do_submit_assessment(
            author, rec, date=dt.date(2024, 7, 1), level="partial", text=text
        )
        if a.publication_state != "published":
            a = verbs.do_review_assessment(cast["coordinator"], a, a.version, approve=True)
        world.add("assessment", a)
    return world


def test_no_login_name_in_any_anonymous_output(renamed_world, cast):
    urls, problems, _confidential = project_urls(renamed_world)
    assert problems == []
    client = Client(raise_request_exception=False)
    logins = [*LOGINS.values(), "lgn-qv7-plain"]
    leaks: list[str] = []
    statuses: dict[str, int] = {}
    with override_settings(RIGHTSTRACK_API_ANON_RATE=10**6):
        for url in urls:
            body = body_text(client.get(url))
            statuses[url] = int(body[:3])
            leaks.extend(f"{url}: {login}" for login in logins if login in body)
    assert leaks == [], "\n".join(leaks[:20])
    # The crawl reached the outputs that showed login names before.
    rec = renamed_world.objects["recommendation"][0]
    assert statuses[f"/recommendations/{rec.pk}/"] == 200
    page = body_text(client.get(f"/recommendations/{rec.pk}/"))
    assert "Body cameras were bought in Rio de Janeiro." in page
    assert "The Ministry reported training 120 officers." in page
    exports = [u for u in urls if u.startswith("/reports/export/assessments")]
    assert exports and all(statuses[u] == 200 for u in exports), exports
    assert any(u.endswith(".ics") and statuses[u] == 200 for u in urls)
    assert any(u.startswith("/api/v1/") and statuses[u] == 200 for u in urls)
    assert any(".atom" in u and statuses[u] == 200 for u in urls)
