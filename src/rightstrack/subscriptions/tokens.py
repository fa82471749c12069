"""Signed links of subscriptions: the confirmation link (double opt-in) and the
unsubscribe link of every message.

Tokens are made by ``django.core.signing`` (HMAC-SHA256 with ``SECRET_KEY``, a salt per
purpose, timestamped), as the sign-up links are (``accounts/invitations.py``): nothing
secret is stored and a changed token fails. A confirmation link expires after
:data:`CONFIRMATION_MAX_AGE`; an unsubscribe link never expires, since it must work from
any message ever sent.
"""

from __future__ import annotations

import datetime as dt

from django.core import signing

from rightstrack.subscriptions.models import Subscription

#: A confirmation link works for 2 days (the same as a sign-up verification link).
CONFIRMATION_MAX_AGE = dt.timedelta(days=2)
_CONFIRM_SALT = "rightstrack.subscriptions.confirm"
_UNSUBSCRIBE_SALT = "rightstrack.subscriptions.unsubscribe"


class LinkError(Exception):
    """A link's token is altered or expired, or its subscription is gone."""


def confirmation_token(subscription: Subscription) -> str:
    """The signed token of ``subscription``'s confirmation link (its id, timestamped)."""
    return signing.dumps([subscription.pk], salt=_CONFIRM_SALT)


def unsubscribe_token(subscription: Subscription) -> str:
    """The signed token of ``subscription``'s unsubscribe link (its id)."""
    return signing.dumps([subscription.pk], salt=_UNSUBSCRIBE_SALT)


def subscription_to_confirm(token: str) -> Subscription:
    """The subscription a confirmation token was made for.

    Raises:
        LinkError: altered or expired token (older than :data:`CONFIRMATION_MAX_AGE`), or a
            subscription archived since (unsubscribed, or expired unconfirmed).
    """
    try:
        [pk] = signing.loads(token, salt=_CONFIRM_SALT, max_age=CONFIRMATION_MAX_AGE)
        return Subscription.objects.select_related("country").get(pk=pk, archived_at=None)
    except (signing.BadSignature, ValueError, TypeError, Subscription.DoesNotExist):
        raise LinkError("invalid or expired confirmation link") from None


def subscription_to_unsubscribe(token: str) -> Subscription:
    """The subscription an unsubscribe token was made for, archived or not.

    Raises:
        LinkError: altered token, or no such subscription.
    """
    try:
        [pk] = signing.loads(token, salt=_UNSUBSCRIBE_SALT)
        return Subscription.objects.select_related("country").get(pk=pk)
    except (signing.BadSignature, ValueError, TypeError, Subscription.DoesNotExist):
        raise LinkError("invalid unsubscribe link") from None
