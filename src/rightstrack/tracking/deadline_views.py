"""Views of the deadlines calendar: the page and the ICS feeds (logic in ``tracking.deadlines``)."""

from __future__ import annotations

import datetime as dt
from itertools import groupby
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from rightstrack.accounts.models import User
from rightstrack.accounts.permissions import user_rank, visible_documents
from rightstrack.catalog.models import Country, Mechanism
from rightstrack.tracking.deadlines import Filters, build_calendar, scope_for
from rightstrack.tracking.ics import build_ics, user_feed_token, user_for_token


def _date_param(request: HttpRequest, name: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(request.GET.get(name, "").strip())
    except ValueError:
        return None


def deadlines_page(request: HttpRequest) -> HttpResponse:
    """``/tracking/deadlines/``: events grouped by month, filterable with GET parameters
    ``country`` (ISO3), ``mechanism`` (code), ``from`` and ``to`` (YYYY-MM-DD) and
    ``mine`` (the signed-in user's scope: their institution's work)."""
    user = request.user
    today = timezone.localdate()
    mine = bool(request.GET.get("mine")) and user_rank(user) > 0
    filters = scope_for(user) if mine else Filters()
    filters.country = (request.GET.get("country") or "").strip().upper()[:3] or filters.country
    filters.mechanism = (request.GET.get("mechanism") or "").strip().upper()[:32] or None
    filters.start, filters.end = _date_param(request, "from"), _date_param(request, "to")
    events = build_calendar(user, today, filters)
    months = [
        (month, list(items))
        for month, items in groupby(events, key=lambda e: e.date.replace(day=1))
    ]
    context: dict[str, Any] = {
        "months": months,
        "count": len(events),
        "overdue_count": sum(1 for e in events if e.overdue),
        "today": today,
        "filters": filters,
        "mine": mine,
        "start": request.GET.get("from", ""),
        "end": request.GET.get("to", ""),
        # Only from documents the user may see: a restricted SPT report must not add "SPT".
        "countries": Country.objects.filter(documents__in=visible_documents(user))
        .distinct()
        .order_by("iso3"),
        "mechanisms": Mechanism.objects.filter(documents__in=visible_documents(user)).distinct(),
        "user_feed_token": user_feed_token(user)
        if isinstance(user, User) and user_rank(user)
        else "",
    }
    return render(request, "tracking/deadlines.html", context)


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=900"
    return response


def country_ics(request: HttpRequest, iso3: str) -> HttpResponse:
    """``/tracking/deadlines/<ISO3>.ics``: public deadlines of one country."""
    country = Country.objects.filter(iso3=iso3.upper()).first()
    if country is None:
        raise Http404("No such country")
    events = build_calendar(AnonymousUser(), timezone.localdate(), Filters(country=country.iso3))
    body = build_ics(
        events,
        name=_("RightsTrack deadlines: %(country)s") % {"country": country.name},
        stamp=timezone.now(),
        base_url=request.build_absolute_uri("/").rstrip("/"),
    )
    return _ics_response(body, f"rightstrack-{country.iso3}.ics")


def user_ics(request: HttpRequest, token: str) -> HttpResponse:
    """``/tracking/deadlines/user/<token>.ics``: the deadlines in the token owner's scope
    (their institution's work, or their country for coordinators), public records only."""
    owner = user_for_token(token)
    if owner is None:
        raise Http404("No such feed")
    events = build_calendar(AnonymousUser(), timezone.localdate(), scope_for(owner))
    body = build_ics(
        events,
        # The feed's address is secret but travels through calendar services: no login name.
        name=_("RightsTrack deadlines"),
        stamp=timezone.now(),
        base_url=request.build_absolute_uri("/").rstrip("/"),
    )
    return _ics_response(body, "rightstrack-deadlines.ics")
