"""Middleware that holds publishing roles at the TOTP step until they pass it."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation

from rightstrack.accounts.twofactor import (
    has_confirmed_device,
    is_two_factor_verified,
    requires_two_factor,
)
from rightstrack.core.locale import strip_language_prefix


class OTPRequiredMiddleware:
    """Redirect a password-authenticated publishing user to the TOTP step.

    Must come after ``django_otp.middleware.OTPMiddleware``. Until the user
    gives a valid code, every page except the two-factor pages, logout,
    static files and the language switch redirects to
    ``/accounts/two-factor/`` (or to enrolment when the user has no device
    yet), with ``?next=`` so they land where they were going.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def _exempt(self, path: str) -> bool:
        # The same pages under any language prefix (/ar/accounts/login/): core/locale.py.
        with translation.override(settings.LANGUAGE_CODE):
            allowed = (
                reverse("accounts:two_factor"),
                reverse("accounts:two_factor_setup"),
                reverse("accounts:logout"),
                reverse("accounts:login"),
                "/i18n/",
                settings.STATIC_URL,
            )
        return strip_language_prefix(path).startswith(allowed)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            requires_two_factor(user)
            and not is_two_factor_verified(user)
            and not self._exempt(request.path)
        ):
            name = (
                "accounts:two_factor" if has_confirmed_device(user) else "accounts:two_factor_setup"
            )
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse(name)}?{query}")
        return self.get_response(request)
