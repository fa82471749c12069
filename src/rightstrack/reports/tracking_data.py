"""Read-only adapter from the ``tracking`` app to reports (feeds, charts, exports).

Everything goes through ``tracking.permissions`` (``visible_actions``,
``visible_assessments``) and ``accounts.permissions`` (``public_name``), so
drafts, restricted assessments and hidden contributor names never reach a
public output.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from rightstrack.accounts.permissions import (
    public_name,
    visible_recommendations,
)
from rightstrack.catalog.models import Recommendation
from rightstrack.reports.exports import Column, ExportKind, register_export_kind
from rightstrack.tracking.models import Action, PublicationState
from rightstrack.tracking.permissions import shown_action, visible_actions, visible_assessments


@dataclass(frozen=True)
class AssessmentView:
    """A published assessment as reports show it."""

    pk: int
    recommendation: Recommendation
    level_label: str
    text: str
    published_at: datetime


def published_assessments(user: Any, recs: QuerySet[Recommendation]) -> list[AssessmentView]:
    """Published assessments of ``recs`` that ``user`` may see, newest first."""
    qs = (
        visible_assessments(user)
        .filter(publication_state=PublicationState.PUBLISHED, recommendation__in=recs.values("pk"))
        .select_related("recommendation__document")
        .order_by("-date", "-id")
    )
    return [
        AssessmentView(
            pk=a.pk,
            recommendation=a.recommendation,
            level_label=str(a.get_level_display() or a.grade_label or _("assessed")),
            text=a.text,
            published_at=a.reviewed_at or a.updated_at,
        )
        for a in qs[:200]
    ]


# --------------------------------------------------------------------------- exports


def _filtered_recs(user: Any, params: QueryDict) -> QuerySet[Recommendation]:
    from rightstrack.reports.exports import filter_recommendations

    return filter_recommendations(user, params)


def _has_rec_filter(params: QueryDict) -> bool:
    return any(k not in {"layout", "page", "sort", "status", "source", "level"} for k in params)


def _rec_ref(rec: Recommendation) -> str:
    return f"{rec.document.symbol} {rec.paragraph}".strip()


def _action_rows(user: Any, params: QueryDict) -> tuple[Iterable[Any], Any]:
    qs = visible_actions(user).select_related("plan", "responsible").order_by("id")
    if _has_rec_filter(params):
        qs = qs.filter(recommendations__in=_filtered_recs(user, params).values("pk")).distinct()
    if params.get("status"):
        qs = qs.filter(status__in=params.getlist("status"))
    return _published_actions(qs, user), qs.count


def _published_actions(qs: QuerySet[Action], user: Any) -> Iterator[dict[str, Any]]:
    """Each action as the public last saw it (a draft edit never shows), as a row dict."""
    visible = visible_recommendations(user).values("pk")
    for action in qs.iterator(chunk_size=500):
        view = shown_action(user, action)
        if view is None:
            continue
        shown = view.data
        recs = action.recommendations.filter(pk__in=visible).select_related("document")
        yield {
            "id": action.pk,
            "plan": action.plan.title,
            "title": shown.title,
            "description": shown.description,
            "status": shown.status,
            "responsible": action.responsible.name if action.responsible else "",
            "start_date": shown.start_date,
            "target_date": shown.target_date,
            "recommendations": [_rec_ref(r) for r in recs],
        }


def _assessment_rows(user: Any, params: QueryDict) -> tuple[Iterable[Any], Any]:
    qs = (
        visible_assessments(user)
        .select_related("recommendation__document", "organisation", "author", "document")
        .order_by("recommendation_id", "-date", "-id")
    )
    if _has_rec_filter(params):
        qs = qs.filter(recommendation__in=_filtered_recs(user, params).values("pk"))
    for name in ("source", "level"):
        if params.get(name):
            qs = qs.filter(**{f"{name}__in": params.getlist(name)})
    rows = (
        {
            "id": a.pk,
            "recommendation": _rec_ref(a.recommendation),
            "recommendation_id": a.recommendation_id,
            "source": a.source,
            "organisation": a.organisation.name if a.organisation else "",
            "author": public_name(a.author, user),
            "date": a.date,
            "level": a.level,
            "grade": a.grade_label,
            "text": a.text,
            "publication_state": a.publication_state,
            "source_document": a.document.symbol if a.document else "",
        }
        for a in qs.iterator(chunk_size=500)
    )
    return rows, qs.count


def _key(name: str) -> Any:
    def get(row: dict[str, Any]) -> Any:
        return row[name]

    return get


def _cols(*names: str) -> list[Column]:
    return [Column(n, _key(n)) for n in names]


register_export_kind(
    ExportKind(
        "actions",
        _("Actions"),
        _action_rows,
        {
            "default": _cols(
                "id",
                "plan",
                "title",
                "description",
                "status",
                "responsible",
                "start_date",
                "target_date",
                "recommendations",
            )
        },
    )
)
register_export_kind(
    ExportKind(
        "assessments",
        _("Assessments"),
        _assessment_rows,
        {
            "default": _cols(
                "id",
                "recommendation",
                "recommendation_id",
                "source",
                "organisation",
                "author",
                "date",
                "level",
                "grade",
                "text",
                "publication_state",
                "source_document",
            )
        },
    )
)
