"""Suggested labels on the recommendation page, through the portal's panel registry.

The portal sits above classify, so the portal adds classify's section: the suggested
labels with score and reason (accept and reject buttons for coordinators; for everyone
else only published suggestions, marked as suggested). Registered from
``PortalConfig.ready()``.

Classify's sections on portal pages, through the portal's panel registry.

The portal sits above classify, so it is the portal that adds the "Recommended again"
section (earlier recommendations of the same ask to the same State) to the
recommendation page. Registered from ``PortalConfig.ready()``.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from rightstrack.classify.consolidation.pages import recommended_again_context
from rightstrack.classify.review import panel_context
from rightstrack.portal.panels import Panel, register_panel


@register_panel("recommendation")
def suggestions_panel(request: HttpRequest, rec: Any) -> Panel | None:
    """The suggested labels of a recommendation the portal already fetched for ``request.user``."""
    ctx = panel_context(request.user, rec)
    if ctx is None:
        return None
    return Panel("classify/_recommendation_panel.html", ctx, order=40)


@register_panel("recommendation")
def recommended_again_panel(request: HttpRequest, rec: Any) -> Panel | None:
    """ "Recommended again" for a recommendation the portal already fetched for ``request.user``."""
    context = recommended_again_context(request, rec)
    if context is None:
        return None
    return Panel("classify/_recommended_again.html", context, order=40)
