"""``/reports/export/<kind>.<csv|xlsx|json>``: streamed exports of filtered lists."""

from __future__ import annotations

import tempfile

from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    StreamingHttpResponse,
)
from django.views.decorators.http import require_safe

from rightstrack.reports.exports import (
    CONTENT_TYPES,
    ExportError,
    csv_export_chunks,
    export_to_file,
    get_export,
)
from rightstrack.reports.writers.json_stream import json_chunks


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
    filename = f"rightstrack-{kind}{'-uhri' if layout == 'uhri' else ''}.{fmt}"
    if fmt == "xlsx":
        # Written to a temporary file (deleted when closed) that the response streams out.
        tmp = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - handed to the response
        export_to_file(kind, fmt, request.user, request.GET, tmp, layout, base_url=base_url)
        tmp.seek(0)
        return FileResponse(
            tmp, as_attachment=True, filename=filename, content_type=CONTENT_TYPES["xlsx"]
        )
    if fmt == "csv":
        body = csv_export_chunks(export, layout, request.user, request.GET, base_url)
    else:
        rows, count = export.rows(request.user, request.GET, base_url)
        body = json_chunks(rows, columns, count(), {"layout": layout})
    response = StreamingHttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
