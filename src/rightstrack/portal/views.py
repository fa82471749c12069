"""Portal views: thin; each picks a context builder from ``pages`` and a renderer."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.views.decorators.http import require_http_methods, require_safe

from rightstrack.core.csv_stream import CONTENT_TYPE as CSV_CONTENT_TYPE
from rightstrack.core.csv_stream import csv_cell_chunks
from rightstrack.portal import communications, pages
from rightstrack.portal.rows import RECOMMENDATION_HEADERS
from rightstrack.portal.tracking_sections import selection_control
from rightstrack.tracking import bulk
from rightstrack.tracking import permissions as tracking_perm


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """Home page: search box and counts."""
    return render(request, "portal/home.html", pages.home_context(request))


@require_safe
def recommendation_list(request: HttpRequest) -> HttpResponse:
    """``/recommendations/``: search, facets, one page of results."""
    listing = pages.RecommendationList(request)
    body = listing.cached(
        "html",
        lambda: render_to_string(
            "portal/includes/recommendation_list_body.html",
            {**listing.html_context(), **selection_control(request)},
            request,
        ),
    )
    # ``body`` is this project's template output (autoescaped when it was rendered).
    # The facets script only where the counts come after the page (no script otherwise).
    ctx = {
        "params": listing.params,
        "body": SafeString(body),
        "counts_after": not listing.with_counts,
    }
    return render(request, "portal/recommendation_list.html", ctx)


@require_safe
def recommendation_facets(request: HttpRequest) -> HttpResponse:
    """``/recommendations/facets/``: the list's filter form with every value's count, alone
    (an HTML fragment, same parameters as the list).

    The list page sends its results first and its filters without counts when they are
    not kept yet; its script (``portal/facets.js``) fetches this fragment and puts it in
    place. Counting here keeps the counts (``portal/list_cache.py``, same keys as the page's),
    so the next visit of the list shows them inline. Same audience rules as the list.
    """
    listing = pages.RecommendationList(request, counts=True)
    body = listing.cached(
        "facets",
        lambda: render_to_string(
            "portal/includes/recommendation_facets.html",
            {"list": listing, "params": listing.params},
            request,
        ),
    )
    response = HttpResponse(body)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def recommendation_list_json(request: HttpRequest) -> HttpResponse:
    """``/recommendations.json``: ``count``, one page of ``results``, ``facets``."""
    listing = pages.RecommendationList(request)
    data = listing.cached("json", listing.as_json)
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@require_safe
def recommendation_list_csv(request: HttpRequest) -> StreamingHttpResponse:
    """``/recommendations.csv``: every matching row, streamed (format: ``core.csv_stream``).

    Columns are ``portal.rows.RECOMMENDATION_COLUMNS``; the recommendations export of
    the reports app writes the same bytes for the same parameters.
    """
    listing = pages.RecommendationList(request)
    response = StreamingHttpResponse(
        csv_cell_chunks(RECOMMENDATION_HEADERS, listing.iter_cells()), content_type=CSV_CONTENT_TYPE
    )
    response["Content-Disposition"] = 'attachment; filename="recommendations.csv"'
    return response


@require_safe
def recommendation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One recommendation: full text, source, tags, the same text elsewhere."""
    return render(
        request, "portal/recommendation_detail.html", pages.recommendation_context(request, pk)
    )


@require_safe
def recommendation_detail_json(request: HttpRequest, pk: int) -> HttpResponse:
    """One recommendation as JSON (the keys of a list result)."""
    data = pages.recommendation_json(request, pk)
    return HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/json")


@require_safe
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One document with its recommendations in printed order."""
    return render(request, "portal/document_detail.html", pages.document_context(request, pk))


@require_safe
def country_detail(request: HttpRequest, iso3: str) -> HttpResponse:
    """One country: counts by mechanism, theme and position."""
    return render(request, "portal/country_detail.html", pages.country_context(request, iso3))


@require_safe
def country_list(request: HttpRequest) -> HttpResponse:
    """Every country with visible recommendations, linked to its page."""
    return render(request, "portal/country_list.html", pages.countries_context(request))


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_bulk(request: HttpRequest) -> HttpResponse:
    """Bulk change of every recommendation of a filtered list (the list's query string).

    GET: the form; POST: the confirmation page saying how many records will change;
    POST with ``confirm``: the change, in one transaction, then its undoable batch page.
    Coordinators and admins only.
    """
    if not tracking_perm.can_assign(request.user):
        raise PermissionDenied
    listing = pages.RecommendationList(request)
    recs = listing.filtered
    form = bulk.BulkForm(request.POST or None)
    ctx = {"form": form, "query": listing.params.querystring(), "count": recs.count()}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        preview = bulk.preview(recs, data["operation"], data["organisation"])
        ctx["preview"] = preview
        if "confirm" in request.POST and not preview.too_many:
            batch = bulk.run(request.user, recs, data)
            return redirect("tracking:batch", pk=batch.pk)
        ctx["chosen"], ctx["max_records"] = data, bulk.MAX_RECORDS
        return render(request, "portal/recommendation_bulk_confirm.html", ctx)
    return render(request, "portal/recommendation_bulk.html", ctx)


@require_safe
def communication_list(request: HttpRequest) -> HttpResponse:
    """``/communications/``: individual communications (adopted Views for the public)."""
    context = communications.communication_list_context(request)
    return render(request, "portal/communication_list.html", context)


@require_safe
def communication_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One communication: violations, remedies, reply deadline, follow-up, interventions."""
    context = communications.communication_context(request, pk)
    return render(request, "portal/communication_detail.html", context)
