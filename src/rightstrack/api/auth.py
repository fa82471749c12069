"""Who is asking: a personal API token, a signed-in browser session, or nobody.

* ``Authorization: Bearer <token>``: the token's owner (``accounts.tokens``); an
  unknown or revoked token, or any other ``Authorization`` header, is a 401 (JSON error),
  never a silent fall-back to anonymous access.
* no ``Authorization`` header: the session's user when signed in (the documentation page
  in a browser), otherwise an anonymous visitor.

What the requester then sees is decided by ``accounts.permissions`` and
``tracking.permissions`` from ``request.user``, exactly as on the web pages. A token
was created on "My account", a page a publishing role reaches only after the TOTP step,
so the token's user counts as verified (``accounts.twofactor.is_two_factor_verified``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from rightstrack.accounts.models import ApiToken
from rightstrack.accounts.tokens import token_for


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
