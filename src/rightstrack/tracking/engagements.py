"""What engagement pages, panels and the dashboard show, and the scoped recommendation
choices of engagement forms.

Everything starts from ``tracking.permissions`` (``visible_engagements``,
``visible_commitments``, ``visible_selections``) and
``accounts.permissions.visible_recommendations``, and only narrows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, Q

from rightstrack.accounts.permissions import visible_documents, visible_recommendations
from rightstrack.accounts.types import Viewer
from rightstrack.catalog.models import Recommendation, RecommendationQuerySet
from rightstrack.tracking import permissions as perm
from rightstrack.tracking.models import Engagement, EngagementQuerySet


def scoped_recommendations(
    user: Viewer | None,
    *,
    document_id: int | None = None,
    selection_id: int | None = None,
    linked: Iterable[int] = (),
) -> RecommendationQuerySet:
    """The recommendations an engagement form offers: those of one document
    (``document_id``), of one selection ``user`` may see (``selection_id``) and the
    ones already linked (``linked`` ids), all visible to ``user``, in document order.

    Never the whole catalogue: with no scope, only the linked ones.
    """
    scope = Q(pk__in=list(linked))
    if document_id is not None:
        scope |= Q(document_id=document_id)
    if selection_id is not None:
        chosen = perm.visible_selections(user).filter(pk=selection_id)
        scope |= Q(selections__in=chosen)
    ids = visible_recommendations(user).filter(scope).values("pk").distinct()
    return (
        Recommendation.objects.filter(pk__in=ids)
        .select_related("document")
        .order_by("document__symbol", "order", "id")
    )


def scope_documents(user: Viewer | None, country_id: int | None) -> Any:
    """Documents of a country (visible to ``user``) that have recommendations, newest
    first: the scopes an engagement form links to."""
    if country_id is None:
        return []
    return (
        visible_documents(user)
        .filter(country_id=country_id, recommendations__isnull=False)
        .distinct()
        .order_by("-adopted_on", "symbol")[:30]
    )


def _with_details(qs: EngagementQuerySet, user: Viewer | None) -> EngagementQuerySet:
    return qs.select_related("organisation", "country").prefetch_related(
        Prefetch(
            "commitments",
            queryset=perm.visible_commitments(user).select_related("by_whom", "action"),
            to_attr="shown_commitments",
        ),
        "organisations",
    )


def engagements_about(user: Viewer | None, recommendation: Recommendation) -> list[Engagement]:
    """Engagements ``user`` may see that discussed ``recommendation``, newest first."""
    qs = perm.visible_engagements(user).filter(recommendations=recommendation)
    return list(_with_details(qs, user))


def engagements_with(user: Viewer | None, organisation: Any) -> list[Engagement]:
    """Engagements ``user`` may see that involved ``organisation`` (an
    ``accounts.Organisation``) or that it recorded, newest first."""
    qs = perm.visible_engagements(user).filter(
        Q(organisations=organisation) | Q(organisation=organisation)
    )
    return list(_with_details(qs.distinct(), user))


def engagements_in(user: Viewer | None, iso3: str, limit: int = 10) -> list[Engagement]:
    """The latest engagements ``user`` may see in a country (by the engagement's country
    or the country of a recommendation discussed), newest first."""
    qs = perm.visible_engagements(user).filter(
        Q(country__iso3=iso3) | Q(recommendations__country__iso3=iso3)
    )
    ids = qs.values("pk").distinct()
    return list(_with_details(Engagement.objects.filter(pk__in=ids), user)[:limit])


def shown_recommendations_of(user: Viewer | None, engagement: Engagement) -> RecommendationQuerySet:
    """The recommendations ``engagement`` discussed that ``user`` may see."""
    return (
        visible_recommendations(user)
        .filter(engagements=engagement)
        .select_related("document")
        .order_by("document__symbol", "order", "id")
    )
