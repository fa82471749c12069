"""Throttling of public sign-up, on the same limits and client address as login throttling.

Sign-up is the one form a stranger can post to create rows and send mail, so each client
address may post it at most ``AXES_FAILURE_LIMIT`` times per ``AXES_COOLOFF_TIME`` (the
login throttle's settings, ``RIGHTSTRACK_LOGIN_FAILURE_LIMIT`` and
``RIGHTSTRACK_LOGIN_COOLOFF_MINUTES``; django-axes). The address is resolved by
django-axes (``get_client_ip_address``: the same proxy settings as login), and the
count lives in the cache django-axes uses. Over the limit the visitor sees the lockout
page, with status 429.
"""

from __future__ import annotations

from axes.helpers import get_cache, get_client_ip_address
from django.conf import settings
from django.http import HttpRequest

_KEY = "rightstrack-signup-attempts-{ip}"
#: Public subscriptions by email (``subscriptions`` app) are counted apart from sign-up.
_SUBSCRIPTION_KEY = "rightstrack-subscription-attempts-{ip}"


def signup_attempt_allowed(request: HttpRequest) -> bool:
    """Count one sign-up post from the request's client address; False over the limit.

    Returns:
        True while this address made at most ``AXES_FAILURE_LIMIT`` posts within the
        last ``AXES_COOLOFF_TIME`` (window starting at its first post).
    """
    return _attempt_allowed(request, _KEY)


def subscription_attempt_allowed(request: HttpRequest) -> bool:
    """Count one post of the public subscription form (it sends mail to any address typed)
    from the request's client address; False over the limit. Same limits and window as
    :func:`signup_attempt_allowed`, counted separately."""
    return _attempt_allowed(request, _SUBSCRIPTION_KEY)


def _attempt_allowed(request: HttpRequest, key_template: str) -> bool:
    ip = get_client_ip_address(request) or "unknown"
    cache = get_cache()
    key = key_template.format(ip=ip)
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    if cache.add(key, 1, timeout=seconds):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=seconds)
            count = 1
    return count <= int(settings.AXES_FAILURE_LIMIT)
