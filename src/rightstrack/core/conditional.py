"""``ETag`` and ``304 Not Modified`` for pages that carry a CSRF token.

Django's ``ConditionalGetMiddleware`` tags a response with a hash of its body and answers
``If-None-Match`` with 304. Every RightsTrack page carries a form with a CSRF token
(the language switcher posts to ``/i18n/setlang/``), and Django masks that token with new
random bytes in every response (a BREACH defence), so the body, and Django's ETag,
change on every request and no browser could ever revalidate.

:class:`ConditionalGetMiddleware` therefore computes the ETag itself first: a hash of the
body with the masked token values taken out, plus a hash of the CSRF secret (the cookie)
the tokens were made from. A page that is the same except for the mask gets the same
ETag; a browser answered 304 keeps its copy, whose token is still valid, because it was
made from the same secret (a different secret, after a login, gives another ETag). The
rest is Django's: weak comparison for ``GET``/``HEAD``, ``If-Modified-Since`` against a
``Last-Modified`` set by a view (the Atom feeds set it), no ETag on streaming responses
(CSV exports) or ``Cache-Control: no-store``. The iCalendar feeds get the same treatment
for their ``DTSTAMP`` lines (:func:`page_etag`).
"""

from __future__ import annotations

import hashlib
import re

from django.http import HttpRequest, HttpResponseBase
from django.middleware.http import ConditionalGetMiddleware as DjangoConditionalGetMiddleware

#: A masked CSRF token in a form field (64 characters of Django's token alphabet).
_TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(")')
#: The ``DTSTAMP`` lines of an iCalendar feed (RFC 5545 3.8.7.2: when the object was made).
_DTSTAMP = re.compile(rb"^DTSTAMP[:;][^\r\n]*\r?\n", re.M)


def page_etag(body: bytes, csrf_secret: str, content_type: str = "text/html") -> str:
    """The quoted ETag of ``body`` with its masked CSRF tokens removed, for ``csrf_secret``.

    For an iCalendar feed (``text/calendar``) the ``DTSTAMP`` lines are left out too: a
    feed is made anew for each request, so they hold the time of the request, and a
    calendar whose events are the same is the same calendar.

    Args:
        body: the response body.
        csrf_secret: the request's CSRF secret (``request.META["CSRF_COOKIE"]``), or "".
        content_type: the response's ``Content-Type``.

    Returns:
        ``"<32 hex digits>"`` (MD5, not a security hash: it only tells versions apart).
    """
    digest = hashlib.md5(usedforsecurity=False)
    if content_type.startswith("text/calendar"):
        body = _DTSTAMP.sub(b"", body)
    digest.update(_TOKEN.sub(rb"\1\2", body))
    digest.update(b"\0" + csrf_secret.encode())
    return f'"{digest.hexdigest()}"'


class ConditionalGetMiddleware(DjangoConditionalGetMiddleware):
    """Django's conditional GET with an ETag that ignores the CSRF mask (module docstring)."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        """Set the ETag (when Django would), then let Django answer 304 when it matches."""
        if (
            request.method in ("GET", "HEAD")
            and not response.streaming
            and not response.has_header("ETag")
            and self.needs_etag(response)
            and response.status_code == 200
        ):
            secret = str(request.META.get("CSRF_COOKIE", ""))
            body = response.content  # type: ignore[attr-defined]
            response.headers["ETag"] = page_etag(body, secret, response.get("Content-Type", ""))
        return super().process_response(request, response)
