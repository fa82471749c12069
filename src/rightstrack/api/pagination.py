"""Cursor pagination of the API's lists.

A list answers ``{"count": total, "next": URL or null, "results": [...]}``. ``next`` is
the same URL with an opaque ``cursor``: the position of the next page, signed with the
project's secret key (``django.core.signing``), so a client cannot forge one and the
encoding may change without breaking clients that follow ``next``. Walking ``next``
from the first page returns every record of the list once, in the list's order, as long
as the data do not change meanwhile. ``limit`` is the page size: 1 to :data:`MAX_LIMIT`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core import signing
from django.http import HttpRequest
from django.utils.translation import gettext as _

from rightstrack.api.errors import ApiError

MAX_LIMIT = 500
DEFAULT_LIMIT = 100
_SALT = "rightstrack.api.cursor"


def encode_cursor(offset: int) -> str:
    """The opaque cursor of position ``offset`` (0-based)."""
    return signing.dumps({"o": offset}, salt=_SALT, compress=True)


def decode_cursor(cursor: str | None) -> int:
    """The position of ``cursor`` (0 when ``None`` or empty).

    Raises:
        ApiError: 400 naming ``cursor`` when it was not made by :func:`encode_cursor`.
    """
    if not cursor:
        return 0
    try:
        data = signing.loads(cursor, salt=_SALT)
        offset = int(data["o"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise ApiError(400, _("Invalid cursor: use the “next” link of a list."), "cursor") from None
    if offset < 0:
        raise ApiError(400, _("Invalid cursor: use the “next” link of a list."), "cursor")
    return offset


def next_url(request: HttpRequest, offset: int) -> str:
    """The absolute URL of the request with ``cursor`` set to ``offset``."""
    pairs = [(k, v) for k, values in request.GET.lists() if k != "cursor" for v in values]
    pairs.append(("cursor", encode_cursor(offset)))
    return request.build_absolute_uri(f"{request.path}?{urlencode(pairs)}")


def page_envelope(
    request: HttpRequest, count: int, offset: int, limit: int, results: list[Any]
) -> dict[str, Any]:
    """``{"count", "next", "results"}`` for one page starting at ``offset``."""
    more = offset + limit < count
    return {
        "count": count,
        "next": next_url(request, offset + limit) if more else None,
        "results": results,
    }
