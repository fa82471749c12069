"""``/reports/plain/<document id>/``: plain-language summaries as HTML, tagged PDF or DOCX."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from rightstrack.reports.plain_language import build_summary
from rightstrack.reports.plain_language_render import summary_docx, summary_pdf
from rightstrack.reports.writers.docx import CONTENT_TYPE as DOCX_CONTENT_TYPE


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
        data, content_type = summary_docx(summary, large_print=large), DOCX_CONTENT_TYPE
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
