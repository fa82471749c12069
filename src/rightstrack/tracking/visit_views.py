"""Coordinators' pages on country visits and inquiries: the list, recording one, and one
record's page (its fields, the report's recommendations, the publication transitions,
archiving). Thin views over ``tracking/visit_actions.py``; anyone below coordinator is
refused before any record is read (``role_required``)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from rightstrack.accounts.decorators import role_required
from rightstrack.accounts.models import Role
from rightstrack.accounts.permissions import get_visit_for_user, visible_visits
from rightstrack.catalog.models import Visit
from rightstrack.tracking import visit_actions as verbs
from rightstrack.tracking import visit_forms as forms


def _version(request: HttpRequest) -> int:
    raw = request.POST.get("version", "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else 0


@role_required(Role.COORDINATOR)
def visit_list(request: HttpRequest) -> HttpResponse:
    """Every visit and inquiry, newest first, with its publication status."""
    visits = visible_visits(request.user).select_related("mechanism", "country", "document")
    return render(request, "tracking/visit_list.html", {"visits": visits})


@role_required(Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
def visit_new(request: HttpRequest) -> HttpResponse:
    """Record a visit or inquiry (confidential, with a restricted report)."""
    form = forms.VisitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            visit = verbs.do_record_visit(request.user, **form.cleaned_data)
            return redirect("tracking:visit_manage", visit.pk)
        except ValidationError as exc:
            form.add_error(None, exc)
    return render(request, "tracking/visit_new.html", {"form": form})


def _initial(visit: Visit) -> dict[str, Any]:
    return {name: getattr(visit, name) for name in verbs.EDITABLE}


@role_required(Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
def visit_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """One record: its fields, the report's recommendations, the publication steps."""
    visit = get_visit_for_user(request.user, pk)
    which = request.POST.get("form", "")
    data = request.POST if request.method == "POST" else None
    bound: dict[str, Form] = {
        "fields": forms.VisitFieldsForm(
            data if which == "fields" else None, initial=_initial(visit)
        ),
        "recommendation": forms.VisitRecommendationForm(
            data if which == "recommendation" else None
        ),
        "request": forms.PublicationRequestForm(data if which == "request" else None),
        "published": forms.PublishedForm(data if which == "published" else None),
    }
    form = bound.get(which)
    if form is not None and form.is_valid():
        try:
            _apply(request, visit, which, form.cleaned_data)
            return redirect("tracking:visit_manage", visit.pk)
        except (ValidationError, verbs.StaleEdit) as exc:
            message = exc if isinstance(exc, ValidationError) else _stale_message()
            form.add_error(None, message)
            visit = get_visit_for_user(request.user, pk)
    recs = visit.document.recommendations.filter(is_archived=False) if visit.document else []
    return render(request, "tracking/visit_manage.html", {"visit": visit, "recs": recs, **bound})


def _stale_message() -> str:
    return gettext("Someone else changed this record in the meantime: here it is as it is now.")


def _apply(request: HttpRequest, visit: Visit, which: str, data: dict[str, Any]) -> None:
    user, version = request.user, _version(request)
    if which == "fields":
        verbs.do_update_visit(user, visit, version, **data)
    elif which == "recommendation":
        verbs.do_add_visit_recommendation(user, visit, **data)
    elif which == "request":
        verbs.do_request_visit_publication(user, visit, version, **data)
    else:
        verbs.do_mark_visit_published(user, visit, version, **data)


@role_required(Role.COORDINATOR)
@require_POST
def visit_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """Archive a visit or inquiry (an unpublished report goes with it)."""
    visit = get_visit_for_user(request.user, pk)
    try:
        verbs.do_archive_visit(request.user, visit, _version(request))
    except verbs.StaleEdit:
        return redirect("tracking:visit_manage", visit.pk)
    return redirect("tracking:visit_list")
