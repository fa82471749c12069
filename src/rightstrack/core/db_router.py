"""Database routing: read-only portal and API traffic to a streaming replica.

When ``DATABASE_REPLICA_URL`` is set, ``settings.DATABASES`` has a ``replica`` alias (a
PostgreSQL hot standby kept by streaming replication) and this router sends *reads made
while serving a safe request* (``GET``/``HEAD``) of the public portal and the API there.
Everything else uses ``default`` (the primary): every write, every read of a request that
may write (``POST``...), staff pages (admin, tracking, ingest, accounts), commands and the
worker. Why so narrow: a replica lags the primary by a little; a person who has just
saved something reads it back from the primary, and only anonymous browsing and API
reads, which tolerate a second of lag, move.

How the router knows the request: :class:`ReplicaRoutingMiddleware` marks the current
request's context (a ``contextvars`` flag, safe with threads and async) for the home page
and the URL prefixes in :data:`REPLICA_PATH_PREFIXES`, for safe methods and visitors only.
An API request with a personal token counts as signed in only once the API has read the
token (after this middleware), so API reads of token holders may use the replica: they
are reads of what the token may see, and the replica holds the same rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

from rightstrack.core.locale import strip_language_prefix

#: The alias of the replica in ``settings.DATABASES``.
REPLICA = "replica"
#: URL prefixes (after the language prefix, if any) whose safe requests read from the replica.
REPLICA_PATH_PREFIXES = (
    "/recommendations",
    "/documents/",
    "/countries/",
    "/api/v1/",
    "/reports/feeds/",
)
_SAFE_METHODS = frozenset({"GET", "HEAD"})

_use_replica: ContextVar[bool] = ContextVar("rightstrack_use_replica", default=False)


def replica_configured() -> bool:
    """True when ``settings.DATABASES`` has the replica alias (``DATABASE_REPLICA_URL``)."""
    return REPLICA in settings.DATABASES


def routes_to_replica(method: str, path: str, signed_in: bool) -> bool:
    """Whether a request may read from the replica.

    Args:
        method: HTTP method (``"GET"``).
        path: the URL path (``"/recommendations/"``).
        signed_in: whether a user is signed in (their reads stay on the primary).

    Returns:
        True for ``GET``/``HEAD`` of the home page, the portal and API prefixes and
        the feeds, by a visitor.
    """
    if method not in _SAFE_METHODS or signed_in:
        return False
    path = strip_language_prefix(path)
    return path == "/" or path.startswith(REPLICA_PATH_PREFIXES)


@contextmanager
def reading_from_replica(enabled: bool = True) -> Iterator[None]:
    """Within the block, reads are routed to the replica (when one is configured)."""
    token = _use_replica.set(enabled)
    try:
        yield
    finally:
        _use_replica.reset(token)


class ReplicaRouter:
    """Django database router: reads to ``replica`` inside :func:`reading_from_replica`,
    everything else to ``default``. Relations between the two are allowed (same data)."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str | None:
        """``"replica"`` when the current request was marked and a replica is configured."""
        if _use_replica.get() and replica_configured():
            return REPLICA
        return "default"

    def db_for_write(self, model: type[Any], **hints: Any) -> str | None:
        """Always the primary."""
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        """Objects read from the replica and the primary are the same rows."""
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        """Migrations run on the primary only (the replica copies them)."""
        return db == "default"


class ReplicaRoutingMiddleware:
    """Marks safe visitor requests of the portal and API for :class:`ReplicaRouter`.

    Place it after ``AuthenticationMiddleware`` (it reads ``request.user``). Does nothing
    when no replica is configured.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        """Serve ``request``, its reads on the replica when :func:`routes_to_replica`."""
        if not replica_configured():
            return self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated)
        with reading_from_replica(routes_to_replica(request.method or "", request.path, signed_in)):
            return self.get_response(request)
