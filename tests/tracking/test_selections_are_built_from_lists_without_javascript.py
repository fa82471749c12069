"""Selections ("baskets") of CCPR/C/PRY/CO/4 paragraphs built with plain form posts from
the portal list and a recommendation page; shared with the organisation or private; made
into an export and an engagement's agenda; history kept, archived not deleted."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from paraguay_engagement import paraguay
from rightstrack.accounts.models import User
from rightstrack.tracking.models import Selection

pytestmark = [pytest.mark.django_db]
__all__ = ["paraguay"]


@pytest.fixture
def colleague(nmrf):
    return User.objects.create(username="colleague", role="contributor", organisation=nmrf)


def test_the_list_and_the_recommendation_page_add_to_a_selection(paraguay, coordinator, client_for):
    client = client_for(coordinator)
    listing = client.get(reverse("portal:recommendation_list") + "?country=PRY").content.decode()
    assert 'form="add-to-selection"' in listing and 'id="add-to-selection"' in listing
    r13, r29, r35 = (paraguay.recs[p] for p in ("13", "29", "35"))
    back = reverse("portal:recommendation_list") + "?country=PRY"
    response = client.post(
        reverse("tracking:selection_add"),
        {"recommendation": [r13.pk, r29.pk], "new_name": "Senate hearing", "next": back},
    )
    assert response["Location"] == back
    sel = Selection.objects.get(name="Senate hearing")
    page = client.get(reverse("portal:recommendation_detail", args=[r35.pk])).content.decode()
    assert f'<option value="{sel.pk}">Senate hearing</option>' in page
    client.post(reverse("tracking:selection_add"), {"recommendation": r35.pk, "selection": sel.pk})
    assert sorted(r.paragraph for r in sel.recommendations.all()) == ["13", "29", "35"]
    reasons = {h.history_change_reason for h in sel.history.all()}
    assert {"selection created", "recommendations added"} <= reasons


def test_a_shared_selection_is_seen_by_the_organisation_and_a_private_one_is_not(
    paraguay, coordinator, colleague, client_for, focal_point_a
):
    from rightstrack.tracking.actions import do_create_selection

    shared = do_create_selection(coordinator, "Shared", recommendations=[paraguay.recs["13"]])
    private = do_create_selection(coordinator, "Mine", shared=False)
    c = client_for(colleague)
    assert c.get(reverse("tracking:selection_detail", args=[shared.pk])).status_code == 200
    assert c.get(reverse("tracking:selection_detail", args=[private.pk])).status_code == 404
    other = client_for(focal_point_a)
    assert other.get(reverse("tracking:selection_detail", args=[shared.pk])).status_code == 404


def test_a_selection_becomes_an_export_and_an_agenda(paraguay, coordinator, client_for):
    from rightstrack.tracking.actions import do_create_selection

    recs = [paraguay.recs[p] for p in ("13", "29", "35")]
    sel = do_create_selection(coordinator, "Senate hearing", recommendations=recs)
    client = client_for(coordinator)
    export = client.get(
        reverse("reports:export", args=["recommendations", "csv"]) + f"?selection={sel.pk}"
    )
    body = b"".join(export.streaming_content) if export.streaming else export.content
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert sorted(r["paragraph"] for r in rows) == ["13", "29", "35"]
    agenda = client.get(reverse("tracking:engagement_create") + f"?selection={sel.pk}")
    html = agenda.content.decode()
    assert html.count('name="recommendations"') == 3 and html.count("checked") == 3


def test_archiving_a_selection_keeps_it_in_history(paraguay, coordinator, client_for):
    from rightstrack.tracking.actions import do_create_selection

    sel = do_create_selection(coordinator, "Old")
    client = client_for(coordinator)
    client.post(reverse("tracking:selection_archive", args=[sel.pk]), {"version": sel.version})
    sel.refresh_from_db()
    assert sel.is_archived
    assert client.get(reverse("tracking:selection_detail", args=[sel.pk])).status_code == 404
