"""The stylesheet is served by the app itself (WhiteNoise), so `make run` needs no web server."""

from django.test import Client


def test_the_stylesheet_is_served_without_debug_or_collectstatic(settings):
    settings.DEBUG = False
    response = Client().get("/static/rightstrack.css")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"skip-link" in body
