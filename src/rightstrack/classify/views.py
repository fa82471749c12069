"""Review of suggested labels: accept or reject one, the review queue, publication.

Classify views: thin; context from ``consolidation/pages.py``, changes through ``actions``.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from rightstrack.accounts.decorators import role_required
from rightstrack.accounts.models import Role
from rightstrack.classify import actions
from rightstrack.classify import actions as verbs
from rightstrack.classify.consolidation.pages import cluster_context
from rightstrack.classify.models import PublicationSetting
from rightstrack.classify.permissions import (
    get_cluster_for_user,
    get_suggestion_for_user,
    reviewable_suggestions,
)
from rightstrack.classify.review import QUEUE_PAGE, PublicationForm, queue, rows

coordinator_required = role_required(Role.COORDINATOR)


def _back(request: HttpRequest, default: str) -> HttpResponse:
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = ""  # never redirect off-site
    return redirect(target or default)


@coordinator_required
@require_POST
def decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    """Accept or reject one suggestion, then go back to the page it was on."""
    suggestion = get_suggestion_for_user(request.user, pk)
    try:
        if decision == "accept":
            verbs.do_accept_suggestion(request.user, suggestion)
        else:
            verbs.do_reject_suggestion(request.user, suggestion)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return _back(
        request, reverse("portal:recommendation_detail", args=[suggestion.recommendation_id])
    )


@coordinator_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """Pending suggestions, filtered by taxonomy, label and score; bulk accept or reject."""
    if request.method == "POST":
        ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
        chosen = reviewable_suggestions(request.user).pending().filter(pk__in=ids)
        done = verbs.do_review_suggestions(
            request.user, list(chosen), accept=request.POST.get("decision") == "accept"
        )
        messages.success(
            request,
            ngettext("%(count)d suggestion reviewed.", "%(count)d suggestions reviewed.", done)
            % {"count": done},
        )
        return _back(request, "classify:review")
    form, qs = queue(request.user, request.GET)
    page = Paginator(qs, QUEUE_PAGE).get_page(request.GET.get("page"))
    setting = PublicationSetting.current()
    return render(
        request,
        "classify/review.html",
        {
            "form": form,
            "page": page,
            "rows": rows(list(page.object_list)),
            "publication": PublicationForm(
                initial={"publish": setting.publish, "threshold": setting.threshold}
            ),
        },
    )


@coordinator_required
@require_POST
def publication(request: HttpRequest) -> HttpResponse:
    """Save whether public outputs show suggestions, and from which score."""
    form = PublicationForm(request.POST)
    if form.is_valid():
        verbs.do_set_publication(
            request.user,
            publish=form.cleaned_data["publish"],
            threshold=form.cleaned_data["threshold"],
        )
        messages.success(request, _("Publication of suggestions saved."))
    else:
        messages.error(request, _("The minimum score must be between 0 and 1."))
    return redirect("classify:review")


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
