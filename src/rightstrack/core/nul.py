"""Replace NUL characters in query parameters before any view reads them.

No value RightsTrack stores or looks up holds a NUL (U+0000), and PostgreSQL refuses one in
any text it is given ("PostgreSQL text fields cannot contain NUL (0x00) bytes"), so a
parameter such as ``?mechanism=CC%00PR`` would end in a server error there, and not on
SQLite. Schemathesis found this on ``/api/v1/recommendations`` and ``/api/v1/documents``.
One place for every page, feed and API endpoint: each NUL becomes U+FFFD, the replacement
character, so the value stays what it was, a value that names nothing (``CC%00PR`` is not
``CCPR``; a query of only ``%00`` has no letters and matches nothing), and never a 500.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, QueryDict


class DropNulCharactersMiddleware:
    """Rebuild ``request.GET`` with U+FFFD for each NUL when the query string has one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or "\x00" in query:
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(
                    key.replace("\x00", "\ufffd"), [v.replace("\x00", "\ufffd") for v in values]
                )
            cleaned._mutable = False
            request.GET = cleaned  # type: ignore[assignment]  # immutable again (line above)
        return self.get_response(request)
