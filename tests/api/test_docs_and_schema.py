"""The OpenAPI document is valid OpenAPI 3; the docs page loads nothing from the internet
and has no inline script or style (it must work under a strict Content-Security-Policy)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from openapi_spec_validator import validate

from rightstrack.portal.filters import SORTS
from rightstrack.portal.rows import RECOMMENDATION_COLUMNS

pytestmark = pytest.mark.django_db


def test_openapi_json_validates_as_openapi_3():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    assert spec["openapi"].startswith("3.")
    validate(spec)  # raises OpenAPIValidationError on an invalid document
    paths = set(spec["paths"])
    assert {
        "/api/v1/recommendations",
        "/api/v1/recommendations/{pk}",
        "/api/v1/documents",
        "/api/v1/documents/{pk}",
        "/api/v1/countries",
        "/api/v1/countries/{iso3}",
        "/api/v1/mechanisms",
        "/api/v1/mechanisms/{code}",
        "/api/v1/follow-up-requests",
        "/api/v1/follow-up-requests/{pk}",
        "/api/v1/deadlines",
    } <= paths


def test_the_recommendation_schema_has_the_fields_of_the_portal_row(openapi_spec):
    fields = list(openapi_spec["components"]["schemas"]["RecommendationOut"]["properties"])
    assert fields == [c.header for c in RECOMMENDATION_COLUMNS]
    params = openapi_spec["paths"]["/api/v1/recommendations"]["get"]["parameters"]
    names = {p["name"] for p in params}
    # The portal list's parameter names (portal/filters.py), plus the cursor and page size.
    assert names == {
        "q", "country", "mechanism", "theme", "affected", "issue", "sdg", "position",
        "recommending_state", "cycle", "year", "document", "repeated", "sort", "cursor",
        "limit",
    }  # fmt: skip
    sort = next(p for p in params if p["name"] == "sort")
    assert set(sort["schema"]["enum"]) == set(SORTS)


def test_the_docs_page_loads_only_files_this_server_serves():
    client = Client()
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    # No URL to another host (CDN, validator badge...).
    assert re.findall(r"(?:https?:)?//[\w.-]+", html.replace("<!DOCTYPE html>", "")) == []
    scripts = re.findall(r'<script\b[^>]*\bsrc="([^"]+)"', html)
    styles = re.findall(r'<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"', html)
    assert len(scripts) == 2 and len(styles) == 2
    for url in [*scripts, *styles]:
        served = client.get(url)
        assert served.status_code == 200, url
        body = b"".join(served.streaming_content) if served.streaming else served.content
        assert len(body) > 100, url
    assert 'data-openapi-url="/api/v1/openapi.json"' in html
    # The icons the page's own stylesheet draws (instead of swagger-ui.css's data: URLs).
    css_url = next(u for u in styles if u.endswith("api/docs.css"))
    css = b"".join(client.get(css_url).streaming_content).decode()
    icons = re.findall(r'url\("([^"]+)"\)', css)
    assert len(icons) == 8
    for icon in icons:
        served = client.get(css_url.rsplit("/", 1)[0] + "/" + icon)
        assert served.status_code == 200, icon
        assert b"".join(served.streaming_content).startswith(b"<svg"), icon


def test_the_docs_page_has_no_inline_script_or_style():
    html = Client().get("/api/v1/docs").content.decode()
    assert len(re.findall(r"<script\b", html)) == len(re.findall(r"<script\b[^>]*\bsrc=", html))
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son\w+=", html)  # no inline event handlers
