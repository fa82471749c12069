"""The ``/api/v1/`` API: django-ninja (typed pydantic schemas, OpenAPI 3 document at
``/api/v1/openapi.json``, Swagger UI at ``/api/v1/docs`` served from this server).

django-ninja was chosen over Django REST framework + drf-spectacular: one well-kept
library gives typed input and output schemas, the OpenAPI document, a bundled Swagger UI
(its static files ship in the package, so the docs page loads nothing from the internet)
and cache-based throttling. See ``docs/api.md``.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from ninja import NinjaAPI
from ninja.openapi.docs import DocsBase

from rightstrack.api.auth import AUTH
from rightstrack.api.endpoints import router
from rightstrack.api.errors import install_handlers
from rightstrack.api.similar import router as similar_router
from rightstrack.api.throttling import AnonymousThrottle, TokenThrottle
from rightstrack.api.writes import router as writes_router


class LocalSwagger(DocsBase):
    """Swagger UI from django-ninja's bundled static files, started by ``api/docs.js``.

    The page has no inline script or style (a strict Content-Security-Policy allows it):
    the OpenAPI URL is a ``data-`` attribute read by the static init script.
    """

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        return render(
            request,
            "api/docs.html",
            {"openapi_url": self.get_openapi_url(api, kwargs), "title": api.title},
        )


class RightsTrackAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document says a token is optional on every read operation
    (a write, marked ``x-token-scope: write`` by ``api.writes``, needs one)."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        for item in schema["paths"].values():
            for operation in item.values():
                security = operation.get("security")
                if operation.get("x-token-scope") == "write":
                    continue
                if security and {} not in security:
                    operation["security"] = [*security, {}]  # {}: no token (public records)
        return schema


api = RightsTrackAPI(
    title="RightsTrack API",
    version="1",
    description=(
        "API of RightsTrack: recommendations (the portal's filters and full-text "
        "search), documents, countries, mechanisms, follow-up requests and deadlines; "
        "and, for the people who follow up, writes (tag `tracking`): an action's status "
        "and progress, assessments, measurements, evidence links. Anonymous requests "
        "see public records; a personal token (`Authorization: Bearer <token>`, created "
        "on “My account”) sees what its owner's role may see, and a token created with "
        "read and write access (`x-token-scope: write` on an operation) changes what "
        "its owner may change. Errors are "
        '`{"error": {"code", "message", "field"}}`.'
    ),
    urls_namespace="api",
    docs=LocalSwagger(),
    auth=AUTH,
    throttle=[TokenThrottle(), AnonymousThrottle()],
)
install_handlers(api)
api.add_router("", router)
api.add_router("", similar_router)
api.add_router("", writes_router)


@api.get("/", url_name="index", tags=["index"], include_in_schema=False)
def index(request: HttpRequest) -> dict[str, str]:
    """Links to every list, the OpenAPI document and the docs page."""
    names = {
        "recommendations": "api:recommendation_list",
        "documents": "api:document_list",
        "countries": "api:country_list",
        "mechanisms": "api:mechanism_list",
        "follow_up_requests": "api:follow_up_list",
        "deadlines": "api:deadline_list",
        "openapi": "api:openapi-json",
        "docs": "api:openapi-view",
    }
    return {key: request.build_absolute_uri(reverse(name)) for key, name in names.items()}
