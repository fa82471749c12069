"""Matching a text to a country's recommendations: the rows shared by the CLI and the API."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from rightstrack.catalog.models import Recommendation, RecommendationQuerySet
from rightstrack.classify.consolidation.similarity import DEFAULT_LIMIT, similar


def scope(
    visible: RecommendationQuerySet, iso3: str, document: str | None = None
) -> RecommendationQuerySet:
    """The recommendations of ``visible`` addressed to ``iso3`` (optionally in the document
    with UN symbol ``document``, compared case-insensitively)."""
    recs = visible.for_country(iso3)
    if document:
        recs = recs.filter(document__symbol__iexact=document.strip())
    return recs


def similar_rows(
    recs: RecommendationQuerySet, text: str, limit: int = DEFAULT_LIMIT
) -> list[dict[str, Any]]:
    """The ``limit`` recommendations of ``recs`` most similar to ``text``, best first.

    Each row: ``id``, ``score`` (cosine similarity 0-1 of TF-IDF vectors), ``language``
    (of the text that matched), ``symbol``, ``paragraph`` (as printed), ``mechanism``
    (code), ``date`` (ISO 8601 or ``None``), ``upr_cycle``, ``text``, ``url`` (the
    portal page's path).
    """
    matches = similar(recs, text, limit)
    by_id = Recommendation.objects.select_related("document", "mechanism").in_bulk(
        [m.recommendation_id for m in matches]
    )
    rows = []
    for match in matches:
        rec = by_id[match.recommendation_id]
        rows.append(
            {
                "id": rec.pk,
                "score": match.score,
                "language": match.language,
                "symbol": rec.document.symbol,
                "paragraph": rec.paragraph,
                "mechanism": rec.mechanism.code,
                "date": rec.date.isoformat() if rec.date else None,
                "upr_cycle": rec.upr_cycle,
                "text": rec.text,
                "url": reverse("portal:recommendation_detail", args=[rec.pk]),
            }
        )
    return rows
