"""Password rules: at least 12 characters, not common, not all digits, not like the name or email."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError


@pytest.mark.parametrize(
    "password",
    ["Sh0rt!passw", "123456789012345", "password1234", "viewer@example.org"],
    ids=["eleven-characters", "all-digits", "common", "like-the-email"],
)
def test_weak_passwords_are_refused(password, viewer):
    with pytest.raises(ValidationError):
        validate_password(password, user=viewer)


def test_a_long_uncommon_passphrase_is_accepted(viewer):
    assert validate_password("plum-orbit-canvas-quiet-71", user=viewer) is None


def test_the_password_change_page_refuses_a_short_password(client_for, viewer, cast_password):
    client = client_for(viewer)

    response = client.post(
        "/accounts/password/",
        {"old_password": cast_password, "new_password1": "Tiny!1", "new_password2": "Tiny!1"},
    )

    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()
    viewer.refresh_from_db()
    assert viewer.check_password(cast_password)


def test_the_password_change_page_accepts_a_good_password(client_for, viewer, cast_password):
    client = client_for(viewer)
    new = "plum-orbit-canvas-quiet-71"

    response = client.post(
        "/accounts/password/",
        {"old_password": cast_password, "new_password1": new, "new_password2": new},
    )

    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/done/"
    viewer.refresh_from_db()
    assert viewer.check_password(new)
    # The session survives the change (Django updates the session hash).
    assert client.get("/accounts/me/").status_code == 200
