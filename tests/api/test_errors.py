"""Every error of the API is JSON of one shape, never HTML; unknown parameters are named."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _error(response, status):
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "field"}
    return body["error"]


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/recommendations?countri=SVN", "countri"),
        ("/api/v1/recommendations?page=2", "page"),
        ("/api/v1/documents?q=torture", "q"),
        ("/api/v1/countries?country=SVN", "country"),
        ("/api/v1/deadlines?date=2025-01-01&foo=", "foo"),
        ("/api/v1/recommendations/1?verbose=1", "verbose"),
    ],
)
def test_an_unknown_parameter_is_a_400_naming_it(api_client, url, field):
    error = _error(api_client().get(url), 400)
    assert error == {
        "code": "invalid_parameter",
        "message": f"Unknown parameter “{field}”.",
        "field": field,
    }


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"limit": 501}, "limit"),
        ({"limit": 0}, "limit"),
        ({"year": "twenty"}, "year"),
        ({"sdg": "-1"}, "sdg"),
        ({"sort": "random"}, "sort"),
        ({"cursor": "not-a-cursor"}, "cursor"),
    ],
)
def test_a_bad_value_is_a_400_naming_the_parameter(api_client, query, field):
    error = _error(api_client().get("/api/v1/recommendations", query), 400)
    assert error["code"] == "invalid_parameter"
    assert error["field"] == field


def test_limit_500_is_accepted(api_client):
    assert api_client().get("/api/v1/recommendations", {"limit": 500}).status_code == 200


def test_unknown_paths_and_missing_objects_are_json_404s(api_client):
    for url in ("/api/v1/no-such-endpoint", "/api/v1/recommendations/", "/api/v1/x/y/z"):
        assert _error(Client().get(url), 404)["code"] == "not_found"
    client = api_client()
    for url in (
        "/api/v1/recommendations/987654",
        "/api/v1/documents/987654",
        "/api/v1/countries/XYZ",
        "/api/v1/mechanisms/NOPE",
        "/api/v1/follow-up-requests/987654",
    ):
        assert _error(client.get(url), 404) == {
            "code": "not_found",
            "message": "Not found.",
            "field": None,
        }


def test_a_wrong_method_is_a_json_405():
    response = Client().post("/api/v1/recommendations", {})
    assert _error(response, 405)["code"] == "method_not_allowed"
    assert response["Allow"] == "GET"
    assert _error(Client().delete("/api/v1/countries/SVN"), 405)["code"] == "method_not_allowed"


def test_a_bad_token_is_a_json_401(api_client):
    client = api_client()
    for header in ("Bearer rt_unknown", "Bearer ", "Basic dXNlcjpwYXNz", "Token abc"):
        response = client.get("/api/v1/recommendations", HTTP_AUTHORIZATION=header)
        assert _error(response, 401)["code"] == "unauthorized"
        assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_server_error_is_a_json_500_without_a_traceback(api_client, monkeypatch):
    from rightstrack.api import endpoints

    def broken(user):
        raise RuntimeError("secret detail of the failure")

    monkeypatch.setattr(endpoints, "visible_documents", broken)
    client = api_client()
    client.client.raise_request_exception = False
    response = client.get("/api/v1/documents")
    error = _error(response, 500)
    assert error == {"code": "server_error", "message": "Server error.", "field": None}
    assert b"secret detail" not in response.content
    assert b"Traceback" not in response.content
