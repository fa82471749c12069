"""The one place where protected objects are fetched for a user.

Every view, export, feed and report gets recommendations and documents
through these helpers, so the confidentiality rule lives in one tested place:
nobody below coordinator sees restricted records; anonymous visitors see only
public ones.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from rightstrack.accounts.models import ROLE_RANK, Role, User
from rightstrack.accounts.twofactor import is_two_factor_verified, requires_two_factor
from rightstrack.accounts.types import Viewer
from rightstrack.catalog.models import (
    Communication,
    CommunicationQuerySet,
    Document,
    DocumentQuerySet,
    FollowUpRequest,
    Recommendation,
    RecommendationQuerySet,
    Visit,
    VisitQuerySet,
)


def user_rank(user: Viewer | None) -> int:
    """Rank of ``user`` (an ``accounts.User`` or ``AnonymousUser``); 0 for anonymous.

    A publishing user who logged in with a password but has not passed the
    TOTP step in this request's session ranks as a viewer (defence in depth:
    ``OTPRequiredMiddleware`` already keeps them at the TOTP page).
    """
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return 0
    if requires_two_factor(user) and not is_two_factor_verified(user):
        return min(int(user.rank), ROLE_RANK[Role.VIEWER])
    return int(user.rank)


def can_see_restricted(user: Viewer | None) -> bool:
    """Whether ``user`` may see restricted records (SPT reports, pending communications,
    contributors' identities): True for coordinators and admins (and superusers).

    Args:
        user: an ``accounts.User``, an ``AnonymousUser`` or ``None`` (public outputs).

    Returns:
        ``True`` when :func:`user_rank` is at least the coordinator's rank
        (``ROLE_RANK``; only coordinators and admins see restricted records, see the
        roles table in ``docs/security.md``).
    """
    return user_rank(user) >= ROLE_RANK[Role.COORDINATOR]


def visible_recommendations(user: Viewer | None) -> RecommendationQuerySet:
    """Recommendations ``user`` may see (not archived ones, for anyone).

    Returns:
        All non-archived recommendations for coordinators and admins; only
        ``Recommendation.objects.public()`` for everyone else.
    """
    if can_see_restricted(user):
        return Recommendation.objects.filter(is_archived=False)
    return Recommendation.objects.public()


def visible_documents(user: Viewer | None) -> DocumentQuerySet:
    """Documents ``user`` may see (same rule as :func:`visible_recommendations`)."""
    if can_see_restricted(user):
        return Document.objects.filter(is_archived=False)
    return Document.objects.public()


def visible_follow_up_requests(user: Viewer | None) -> QuerySet[FollowUpRequest]:
    """Follow-up requests ``user`` may see: their document is visible to ``user`` and so
    is their recommendation, when they have one (same rule as :func:`visible_recommendations`)."""
    return FollowUpRequest.objects.filter(document__in=visible_documents(user).values("pk")).filter(
        Q(recommendation__isnull=True)
        | Q(recommendation__in=visible_recommendations(user).values("pk"))
    )


def get_recommendation_for_user(user: Viewer | None, pk: int) -> Recommendation:
    """Fetch one recommendation or raise ``Http404`` (never 403: existence is not revealed)."""
    try:
        return visible_recommendations(user).get(pk=pk)
    except (Recommendation.DoesNotExist, ValueError, TypeError):
        raise Http404("No such recommendation") from None


def get_document_for_user(user: Viewer | None, pk: int) -> Document:
    """Fetch one document ``user`` may see (:func:`visible_documents`).

    Raises:
        Http404: no such document, an archived one, a restricted one for a user
            below coordinator, or a ``pk`` that is not a number (never 403:
            existence of a confidential document is not revealed).
    """
    try:
        return visible_documents(user).get(pk=pk)
    except (Document.DoesNotExist, ValueError, TypeError):
        raise Http404("No such document") from None


def visible_communications(user: Viewer | None) -> CommunicationQuerySet:
    """Individual communications ``user`` may see (not archived ones, for anyone).

    A communication is restricted by default while it is pending (its author and any
    submission on it too) and public once the Committee publishes its Views; a
    coordinator may decide otherwise (``visibility``). Coordinators and admins see
    every non-archived one; everyone else ``Communication.objects.public()``.
    """
    if can_see_restricted(user):
        return Communication.objects.filter(is_archived=False)
    return Communication.objects.public()


def get_communication_for_user(user: Viewer | None, pk: int) -> Communication:
    """Fetch one communication ``user`` may see (:func:`visible_communications`).

    Raises:
        Http404: no such communication, an archived or restricted one for a user below
            coordinator, or a ``pk`` that is not a number (never 403).
    """
    try:
        return visible_communications(user).select_related("mechanism", "country").get(pk=pk)
    except (Communication.DoesNotExist, ValueError, TypeError):
        raise Http404("No such communication") from None


def visible_visits(user: Viewer | None) -> VisitQuerySet:
    """Visits and inquiries ``user`` may see: every non-archived one for coordinators and
    admins, none for anyone else.

    The record names a confidential report and its publication dealings with the State
    (OP-CAT art. 16 (2), ``docs/visits.md``), so it is never shown below coordinator, even
    once published: what becomes public then is the report's document and recommendations,
    through :func:`visible_documents` and :func:`visible_recommendations`.
    """
    if can_see_restricted(user):
        return Visit.objects.filter(is_archived=False)
    return Visit.objects.none()


def get_visit_for_user(user: Viewer | None, pk: int) -> Visit:
    """Fetch one visit or inquiry ``user`` may see (:func:`visible_visits`).

    Raises:
        Http404: no such record, an archived one, anyone below coordinator, or a ``pk``
            that is not a number (never 403: existence is not revealed).
    """
    try:
        return visible_visits(user).select_related("mechanism", "country", "document").get(pk=pk)
    except (Visit.DoesNotExist, ValueError, TypeError):
        raise Http404("No such visit") from None


def initials(name: str) -> str:
    """ "Shkurillo Alimov" → "S.A."; names already given as initials stay as they are."""
    words = [w for w in name.replace(".", " ").split() if w[:1].isalpha()]
    return "".join(f"{w[0].upper()}." for w in words)


def public_author(communication: Communication, viewer: Viewer | None) -> str:
    """The author of ``communication`` as ``viewer`` may see it.

    Coordinators and admins see the name as recorded; everyone else (and every public
    output: pass ``viewer=None``) sees only the initials when ``anonymise_author`` is
    set ("S.A."), else the name as the published Views print it.
    """
    if not communication.anonymise_author or can_see_restricted(viewer):
        return communication.author
    return initials(communication.author)


def public_name(person: User | None, viewer: Viewer | None) -> str:
    """The name of ``person`` (an author: ``accounts.User`` or ``None``) as ``viewer`` may see it.

    A login name (``username``) is never shown outside the product: the public sees the
    person's display name (first and last name) only, and nothing when they gave none.
    Coordinators and admins, and the person themself, see the display name, or the login
    name when there is no display name (they manage the account). For everyone else,
    and in every public output (pages, JSON, CSV, feeds, exports: pass ``viewer=None``
    when there is no request), a person who set ``hide_name_publicly`` is shown as
    "Anonymous contributor" (issue 11: public attributions never show a login name).

    Returns:
        The display name, "Anonymous contributor", or "" when ``person`` is ``None`` or
        has no display name and ``viewer`` may not see the login name.
    """
    if person is None:
        return ""
    display = str(person.get_full_name()).strip()
    if can_see_restricted(viewer) or _same_user(person, viewer):
        return display or str(person.get_username())
    if getattr(person, "hide_name_publicly", False):
        return str(_("Anonymous contributor"))
    return display


def _same_user(person: User | None, viewer: Viewer | None) -> bool:
    return bool(
        viewer is not None
        and getattr(viewer, "is_authenticated", False)
        and getattr(viewer, "pk", None) is not None
        and viewer.pk == getattr(person, "pk", None)
    )


def can_manage_actors(user: Viewer | None) -> bool:
    """Whether ``user`` may add, edit and archive organisations, contacts and invitations:
    coordinators and admins (issue 11; roles table in ``docs/security.md``)."""
    return can_see_restricted(user)


def manageable_users(user: Viewer | None) -> QuerySet[User]:
    """Accounts ``user`` may see and change on the people pages.

    Admins: every account. Coordinators: the accounts of their organisation and the
    accounts that accepted an invitation sent by someone of their organisation (a
    coordinator of the NMRF invites the focal points of ministries and committees).
    Everyone else: none.
    """
    if not can_manage_actors(user):
        return User.objects.none()
    if user_rank(user) >= ROLE_RANK[Role.ADMIN]:
        return User.objects.all()
    org_id = getattr(user, "organisation_id", None)
    if org_id is None:
        return User.objects.filter(invitation__invited_by=getattr(user, "pk", None))
    return User.objects.filter(
        Q(organisation_id=org_id) | Q(invitation__invited_by__organisation_id=org_id)
    ).distinct()


def can_manage_user(user: Viewer | None, account: User) -> bool:
    """Whether ``user`` may change or deactivate ``account`` (see :func:`manageable_users`);
    nobody below administrator manages an administrator."""
    if account.rank >= ROLE_RANK[Role.ADMIN] and user_rank(user) < ROLE_RANK[Role.ADMIN]:
        return False
    return manageable_users(user).filter(pk=account.pk).exists()


def get_managed_user_for_user(user: Viewer | None, pk: int) -> User:
    """Fetch one account ``user`` may manage, or raise ``Http404`` (never 403)."""
    try:
        return manageable_users(user).get(pk=pk)
    except (User.DoesNotExist, ValueError, TypeError):
        raise Http404("No such account") from None
