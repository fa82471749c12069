"""Types of the people code deals with.

``Viewer`` is whoever makes a request or receives an output: a signed-in
:class:`~rightstrack.accounts.models.User` or Django's ``AnonymousUser`` (public
pages, feeds, exports without a request). Permission helpers take a ``Viewer``;
those that also accept ``None`` say so (``Viewer | None``: treated as anonymous).
"""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from rightstrack.accounts.models import User

Viewer: TypeAlias = User | AnonymousUser


def signed_in(viewer: Viewer | None) -> User:
    """``viewer`` as a signed-in :class:`User`, for code that records who did something.

    Verbs check permissions first (an anonymous visitor is refused there); this narrows
    the type for the fields that need a real account (``created_by``, ``author``...).

    Raises:
        PermissionDenied: ``viewer`` is anonymous or ``None``.
    """
    if not isinstance(viewer, User):
        raise PermissionDenied("Sign in first.")
    return viewer
