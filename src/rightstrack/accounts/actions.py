"""Verbs that change accounts: every state change goes through a ``do_*`` function.

Each verb runs in one transaction; django-simple-history writes the history row
(``User.history``) with the change reason given here.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from rightstrack.accounts.models import (
    ROLE_RANK,
    ApiToken,
    Contact,
    Invitation,
    Organisation,
    Role,
    User,
)
from rightstrack.accounts.permissions import can_manage_actors, can_manage_user
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
def do_create_api_token(
    user: User, name: str, scope: str = ApiToken.Scope.READ
) -> tuple[ApiToken, str]:
    """Create a personal API token for ``user``.

    Args:
        user: the logged-in owner.
        name: what the token is for ("reporting spreadsheet"), 1-100 characters.
        scope: ``"read"`` (the default: GET only) or ``"write"`` (also the write
            operations of ``api.writes``, within what ``user``'s role may change).

    Returns:
        ``(record, token)``: the stored record (SHA-256 only) and the token in clear,
        to be shown once and never again.

    Raises:
        ValueError: a blank or too long name, or an unknown scope.
    """
    name = name.strip()
    if not name or len(name) > 100:
        raise ValueError("a token name has 1 to 100 characters")
    if scope not in ApiToken.Scope.values:
        raise ValueError(f"unknown token scope {scope!r}")
    token = new_token()
    record = ApiToken(
        user=user,
        name=name,
        scope=scope,
        prefix=token[:SHOWN_CHARACTERS],
        key_hash=token_hash(token),
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


# --------------------------------------------------------------------------- actors

#: Fields of an organisation that coordinators edit on the actors map.
ORGANISATION_FIELDS = (
    "name",
    "acronym",
    "org_type",
    "country",
    "parent",
    "mandate",
    "contact_name",
    "contact_email",
    "website",
)
#: Fields of a contact (a person to reach in an organisation).
CONTACT_FIELDS = ("kind", "name", "position", "email", "phone")


def _set(obj: Any, fields: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(fields) - set(allowed))
    if unknown:
        raise ValueError(f"cannot set {', '.join(unknown)} on {type(obj).__name__}")
    for name, value in fields.items():
        setattr(obj, name, value)


def _save_with_history(obj: Any, user: Any, reason: str) -> None:
    obj._history_user = user if getattr(user, "is_authenticated", False) else None
    obj._change_reason = reason
    obj.save()


def _need_actor_manager(user: Any) -> None:
    if not can_manage_actors(user):
        raise PermissionDenied("only coordinators and administrators change actors")


@transaction.atomic
def do_create_organisation(user: User, **fields: Any) -> Organisation:
    """Add an organisation to the actors map (coordinators and admins).

    Args:
        user: the acting coordinator or administrator.
        fields: a subset of :data:`ORGANISATION_FIELDS`.

    Returns:
        The new organisation; its history row names ``user`` ("organisation created").

    Raises:
        PermissionDenied: ``user`` is not a coordinator or administrator.
        ValueError: a field outside :data:`ORGANISATION_FIELDS`.
    """
    _need_actor_manager(user)
    org = Organisation()
    _set(org, fields, ORGANISATION_FIELDS)
    _save_with_history(org, user, "organisation created")
    return org


@transaction.atomic
def do_update_organisation(user: User, org: Organisation, **fields: Any) -> Organisation:
    """Edit an organisation of the actors map (same rules as :func:`do_create_organisation`).

    Raises:
        PermissionDenied, ValueError: as :func:`do_create_organisation`.
    """
    _need_actor_manager(user)
    fresh = Organisation.objects.select_for_update().get(pk=org.pk)
    _set(fresh, fields, ORGANISATION_FIELDS)
    _save_with_history(fresh, user, "organisation edited")
    return fresh


@transaction.atomic
def do_archive_organisation(
    user: User, org: Organisation, *, archived: bool = True
) -> Organisation:
    """Archive an organisation (or restore it with ``archived=False``); nothing is deleted.

    An archived organisation leaves the actors map, the assignment and plan forms; its
    assignments, actions, accounts and history stay. Restoring undoes the archive.

    Raises:
        PermissionDenied: ``user`` is not a coordinator or administrator.
    """
    _need_actor_manager(user)
    fresh = Organisation.objects.select_for_update().get(pk=org.pk)
    if fresh.is_archived != archived:
        fresh.is_archived = archived
        _save_with_history(
            fresh, user, "organisation archived" if archived else "organisation restored"
        )
    return fresh


@transaction.atomic
def do_save_contact(
    user: User, org: Organisation, contact: Contact | None = None, **fields: Any
) -> Contact:
    """Add a contact or focal point to ``org`` (``contact`` None) or edit ``contact``.

    Args:
        fields: a subset of :data:`CONTACT_FIELDS`.

    Raises:
        PermissionDenied: ``user`` is not a coordinator or administrator.
        ValueError: a field outside :data:`CONTACT_FIELDS`, or ``contact`` of another
            organisation.
    """
    _need_actor_manager(user)
    if contact is None:
        contact = Contact(organisation=org)
        reason = "contact added"
    else:
        contact = Contact.objects.select_for_update().get(pk=contact.pk)
        if contact.organisation_id != org.pk:
            raise ValueError("the contact belongs to another organisation")
        reason = "contact edited"
    _set(contact, fields, CONTACT_FIELDS)
    _save_with_history(contact, user, reason)
    return contact


@transaction.atomic
def do_archive_contact(user: User, contact: Contact, *, archived: bool = True) -> Contact:
    """Archive a contact (or restore it with ``archived=False``); nothing is deleted.

    Raises:
        PermissionDenied: ``user`` is not a coordinator or administrator.
    """
    _need_actor_manager(user)
    fresh = Contact.objects.select_for_update().get(pk=contact.pk)
    if fresh.is_archived != archived:
        fresh.is_archived = archived
        _save_with_history(fresh, user, "contact archived" if archived else "contact restored")
    return fresh


# --------------------------------------------------------------------------- people


def assignable_roles(user: Any) -> list[str]:
    """Roles ``user`` may give by invitation or change: up to their own rank, never admin
    unless they are an administrator (roles in ``docs/security.md``)."""
    rank = int(getattr(user, "rank", 0))
    return [
        r
        for r in Role.values
        if ROLE_RANK[r] <= rank and (r != Role.ADMIN or rank >= ROLE_RANK[Role.ADMIN])
    ]


@transaction.atomic
def do_invite(
    user: User,
    *,
    email: str,
    role: str,
    organisation: Organisation | None,
    language: str = "",
    name: str = "",
    hide_name_publicly: bool = False,
) -> Invitation:
    """Record an invitation (the email is sent by ``accounts.invitations.send_invitation``).

    Raises:
        PermissionDenied: ``user`` is not a coordinator or administrator, or gives a role
            above their own (:func:`assignable_roles`).
        ValueError: an active account already uses ``email``.
    """
    _need_actor_manager(user)
    if role not in assignable_roles(user):
        raise PermissionDenied("this role cannot be given by this user")
    if User.objects.filter(email__iexact=email, is_active=True).exists():
        raise ValueError("an account with this email address exists")
    invitation = Invitation(
        email=email,
        name=name,
        role=role,
        organisation=organisation,
        language=language,
        hide_name_publicly=hide_name_publicly,
        invited_by=user,
    )
    _save_with_history(invitation, user, "invitation sent")
    return invitation


@transaction.atomic
def do_accept_invitation(
    invitation: Invitation, *, username: str, password: str, first_name: str, last_name: str
) -> User:
    """Create the invitee's account from ``invitation`` (once) with the chosen login and password.

    The password must already have passed ``validate_password`` (the form does it).

    Raises:
        ValueError: the invitation was accepted or withdrawn already.
    """
    fresh = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if fresh.accepted_at is not None or fresh.withdrawn_at is not None:
        raise ValueError("this invitation was used or withdrawn")
    account = User(
        username=username,
        email=fresh.email,
        first_name=first_name,
        last_name=last_name,
        role=fresh.role,
        organisation=fresh.organisation,
        language=fresh.language,
        hide_name_publicly=fresh.hide_name_publicly,
        is_staff=fresh.role in (Role.ADMIN, Role.COORDINATOR),
        is_superuser=fresh.role == Role.ADMIN,
    )
    account.set_password(password)
    _save_with_history(account, None, "account created from an invitation")
    fresh.user, fresh.accepted_at = account, timezone.now()
    _save_with_history(fresh, account, "invitation accepted")
    return account


@transaction.atomic
def do_withdraw_invitation(user: User, invitation: Invitation) -> Invitation:
    """Withdraw an invitation that was not accepted: its link stops working.

    Raises:
        PermissionDenied: ``user`` is not a coordinator or administrator.
    """
    _need_actor_manager(user)
    fresh = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if fresh.accepted_at is None and fresh.withdrawn_at is None:
        fresh.withdrawn_at = timezone.now()
        _save_with_history(fresh, user, "invitation withdrawn")
    return fresh


#: Fields of an account a coordinator may change.
ACCOUNT_FIELDS = (
    "first_name",
    "last_name",
    "role",
    "organisation",
    "language",
    "hide_name_publicly",
)


@transaction.atomic
def do_change_account(user: User, account: User, **fields: Any) -> User:
    """Change another person's account (role, organisation, names, language, hidden name).

    Raises:
        PermissionDenied: ``user`` may not manage ``account``
            (``accounts.permissions.can_manage_user``) or gives a role above their own.
        ValueError: a field outside :data:`ACCOUNT_FIELDS`.
    """
    if not can_manage_user(user, account):
        raise PermissionDenied("this account is not yours to manage")
    if "role" in fields and fields["role"] not in assignable_roles(user):
        raise PermissionDenied("this role cannot be given by this user")
    fresh = User.objects.select_for_update().get(pk=account.pk)
    _set(fresh, fields, ACCOUNT_FIELDS)
    fresh.is_staff = fresh.role in (Role.ADMIN, Role.COORDINATOR)
    _save_with_history(fresh, user, "account changed")
    return fresh


@transaction.atomic
def do_set_account_active(user: User, account: User, *, active: bool) -> User:
    """Deactivate an account (it can no longer log in; nothing is deleted) or reactivate it.

    Raises:
        PermissionDenied: ``user`` may not manage ``account``, or deactivates themself.
    """
    if not can_manage_user(user, account) or account.pk == user.pk:
        raise PermissionDenied("this account is not yours to manage")
    fresh = User.objects.select_for_update().get(pk=account.pk)
    if fresh.is_active != active:
        fresh.is_active = active
        _save_with_history(fresh, user, "account reactivated" if active else "account deactivated")
    return fresh


@transaction.atomic
def do_sign_up(
    *,
    username: str,
    email: str,
    password: str,
    display_name: str,
    hide_name_publicly: bool,
    language: str,
) -> User:
    """Create a public contributor's account, inactive until the email address is verified.

    Contributors publish nothing themselves: every assessment they submit waits for
    moderation (``tracking.actions.do_submit_assessment``). The password must already
    have passed ``validate_password`` (the form does it).

    Raises:
        ValueError: the login name or an active account's email is taken.
    """
    if User.objects.filter(username__iexact=username).exists():
        raise ValueError("this login name is taken")
    account = User(
        username=username,
        email=email,
        first_name=display_name,
        role=Role.CONTRIBUTOR,
        hide_name_publicly=hide_name_publicly,
        language=language,
        is_active=False,
    )
    account.set_password(password)
    _save_with_history(account, None, "signed up")
    return account


#: History reasons after which a verification link no longer opens an inactive account: it
#: was verified once already, so someone closed it since (a coordinator deactivating a
#: contributor must not be undone by the owner's two-day-old link).
_CLOSED_AFTER = ("email address verified", "account deactivated")


@transaction.atomic
def do_verify_email(account: User) -> User:
    """Activate a signed-up account once its owner followed the verification link.

    Returns:
        The account, active. Verifying twice changes nothing.

    Raises:
        PermissionDenied: the account is inactive but was verified or deactivated before
            (see :data:`_CLOSED_AFTER`): the link cannot reopen a closed account.
    """
    fresh = User.objects.select_for_update().get(pk=account.pk)
    if not fresh.is_active:
        if fresh.history.filter(history_change_reason__in=_CLOSED_AFTER).exists():
            raise PermissionDenied("this account was closed; a verification link cannot reopen it")
        fresh.is_active = True
        _save_with_history(fresh, fresh, "email address verified")
    return fresh
