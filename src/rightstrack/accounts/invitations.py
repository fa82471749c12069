"""Signed, expiring links of invitations and sign-up verification, and their emails.

A link carries a token made by ``django.core.signing`` (HMAC-SHA256 with ``SECRET_KEY``
and a salt per purpose, with its time): nothing secret is stored, a changed token fails,
and an old one expires (:data:`INVITATION_MAX_AGE`, :data:`VERIFICATION_MAX_AGE`). An
invitation link works once (``Invitation.accepted_at``); a verification link activates
an account once (later uses change nothing). Emails go in the recipient's language.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from rightstrack.accounts.models import Invitation, User

#: An invitation link works for 7 days (then the coordinator sends a new one).
INVITATION_MAX_AGE = dt.timedelta(days=7)
#: A sign-up verification link works for 2 days.
VERIFICATION_MAX_AGE = dt.timedelta(days=2)
_INVITATION_SALT = "rightstrack.accounts.invitation"
_VERIFICATION_SALT = "rightstrack.accounts.verification"


class LinkError(Exception):
    """A link's token is altered, expired, or its invitation was used or withdrawn."""


def invitation_token(invitation: Invitation) -> str:
    """The signed token of ``invitation``'s link (its id and email, timestamped)."""
    return signing.dumps([invitation.pk, invitation.email], salt=_INVITATION_SALT, compress=True)


def invitation_for_token(token: str) -> Invitation:
    """The open invitation a token was made for.

    Raises:
        LinkError: altered or expired token (older than :data:`INVITATION_MAX_AGE`), or an
            invitation already accepted or withdrawn.
    """
    try:
        pk, email = signing.loads(token, salt=_INVITATION_SALT, max_age=INVITATION_MAX_AGE)
        invitation = Invitation.objects.select_related("organisation").get(pk=pk, email=email)
    except (signing.BadSignature, ValueError, TypeError, Invitation.DoesNotExist):
        raise LinkError("invalid or expired invitation link") from None
    if invitation.accepted_at is not None or invitation.withdrawn_at is not None:
        raise LinkError("invitation used or withdrawn")
    return invitation


def verification_token(account: User) -> str:
    """The signed token of a new contributor's verification link (id and email, timestamped)."""
    return signing.dumps([account.pk, account.email], salt=_VERIFICATION_SALT, compress=True)


def account_for_verification_token(token: str) -> User:
    """The signed-up account a verification token was made for.

    Raises:
        LinkError: altered or expired token (older than :data:`VERIFICATION_MAX_AGE`), or
            no such account with that email.
    """
    try:
        pk, email = signing.loads(token, salt=_VERIFICATION_SALT, max_age=VERIFICATION_MAX_AGE)
        return User.objects.get(pk=pk, email=email)
    except (signing.BadSignature, ValueError, TypeError, User.DoesNotExist):
        raise LinkError("invalid or expired verification link") from None


def _language(code: str) -> str:
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _send(
    template: str, subject_template: str, to: str, language: str, context: dict[str, object]
) -> None:
    with translation.override(_language(language)):
        subject = render_to_string(subject_template, context).strip()
        body = render_to_string(template, context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


def send_invitation(invitation: Invitation, link: str) -> None:
    """Email ``invitation``'s link (absolute URL ``link``) in the invitee's language.

    Raises:
        OSError, smtplib.SMTPException: the mail server refused or could not be reached.
    """
    context = {
        "invitation": invitation,
        "link": link,
        "days": INVITATION_MAX_AGE.days,
        "inviter": invitation.invited_by.get_full_name() if invitation.invited_by else "",
    }
    _send(
        "accounts/email/invitation.txt",
        "accounts/email/invitation_subject.txt",
        invitation.email,
        invitation.language,
        context,
    )


def send_verification(account: User, link: str) -> None:
    """Email a new contributor the link that verifies their address, in their language.

    Raises:
        OSError, smtplib.SMTPException: the mail server refused or could not be reached.
    """
    context = {"account": account, "link": link, "days": VERIFICATION_MAX_AGE.days}
    _send(
        "accounts/email/verification.txt",
        "accounts/email/verification_subject.txt",
        account.email,
        account.language,
        context,
    )
