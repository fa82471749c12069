"""The reports' section of the portal's document page: links to the plain-language
summary, the press kit and the country's Atom feed. Registered from
``ReportsConfig.ready()`` (the reports app sits above the portal)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from rightstrack.catalog.models import Visibility
from rightstrack.portal.panels import Panel, register_panel


@register_panel("document")
def document_outputs(request: HttpRequest, doc: Any) -> Panel | None:
    """Links to the outputs made from a public document (none for a restricted one:
    the press kit and feeds are public outputs)."""
    if doc.visibility != Visibility.PUBLIC:
        return None
    iso3 = doc.country.iso3 if doc.country_id else ""
    return Panel("reports/includes/document_outputs.html", {"doc": doc, "iso3": iso3}, order=60)
