"""``/reports/``: the index of every report, feed and chart."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from rightstrack.catalog.models import Document
from rightstrack.reports.data import report_documents


@require_safe
def report_index(request: HttpRequest) -> HttpResponse:
    """``/reports/``: every report, feed and chart, one line each.

    Lists the 12 latest public concluding observations (plain-language summaries) and the
    countries of those documents (Atom feeds); both honour the user's visibility.
    """
    documents = list(
        report_documents(request.user)
        .filter(doc_type=Document.Type.CONCLUDING_OBSERVATIONS)
        .select_related("country")
        .order_by("-adopted_on", "symbol")[:12]
    )
    countries = {d.country.iso3: d.country for d in documents if d.country is not None}
    return render(
        request,
        "reports/index.html",
        {"documents": documents, "feed_countries": sorted(countries.values(), key=str)},
    )
