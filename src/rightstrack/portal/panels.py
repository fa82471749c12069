"""Extension points: other apps add sections to portal pages without editing them.

A *panel* is a function ``(request, obj) -> Panel | None``. The portal itself
registers tracking's sections (``portal/tracking_sections.py``: who is responsible,
the actions and the latest assessments); an app above the portal (reports) may add
its own.
Panel functions must fetch protected data through
``rightstrack.accounts.permissions`` like every portal page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest


@dataclass
class Panel:
    """A template to include (``template``) with its ``context``, placed by ``order``."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


PanelFn = Callable[[HttpRequest, Any], Panel | None]
_REGISTRY: dict[str, list[PanelFn]] = {"recommendation": [], "country": [], "document": []}


def register_panel(page: str) -> Callable[[PanelFn], PanelFn]:
    """Decorator: add a panel function to ``page`` ("recommendation", "country", "document")."""

    def decorator(fn: PanelFn) -> PanelFn:
        if fn not in _REGISTRY[page]:
            _REGISTRY[page].append(fn)
        return fn

    return decorator


def panels_for(page: str, request: HttpRequest, obj: Any) -> list[Panel]:
    """The panels of ``page`` for ``obj``, in ``order``."""
    found = [p for fn in _REGISTRY[page] if (p := fn(request, obj)) is not None]
    return sorted(found, key=lambda p: p.order)
