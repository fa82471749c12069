"""Personal API tokens: how a token is made, stored (SHA-256 only) and checked.

A token is ``rt_`` followed by 43 URL-safe characters (32 random bytes from
:mod:`secrets`, RFC 4648 base64url); only its SHA-256 hex digest is stored, so a copy
of the database gives no usable token. Checking a token is a lookup of its digest
(``ApiToken.key_hash`` is unique).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.utils import timezone

from rightstrack.accounts.models import ApiToken, User

#: Every token starts with this, so that a leaked one is easy to recognise in logs or code.
TOKEN_PREFIX = "rt_"  # noqa: S105 - a public marker, not a secret
#: Characters of the token kept in clear (``ApiToken.prefix``) to tell tokens apart.
SHOWN_CHARACTERS = 10
#: ``last_used_at`` is written at most once per this interval (one write per request
#: would make every API read a database write).
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def new_token() -> str:
    """A fresh random token (``rt_`` + 43 characters, 256 bits of entropy)."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """The SHA-256 hex digest (64 characters) of ``token`` as stored in ``ApiToken.key_hash``."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_for(token: str) -> ApiToken | None:
    """The active token record matching ``token``, or ``None`` (unknown, revoked, or its
    owner deactivated). Records the time of use (at most once a minute)."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    record = (
        ApiToken.objects.select_related("user", "user__organisation")
        .filter(key_hash=token_hash(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if record is None:
        return None
    now = timezone.now()
    if record.last_used_at is None or now - record.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=record.pk).update(last_used_at=now)
        record.last_used_at = now
    return record


def user_for_token(token: str) -> User | None:
    """The owner of the active token ``token``, or ``None``. See :func:`token_for`."""
    record = token_for(token)
    return record.user if record is not None else None
