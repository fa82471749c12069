"""Logging in keeps the language the visitor chose on the page, unless the user chose
a preferred language in "My account" (then the interface switches to it)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _log_in_as_an_arabic_reader(username: str, password: str) -> Client:
    client = Client()
    client.cookies["django_language"] = "ar"
    response = client.post(reverse("accounts:login"), {"username": username, "password": password})
    assert response.status_code == 302
    return client


def test_a_user_without_a_preference_keeps_the_pages_language(viewer, cast_password):
    assert viewer.language == ""  # the default: no preference
    client = _log_in_as_an_arabic_reader("viewer", cast_password)
    page = client.get("/recommendations/")
    assert '<html lang="ar" dir="rtl"' in page.content.decode()


def test_a_user_who_chose_a_language_gets_it(viewer, cast_password):
    viewer.language = "fr"
    viewer.save()
    client = _log_in_as_an_arabic_reader("viewer", cast_password)
    page = client.get("/recommendations/")
    assert '<html lang="fr"' in page.content.decode()
