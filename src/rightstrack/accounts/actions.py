"""Verbs that change accounts: every state change goes through a ``do_*`` function.

Each verb runs in one transaction; django-simple-history writes the history row
(``User.history``) with the change reason given here.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from rightstrack.accounts.models import Role, User

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
