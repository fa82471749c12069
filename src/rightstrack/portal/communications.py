"""Context builders of the communications pages: the list and one communication.

Everything is read through the permission helpers: ``visible_communications`` and
``get_communication_for_user`` (``accounts/permissions.py``), ``visible_views_follow_ups``
and ``visible_interventions`` (``tracking/permissions.py``). The author's name goes
through ``public_author`` (initials when the author asked for anonymity).
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.utils import timezone

from rightstrack.accounts.permissions import (
    can_see_restricted,
    get_communication_for_user,
    public_author,
    visible_communications,
    visible_documents,
)
from rightstrack.catalog.models import Communication, Mechanism
from rightstrack.portal.filters import parse_int
from rightstrack.tracking import deadlines
from rightstrack.tracking.permissions import visible_interventions, visible_views_follow_ups

PAGE_SIZE = 50


def communication_list_context(request: HttpRequest) -> dict[str, Any]:
    """``/communications/``: the communications the user may see, newest Views first,
    filtered by ``country`` (ISO3), ``mechanism`` (code) and ``status``; 50 per page."""
    qs = visible_communications(request.user).select_related("mechanism", "country")
    country = request.GET.get("country", "").strip().upper()[:3]
    mechanism = request.GET.get("mechanism", "").strip().upper()[:32]
    status = request.GET.get("status", "")
    if country:
        qs = qs.for_country(country)
    if mechanism:
        qs = qs.filter(mechanism__code=mechanism)
    if status in Communication.Status.values:
        qs = qs.filter(status=status)
    page = Paginator(qs, PAGE_SIZE).get_page(parse_int(request.GET.get("page")))
    for comm in page.object_list:
        comm.shown_author = public_author(comm, request.user)  # type: ignore[attr-defined]
    return {
        "page_obj": page,
        "country": country,
        "mechanism": mechanism,
        "status": status,
        "statuses": Communication.Status.choices,
        "mechanisms": Mechanism.objects.filter(
            pk__in=visible_communications(request.user).values("mechanism_id")
        ),
        "can_see_restricted": can_see_restricted(request.user),
    }


def communication_context(request: HttpRequest, pk: int) -> dict[str, Any]:
    """One communication: the record, its follow-up steps, interventions and calendar events.

    Raises:
        Http404: not visible to the user (``get_communication_for_user``).
    """
    comm = get_communication_for_user(request.user, pk)
    today = timezone.localdate()
    events = [
        e
        for e in deadlines.build_calendar(
            request.user,
            today,
            deadlines.Filters(
                mechanism=comm.mechanism.code,
                kinds=frozenset({deadlines.VIEWS_REPLY, deadlines.SIX_MONTHS_SINCE}),
            ),
        )
        if e.item == comm.number
    ]
    steps = list(visible_views_follow_ups(request.user).filter(communication=comm))
    assessments = [s for s in steps if s.kind == s.Kind.COMMITTEE_ASSESSMENT]
    return {
        "comm": comm,
        "author": public_author(comm, request.user),
        "steps": steps,
        "dialogue": assessments[-1].get_dialogue_display() if assessments else "",
        "interventions": list(
            visible_interventions(request.user)
            .filter(communication=comm)
            .select_related("organisation")
        ),
        "events": events,
        "document": visible_documents(request.user).filter(pk=comm.document_id).first()
        if comm.document_id
        else None,
        "can_see_restricted": can_see_restricted(request.user),
    }
