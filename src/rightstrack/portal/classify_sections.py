"""Suggested labels on the recommendation page, through the portal's panel registry.

The portal sits above classify, so the portal adds classify's section: the suggested
labels with score and reason (accept and reject buttons for coordinators; for everyone
else only published suggestions, marked as suggested). Registered from
``PortalConfig.ready()``.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from rightstrack.classify.review import panel_context
from rightstrack.portal.panels import Panel, register_panel


@register_panel("recommendation")
def suggestions_panel(request: HttpRequest, rec: Any) -> Panel | None:
    """The suggested labels of a recommendation the portal already fetched for ``request.user``."""
    ctx = panel_context(request.user, rec)
    if ctx is None:
        return None
    return Panel("classify/_recommendation_panel.html", ctx, order=40)
