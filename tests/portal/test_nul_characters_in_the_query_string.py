"""A NUL character in a parameter names nothing (core/nul.py), never a server error (PostgreSQL refuses
NUL in text; Schemathesis found ``recommending_state=...%00...`` answered 500 there)."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/recommendations?recommending_state=F%00RA&limit=4",
        "/recommendations/?recommending_state=F%00RA",
        "/recommendations.json?q=tor%00ture&theme=a%00b",
        "/api/v1/recommendations?q=%00",
        "/api/v1/documents?mechanism=CC%00PR&country=%00",
    ],
)
def test_a_nul_in_a_parameter_is_not_a_server_error(svn_upr_catalogue, path):
    response = Client().get(path)
    assert response.status_code == 200
