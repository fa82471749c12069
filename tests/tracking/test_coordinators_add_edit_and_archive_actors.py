"""The actors map is where coordinators add, edit and archive organisations and contacts.

Paraguay's Senate committee ("Comisión de Derechos Humanos de la Cámara de Senadores") is
added under the Senate; archiving asks on its own page what will happen, and is undone
from the history page. Only coordinators and admins change actors; the CSV stays.
"""

from __future__ import annotations

import csv
import io

import pytest

from rightstrack.accounts.models import Contact, Organisation

pytestmark = pytest.mark.django_db

COMMITTEE = "Comisión de Derechos Humanos de la Cámara de Senadores"


@pytest.fixture
def senate(coordinator):
    from rightstrack.accounts.actions import do_create_organisation

    return do_create_organisation(
        coordinator, name="Cámara de Senadores", org_type=Organisation.Type.PARLIAMENT
    )


def test_a_coordinator_adds_a_committee_with_the_products_words(client_for, coordinator, senate):
    client = client_for(coordinator)
    form = client.get("/tracking/actors/new/")
    html = form.content.decode()
    assert (
        "Kind of actor" in html and "Part of" in html and "org_type" not in html.split("<form")[0]
    )
    answer = client.post(
        "/tracking/actors/new/",
        {
            "name": COMMITTEE,
            "acronym": "CDDHH",
            "org_type": "parliament",
            "parent": senate.pk,
            "mandate": "Dictamina proyectos de ley sobre derechos humanos.",
        },
    )
    committee = Organisation.objects.get(name=COMMITTEE)
    assert answer.status_code == 302 and answer["Location"] == f"/tracking/actors/{committee.pk}/"
    assert committee.parent == senate
    record = committee.history.latest()
    assert (record.history_user, record.history_change_reason) == (
        coordinator,
        "organisation created",
    )
    page = client.get(answer["Location"]).content.decode()
    assert COMMITTEE in page and "Cámara de Senadores" in page
    rows = list(
        csv.reader(
            io.StringIO(client.get("/tracking/actors/?format=csv").content.decode("utf-8-sig"))
        )
    )
    assert rows[0][0] == "name"
    assert [COMMITTEE, "CDDHH", "Parliament or parliamentary committee"] in [r[:3] for r in rows]


def test_contacts_are_added_and_seen_by_focal_points_but_not_the_public(
    client_for, coordinator, senate, focal_point_a, viewer, anonymous
):
    client = client_for(coordinator)
    client.post(
        f"/tracking/actors/{senate.pk}/contacts/new/",
        {
            "kind": "focal_point",
            "name": "Lilian Ortiz",
            "position": "Secretaria",
            "email": "lortiz@senado.example",
        },
    )
    contact = Contact.objects.get(name="Lilian Ortiz")
    assert contact.organisation == senate and contact.kind == "focal_point"
    url = f"/tracking/actors/{senate.pk}/"
    assert "lortiz@senado.example" in client_for(focal_point_a).get(url).content.decode()
    for outsider in (viewer, anonymous):
        assert "Lilian Ortiz" not in client_for(outsider).get(url).content.decode()


def test_archive_asks_first_then_is_undone_from_the_history(client_for, coordinator, senate):
    client = client_for(coordinator)
    confirm = client.get(f"/tracking/actors/{senate.pk}/archive/")
    assert confirm.status_code == 200
    text = confirm.content.decode()
    assert "What will happen" in text and "Nothing is deleted" in text
    assert Organisation.objects.get(pk=senate.pk).is_archived is False  # a GET changes nothing
    done = client.post(f"/tracking/actors/{senate.pk}/archive/", follow=True)
    assert "Cámara de Senadores is archived. You can restore it from its history." in (
        done.content.decode()
    )
    assert Organisation.objects.get(pk=senate.pk).is_archived is True
    assert "Cámara de Senadores" not in client.get("/tracking/actors/").content.decode()
    history = client.get(f"/tracking/history/organisation/{senate.pk}/").content.decode()
    assert (
        "organisation archived" in history and f"/tracking/actors/{senate.pk}/restore/" in history
    )
    client.post(f"/tracking/actors/{senate.pk}/restore/")
    assert Organisation.objects.get(pk=senate.pk).is_archived is False
    reasons = [h.history_change_reason for h in senate.history.order_by("history_id")]
    assert reasons == ["organisation created", "organisation archived", "organisation restored"]


@pytest.mark.parametrize("role", ["focal_point_a", "validator", "contributor", "viewer"])
def test_only_coordinators_and_admins_change_actors(client_for, cast, senate, role):
    client = client_for(cast[role])
    for url in (
        "/tracking/actors/new/",
        f"/tracking/actors/{senate.pk}/edit/",
        f"/tracking/actors/{senate.pk}/archive/",
        f"/tracking/actors/{senate.pk}/contacts/new/",
    ):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"name": "X", "org_type": "ngo"}).status_code == 403, url
    assert Organisation.objects.get(pk=senate.pk).is_archived is False
    assert not Organisation.objects.filter(name="X").exists()


def test_anonymous_visitors_are_sent_to_the_login_page(client, senate):
    answer = client.get(f"/tracking/actors/{senate.pk}/edit/")
    assert answer.status_code == 302 and answer["Location"].startswith("/accounts/login/")
