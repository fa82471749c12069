"""Classify views: thin; context from ``consolidation/pages.py``, changes through ``actions``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from rightstrack.accounts.decorators import role_required
from rightstrack.accounts.models import Role
from rightstrack.classify import actions
from rightstrack.classify.consolidation.pages import cluster_context
from rightstrack.classify.permissions import get_cluster_for_user


def _int(value: str | None) -> int | None:
    """``value`` as a positive number of at most 18 digits, else ``None`` (never an error)."""
    text = (value or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None


@require_safe
def cluster_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One cluster: the recommendations of the same ask, with mechanism, symbol, paragraph, date."""
    return render(request, "classify/cluster_detail.html", cluster_context(request, pk))


@role_required(Role.COORDINATOR)
@require_POST
def cluster_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm a cluster (coordinators and administrators)."""
    cluster = get_cluster_for_user(request.user, pk)
    version = _int(request.POST.get("version")) or 0
    try:
        actions.do_confirm_cluster(request.user, cluster, version, request.POST.get("note", ""))
        messages.success(request, _("The cluster is confirmed."))
    except actions.StaleCluster:
        messages.error(request, _("Someone changed this cluster meanwhile; nothing was saved."))
    except ValidationError as err:
        messages.error(request, " ".join(err.messages))
    return redirect("classify:cluster_detail", pk=cluster.pk)


@role_required(Role.COORDINATOR)
@require_POST
def cluster_split(request: HttpRequest, pk: int) -> HttpResponse:
    """Take the ticked recommendations out of a cluster into a new one."""
    cluster = get_cluster_for_user(request.user, pk)
    version = _int(request.POST.get("version")) or 0
    chosen = [n for v in request.POST.getlist("recommendation") if (n := _int(v))]
    try:
        new = actions.do_split_cluster(
            request.user, cluster, chosen, version, request.POST.get("note", "")
        )
    except actions.StaleCluster:
        messages.error(request, _("Someone changed this cluster meanwhile; nothing was saved."))
    except ValidationError as err:
        messages.error(request, " ".join(err.messages))
    else:
        messages.success(request, _("The cluster is split."))
        return redirect("classify:cluster_detail", pk=new.pk)
    return redirect("classify:cluster_detail", pk=cluster.pk)
