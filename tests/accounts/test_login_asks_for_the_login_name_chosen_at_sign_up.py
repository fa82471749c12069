"""The login page names its first field as the sign-up and invitation forms do ("Login
name"): a new contributor told to choose a login name finds the same words when they log
in, in every language (not Django's "Username")."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _label(html: str, field: str) -> str:
    return re.search(rf'<label for="id_{field}"[^>]*>([^<]+)</label>', html).group(1).strip()


@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_the_login_page_asks_for_the_login_name_of_the_sign_up_form(language):
    client = Client()
    client.cookies["django_language"] = language
    login = client.get("/accounts/login/").content.decode()
    signup = client.get("/accounts/signup/").content.decode()
    assert _label(login, "username") == _label(signup, "username").rstrip(":")
    if language == "en":
        assert _label(login, "username") == "Login name"


def test_a_contributor_logs_in_with_that_login_name(contributor, cast_password):
    answer = Client().post(
        "/accounts/login/", {"username": contributor.username, "password": cast_password}
    )
    assert answer.status_code == 302
