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
from rightstrack.tracking.panel import tracking_panel


@register_panel("recommendation")
def recommendation_panel(request: HttpRequest, rec: Any) -> Panel:
    """The tracking panel of a recommendation the portal already fetched for ``request.user``."""
    return Panel("tracking/_recommendation_panel.html", tracking_panel(request.user, rec), order=50)


@register_panel("country")
def country_panel(request: HttpRequest, country: Any) -> Panel:
    """A link to the country's implementation dashboard."""
    return Panel("tracking/_country_panel.html", {"country": country}, order=50)
