"""TOTP two-factor authentication (django-otp) for the roles that can publish.

Admins, coordinators, validators and focal points publish or approve what the
public sees, so after the password step they must give a six-digit TOTP code
(RFC 6238, 30-second steps) from an authenticator app before they reach any
protected page. Contributors and viewers publish nothing without moderation
and may use a password alone.
"""

from __future__ import annotations

import io

import django_otp
import qrcode
import qrcode.image.svg
from django.db import transaction
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from rightstrack.accounts.models import Role
from rightstrack.accounts.types import Viewer

#: Roles that publish or approve published content and so need a second factor.
PUBLISHING_ROLES: frozenset[str] = frozenset(
    {Role.ADMIN, Role.COORDINATOR, Role.VALIDATOR, Role.FOCAL_POINT}
)


def requires_two_factor(user: Viewer) -> bool:
    """True when ``user`` must pass the TOTP step: a publishing role, staff or superuser."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(
        getattr(user, "is_superuser", False)
        or getattr(user, "is_staff", False)
        or getattr(user, "role", None) in PUBLISHING_ROLES
    )


def is_two_factor_verified(user: Viewer) -> bool:
    """True when the request's user passed the TOTP step in this session.

    ``django_otp.middleware.OTPMiddleware`` sets ``user.is_verified``; a user
    object that did not come through a request (a command, a report job)
    has no such attribute and counts as verified.
    """
    is_verified = getattr(user, "is_verified", None)
    return True if is_verified is None else bool(is_verified())


def has_confirmed_device(user: Viewer) -> bool:
    """True when ``user`` has finished enrolling a TOTP device."""
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def pending_device(user: Viewer) -> TOTPDevice:
    """The unconfirmed TOTP device being enrolled for ``user`` (created on first call)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def qr_code_svg(device: TOTPDevice) -> str:
    """An inline SVG QR code of the device's ``otpauth://`` URL (no external request)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode("utf-8")
    # Drop the XML declaration so the SVG can sit inside HTML.
    return svg[svg.find("<svg") :]


def base32_secret(device: TOTPDevice) -> str:
    """The device key in base32, grouped by four, for typing into an app by hand."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def do_confirm_device(request: HttpRequest, device: TOTPDevice, token: str) -> bool:
    """Confirm an enrolling device with its first valid token and mark the session verified.

    Returns:
        True when ``token`` matched; the device is then confirmed. False
        otherwise (django-otp throttles the device after repeated failures).
    """
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save()
    django_otp.login(request, device)
    return True


def do_verify_token(request: HttpRequest, token: str) -> bool:
    """Check ``token`` against the user's confirmed devices and mark the session verified."""
    device = django_otp.match_token(request.user, token)
    if device is None:
        return False
    django_otp.login(request, device)
    return True
