"""People pages: coordinators invite, see, change and deactivate accounts; invitees accept.

Coordinators and admins manage the accounts ``permissions.manageable_users`` gives them
(never delete: deactivate, with a confirmation page, and reactivate). The invitation link
is public but signed and expiring (``accounts.invitations``); for publishing roles the
invitee goes on to two-factor enrolment in the same flow.
"""

from __future__ import annotations

import smtplib

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from rightstrack.accounts import actions as verbs
from rightstrack.accounts import invitations
from rightstrack.accounts.decorators import login_required
from rightstrack.accounts.forms import AcceptInvitationForm, AccountChangeForm, InvitationForm
from rightstrack.accounts.models import ROLE_RANK, Invitation, Role
from rightstrack.accounts.permissions import (
    can_manage_actors,
    get_managed_user_for_user,
    manageable_users,
    user_rank,
)
from rightstrack.accounts.twofactor import PUBLISHING_ROLES, requires_two_factor
from rightstrack.accounts.views import set_language_cookie

_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _need_manager(request: HttpRequest) -> None:
    if not can_manage_actors(request.user):
        raise PermissionDenied


def _visible_invitations(request: HttpRequest) -> list[Invitation]:
    qs = Invitation.objects.select_related("organisation").filter(accepted_at__isnull=True)
    if user_rank(request.user) < ROLE_RANK[Role.ADMIN]:
        org_id = getattr(request.user, "organisation_id", None)
        qs = qs.filter(invited_by__organisation_id=org_id) if org_id else qs.none()
    return list(qs[:200])


@login_required
def people(request: HttpRequest) -> HttpResponse:
    """Accounts the coordinator manages, and invitations waiting for an answer."""
    _need_manager(request)
    accounts = (
        manageable_users(request.user)
        .select_related("organisation")
        .order_by("organisation__name", "last_name", "first_name", "pk")
    )
    ctx = {"accounts": accounts, "invitations": _visible_invitations(request)}
    return render(request, "accounts/people.html", ctx)


@login_required
def invite(request: HttpRequest) -> HttpResponse:
    """Invite a person by email; the link goes out in the language chosen for them."""
    _need_manager(request)
    roles = verbs.assignable_roles(request.user)
    initial = {"organisation": request.GET.get("organisation"), "language": request.LANGUAGE_CODE}
    form = InvitationForm(request.POST or None, roles=roles, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = verbs.do_invite(request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValueError:
            form.add_error("email", _("An account with this email address exists already."))
        else:
            link = request.build_absolute_uri(
                reverse(
                    "accounts:accept_invitation", args=[invitations.invitation_token(invitation)]
                )
            )
            try:
                invitations.send_invitation(invitation, link)
            except (OSError, smtplib.SMTPException):
                messages.error(
                    request, _("The invitation is saved but the email could not be sent.")
                )
            else:
                messages.success(
                    request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
                )
            return redirect("accounts:people")
    return render(request, "accounts/invite.html", {"form": form})


@login_required
def person(request: HttpRequest, pk: int) -> HttpResponse:
    """Change one managed account: names, role, organisation, language, hidden name."""
    _need_manager(request)
    account = get_managed_user_for_user(request.user, pk)
    form = AccountChangeForm(
        request.POST or None, instance=account, roles=verbs.assignable_roles(request.user)
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in verbs.ACCOUNT_FIELDS}
        try:
            verbs.do_change_account(request.user, account, **data)  # type: ignore[arg-type]
        except PermissionDenied:
            raise Http404("No such account") from None
        messages.success(request, _("The account is saved."))
        return redirect("accounts:people")
    return render(request, "accounts/person.html", {"form": form, "account": account})


@login_required
def person_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirmation page (GET) and deactivation (POST) of an account; never a deletion."""
    _need_manager(request)
    account = get_managed_user_for_user(request.user, pk)
    if account.pk == request.user.pk or not account.is_active:
        raise Http404("No such account")
    if request.method == "POST":
        verbs.do_set_account_active(request.user, account, active=False)  # type: ignore[arg-type]
        messages.success(request, _("The account is deactivated. You can reactivate it here."))
        return redirect("accounts:people")
    return render(request, "accounts/person_deactivate.html", {"account": account})


@login_required
@require_POST
def person_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    """Undo a deactivation."""
    _need_manager(request)
    account = get_managed_user_for_user(request.user, pk)
    try:
        verbs.do_set_account_active(request.user, account, active=True)  # type: ignore[arg-type]
    except PermissionDenied:
        raise Http404("No such account") from None
    messages.success(request, _("The account is active again."))
    return redirect("accounts:people")


@login_required
def invitation_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirmation page (GET) and withdrawal (POST) of an unanswered invitation."""
    _need_manager(request)
    invitation = next((i for i in _visible_invitations(request) if i.pk == pk), None)
    if invitation is None or invitation.withdrawn_at is not None:
        raise Http404("No such invitation")
    if request.method == "POST":
        verbs.do_withdraw_invitation(request.user, invitation)  # type: ignore[arg-type]
        messages.success(request, _("The invitation is withdrawn: its link no longer works."))
        return redirect("accounts:people")
    return render(request, "accounts/invitation_withdraw.html", {"invitation": invitation})


@sensitive_post_parameters("password1", "password2")
@never_cache
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The invitee's page: choose names, a login name and a password; then two-factor."""
    try:
        invitation = invitations.invitation_for_token(token)
    except invitations.LinkError:
        return render(request, "accounts/link_invalid.html", status=404)
    form = AcceptInvitationForm(request.POST or None, initial={"first_name": invitation.name})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        account = verbs.do_accept_invitation(
            invitation,
            username=data["username"],
            password=data["password1"],
            first_name=data["first_name"],
            last_name=data["last_name"],
        )
        auth_login(request, account, backend=_BACKEND)
        if requires_two_factor(account):
            query = urlencode({"next": reverse("tracking:index")})
            response = redirect(f"{reverse('accounts:two_factor_setup')}?{query}")
        else:
            messages.success(request, _("Welcome to RightsTrack."))
            response = redirect("tracking:index")
        set_language_cookie(response, account.language)  # the language chosen for them
        return response
    ctx = {
        "form": form,
        "invitation": invitation,
        "publishing": invitation.role in PUBLISHING_ROLES,
    }
    return render(request, "accounts/accept_invitation.html", ctx)
