"""Responses to visitors are gzipped; responses to signed-in users never are (BREACH:
core/compression.py)."""

from __future__ import annotations

import gzip

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from rightstrack.core.compression import carries_user_secrets

pytestmark = pytest.mark.django_db
GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def test_a_visitors_page_is_gzipped_and_varies_on_accept_encoding(client):
    response = client.get("/", **GZIP)

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert b"<html" in gzip.decompress(response.content)


def test_a_visitors_csv_export_is_gzipped_while_streaming(client):
    response = client.get("/recommendations.csv", **GZIP)

    assert response.streaming
    assert response["Content-Encoding"] == "gzip"
    body = gzip.decompress(b"".join(response.streaming_content))
    assert body.startswith(b"\xef\xbb\xbf")  # the BOM of core/csv_stream.py


def test_a_client_that_does_not_accept_gzip_gets_plain_html(client):
    response = client.get("/")

    assert not response.has_header("Content-Encoding")
    assert b"<html" in response.content


def test_a_signed_in_users_page_is_never_compressed(client_for, coordinator):
    response = client_for(coordinator).get("/", **GZIP)

    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert b"<html" in response.content


def test_an_api_request_with_a_token_counts_as_signed_in():
    request = RequestFactory().get("/api/v1/recommendations")
    request.user = AnonymousUser()
    assert not carries_user_secrets(request)
    request.auth = object()  # what the API sets for a valid personal token
    assert carries_user_secrets(request)
