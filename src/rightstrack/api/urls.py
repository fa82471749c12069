"""URLs of the api app (mounted at ``/api/v1/``): django-ninja's routes, each answering
errors in the API's JSON shape, then a catch-all JSON 404 for any other path."""

from django.urls import URLPattern, URLResolver, re_path

from rightstrack.api.errors import json_errors, unknown_path
from rightstrack.api.main import api

app_name = "api"


def _patterns() -> list[URLPattern | URLResolver]:
    patterns, _app, _namespace = api.urls
    out: list[URLPattern | URLResolver] = []
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = json_errors(pattern.callback)
        out.append(pattern)
    return out


urlpatterns: list[URLPattern | URLResolver] = [
    *_patterns(),
    re_path(r"^(?P<unknown>.+)$", unknown_path, name="unknown_path"),
]
