"""Views of selections ("baskets"): named sets of recommendations a user builds from
lists and search results, shares with their organisation and turns into a briefing
pack, an export or an engagement's agenda. Changes through ``tracking.actions``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from rightstrack.accounts.permissions import visible_recommendations
from rightstrack.catalog.models import Recommendation
from rightstrack.tracking import actions as verbs
from rightstrack.tracking import forms
from rightstrack.tracking import permissions as perm
from rightstrack.tracking.views import _archive, _need, _save_or_conflict


def _chosen(request: HttpRequest) -> list[Recommendation]:
    """The recommendations ticked in the POST (``recommendation``, repeatable) that the
    user may see; others are ignored as if they did not exist."""
    ids = [v for v in request.POST.getlist("recommendation") if v.isdigit()][:1000]
    return list(visible_recommendations(request.user).filter(pk__in=ids))


def _back(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target or fallback
    return fallback


@login_required
def selection_list(request: HttpRequest) -> HttpResponse:
    """The user's selections and those shared with their organisation; a form to start one."""
    ctx = {
        "selections": perm.visible_selections(request.user).select_related("owner__organisation"),
        "form": forms.SelectionForm(initial={"shared": True}),
        "can_keep": perm.can_keep_selections(request.user),
    }
    return render(request, "tracking/selection_list.html", ctx)


@login_required
@require_POST
def selection_create(request: HttpRequest) -> HttpResponse:
    """Create a selection (optionally with the recommendations ticked on a list)."""
    _need(perm.can_keep_selections(request.user))
    form = forms.SelectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the selection a name."))
        return redirect(_back(request, reverse("tracking:selection_list")))
    sel = verbs.do_create_selection(
        request.user,
        form.cleaned_data["name"],
        shared=form.cleaned_data["shared"],
        recommendations=_chosen(request),
    )
    messages.success(request, _("Selection “%(name)s” created.") % {"name": sel.name})
    return redirect(_back(request, reverse("tracking:selection_detail", args=[sel.pk])))


@login_required
@require_POST
def selection_add(request: HttpRequest) -> HttpResponse:
    """Add the ticked recommendations to a chosen selection, or to a new one named in
    ``new_name``; works from any list without JavaScript."""
    _need(perm.can_keep_selections(request.user))
    recs = _chosen(request)
    new_name = request.POST.get("new_name", "").strip()
    if new_name:
        sel = verbs.do_create_selection(request.user, new_name, recommendations=recs)
        added = len(recs)
    else:
        sel = perm.get_selection_for_user(request.user, request.POST.get("selection"))
        _need(perm.can_edit_selection(request.user, sel))
        added = verbs.do_add_to_selection(request.user, sel, recs)
    messages.success(
        request,
        ngettext(
            "%(count)d recommendation added to “%(name)s”.",
            "%(count)d recommendations added to “%(name)s”.",
            added,
        )
        % {"count": added, "name": sel.name},
    )
    return redirect(_back(request, reverse("tracking:selection_detail", args=[sel.pk])))


@login_required
def selection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A selection's recommendations, with what it can become (briefing pack, export,
    engagement agenda), renaming and removal."""
    sel = perm.get_selection_for_user(request.user, pk)
    can_edit = perm.can_edit_selection(request.user, sel)
    form = forms.SelectionForm(
        request.POST or None,
        initial={"name": sel.name, "shared": sel.shared, "version": sel.version},
    )
    current, status = None, 200
    if request.method == "POST":
        _need(can_edit)
        if form.is_valid():
            d = form.cleaned_data
            result, current, status = _save_or_conflict(
                request,
                form,
                lambda v: verbs.do_update_selection(
                    request.user, sel, v, name=d["name"], shared=d["shared"]
                ),
            )
            if result is not None:
                return redirect("tracking:selection_detail", pk=sel.pk)
        else:
            status = 400
    ctx = {
        "sel": sel,
        "recs": perm.selection_recommendations(request.user, sel),
        "form": form,
        "current": current,
        "can_edit": can_edit,
        "can_record": perm.can_record_engagement(request.user),
    }
    return render(request, "tracking/selection_detail.html", ctx, status=status)


@login_required
@require_POST
def selection_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove the ticked recommendations from a selection."""
    sel = perm.get_selection_for_user(request.user, pk)
    _need(perm.can_edit_selection(request.user, sel))
    verbs.do_remove_from_selection(request.user, sel, _chosen(request))
    return redirect("tracking:selection_detail", pk=sel.pk)


@login_required
@require_POST
def selection_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """Archive a selection (kept in history)."""
    sel = perm.get_selection_for_user(request.user, pk)
    _need(perm.can_edit_selection(request.user, sel))
    _archive(request, lambda v: verbs.do_archive_selection(request.user, sel, v))
    return redirect("tracking:selection_list")
