"""Two users edit the same action: the second save is refused and no update is lost."""

from __future__ import annotations

import re

from rightstrack.tracking.models import Action


def _form_version(html: str) -> int:
    return int(re.search(r'name="version" value="(\d+)"', html).group(1))


def _payload(version, title, status, rec):
    return {
        "version": version,
        "title": title,
        "description": "",
        "responsible": "",
        "status": status,
        "start_date": "2024-03-01",
        "target_date": "2025-06-30",
        "recommendations": [rec.pk],
    }


def test_the_second_save_is_refused_and_both_updates_survive(
    coordinator, admin, action_a, rec, client_for
):
    first, second = client_for(coordinator), client_for(admin)
    url = f"/tracking/actions/{action_a.pk}/edit/"
    v1 = _form_version(first.get(url).content.decode())
    v2 = _form_version(second.get(url).content.decode())
    assert v1 == v2 == action_a.version

    ok = first.post(
        url,
        {
            **_payload(v1, "Train 500 officers", "in_progress", rec),
            "responsible": action_a.responsible_id,
        },
    )
    assert ok.status_code == 302

    refused = second.post(
        url,
        {
            **_payload(v2, "Train police and prison staff", "delayed", rec),
            "responsible": action_a.responsible_id,
        },
    )
    assert refused.status_code == 409
    html = refused.content.decode()
    row = Action.objects.get(pk=action_a.pk)
    # the first user's update is in the database, untouched
    assert (row.title, row.status, row.version) == ("Train 500 officers", "in_progress", v1 + 1)
    # the second user sees a message, the current values, and keeps what they typed
    assert "Someone else saved this record" in html
    assert "Current saved values" in html and "Train 500 officers" in html
    assert 'value="Train police and prison staff"' in html
    assert _form_version(html) == row.version

    # saving again on purpose, from the version now shown, succeeds
    again = second.post(
        url,
        {
            **_payload(_form_version(html), "Train police and prison staff", "delayed", rec),
            "responsible": action_a.responsible_id,
        },
    )
    assert again.status_code == 302
    row.refresh_from_db()
    assert (row.title, row.status, row.version) == (
        "Train police and prison staff",
        "delayed",
        v1 + 2,
    )
    titles = list(row.history.order_by("history_date").values_list("title", flat=True))
    assert "Train 500 officers" in titles  # the first update stays in history


def test_a_stale_archive_is_refused(coordinator, action_a, client_for):
    client = client_for(coordinator)
    stale = action_a.version
    client.post(
        f"/tracking/actions/{action_a.pk}/edit/",
        {
            **_payload(stale, "Renamed", "planned", action_a.recommendations.first()),
            "responsible": action_a.responsible_id,
        },
    )
    response = client.post(
        f"/tracking/actions/{action_a.pk}/archive/", {"version": stale}, follow=True
    )
    assert "nothing was archived" in response.content.decode()
    assert Action.objects.get(pk=action_a.pk).is_archived is False
