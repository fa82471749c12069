"""Building the messages of subscriptions: every one in the subscriber's language, to that
one address only, with a one-click unsubscribe link in the body and in the
``List-Unsubscribe`` and ``List-Unsubscribe-Post`` headers (RFC 2369, RFC 8058), so mail
clients show their own "Unsubscribe" button.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from rightstrack.core.identifiers import instance_domain
from rightstrack.subscriptions.models import Subscription
from rightstrack.subscriptions.tokens import (
    CONFIRMATION_MAX_AGE,
    confirmation_token,
    unsubscribe_token,
)


def default_base_url() -> str:
    """``https://`` and the installation's domain (``RIGHTSTRACK_INSTANCE_DOMAIN``, else the
    first allowed host): the links of messages built outside a request (cron)."""
    return f"https://{instance_domain()}"


def link(base_url: str, name: str, *args: object) -> str:
    """The absolute address of URL ``name`` in the active language (``/es/...`` for
    Spanish, unprefixed for English), whatever address the current request came by: the
    project's root URLs are used, not the request's (``core/locale.py``), so a message
    opens its pages in the language of the subscriber."""
    return base_url.rstrip("/") + reverse(name, args=args, urlconf=settings.ROOT_URLCONF)


def unsubscribe_url(subscription: Subscription, base_url: str) -> str:
    """The absolute unsubscribe link of ``subscription`` (``base_url``: scheme and host)."""
    return link(base_url, "subscriptions:unsubscribe", unsubscribe_token(subscription))


def scope_label(subscription: Subscription) -> str:
    """What is followed, in the active language: "Paraguay", "Paraguay · CCPR"..."""
    parts = [subscription.country.name]
    if subscription.mechanism is not None:
        parts.append(subscription.mechanism.code)
    if subscription.theme is not None:
        parts.append(str(subscription.theme))
    return " · ".join(parts)


def build_message(
    subscription: Subscription,
    template: str,
    subject: str,
    context: dict[str, object],
    base_url: str,
) -> EmailMultiAlternatives:
    """A message to ``subscription``'s address alone: plain text ``template.txt`` with the
    HTML alternative ``template.html`` (rendered in the active language), and the
    unsubscribe headers."""
    link = unsubscribe_url(subscription, base_url)
    context = {**context, "unsubscribe_url": link, "language": translation.get_language()}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscription.email],
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message


def send_confirmation(subscription: Subscription, base_url: str) -> None:
    """Email the confirmation link of ``subscription`` in its language.

    Args:
        base_url: scheme and host of the links (``request.build_absolute_uri("/")``).

    Raises:
        OSError, smtplib.SMTPException: the mail server refused or could not be reached.
    """
    base_url = base_url.rstrip("/")
    with translation.override(subscription.language):
        confirm_url = link(base_url, "subscriptions:confirm", confirmation_token(subscription))
        scope = scope_label(subscription)
        subject = _("RightsTrack: confirm your subscription to %(scope)s") % {"scope": scope}
        message = build_message(
            subscription,
            "subscriptions/email/confirm",
            subject,
            {"link": confirm_url, "scope": scope, "days": CONFIRMATION_MAX_AGE.days},
            base_url,
        )
    message.send()
