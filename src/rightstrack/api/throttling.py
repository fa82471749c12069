"""Rate limits of the API: per personal token, and per IP address for requests without one.

Counted by django-ninja's sliding-window throttle (``SimpleRateThrottle``: the times of
the last requests are kept in Django's default cache). Limits are per minute, read from
settings at each request (``RIGHTSTRACK_API_TOKEN_RATE``, ``RIGHTSTRACK_API_ANON_RATE``).
Over the limit: 429, the JSON error and ``Retry-After`` (seconds, ninja's
``Operation._check_throttles``). With several server processes the cache must be shared
(Redis or memcached) for the limit to hold across them; the default local-memory cache
counts per process.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import SimpleRateThrottle

from rightstrack.accounts.models import ApiToken


class _PerMinute(SimpleRateThrottle):
    setting = ""
    cache_format = "api_throttle_%(scope)s_%(ident)s"

    def __init__(self) -> None:
        super().__init__(rate=self._rate())

    def _rate(self) -> str:
        return f"{int(getattr(settings, self.setting))}/min"

    def allow_request(self, request: HttpRequest) -> bool:
        self.num_requests, self.duration = self.parse_rate(self._rate())
        return super().allow_request(request)


class TokenThrottle(_PerMinute):
    """``RIGHTSTRACK_API_TOKEN_RATE`` requests a minute per personal token."""

    scope = "token"
    setting = "RIGHTSTRACK_API_TOKEN_RATE"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        auth = getattr(request, "auth", None)
        if not isinstance(auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": auth.pk}


class AnonymousThrottle(_PerMinute):
    """``RIGHTSTRACK_API_ANON_RATE`` requests a minute per IP address without a token."""

    scope = "ip"
    setting = "RIGHTSTRACK_API_ANON_RATE"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        if isinstance(getattr(request, "auth", None), ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
