"""Who may review suggestions, and the one helper that fetches a suggestion for a user.

The one place where clusters are fetched for a user.

A cluster is only as visible as its members: a viewer sees a current cluster when at
least one of its active members is a recommendation they may see
(``accounts.permissions.visible_recommendations``), and sees only those members. A
cluster whose members are all restricted does not exist for the public (404, as for a
restricted recommendation).
"""

from __future__ import annotations

from django.http import Http404

from rightstrack.accounts.models import ROLE_RANK, Role
from rightstrack.accounts.permissions import user_rank, visible_recommendations
from rightstrack.accounts.types import Viewer
from rightstrack.catalog.models import RecommendationQuerySet
from rightstrack.classify.models import Cluster, ClusterQuerySet, Suggestion, SuggestionQuerySet


def can_review(user: Viewer | None) -> bool:
    """Coordinators and administrators accept and reject suggestions and choose what is
    published (the roles table in ``docs/security.md``); nobody else."""
    return user_rank(user) >= ROLE_RANK[Role.COORDINATOR]


def reviewable_suggestions(user: Viewer | None) -> SuggestionQuerySet:
    """Suggestions ``user`` may review: those of recommendations ``user`` may see, for a
    reviewer; none for anyone else."""
    if not can_review(user):
        return Suggestion.objects.none()
    return Suggestion.objects.filter(recommendation__in=visible_recommendations(user).values("pk"))


def get_suggestion_for_user(user: Viewer | None, pk: int) -> Suggestion:
    """One suggestion ``user`` may review.

    Raises:
        Http404: no such suggestion, one of a hidden recommendation, or ``user`` is not a
            reviewer (existence is not revealed).
    """
    try:
        return reviewable_suggestions(user).select_related("recommendation").get(pk=pk)
    except (Suggestion.DoesNotExist, ValueError, TypeError):
        raise Http404("No such suggestion") from None


def visible_clusters(user: Viewer | None) -> ClusterQuerySet:
    """Current clusters with at least one active member ``user`` may see."""
    visible = visible_recommendations(user).values("pk")
    ids = (
        Cluster.objects.current()
        .filter(members__is_active=True, members__recommendation__in=visible)
        .values("pk")
    )
    return Cluster.objects.filter(pk__in=ids)


def get_cluster_for_user(user: Viewer | None, pk: int) -> Cluster:
    """Fetch one cluster ``user`` may see (:func:`visible_clusters`).

    Raises:
        Http404: no such cluster, a superseded or archived one, one with no member
            ``user`` may see, or a ``pk`` that is not a number (never 403).
    """
    try:
        return visible_clusters(user).select_related("country").get(pk=pk)
    except (Cluster.DoesNotExist, ValueError, TypeError):
        raise Http404("No such cluster") from None


def visible_members(user: Viewer | None, cluster: Cluster) -> RecommendationQuerySet:
    """The recommendations of ``cluster`` (active members) that ``user`` may see, oldest
    first, with what the cluster page prints."""
    ids = cluster.members.filter(is_active=True).values("recommendation_id")
    return (
        visible_recommendations(user)
        .filter(pk__in=ids)
        .select_related("document", "mechanism", "country")
        .order_by("year", "date", "mechanism__code", "document__symbol", "order", "id")
    )
