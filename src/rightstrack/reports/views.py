"""Views of the reports app (thin: the work happens in exports, feeds, charts, plain_language)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from rightstrack.reports.charts import CHARTS, Scope, standalone_svg
from rightstrack.reports.exports import (
    CONTENT_TYPES,
    ExportError,
    get_export,
    stream_csv,
    stream_json,
    xlsx_tempfile,
)
from rightstrack.reports.plain_language import build_summary
from rightstrack.reports.plain_language_render import summary_docx, summary_pdf


@require_safe
def export_list(request: HttpRequest, kind: str, fmt: str) -> HttpResponse | StreamingHttpResponse:
    """``/reports/export/<kind>.<csv|xlsx|json>?<portal filters>&layout=default|uhri``.

    Streams every matching row the user may see (no row cap).
    """
    layout = request.GET.get("layout", "default")
    try:
        export, columns = get_export(kind, layout)
    except ExportError as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
    rows, count = export.rows(request.user, request.GET)
    filename = f"rightstrack-{kind}{'-uhri' if layout == 'uhri' else ''}.{fmt}"
    if fmt == "xlsx":
        tmp = xlsx_tempfile(rows, columns, str(export.label))
        return FileResponse(
            tmp, as_attachment=True, filename=filename, content_type=CONTENT_TYPES["xlsx"]
        )
    body = (
        stream_csv(rows, columns)
        if fmt == "csv"
        else stream_json(rows, columns, count(), {"layout": layout})
    )
    response = StreamingHttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _scope_and_query(request: HttpRequest) -> tuple[Scope, str]:
    scope = Scope.from_params(request.GET)
    query = urlencode(
        [(k, v) for k, v in (("country", scope.country), ("mechanism", scope.mechanism)) if v]
    )
    return scope, query


@require_safe
def report_index(request: HttpRequest) -> HttpResponse:
    """``/reports/``: every report, feed and chart, one line each.

    Lists the 12 latest public concluding observations (plain-language summaries) and the
    countries of those documents (Atom feeds); both honour the user's visibility.
    """
    from rightstrack.catalog.models import Document
    from rightstrack.reports.report_data import report_documents

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


@require_safe
def chart_index(request: HttpRequest) -> HttpResponse:
    """``/reports/charts/?country=ISO3&mechanism=CODE``: every chart with its data table."""
    scope, query = _scope_and_query(request)
    charts = [build(request.user, scope) for _title, build in CHARTS.values()]
    return render(
        request, "reports/charts.html", {"charts": charts, "scope": scope, "query": query}
    )


@require_safe
def chart_page(request: HttpRequest, slug: str) -> HttpResponse:
    """``/reports/charts/<slug>/``: one chart, its text alternative and data table."""
    if slug not in CHARTS:
        raise Http404("No such chart")
    scope, query = _scope_and_query(request)
    chart = CHARTS[slug][1](request.user, scope)
    return render(request, "reports/chart.html", {"chart": chart, "scope": scope, "query": query})


@require_safe
def chart_svg(request: HttpRequest, slug: str) -> HttpResponse:
    """``/reports/charts/<slug>.svg``: the chart alone (``image/svg+xml``)."""
    if slug not in CHARTS:
        raise Http404("No such chart")
    scope, _query = _scope_and_query(request)
    chart = CHARTS[slug][1](request.user, scope)
    return HttpResponse(standalone_svg(chart), content_type="image/svg+xml; charset=utf-8")


def _summary_language(request: HttpRequest, document_id: int) -> str:
    """``?lang=`` if it is a configured language, else the UI language, else English."""
    known = {code for code, _name in settings.LANGUAGES}
    lang = request.GET.get("lang") or get_language() or "en"
    return lang if lang in known else "en"


@require_safe
def plain_summary(request: HttpRequest, pk: int) -> HttpResponse:
    """``/reports/plain/<document id>/?lang=es&size=large``: accessible HTML summary."""
    summary = build_summary(request.user, pk, _summary_language(request, pk))
    large = request.GET.get("size") == "large"
    return render(request, "reports/plain_summary.html", {"s": summary, "large": large})


@require_safe
def plain_summary_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """``/reports/plain/<document id>.pdf|.docx?lang=..&size=large``: tagged PDF or DOCX."""
    summary = build_summary(request.user, pk, _summary_language(request, pk))
    large = request.GET.get("size") == "large"
    name = summary.symbol.replace("/", "_") + f"-plain-{summary.language}"
    name += "-large-print" if large else ""
    if fmt == "pdf":
        data, content_type = summary_pdf(summary, large_print=large), "application/pdf"
    else:
        data = summary_docx(summary, large_print=large)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
