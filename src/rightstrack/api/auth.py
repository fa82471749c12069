"""Who is asking: a personal API token, a signed-in browser session, or nobody.

* ``Authorization: Bearer <token>``: the token's owner (``accounts.tokens``); an
  unknown or revoked token, or any other ``Authorization`` header, is a 401 (JSON error),
  never a silent fall-back to anonymous access.
* no ``Authorization`` header: the session's user when signed in (the documentation page
  in a browser), otherwise an anonymous visitor.

What the requester then sees is decided by ``accounts.permissions`` and
``tracking.permissions`` from ``request.user``, exactly as on the web pages.

Writes (:func:`require_write_access`) need more: a token created with write access
(``ApiToken.Scope.WRITE``; a read-only token is a 403), or a signed-in browser session
whose request passes Django's CSRF check (a cookie alone could be sent by another site);
with neither, a 401. A token is never sent by a browser on its own, so token writes need
no CSRF token. What the writer may then change is decided by ``tracking.permissions``
and re-checked by the verbs of ``tracking.actions``. A token
was created on "My account", a page a publishing role reaches only after the TOTP step,
so the token's user counts as verified (``accounts.twofactor.is_two_factor_verified``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer
from ninja.utils import check_csrf

from rightstrack.accounts.models import ApiToken
from rightstrack.accounts.tokens import token_for
from rightstrack.accounts.types import Viewer
from rightstrack.api.errors import ApiError


class TokenAuth(HttpBearer):
    """Bearer token authentication (OpenAPI security scheme ``TokenAuth``)."""

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get(self.header)
        if header is None:
            return None  # the next callback (``public``) decides
        scheme, _sep, token = header.partition(" ")
        if scheme.lower() != self.openapi_scheme or not token.strip():
            raise AuthenticationError()
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken:
        record = token_for(token)
        if record is None:
            raise AuthenticationError()
        request.user = record.user
        return record


@dataclass(frozen=True)
class Visitor:
    """A request without a token (anonymous, or a browser session)."""

    ip: str

    def __str__(self) -> str:
        return f"visitor:{self.ip}"


def public(request: HttpRequest) -> Visitor:
    """Reads are open without a token: the requester is a :class:`Visitor`."""
    return Visitor(str(request.META.get("REMOTE_ADDR", "")))


#: Authentication of every operation: a token when one is sent, else a visitor.
AUTH: list[Callable[..., Any]] = [TokenAuth(), public]


def _csrf_protected(request: HttpRequest) -> None:
    """Stands for the API's view in Django's CSRF check (ninja's views are exempt)."""


def require_write_access(request: HttpRequest) -> Viewer:
    """The user on whose behalf a write operation runs (module docstring).

    Returns:
        ``request.user``: the token's owner, or the signed-in session user.

    Raises:
        AuthenticationError: neither a token nor a signed-in session (401).
        ApiError: 403 for a read-only token or a session request that fails the CSRF
            check (the same answer whatever record the request names).
    """
    auth = getattr(request, "auth", None)
    if isinstance(auth, ApiToken):
        if not auth.can_write:
            raise ApiError(
                403,
                _(
                    "This token is read-only. Create a token with read and write access "
                    "on “My account” to change records."
                ),
            )
        return request.user
    if getattr(request.user, "is_authenticated", False):
        if check_csrf(request, _csrf_protected) is not None:
            raise ApiError(
                403,
                _(
                    "CSRF check failed: a browser session must send the CSRF token "
                    "(X-CSRFToken header); a program should use a personal token."
                ),
            )
        return request.user
    raise AuthenticationError()
