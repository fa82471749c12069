"""Compression of responses, with the BREACH rule of RightsTrack.

BREACH (breachattack.com, 2013) recovers a secret from a compressed HTTPS response by
reflecting guesses in the same response and watching its length. It needs three things
in one response body: compression, a secret, and text the attacker controls (a search
query echoed back). RightsTrack's rule, applied by :class:`CompressionMiddleware`:

* **responses to visitors** (no signed-in user) are compressed: they hold no secret but
  the CSRF token, which Django masks with a new random value in every response, so its
  compressed length leaks nothing; Django's ``GZipMiddleware`` also adds
  "Heal the Breach" random padding (0-100 bytes in the gzip header, Django >= 4.2)
  against length measurements;
* **responses to a signed-in user** (session or API token) are *not* compressed: they
  can hold restricted records, contributors' identities, TOTP secrets and API tokens
  shown once, next to reflected input. Staff pages are few and small; the public portal,
  its JSON, CSV exports and feeds (almost all the traffic) are compressed.

What is compressed is Django's ``GZipMiddleware`` rule (``text/*``, JSON, XML, Atom,
CSV, iCalendar of 200 bytes or more, streaming responses too, when the client accepts
gzip); static files are precompressed by WhiteNoise instead.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware


def carries_user_secrets(request: HttpRequest) -> bool:
    """True when ``request`` comes from a signed-in user (session or API token).

    The API sets ``request.auth`` for token requests (django-ninja); the session user is
    ``request.user``. Both are read without a database query when already loaded.
    """
    user = getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        return True
    return getattr(request, "auth", None) not in (None, False)


class CompressionMiddleware(GZipMiddleware):
    """Django's ``GZipMiddleware`` that leaves responses to signed-in users uncompressed.

    Place it above ``ConditionalGetMiddleware`` (which computes the ``ETag`` of the
    uncompressed body; this middleware then makes it weak, as Django documents).
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        """Compress ``response`` unless the request carries a signed-in user (see module)."""
        if carries_user_secrets(request):
            return response
        return super().process_response(request, response)
