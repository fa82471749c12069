"""Tracking views: thin; objects come from ``tracking.permissions``, changes go through
``tracking.actions``, query logic lives in ``tracking.dashboard`` and ``tracking.panel``.

Edit views show a message and the current values when the record changed
since the form was opened (HTTP 409), keeping what the user typed.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rightstrack.accounts.models import Organisation
from rightstrack.accounts.permissions import (
    can_manage_actors,
    get_recommendation_for_user,
    manageable_users,
    public_name,
    user_rank,
    visible_documents,
)
from rightstrack.accounts.permissions import visible_recommendations as visible_recs
from rightstrack.accounts.types import Viewer
from rightstrack.catalog.models import Country
from rightstrack.core import csv_stream
from rightstrack.tracking import actions as verbs
from rightstrack.tracking import forms, picker
from rightstrack.tracking import permissions as perm
from rightstrack.tracking.dashboard import (
    CSV_HEADER,
    actors,
    actors_csv_rows,
    country_dashboard,
    visits_to_watch,
)
from rightstrack.tracking.engagements import engagements_in, engagements_with
from rightstrack.tracking.history import history_context
from rightstrack.tracking.models import Assessment, Assignment, Batch, PublicationState
from rightstrack.tracking.panel import tracking_panel


def _need(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _save_or_conflict(
    request: HttpRequest, form: Any, call: Callable[[int], Any]
) -> tuple[Any, Any, int]:
    """Run ``call(version)``; return ``(result, current, status)``; may re-bind ``form``.

    On :class:`StaleEdit` the form is re-bound with the user's input and the
    current version (so a deliberate re-save works), a message explains, and
    ``current`` is the record as saved by the other user (status 409).
    """
    try:
        return call(form.cleaned_data.get("version") or 0), None, 200
    except verbs.StaleEdit as stale:
        data = request.POST.copy()
        data["version"] = str(stale.current.version)
        form.data = data  # the user's input, with the version they have now seen
        form.cleaned_data["version"] = stale.current.version
        form.current_rows = _current_rows(form, stale.current, request.user)
        messages.error(
            request,
            _(
                "Someone else saved this record while you were editing it. Your changes were "
                "NOT saved: compare them with the current values below and save again."
            ),
        )
        return None, stale.current, 409
    except ValidationError as err:
        form.add_error(None, err)
        return None, None, 400


def _current_rows(form: Any, obj: Any, user: Viewer) -> list[tuple[str, Any]]:
    """(label, value now saved) for each visible field of ``form``, for the conflict notice."""
    rows = []
    for name, field in form.fields.items():
        if field.widget.is_hidden:
            continue
        if name == "recommendations":
            value: Any = ", ".join(str(r) for r in visible_recs(user).filter(actions=obj))
        elif hasattr(obj, f"get_{name}_display"):
            value = getattr(obj, f"get_{name}_display")()
        else:
            value = getattr(obj, name, "")
        rows.append((str(field.label), value))
    return rows


def _versioned_form(cls: type, data: Any, **kwargs: Any) -> Any:
    return cls(data, **kwargs)


# --------------------------------------------------------------------------- actors


def actor_list(request: HttpRequest) -> HttpResponse:
    """Actors map: organisations with mandate, contact point and assignment counts; ``?format=csv``."""
    f = forms.ActorFilterForm(request.GET or None)
    params = f.cleaned_data if f.is_valid() else {}
    orgs = actors(request.user, **{k: v for k, v in params.items() if v})
    if request.GET.get("format") == "csv":
        columns = [
            csv_stream.Column(name, operator.itemgetter(i)) for i, name in enumerate(CSV_HEADER)
        ]
        response = HttpResponse(
            b"".join(csv_stream.csv_chunks(actors_csv_rows(request.user, orgs), columns)),
            content_type=csv_stream.CONTENT_TYPE,
        )
        response["Content-Disposition"] = 'attachment; filename="mapping-of-actors.csv"'
        return response
    ctx = {
        "form": f,
        "orgs": orgs,
        "query": request.GET.urlencode(),
        "can_manage": can_manage_actors(request.user),
    }
    return render(request, "tracking/actor_list.html", ctx)


def actor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One organisation with the recommendations assigned to it and its actions."""
    org = get_object_or_404(
        Organisation.objects.select_related("country"), pk=pk, is_archived=False
    )
    assignments = (
        perm.visible_assignments(request.user)
        .filter(organisation=org)
        .select_related("recommendation__document", "recommendation__mechanism")
    )
    shown = [
        s
        for a in perm.visible_actions(request.user).filter(responsible=org).select_related("plan")
        if (s := perm.shown_action(request.user, a)) is not None
    ]
    manager = can_manage_actors(request.user)
    ctx = {
        "org": org,
        "assignments": assignments,
        "actions": shown,
        "can_manage": manager,
        # Direct contacts stay inside the product (focal points and above).
        "contacts": org.contacts.filter(is_archived=False)
        if user_rank(request.user) >= perm.FOCAL_POINT
        else [],
        "members": manageable_users(request.user).filter(organisation=org, is_active=True)
        if manager
        else [],
        "engagements": engagements_with(request.user, org),
        "can_record": perm.can_record_engagement(request.user),
    }
    return render(request, "tracking/actor_detail.html", ctx)


# --------------------------------------------------------------------------- recommendations


def recommendation_tracking(request: HttpRequest, pk: int) -> HttpResponse:
    """The tracking panel of one recommendation on its own page."""
    rec = get_recommendation_for_user(request.user, pk)
    return render(
        request, "tracking/recommendation.html", {"rec": rec, **tracking_panel(request.user, rec)}
    )


@login_required
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Assign a recommendation to an institution (coordinators)."""
    rec = get_recommendation_for_user(request.user, pk)
    _need(perm.can_assign(request.user))
    form = forms.AssignmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        verbs.do_assign_recommendation(request.user, rec, **form.cleaned_data)
        messages.success(request, _("Assignment saved."))
        return redirect("tracking:assign", pk=rec.pk)
    current = perm.visible_assignments(request.user).filter(recommendation=rec)
    return render(request, "tracking/assign.html", {"rec": rec, "form": form, "current": current})


@login_required
def assignment_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """End an assignment: GET shows what will happen, POST (the confirmation) archives it.

    The assignment stays in history, where it can be restored (``assignment_restore``).
    """
    assignment = perm.get_assignment_for_user(request.user, pk)
    _need(perm.can_assign(request.user))
    if request.method != "POST":
        ctx = {"assignment": assignment, "rec": assignment.recommendation}
        return render(request, "tracking/assignment_archive_confirm.html", ctx)
    _archive(request, lambda v: verbs.do_archive_assignment(request.user, assignment, v))
    return redirect("tracking:assign", pk=assignment.recommendation_id)


@login_required
@require_POST
def assignment_restore(request: HttpRequest, pk: int) -> HttpResponse:
    """Undo the end of an assignment (button on its history page)."""
    _need(perm.can_assign(request.user))
    assignment = perm.get_ended_assignment_for_user(request.user, pk)
    try:
        verbs.do_restore_assignment(request.user, assignment, int(request.POST.get("version", "0")))
        messages.success(request, _("The assignment is active again."))
    except (verbs.StaleEdit, ValueError, ValidationError):
        messages.error(request, _("This assignment could not be restored; nothing changed."))
    return redirect("tracking:history", model="assignment", pk=assignment.pk)


@login_required
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A bulk change: what it changed (one history entry per record) and its undo."""
    _need(perm.can_assign(request.user))
    batch = get_object_or_404(Batch.objects.select_related("undoes"), pk=pk)
    entries = (
        Assignment.history.filter(batch=batch)
        .select_related("recommendation__document", "organisation")
        .order_by("recommendation__document_id", "recommendation__order")
    )
    undo = Batch.objects.filter(undoes=batch).first()
    ctx = {"batch": batch, "entries": entries, "undo": undo}
    return render(request, "tracking/batch_detail.html", ctx)


@login_required
@require_POST
def batch_undo(request: HttpRequest, pk: int) -> HttpResponse:
    """Undo a bulk change in one step (the undo is a batch of its own)."""
    _need(perm.can_assign(request.user))
    batch = get_object_or_404(Batch, pk=pk)
    try:
        undo = verbs.do_undo_batch(request.user, batch)
    except ValidationError:
        messages.error(request, _("This bulk change cannot be undone (again)."))
        return redirect("tracking:batch", pk=batch.pk)
    messages.success(request, _("Undone. The undo is recorded in the history too."))
    return redirect("tracking:batch", pk=undo.pk)


def _confirm_archive(request: HttpRequest, obj: Any, kind: str) -> HttpResponse:
    """The confirmation page of an archive button: what will happen; POST to confirm."""
    ctx = {"obj": obj, "kind": kind, "back": _safe_next(request)}
    return render(request, "tracking/archive_confirm.html", ctx)


def _confirm_reject(request: HttpRequest, obj: Any) -> HttpResponse:
    """The confirmation page of a "Reject" link: what will happen; POST to confirm."""
    ctx = {"obj": obj, "back": _safe_next(request)}
    return render(request, "tracking/reject_confirm.html", ctx)


def _safe_next(request: HttpRequest) -> str:
    """``?next=`` if it is a path of this site, else an empty string."""
    target = request.GET.get("next", "")
    ok = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return target if ok else ""


def _archive(request: HttpRequest, call: Callable[[int], Any]) -> None:
    try:
        call(int(request.POST.get("version", "0")))
        messages.success(request, _("Archived. It remains in the history."))
    except (verbs.StaleEdit, ValueError):
        messages.error(
            request, _("This record changed since you opened the page; nothing was archived.")
        )


@login_required
def picker_results(request: HttpRequest) -> HttpResponse:
    """Search results of the recommendation picker as an HTML fragment (``picker.js``).

    Scope from ``?country=ISO3`` and/or ``?document=<id>``, always within what the user
    may see; ``?name=`` is the form field the checkboxes belong to.
    """
    name = request.GET.get("name", "recommendations")
    if not name.isidentifier():
        raise Http404
    document = request.GET.get("document", "")
    scope = picker.scope_queryset(
        request.user,
        country=request.GET.get("country", "")[:3],
        document=int(document) if document.isdigit() else None,
    )
    query = request.GET.get("q", "")
    ctx = {"name": name, "results": picker.picker_search(scope, query), "searched": bool(query)}
    return render(request, "tracking/_picker_results.html", ctx)


# --------------------------------------------------------------------------- plans


def plan_list(request: HttpRequest) -> HttpResponse:
    """Implementation plans the user may see."""
    plans = perm.visible_plans(request.user).select_related("owner", "country")
    return render(
        request,
        "tracking/plan_list.html",
        {"plans": plans, "can_manage": perm.can_manage_plans(request.user)},
    )


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A plan with its actions (as the user may see them)."""
    plan = perm.get_plan_for_user(request.user, pk)
    shown = [
        s
        for a in perm.visible_actions(request.user).filter(plan=plan).select_related("responsible")
        if (s := perm.shown_action(request.user, a)) is not None
    ]
    ctx = {
        "plan": plan,
        "actions": shown,
        "can_manage": perm.can_manage_plans(request.user),
        "can_add_action": perm.can_add_action(request.user, plan),
    }
    return render(request, "tracking/plan_detail.html", ctx)


@login_required
def plan_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Create (``pk`` None) or edit a plan (coordinators)."""
    _need(perm.can_manage_plans(request.user))
    plan = perm.get_plan_for_user(request.user, pk) if pk else None
    initial = _initial(plan, forms.PlanForm) if plan else {"visibility": "public"}
    form = _versioned_form(forms.PlanForm, request.POST or None, initial=initial)
    current, status = None, 200
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        if plan is None:
            result = verbs.do_create_plan(request.user, **data)
        else:
            result, current, status = _save_or_conflict(
                request, form, lambda v: verbs.do_update_plan(request.user, plan, v, **data)
            )
        if result is not None:
            return redirect("tracking:plan_detail", pk=result.pk)
    ctx = {"form": form, "plan": plan, "current": current}
    return render(request, "tracking/plan_form.html", ctx, status=status)


def _initial(obj: Any, form_cls: type) -> dict[str, Any]:
    names = form_cls.base_fields  # type: ignore[attr-defined]
    data = {n: getattr(obj, n) for n in names if hasattr(obj, n) and n != "recommendations"}
    if "recommendations" in names:
        data["recommendations"] = list(obj.recommendations.values_list("pk", flat=True))
    return data


@login_required
@require_http_methods(["GET", "POST"])
def plan_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """Archive a plan (coordinators)."""
    plan = perm.get_plan_for_user(request.user, pk)
    _need(perm.can_manage_plans(request.user))
    if request.method != "POST":
        return _confirm_archive(request, plan, "plan")
    _archive(request, lambda v: verbs.do_archive_plan(request.user, plan, v))
    return redirect("tracking:plan_list")


# --------------------------------------------------------------------------- actions


def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An action with its indicators, measurements and evidence."""
    action = perm.get_action_for_user(request.user, pk)
    shown = perm.shown_action(request.user, action)
    if shown is None:
        raise Http404
    ctx = {
        "action": action,
        "shown": shown.data,
        "is_draft_view": shown.is_draft_view,
        "recs": visible_recs(request.user).filter(actions=action),
        "indicators": action.indicators.filter(is_archived=False).prefetch_related(
            Prefetch(
                "measurements",
                queryset=perm.visible_measurements(request.user).order_by("-date"),
                to_attr="shown_measurements",
            )
        ),
        "evidence": perm.visible_evidence(request.user).filter(action=action),
        "commitments": perm.visible_commitments(request.user)
        .filter(action=action)
        .select_related("engagement"),
        "can_edit": perm.can_edit_action(request.user, action),
        "can_review": perm.can_review_action(request.user, action)
        and action.publication_state != PublicationState.PUBLISHED,
        "review_form": forms.ReviewForm(initial={"version": action.version}),
    }
    return render(request, "tracking/action_detail.html", ctx)


@login_required
def action_edit(
    request: HttpRequest, pk: int | None = None, plan_pk: int | None = None
) -> HttpResponse:
    """Create an action in a plan (``plan_pk``) or edit one (``pk``), with optimistic locking."""
    action = perm.get_action_for_user(request.user, pk) if pk else None
    plan = action.plan if action else perm.get_plan_for_user(request.user, plan_pk)
    _need(
        perm.can_edit_action(request.user, action)
        if action
        else perm.can_add_action(request.user, plan)
    )
    lock = not perm.is_coordinator(request.user)
    own_org = getattr(request.user, "organisation", None)
    initial = _initial(action, forms.ActionForm) if action else {"responsible": own_org}
    find = picker.finding(request)
    iso3 = plan.country.iso3 if plan.country else ""
    form = _versioned_form(
        forms.ActionForm,
        None if find else (request.POST or None),
        initial=picker.initial_from(request.POST) if find else initial,
        recommendations=picker.scope_queryset(
            request.user, country=iso3, include=initial.get("recommendations")
        ),
        query=picker.picker_query(request, "recommendations"),
        scope_params={"country": iso3},
        lock_responsible=lock,
    )
    current, status = None, 200
    if request.method == "POST" and not find and form.is_valid():
        data = {
            k: v for k, v in form.cleaned_data.items() if k not in ("version", "recommendations")
        }
        recs, submit = form.cleaned_data["recommendations"], "submit" in request.POST
        if lock:
            data.pop("responsible", None)
        if action is None:
            result, status = _create(
                form,
                lambda: verbs.do_create_action(
                    request.user, plan, recommendations=recs, submit=submit, **data
                ),
            )
        else:
            result, current, status = _save_or_conflict(
                request,
                form,
                lambda v: verbs.do_update_action(
                    request.user, action, v, recommendations=recs, submit=submit, **data
                ),
            )
        if result is not None:
            messages.success(
                request,
                _("Action saved (%(state)s).") % {"state": result.get_publication_state_display()},
            )
            return redirect("tracking:action_detail", pk=result.pk)
    ctx = {
        "form": form,
        "action": action,
        "plan": plan,
        "current": current,
        "publishes": perm.publishes_directly(
            request.user, action.responsible_id if action else getattr(own_org, "pk", None)
        ),
    }
    return render(request, "tracking/action_form.html", ctx, status=status)


def _create(form: Any, call: Callable[[], Any]) -> tuple[Any, int]:
    try:
        return call(), 200
    except ValidationError as err:
        form.add_error(None, err)
        return None, 400


@login_required
@require_http_methods(["GET", "POST"])
def action_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """Archive an action."""
    action = perm.get_action_for_user(request.user, pk)
    _need(perm.can_edit_action(request.user, action))
    if request.method != "POST":
        return _confirm_archive(request, action, "action")
    _archive(request, lambda v: verbs.do_archive_action(request.user, action, v))
    return redirect("tracking:plan_detail", pk=action.plan_id)


@login_required
@require_http_methods(["GET", "POST"])
def action_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve or reject an action (validator of its institution, coordinators)."""
    action = perm.get_action_for_user(request.user, pk)
    _need(perm.can_review_action(request.user, action))
    if request.method != "POST":
        return _confirm_reject(request, action)
    return _review(
        request,
        lambda v, ok, note: verbs.do_review_action(request.user, action, v, approve=ok, note=note),
    )


def _review(request: HttpRequest, call: Callable[[int, bool, str], Any]) -> HttpResponse:
    form = forms.ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Invalid review."))
    else:
        try:
            d = form.cleaned_data
            call(d["version"], d["decision"] == "approve", d["note"])
            messages.success(
                request,
                _("Approved and published.") if d["decision"] == "approve" else _("Rejected."),
            )
        except verbs.StaleEdit:
            messages.error(
                request, _("This item changed since you opened the page; review it again.")
            )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = ""  # never redirect off-site
    return redirect(target or "tracking:moderation")


# --------------------------------------------------------------------------- indicators


@login_required
def indicator_edit(
    request: HttpRequest, action_pk: int | None = None, pk: int | None = None
) -> HttpResponse:
    """Add an indicator to an action or edit one, with optimistic locking."""
    indicator = perm.get_indicator_for_user(request.user, pk) if pk else None
    action = indicator.action if indicator else perm.get_action_for_user(request.user, action_pk)
    _need(perm.can_edit_action(request.user, action))
    form = _versioned_form(
        forms.IndicatorForm,
        request.POST or None,
        initial=_initial(indicator, forms.IndicatorForm) if indicator else None,
    )
    current, status = None, 200
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        if indicator is None:
            result = verbs.do_add_indicator(request.user, action, **data)
        else:
            result, current, status = _save_or_conflict(
                request,
                form,
                lambda v: verbs.do_update_indicator(request.user, indicator, v, **data),
            )
        if result is not None:
            return redirect("tracking:action_detail", pk=action.pk)
    ctx = {"form": form, "action": action, "indicator": indicator, "current": current}
    return render(request, "tracking/indicator_form.html", ctx, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """Archive an indicator."""
    indicator = perm.get_indicator_for_user(request.user, pk)
    _need(perm.can_edit_action(request.user, indicator.action))
    if request.method != "POST":
        return _confirm_archive(request, indicator, "indicator")
    _archive(request, lambda v: verbs.do_archive_indicator(request.user, indicator, v))
    return redirect("tracking:action_detail", pk=indicator.action_id)


@login_required
def measurement_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a measurement of an indicator."""
    indicator = perm.get_indicator_for_user(request.user, pk)
    _need(perm.can_edit_action(request.user, indicator.action))
    form = forms.MeasurementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        verbs.do_record_measurement(request.user, indicator, **form.cleaned_data)
        messages.success(request, _("Measurement recorded."))
        return redirect("tracking:action_detail", pk=indicator.action_id)
    return render(request, "tracking/measurement_form.html", {"form": form, "indicator": indicator})


@login_required
@require_http_methods(["GET", "POST"])
def measurement_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """Archive a measurement."""
    m = perm.get_measurement_for_user(request.user, pk)
    _need(perm.can_edit_action(request.user, m.indicator.action))
    if request.method != "POST":
        return _confirm_archive(request, m, "measurement")
    _archive(request, lambda v: verbs.do_archive_measurement(request.user, m, v))
    return redirect("tracking:action_detail", pk=m.indicator.action_id)


# --------------------------------------------------------------------------- assessments


@login_required
def assessment_edit(
    request: HttpRequest, rec_pk: int | None = None, pk: int | None = None
) -> HttpResponse:
    """Submit an assessment of a recommendation (``rec_pk``) or edit one (``pk``)."""
    a = perm.get_assessment_for_user(request.user, pk) if pk else None
    rec = a.recommendation if a else get_recommendation_for_user(request.user, rec_pk)  # type: ignore[arg-type]
    _need(
        perm.can_edit_assessment(request.user, a)
        if a
        else perm.can_submit_assessment(request.user, rec.pk)
    )
    coord = perm.is_coordinator(request.user)
    initial = (
        _initial(a, forms.AssessmentForm)
        if a
        else {"date": timezone.localdate(), "visibility": "public"}
    )
    docs = visible_documents(request.user).filter(country=rec.country_id) if coord else None
    form = _versioned_form(
        forms.AssessmentForm,
        request.POST or None,
        initial=initial,
        coordinator=coord,
        documents=docs,
    )
    current, status = None, 200
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        submit = "submit" in request.POST
        if a is None:
            result, status = _create(
                form, lambda: verbs.do_submit_assessment(request.user, rec, submit=submit, **data)
            )
        else:
            result, current, status = _save_or_conflict(
                request,
                form,
                lambda v: verbs.do_update_assessment(request.user, a, v, submit=submit, **data),
            )
        if result is not None:
            messages.success(
                request,
                _("Assessment saved (%(state)s).")
                % {"state": result.get_publication_state_display()},
            )
            return redirect("tracking:assessment_detail", pk=result.pk)
    ctx = {
        "form": form,
        "rec": rec,
        "assessment": a,
        "current": current,
        "publishes": perm.publishes_directly(
            request.user, a.organisation_id if a else getattr(request.user, "organisation_id", None)
        ),
    }
    return render(request, "tracking/assessment_form.html", ctx, status=status)


def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One assessment with its evidence."""
    a = perm.get_assessment_for_user(request.user, pk)
    ctx = {
        "a": a,
        "author": public_name(a.author, request.user),
        "evidence": perm.visible_evidence(request.user).filter(assessment=a),
        "can_edit": perm.can_edit_assessment(request.user, a),
        "can_review": perm.can_review_assessment(request.user, a)
        and a.publication_state == PublicationState.PENDING,
        "review_form": forms.ReviewForm(initial={"version": a.version}),
    }
    return render(request, "tracking/assessment_detail.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve or reject an assessment (moderation / validation)."""
    a = perm.get_assessment_for_user(request.user, pk)
    _need(perm.can_review_assessment(request.user, a))
    if request.method != "POST":
        return _confirm_reject(request, a)
    return _review(
        request,
        lambda v, ok, note: verbs.do_review_assessment(request.user, a, v, approve=ok, note=note),
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """Archive an assessment."""
    a = perm.get_assessment_for_user(request.user, pk)
    _need(perm.is_coordinator(request.user) or perm.can_edit_assessment(request.user, a))
    if request.method != "POST":
        return _confirm_archive(request, a, "assessment")
    _archive(request, lambda v: verbs.do_archive_assessment(request.user, a, v))
    return redirect("tracking:recommendation", pk=a.recommendation_id)


@login_required
def moderation_queue(request: HttpRequest) -> HttpResponse:
    """Items waiting for validation or moderation that the user may review."""
    user = request.user
    _need(perm.is_coordinator(user) or user_rank(user) == perm.VALIDATOR)
    pending = PublicationState.PENDING
    # With its author's name as the reviewer may see it: a moderator judges a submission
    # knowing who made it (a hidden name stays hidden below coordinator).
    assessments = [
        (a, public_name(a.author, user))
        for a in perm.visible_assessments(user)
        .filter(publication_state=pending)
        .select_related("recommendation__document", "author", "organisation")
        if perm.can_review_assessment(user, a)
    ]
    actions_ = [
        a
        for a in perm.visible_actions(user)
        .filter(publication_state=pending)
        .select_related("plan", "responsible")
        if perm.can_review_action(user, a)
    ]
    reviewable = perm.visible_actions(user).filter(perm.own_actions_q(user)).values("pk")
    measurements = perm.visible_measurements(user).filter(
        publication_state=pending, indicator__action__in=reviewable
    )
    evidence = perm.visible_evidence(user).filter(publication_state=pending, action__in=reviewable)
    ctx = {
        "assessments": assessments,
        "actions": actions_,
        "measurements": [
            m
            for m in measurements.select_related("indicator__action")
            if perm.can_review_action(user, m.indicator.action)
        ],
        "evidence": [
            e
            for e in evidence.select_related("action")
            if e.action and perm.can_review_action(user, e.action)
        ],
    }
    return render(request, "tracking/moderation.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def measurement_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve or reject a focal point's measurement (validator of its institution, coordinators)."""
    m = perm.get_measurement_for_user(request.user, pk)
    _need(perm.can_review_action(request.user, m.indicator.action))
    if request.method != "POST":
        return _confirm_reject(request, m)
    return _review(
        request,
        lambda v, ok, note: verbs.do_review_measurement(request.user, m, v, approve=ok, note=note),
    )


# --------------------------------------------------------------------------- evidence


@login_required
@require_http_methods(["GET", "POST"])
def evidence_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve or reject evidence a focal point added to an action."""
    ev = perm.get_evidence_for_user(request.user, pk)
    _need(ev.action is not None and perm.can_review_action(request.user, ev.action))
    if request.method != "POST":
        return _confirm_reject(request, ev)
    return _review(
        request,
        lambda v, ok, note: verbs.do_review_evidence(request.user, ev, v, approve=ok, note=note),
    )


@login_required
def evidence_add(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Attach a link or a file to an assessment or an action."""
    getters = {
        "action": perm.get_action_for_user,
        "assessment": perm.get_assessment_for_user,
        "engagement": perm.get_engagement_for_user,
    }
    if kind not in getters:
        raise Http404
    parent: Any = getters[kind](request.user, pk)
    target = {kind: parent}
    _need(
        perm.can_attach_evidence(
            request.user, target.get("assessment"), target.get("action"), target.get("engagement")
        )
    )
    form = forms.EvidenceForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            verbs.do_add_evidence(
                request.user, url=d["url"], upload=d["file"], title=d["title"], **target
            )
        except ValidationError as err:
            form.add_error("file", err)
            status = 400
        else:
            messages.success(request, _("Evidence added."))
            return redirect(f"tracking:{kind}_detail", pk=parent.pk)
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "tracking/evidence_form.html",
        {"form": form, "parent": parent, "kind": kind},
        status=status,
    )


def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """Serve an evidence file to someone who may see its parent (never from a public URL)."""
    ev = perm.get_evidence_for_user(request.user, pk)
    if not ev.file:
        raise Http404
    return FileResponse(
        ev.file.open("rb"),
        as_attachment=True,
        filename=ev.original_name or "evidence",
        content_type=ev.content_type,
    )


@login_required
@require_http_methods(["GET", "POST"])
def evidence_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """Archive a piece of evidence."""
    ev = perm.get_evidence_for_user(request.user, pk)
    if request.method != "POST":
        return _confirm_archive(request, ev, "evidence")
    _archive(request, lambda v: verbs.do_archive_evidence(request.user, ev, v))
    if ev.engagement_id:
        return redirect("tracking:engagement_detail", pk=ev.engagement_id)
    return redirect(
        *(
            ("tracking:action_detail", ev.action_id)
            if ev.action_id
            else ("tracking:assessment_detail", ev.assessment_id)
        )
    )


# --------------------------------------------------------------------------- history, dashboard


@login_required
def history(request: HttpRequest, model: str, pk: int) -> HttpResponse:
    """Who changed what and when, for one tracked object."""
    return render(request, "tracking/history.html", history_context(request.user, model, pk))


def dashboard(request: HttpRequest, iso3: str) -> HttpResponse:
    """Country dashboard: status by mechanism, theme and institution; overdue; coming due."""
    country = get_object_or_404(Country, iso3=iso3.upper())
    ctx = {
        "country": country,
        **country_dashboard(request.user, country.iso3, timezone.localdate()),
        "engagements": engagements_in(request.user, country.iso3),
    }
    return render(request, "tracking/dashboard.html", ctx)


def index(request: HttpRequest) -> HttpResponse:
    """Entry page of the tracking workspace."""
    ctx = {
        "can_moderate": perm.is_coordinator(request.user)
        or user_rank(request.user) == perm.VALIDATOR,
        "can_manage_visits": perm.is_coordinator(request.user),
        "visits_to_watch": visits_to_watch(request.user, timezone.localdate()),
        "mine": perm.visible_actions(request.user)
        .filter(responsible=getattr(request.user, "organisation_id", None))
        .exclude(publication_state=PublicationState.PUBLISHED)
        if getattr(request.user, "organisation_id", None)
        else [],
        "my_assessments": Assessment.objects.filter(
            author=request.user.pk, is_archived=False
        ).exclude(publication_state=PublicationState.PUBLISHED)
        if request.user.is_authenticated
        else [],
    }
    return render(request, "tracking/index.html", ctx)
