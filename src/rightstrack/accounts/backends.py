"""Authentication backend that throttles failed logins (django-axes)."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class LoginThrottleBackend(AxesStandaloneBackend):  # type: ignore[misc]
    """django-axes' lockout check, first in ``AUTHENTICATION_BACKENDS``.

    Every login form (``/accounts/login/``, the admin login) passes the
    request, so the lockout applies to them. A call without a request
    (``Client.login()`` in tests, ``authenticate()`` from a shell) cannot come
    from a visitor and is not throttled: it returns ``None`` and lets the next
    backend decide, instead of axes' ``AxesBackendRequestParameterRequired``.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)  # type: ignore[no-any-return]
