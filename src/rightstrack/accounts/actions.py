"""Verbs that change accounts: every state change goes through a ``do_*`` function.

Each verb runs in one transaction; django-simple-history writes the history row
(``User.history``) with the change reason given here.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from rightstrack.accounts.models import ApiToken, Role, User
from rightstrack.accounts.tokens import SHOWN_CHARACTERS, new_token, token_hash

#: Fields a user may change on their own "My account" page.
PREFERENCE_FIELDS = ("first_name", "last_name", "email", "language", "hide_name_publicly")


@transaction.atomic
def do_update_preferences(user: User, **changes: Any) -> User:
    """Save ``user``'s own preferences (names, email, language code, hidden-name choice).

    Args:
        user: the logged-in user changing their own account.
        changes: a subset of :data:`PREFERENCE_FIELDS` with their new values.

    Returns:
        The saved user (history row reason "preferences updated").

    Raises:
        ValueError: a field outside :data:`PREFERENCE_FIELDS`.
        PermissionDenied: ``hide_name_publicly`` set by a user who is not a contributor
            (only contributors' names can be hidden; roles in ``docs/security.md``).
    """
    unknown = sorted(set(changes) - set(PREFERENCE_FIELDS))
    if unknown:
        raise ValueError(f"not a preference field: {', '.join(unknown)}")
    if "hide_name_publicly" in changes and user.role != Role.CONTRIBUTOR:
        raise PermissionDenied("only contributors can hide their name publicly")
    for field, value in changes.items():
        setattr(user, field, value)
    user._change_reason = "preferences updated"  # type: ignore[attr-defined]
    user.save(update_fields=list(changes))
    return user


@transaction.atomic
def do_create_api_token(user: User, name: str) -> tuple[ApiToken, str]:
    """Create a personal API token for ``user``.

    Args:
        user: the logged-in owner.
        name: what the token is for ("reporting spreadsheet"), 1-100 characters.

    Returns:
        ``(record, token)``: the stored record (SHA-256 only) and the token in clear,
        to be shown once and never again.

    Raises:
        ValueError: a blank or too long name.
    """
    name = name.strip()
    if not name or len(name) > 100:
        raise ValueError("a token name has 1 to 100 characters")
    token = new_token()
    record = ApiToken(
        user=user, name=name, prefix=token[:SHOWN_CHARACTERS], key_hash=token_hash(token)
    )
    record._change_reason = "API token created"  # type: ignore[attr-defined]
    record.save()
    return record, token


@transaction.atomic
def do_revoke_api_token(user: User, token_id: int) -> ApiToken:
    """Revoke one of ``user``'s own API tokens (sets ``revoked_at``; nothing is deleted).

    Revoking a revoked token changes nothing.

    Raises:
        ApiToken.DoesNotExist: no such token of ``user`` (another user's token is not
            revealed to exist).
    """
    record = ApiToken.objects.select_for_update().get(pk=token_id, user=user)
    if record.revoked_at is None:
        record.revoked_at = timezone.now()
        record._change_reason = "API token revoked"  # type: ignore[attr-defined]
        record.save(update_fields=["revoked_at"])
    return record
