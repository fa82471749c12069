"""``/reports/export/<kind>.<csv|xlsx|json>``: streamed exports of filtered lists."""

from __future__ import annotations

from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    StreamingHttpResponse,
)
from django.views.decorators.http import require_safe

from rightstrack.core.csv_stream import csv_chunks
from rightstrack.reports.exports import CONTENT_TYPES, ExportError, get_export
from rightstrack.reports.writers.json_stream import json_chunks
from rightstrack.reports.writers.xlsx import xlsx_tempfile


@require_safe
def export_list(request: HttpRequest, kind: str, fmt: str) -> HttpResponse | StreamingHttpResponse:
    """``/reports/export/<kind>.<csv|xlsx|json>?<portal filters>&layout=default|uhri``.

    Streams every matching row the user may see (no row cap). The recommendations
    CSV is the portal's ``/recommendations.csv`` for the same parameters, byte for
    byte (links absolute on this host); JSON and XLSX keep relative links.

    Returns:
        The file as an attachment, or 400 (plain text) for an unknown kind or layout.
    """
    layout = request.GET.get("layout", "default")
    try:
        export, columns = get_export(kind, layout, fmt)
    except ExportError as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
    base_url = request.build_absolute_uri("/")[:-1] if fmt == "csv" else ""
    rows, count = export.rows(request.user, request.GET, base_url)
    filename = f"rightstrack-{kind}{'-uhri' if layout == 'uhri' else ''}.{fmt}"
    if fmt == "xlsx":
        tmp = xlsx_tempfile(rows, columns, str(export.label))
        return FileResponse(
            tmp, as_attachment=True, filename=filename, content_type=CONTENT_TYPES["xlsx"]
        )
    body = (
        csv_chunks(rows, columns)
        if fmt == "csv"
        else json_chunks(rows, columns, count(), {"layout": layout})
    )
    response = StreamingHttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
