"""Tracking sections on portal pages, through the portal's panel registry.

The portal sits above tracking, so it is the portal that adds tracking's sections to
its pages: the recommendation page gets the tracking panel (who is responsible,
actions, assessments side by side, grade, deadline, timeline) and the country page a
link to the implementation dashboard. Registered from ``PortalConfig.ready()``.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from rightstrack.portal.panels import Panel, register_panel
from rightstrack.tracking.panel import document_follow_up, tracking_panel
from rightstrack.tracking.permissions import (
    can_edit_selection,
    can_keep_selections,
    visible_selections,
)


def selection_control(request: HttpRequest) -> dict[str, Any]:
    """Context of the "add to selection" control (``tracking/includes/add_to_selection.html``):
    ``can_select`` and the selections the user may add to (empty for visitors)."""
    if not can_keep_selections(request.user):
        return {"can_select": False, "selections": []}
    selections = [
        s for s in visible_selections(request.user) if can_edit_selection(request.user, s)
    ]
    return {"can_select": True, "selections": selections}


@register_panel("recommendation")
def selection_panel(request: HttpRequest, rec: Any) -> Panel | None:
    """The "add to selection" control of a recommendation page (signed-in users)."""
    ctx = selection_control(request)
    if not ctx["can_select"]:
        return None
    return Panel("tracking/_selection_panel.html", {**ctx, "rec": rec}, order=40)


@register_panel("recommendation")
def recommendation_panel(request: HttpRequest, rec: Any) -> Panel:
    """The tracking panel of a recommendation the portal already fetched for ``request.user``."""
    return Panel("tracking/_recommendation_panel.html", tracking_panel(request.user, rec), order=50)


@register_panel("document")
def document_follow_up_panel(request: HttpRequest, doc: Any) -> Panel:
    """The document's follow-up paragraphs with their deadline and state, the next
    periodic report due, and links to the deadlines calendar and its ICS feed."""
    return Panel("tracking/_document_panel.html", document_follow_up(request.user, doc), order=45)


@register_panel("country")
def country_panel(request: HttpRequest, country: Any) -> Panel:
    """A link to the country's implementation dashboard."""
    return Panel("tracking/_country_panel.html", {"country": country}, order=50)
