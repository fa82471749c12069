"""Views of the engagement log (meetings, hearings, press conferences...) and of the
commitments made there; queries in ``tracking.engagements``, changes through
``tracking.actions``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rightstrack.accounts.types import Viewer
from rightstrack.catalog.models import Country
from rightstrack.tracking import actions as verbs
from rightstrack.tracking import forms
from rightstrack.tracking import permissions as perm
from rightstrack.tracking.engagements import (
    scope_documents,
    scoped_recommendations,
    shown_recommendations_of,
)
from rightstrack.tracking.models import Engagement
from rightstrack.tracking.views import _archive, _need, _save_or_conflict


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def engagement_list(request: HttpRequest) -> HttpResponse:
    """Engagements the user may see, newest first; ``?country=ISO3`` narrows."""
    qs = perm.visible_engagements(request.user).select_related("organisation", "country")
    iso3 = (request.GET.get("country") or "").strip().upper()[:3]
    if iso3:
        qs = qs.filter(country__iso3=iso3)
    ctx = {
        "engagements": qs[:200],
        "country": iso3,
        "can_record": perm.can_record_engagement(request.user),
    }
    return render(request, "tracking/engagement_list.html", ctx)


def engagement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One engagement with its commitments, recommendations and attachments."""
    e = perm.get_engagement_for_user(request.user, pk)
    can_edit = perm.can_edit_engagement(request.user, e)
    plans = perm.visible_plans(request.user)
    ctx = {
        "e": e,
        "recs": shown_recommendations_of(request.user, e),
        "commitments": perm.visible_commitments(request.user)
        .filter(engagement=e)
        .select_related("by_whom", "action"),
        "evidence": perm.visible_evidence(request.user).filter(engagement=e),
        "can_edit": can_edit,
        "plan_form": forms.CommitmentActionForm(plans=plans) if can_edit else None,
    }
    return render(request, "tracking/engagement_detail.html", ctx)


def _scope(request: HttpRequest, e: Engagement | None) -> dict[str, Any]:
    """The recommendations offered: ``?document=`` and ``?selection=`` scopes plus the
    engagement's own links; ``?organisation=`` (from an actor's page) is kept across
    the scope links and ticked in a new engagement."""
    user = request.user
    linked = list(shown_recommendations_of(user, e).values_list("pk", flat=True)) if e else []
    document_id, selection_id = (
        _int(request.GET.get("document")),
        _int(request.GET.get("selection")),
    )
    recs = scoped_recommendations(
        user, document_id=document_id, selection_id=selection_id, linked=linked
    )
    country_id = _int(request.GET.get("country_id")) or (e.country_id if e else None)
    if country_id is None and request.GET.get("country"):
        found = Country.objects.filter(iso3=request.GET["country"].upper()[:3]).first()
        country_id = found.pk if found else None
    preselected = linked
    if e is None and selection_id is not None:  # an agenda made from a selection
        preselected = list(recs.values_list("pk", flat=True))
    return {
        "queryset": recs,
        "preselected": preselected,
        "documents": scope_documents(user, country_id),
        "country_id": country_id,
        "document_id": document_id,
        "organisation_id": _int(request.GET.get("organisation")),
    }


def _initial(e: Engagement | None, scope: dict[str, Any], user: Viewer) -> dict[str, Any]:
    if e is None:
        return {
            "date": timezone.localdate(),
            "visibility": "organisation",
            "country": scope["country_id"],
            "recommendations": scope["preselected"],
            "organisations": [scope["organisation_id"]] if scope["organisation_id"] else [],
        }
    data = {name: getattr(e, name) for name in verbs.ENGAGEMENT_FIELDS}
    data.update(
        version=e.version,
        organisations=list(e.organisations.values_list("pk", flat=True)),
        recommendations=scope["preselected"],
    )
    return data


def _commitment_initial(e: Engagement | None, user: Viewer) -> list[dict[str, Any]]:
    if e is None:
        return []
    return [
        {"pk": c.pk, "text": c.text, "by_whom": c.by_whom_id, "due_on": c.due_on}
        for c in perm.visible_commitments(user).filter(engagement=e)
    ]


@login_required
def engagement_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Record an engagement (``pk`` None; ``?document=``, ``?selection=`` and
    ``?country=`` give the recommendations offered) or edit one."""
    e = perm.get_engagement_for_user(request.user, pk) if pk else None
    _need(
        perm.can_edit_engagement(request.user, e) if e else perm.can_record_engagement(request.user)
    )
    scope = _scope(request, e)
    form = forms.EngagementForm(
        request.POST or None,
        initial=_initial(e, scope, request.user),
        recommendations=scope["queryset"],
        visibilities=perm.engagement_visibilities(request.user),
    )
    rows = forms.CommitmentFormSet(
        request.POST or None, initial=_commitment_initial(e, request.user), prefix="c"
    )
    current, status = None, 200
    if request.method == "POST" and form.is_valid() and rows.is_valid():
        result, current, status = _save(request, form, rows, e)
        if result is not None:
            messages.success(request, _("Engagement saved."))
            return redirect("tracking:engagement_detail", pk=result.pk)
    elif request.method == "POST":
        status = 400
    ctx = {"form": form, "rows": rows, "e": e, "current": current, **scope}
    return render(request, "tracking/engagement_form.html", ctx, status=status)


def _save(request: HttpRequest, form: Any, rows: Any, e: Engagement | None) -> tuple[Any, Any, int]:
    data = {k: v for k, v in form.cleaned_data.items() if k in verbs.ENGAGEMENT_FIELDS}
    commitments = [
        verbs.CommitmentRow(r["text"], r.get("by_whom"), r.get("due_on"), r.get("pk"))
        for r in rows.cleaned_data
        if r and r.get("text")
    ]
    links = {
        "organisations": form.cleaned_data["organisations"],
        "recommendations": form.cleaned_data["recommendations"],
        "commitments": commitments,
    }
    try:
        if e is None:
            return verbs.do_record_engagement(request.user, **links, **data), None, 200
        return _save_or_conflict(
            request, form, lambda v: verbs.do_update_engagement(request.user, e, v, **links, **data)
        )
    except ValidationError as err:
        form.add_error(None, err)
        return None, None, 400
    except PermissionDenied as err:
        form.add_error("visibility", str(err))
        return None, None, 400


@login_required
@require_POST
def engagement_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """Archive an engagement (kept in history)."""
    e = perm.get_engagement_for_user(request.user, pk)
    _need(perm.can_edit_engagement(request.user, e))
    _archive(request, lambda v: verbs.do_archive_engagement(request.user, e, v))
    return redirect("tracking:engagement_list")


@login_required
@require_POST
def commitment_action(request: HttpRequest, pk: int) -> HttpResponse:
    """Turn a commitment into an action of the chosen plan (one click), linked both ways."""
    c = perm.get_commitment_for_user(request.user, pk)
    _need(perm.can_edit_engagement(request.user, c.engagement))
    form = forms.CommitmentActionForm(request.POST, plans=perm.visible_plans(request.user))
    if not form.is_valid():
        messages.error(request, _("Choose a plan."))
        return redirect("tracking:engagement_detail", pk=c.engagement_id)
    plan = form.cleaned_data["plan"]
    _need(perm.can_add_action(request.user, plan))
    try:
        action = verbs.do_turn_commitment_into_action(request.user, c, plan)
    except ValidationError as err:
        messages.error(request, " ".join(err.messages))
        return redirect("tracking:engagement_detail", pk=c.engagement_id)
    messages.success(request, _("The commitment is now an action of the plan."))
    return redirect("tracking:action_detail", pk=action.pk)
