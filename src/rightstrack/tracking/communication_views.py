"""Coordinators' pages on individual communications: record a pending one, decide its
transmittal date, anonymity and visibility, record follow-up steps and third-party
interventions; the intervention file download. Thin views over
``tracking/communication_actions.py``."""

from __future__ import annotations

import contextlib

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from rightstrack.accounts.decorators import role_required
from rightstrack.accounts.models import Role
from rightstrack.accounts.permissions import get_communication_for_user
from rightstrack.tracking import communication_actions as verbs
from rightstrack.tracking import communication_forms as forms
from rightstrack.tracking.permissions import get_intervention_for_user


@role_required(Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
def communication_new(request: HttpRequest) -> HttpResponse:
    """Record a pending communication (restricted, author's initials in public)."""
    form = forms.CommunicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            comm = verbs.do_record_communication(request.user, **form.cleaned_data)
            return redirect("tracking:communication_manage", comm.pk)
        except ValidationError as exc:
            form.add_error(None, exc)
    return render(request, "tracking/communication_new.html", {"form": form})


@role_required(Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
def communication_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """Settings, follow-up steps and interventions of one communication (three forms)."""
    comm = get_communication_for_user(request.user, pk)
    which = request.POST.get("form", "")
    data = request.POST if request.method == "POST" else None
    settings = forms.CommunicationSettingsForm(
        data if which == "settings" else None,
        initial={"country": comm.country_id, "views_adopted_on": comm.views_adopted_on,
                 "transmitted_on": comm.transmitted_on, "anonymise_author": comm.anonymise_author,
                 "visibility": comm.visibility},
    )  # fmt: skip
    step = forms.ViewsFollowUpForm(data if which == "step" else None)
    intervention = forms.InterventionForm(
        data if which == "intervention" else None,
        request.FILES if which == "intervention" else None,
    )
    done = False
    try:
        if which == "settings" and settings.is_valid():
            visibility = settings.cleaned_data.pop("visibility")
            comm = verbs.do_update_communication(request.user, comm, **settings.cleaned_data)
            verbs.do_set_communication_visibility(request.user, comm, visibility)
            done = True
        elif which == "step" and step.is_valid():
            verbs.do_add_views_follow_up(request.user, comm, **step.cleaned_data)
            done = True
        elif which == "intervention" and intervention.is_valid():
            fields = dict(intervention.cleaned_data)
            verbs.do_record_intervention(request.user, comm, upload=fields.pop("file"), **fields)
            done = True
    except ValidationError as exc:
        {"settings": settings, "step": step, "intervention": intervention}[which].add_error(
            None, exc
        )
    if done:
        return redirect("tracking:communication_manage", comm.pk)
    context = {"comm": comm, "settings": settings, "step": step, "intervention": intervention}
    return render(request, "tracking/communication_manage.html", context)


@role_required(Role.COORDINATOR)
@require_POST
def intervention_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish an intervention, or keep it restricted (ends its reminder)."""
    item = get_intervention_for_user(request.user, pk)
    raw = request.POST.get("version", "")
    version = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else 0
    # Refused or stale: the page then shows the intervention as it is now.
    with contextlib.suppress(ValidationError, verbs.StaleEdit):
        verbs.do_decide_intervention_publication(
            request.user, item, version, publish=request.POST.get("publish") == "1"
        )
    return redirect("tracking:communication_manage", item.communication_id)


def intervention_file(request: HttpRequest, pk: int) -> FileResponse:
    """Serve an intervention's file to someone who may see the intervention (404 otherwise)."""
    item = get_intervention_for_user(request.user, pk)
    if not item.file:
        raise Http404
    return FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=item.original_name or "intervention",
        content_type=item.content_type,
    )
