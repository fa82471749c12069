""" "My account": language preference and, for contributors, the hidden-name choice."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_login():
    from django.test import Client

    response = Client().get("/accounts/me/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/me/"


def test_a_contributor_can_ask_to_hide_their_name(client_for, contributor):
    contributor.hide_name_publicly = False
    contributor.save()
    client = client_for(contributor)
    page = client.get("/accounts/me/")
    assert 'name="hide_name_publicly"' in page.content.decode()

    response = client.post(
        "/accounts/me/",
        {
            "first_name": contributor.first_name,
            "last_name": contributor.last_name,
            "email": contributor.email,
            "language": "fr",
            "hide_name_publicly": "on",
        },
    )

    assert response.status_code == 302
    contributor.refresh_from_db()
    assert contributor.hide_name_publicly is True
    assert contributor.language == "fr"
    assert response.cookies["django_language"].value == "fr"
    assert contributor.history.count() >= 2


def test_other_roles_do_not_get_the_hidden_name_choice(client_for, focal_point_a):
    page = client_for(focal_point_a).get("/accounts/me/")

    assert page.status_code == 200
    assert 'name="hide_name_publicly"' not in page.content.decode()
    assert 'name="language"' in page.content.decode()


def test_an_unknown_language_is_refused(client_for, viewer):
    response = client_for(viewer).post(
        "/accounts/me/", {"first_name": "", "last_name": "", "email": "", "language": "xx"}
    )

    assert response.status_code == 200
    viewer.refresh_from_db()
    assert viewer.language == ""  # unchanged: the default, no preference
