"""The stylesheet is served by the app itself (WhiteNoise), so `make run` needs no web server."""

import pytest
from django.test import Client


def test_the_stylesheet_is_served_without_debug_or_collectstatic(settings):
    settings.DEBUG = False
    response = Client().get("/static/rightstrack.css")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"skip-link" in body


@pytest.mark.django_db
def test_favicon_is_linked_from_every_page_and_served(settings):
    settings.DEBUG = False
    client = Client()
    page = client.get("/")
    assert b'rel="icon" href="/static/favicon' in page.content
    redirect = client.get("/favicon.ico")
    assert redirect.status_code == 301
    icon = client.get(redirect["Location"])
    assert icon.status_code == 200
    body = b"".join(icon.streaming_content) if icon.streaming else icon.content
    assert body.startswith(b"<svg")
