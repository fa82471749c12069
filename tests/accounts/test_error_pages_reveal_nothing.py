"""Error pages (DEBUG off) say the same thing for a missing and for a restricted record."""

from __future__ import annotations

import re

import pytest
from django.conf import settings

from .conftest import MARKER, add_confidential_records

pytestmark = pytest.mark.django_db


def _no_csrf(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_debug_is_off_in_tests_as_in_production():
    assert settings.DEBUG is False


@pytest.mark.parametrize("role", ["anonymous", "viewer", "focal_point_a", "validator"])
def test_a_restricted_recommendation_gets_the_same_404_page_as_a_missing_one(
    role, world, cast, client_for
):
    add_confidential_records(world, cast)
    restricted = world.confidential["recommendation"][0]
    client = client_for(cast[role])

    hidden = client.get(f"/recommendations/{restricted.pk}/")
    missing = client.get("/recommendations/987654/")

    assert hidden.status_code == missing.status_code == 404
    body = hidden.content.decode()
    # Only the address differs (the login link carries ?next=<this page>).
    same_address = body.replace(f"/recommendations/{restricted.pk}/", "/recommendations/987654/")
    assert _no_csrf(same_address) == _no_csrf(missing.content.decode())
    assert "Page not found" in body
    assert "No such recommendation" not in body
    assert MARKER not in body


def test_a_refused_action_gets_a_generic_403_page(client_for, viewer):
    response = client_for(viewer).get("/tracking/plans/new/")

    assert response.status_code == 403
    assert "Not allowed" in response.content.decode()
