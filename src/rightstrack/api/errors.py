"""The API's errors: one JSON shape for every status, never an HTML page or a traceback.

Every error answer is ``{"error": {"code": ..., "message": ..., "field": ...}}``:

``code``
    stable, machine-readable (:data:`CODES`): ``invalid_parameter`` (400),
    ``unauthorized`` (401), ``forbidden`` (403), ``not_found`` (404),
    ``method_not_allowed`` (405), ``conflict`` (409: a write based on an old version),
    ``rate_limited`` (429), ``server_error`` (500);
``message``
    for people, in the request's language;
``field``
    the query parameter or body field at fault (400, 409), else ``null``.

A restricted or hidden record answers exactly as a missing one (404, same body), as
``accounts.permissions.get_*_for_user`` rule (existence is never revealed).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

logger = logging.getLogger("rightstrack.api")

#: HTTP status -> stable error code.
CODES = {
    400: "invalid_parameter",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    429: "rate_limited",
    500: "server_error",
}


class ErrorDetail(Schema):
    """What went wrong."""

    code: str
    message: str
    field: str | None = None


class ErrorOut(Schema):
    """Every error answer of the API."""

    error: ErrorDetail


#: The error statuses each operation documents (``response={..., **ERRORS}``).
ERRORS: dict[int, type[ErrorOut]] = {
    400: ErrorOut,
    401: ErrorOut,
    404: ErrorOut,
    429: ErrorOut,
    500: ErrorOut,
}

#: The error statuses of the write operations: also 403 (a read-only token, a failed
#: CSRF check, or a record the requester may see but not change).
WRITE_ERRORS: dict[int, type[ErrorOut]] = {**ERRORS, 403: ErrorOut}


class ApiError(HttpError):
    """An error raised by an endpoint: ``status`` with its code, a message and the field."""

    def __init__(self, status: int, message: str, field: str | None = None) -> None:
        super().__init__(status, message)
        self.field = field


def error_body(status: int, message: str, field: str | None = None) -> dict[str, Any]:
    """The JSON body of an error (module docstring)."""
    return {"error": {"code": CODES.get(status, "error"), "message": message, "field": field}}


def error_response(status: int, message: str, field: str | None = None) -> JsonResponse:
    """A JSON error response (outside ninja's operations: 404 of an unknown path, 405)."""
    return JsonResponse(error_body(status, message, field), status=status)


def not_found_message() -> str:
    return _("Not found.")


def _field_of(error: dict[str, Any]) -> str | None:
    """The parameter name of a ninja/pydantic validation error (``loc`` = ``["query", "limit"]``)."""
    loc = [str(part) for part in error.get("loc", ()) if not isinstance(part, int)]
    names = [part for part in loc if part not in ("query", "path", "body", "params")]
    return names[-1] if names else None


def install_handlers(api: NinjaAPI) -> None:
    """Replace ninja's default handlers with the JSON error shape (module docstring)."""

    def respond(
        request: HttpRequest, status: int, message: str, field: str | None = None
    ) -> HttpResponse:
        response: HttpResponse = api.create_response(
            request, error_body(status, message, field), status=status
        )
        return response

    def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        first = exc.errors[0] if exc.errors else {}
        field = _field_of(first)
        message = _("Invalid value for “%(field)s”: %(reason)s") % {
            "field": field or "?",
            "reason": first.get("msg", ""),
        }
        return respond(request, 400, message, field)

    def on_404(request: HttpRequest, exc: Any) -> HttpResponse:
        return respond(request, 404, not_found_message())

    def on_denied(request: HttpRequest, exc: Any) -> HttpResponse:
        return respond(request, 403, _("You may not do this."))

    def on_invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        # A rule a verb of ``tracking.actions`` checks (a target date before the start).
        return respond(request, 400, " ".join(str(m) for m in exc.messages))

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        status = exc.status_code
        if isinstance(exc, AuthenticationError):
            response = respond(request, 401, _("Missing, unknown or revoked API token."))
            response["WWW-Authenticate"] = 'Bearer realm="api"'
            return response
        if isinstance(exc, Throttled):
            return respond(request, 429, _("Too many requests: wait before trying again."))
        if status == 403 and not isinstance(exc, ApiError):
            return respond(request, 403, _("You may not do this."))
        field = exc.field if isinstance(exc, ApiError) else None
        return respond(request, status, str(exc), field)

    def on_exception(request: HttpRequest, exc: Any) -> HttpResponse:
        logger.exception("API error on %s", request.path, exc_info=exc)
        return respond(request, 500, _("Server error."))

    api.add_exception_handler(Exception, on_exception)
    api.add_exception_handler(Http404, on_404)
    api.add_exception_handler(PermissionDenied, on_denied)
    api.add_exception_handler(DjangoValidationError, on_invalid)  # type: ignore[arg-type]
    api.add_exception_handler(HttpError, on_http_error)  # type: ignore[arg-type]
    api.add_exception_handler(ValidationError, on_validation)  # type: ignore[arg-type]


def json_errors(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Wrap a ninja URL view so that its plain-text 405 becomes the JSON error shape."""

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            allow = response.get("Allow", "")
            response = error_response(405, _("Method not allowed."))
            if allow:
                response["Allow"] = allow
        return response

    for attr in ("csrf_exempt", "__name__", "__doc__"):
        if hasattr(view, attr):
            setattr(wrapped, attr, getattr(view, attr))
    return wrapped


@csrf_exempt  # any method, a token or none: the JSON 404, not Django's HTML CSRF 403
def unknown_path(request: HttpRequest, unknown: str = "") -> JsonResponse:
    """Any path under ``/api/v1/`` that is no endpoint: the JSON 404 (never Django's HTML)."""
    return error_response(404, not_found_message())
