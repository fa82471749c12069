"""Pages that add and change actors (organisations) and their contacts on the actors map.

Only coordinators and admins reach them (``accounts.permissions.can_manage_actors``);
changes go through the verbs of ``accounts.actions`` (history, no hard delete). Archiving
asks for confirmation on its own page, and the history page offers to restore.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rightstrack.accounts import actions as people
from rightstrack.accounts.decorators import login_required
from rightstrack.accounts.forms import ContactForm, OrganisationForm
from rightstrack.accounts.models import Contact, Organisation
from rightstrack.accounts.permissions import can_manage_actors


def _need_manager(request: HttpRequest) -> None:
    if not can_manage_actors(request.user):
        raise PermissionDenied


def _organisation(pk: int, *, archived: bool = False) -> Organisation:
    org = Organisation.objects.filter(pk=pk, is_archived=archived).first()
    if org is None:
        raise Http404("No such organisation")
    return org


def _contact(pk: int, *, archived: bool = False) -> Contact:
    contact = (
        Contact.objects.select_related("organisation")
        .filter(pk=pk, is_archived=archived, organisation__is_archived=False)
        .first()
    )
    if contact is None:
        raise Http404("No such contact")
    return contact


@login_required
def actor_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Add an organisation (``pk`` None) or edit one; coordinators and admins."""
    _need_manager(request)
    org = _organisation(pk) if pk else None
    form = OrganisationForm(request.POST or None, instance=org)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        if org is None:
            org = people.do_create_organisation(request.user, **data)  # type: ignore[arg-type]
        else:
            org = people.do_update_organisation(request.user, org, **data)  # type: ignore[arg-type]
        messages.success(request, _("The organisation is saved."))
        return redirect("tracking:actor_detail", pk=org.pk)
    return render(request, "tracking/actor_form.html", {"form": form, "org": org})


@login_required
def actor_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirmation page (GET) and archive (POST) of an organisation."""
    _need_manager(request)
    org = _organisation(pk)
    if request.method == "POST":
        people.do_archive_organisation(request.user, org)  # type: ignore[arg-type]
        messages.success(
            request,
            _("%(name)s is archived. You can restore it from its history.") % {"name": org.name},
        )
        return redirect("tracking:actor_list")
    ctx = {
        "org": org,
        "assignments": org.assignments.filter(is_archived=False).count(),
        "members": org.members.filter(is_active=True).count(),
        "contacts": org.contacts.filter(is_archived=False).count(),
    }
    return render(request, "tracking/actor_archive.html", ctx)


@login_required
@require_POST
def actor_restore(request: HttpRequest, pk: int) -> HttpResponse:
    """Undo the archive of an organisation (from its history page)."""
    _need_manager(request)
    org = people.do_archive_organisation(
        request.user,  # type: ignore[arg-type]
        _organisation(pk, archived=True),
        archived=False,
    )
    messages.success(request, _("%(name)s is restored.") % {"name": org.name})
    return redirect("tracking:actor_detail", pk=org.pk)


@login_required
def contact_edit(
    request: HttpRequest, org_pk: int | None = None, pk: int | None = None
) -> HttpResponse:
    """Add a contact or focal point to an organisation (``org_pk``) or edit one (``pk``)."""
    _need_manager(request)
    contact = _contact(pk) if pk else None
    org = contact.organisation if contact else _organisation(org_pk)  # type: ignore[arg-type]
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        people.do_save_contact(request.user, org, contact, **data)  # type: ignore[arg-type]
        messages.success(request, _("The contact is saved."))
        return redirect("tracking:actor_detail", pk=org.pk)
    return render(
        request, "tracking/contact_form.html", {"form": form, "org": org, "contact": contact}
    )


@login_required
def contact_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirmation page (GET) and archive (POST) of a contact."""
    _need_manager(request)
    contact = _contact(pk)
    if request.method == "POST":
        people.do_archive_contact(request.user, contact)  # type: ignore[arg-type]
        messages.success(
            request,
            _("%(name)s is archived. You can restore it from its history.")
            % {"name": contact.name},
        )
        return redirect("tracking:actor_detail", pk=contact.organisation_id)
    return render(request, "tracking/contact_archive.html", {"contact": contact})


@login_required
@require_POST
def contact_restore(request: HttpRequest, pk: int) -> HttpResponse:
    """Undo the archive of a contact (from its history page)."""
    _need_manager(request)
    contact = people.do_archive_contact(
        request.user,  # type: ignore[arg-type]
        _contact(pk, archived=True),
        archived=False,
    )
    messages.success(request, _("%(name)s is restored.") % {"name": contact.name})
    return redirect("tracking:actor_detail", pk=contact.organisation_id)
