"""State changes of subscriptions: subscribe, confirm, record a digest, unsubscribe.

Each verb runs in one transaction; django-simple-history writes the history row (without
the address: ``Subscription.history`` excludes it) with the change reason given here.
Nothing is deleted: unsubscribing archives the row and erases its address, so the
history keeps when a country was followed, never by whom.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from rightstrack.catalog.models import Country, Mechanism, Theme
from rightstrack.subscriptions.models import Subscription
from rightstrack.subscriptions.tokens import CONFIRMATION_MAX_AGE


def _save(subscription: Subscription, reason: str, fields: list[str] | None = None) -> None:
    subscription._change_reason = reason  # type: ignore[attr-defined]
    subscription.save(update_fields=fields)


def _language(code: str) -> str:
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


@transaction.atomic
def do_subscribe(
    *,
    email: str,
    country: Country,
    mechanism: Mechanism | None = None,
    theme: Theme | None = None,
    language: str = "en",
) -> tuple[Subscription, bool]:
    """Ask for a subscription of ``email`` to ``country`` (and ``mechanism`` or ``theme``).

    The same address asking again for the same scope reuses its open subscription
    (the language is updated), so one address never gets two digests of one scope.

    Args:
        email: the address, as typed (normalised to lower case).
        country, mechanism, theme: the scope; ``mechanism`` and ``theme`` are optional.
        language: a code of ``settings.LANGUAGES`` (anything else: the default language).

    Returns:
        ``(subscription, needs_confirmation)``: ``needs_confirmation`` is False when that
        scope is already confirmed for the address (then no mail should be sent: the
        visitor sees the same page either way).
    """
    email = email.strip().lower()
    existing = (
        Subscription.objects.select_for_update()
        .filter(email=email, country=country, mechanism=mechanism, theme=theme, archived_at=None)
        .first()
    )
    if existing is not None:
        if existing.confirmed_at is not None:
            return existing, False
        existing.language = _language(language)
        _save(existing, "subscription asked again", ["language"])
        return existing, True
    subscription = Subscription(
        email=email,
        country=country,
        mechanism=mechanism,
        theme=theme,
        language=_language(language),
    )
    _save(subscription, "subscription asked")
    return subscription, True


@transaction.atomic
def do_confirm_subscription(
    subscription: Subscription, *, now: dt.datetime | None = None
) -> Subscription:
    """Open ``subscription`` (its owner followed the confirmation link).

    The first digest lists what is created from ``now`` on. Confirming again changes
    nothing.

    Raises:
        ValueError: the subscription is archived.
    """
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.archived_at is not None:
        raise ValueError("archived subscription")
    if subscription.confirmed_at is None:
        now = now or timezone.now()
        subscription.confirmed_at = now
        subscription.since = now
        _save(subscription, "subscription confirmed", ["confirmed_at", "since"])
    return subscription


@transaction.atomic
def do_record_digest_sent(
    subscription: Subscription, *, until: dt.datetime, sent: bool
) -> Subscription:
    """Move ``subscription``'s watermark to ``until`` (the end of the digest's period).

    Args:
        until: the records created up to this moment were considered (aware datetime).
        sent: True when a digest was mailed (counted, ``last_sent_at`` set); False when
            there was nothing new (only the watermark moves; no history row).
    """
    subscription.since = until
    if not sent:
        Subscription.objects.filter(pk=subscription.pk).update(since=until)
        return subscription
    subscription.last_sent_at = timezone.now()
    subscription.digests_sent += 1
    _save(subscription, "digest sent", ["since", "last_sent_at", "digests_sent"])
    return subscription


@transaction.atomic
def do_unsubscribe(subscription: Subscription, *, reason: str = "unsubscribed") -> Subscription:
    """Archive ``subscription`` and erase its address. Unsubscribing twice changes nothing.

    Returns:
        The archived subscription.
    """
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.archived_at is None:
        subscription.archived_at = timezone.now()
        subscription.email = ""
        _save(subscription, reason, ["archived_at", "email"])
    return subscription


def do_archive_unconfirmed(*, now: dt.datetime | None = None) -> int:
    """Archive, and erase the address of, every subscription left unconfirmed for longer
    than its link works (:data:`~rightstrack.subscriptions.tokens.CONFIRMATION_MAX_AGE`).

    Returns:
        How many were archived.
    """
    cutoff = (now or timezone.now()) - CONFIRMATION_MAX_AGE
    stale = Subscription.objects.filter(
        confirmed_at=None, archived_at=None, created_at__lt=cutoff
    ).order_by("pk")
    count = 0
    for subscription in stale:
        do_unsubscribe(subscription, reason="confirmation link expired")
        count += 1
    return count
