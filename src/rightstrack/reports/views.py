"""Views of the reports app (thin: the work happens in exports, feeds, charts, plain_language)."""

from __future__ import annotations

from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    StreamingHttpResponse,
)

from rightstrack.reports.exports import (
    CONTENT_TYPES,
    ExportError,
    get_export,
    stream_csv,
    stream_json,
    xlsx_tempfile,
)


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
