"""Context builders of the consolidation pages and of the recommendation page's section."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from rightstrack.accounts.permissions import visible_recommendations
from rightstrack.catalog.models import Recommendation
from rightstrack.classify.actions import can_review_clusters
from rightstrack.classify.consolidation.repeated import cluster_of, earlier, summarise
from rightstrack.classify.models import Cluster
from rightstrack.classify.permissions import get_cluster_for_user, visible_members


def cluster_context(request: HttpRequest, pk: int) -> dict[str, Any]:
    """The cluster page: the cluster, its visible members, whether the user may review it.

    Raises:
        Http404: see :func:`rightstrack.classify.permissions.get_cluster_for_user`.
    """
    cluster = get_cluster_for_user(request.user, pk)
    members = list(visible_members(request.user, cluster).prefetch_related("recommending_states"))
    scores = dict(cluster.members.filter(is_active=True).values_list("recommendation_id", "score"))
    return {
        "cluster": cluster,
        "members": [{"rec": rec, "score": scores.get(rec.pk)} for rec in members],
        "can_review": can_review_clusters(request.user),
        "is_candidate": cluster.status == Cluster.Status.CANDIDATE,
    }


def recommended_again_context(request: HttpRequest, rec: Recommendation) -> dict[str, Any] | None:
    """The "Recommended again" section of a recommendation ``request.user`` may see, or
    ``None`` when it is in no current cluster with another visible member."""
    cluster = cluster_of(rec)
    if cluster is None:
        return None
    visible = visible_recommendations(request.user)
    earlier_recs = list(earlier(rec, visible))
    others = visible_members(request.user, cluster).exclude(pk=rec.pk).count()
    if not others:
        return None
    return {
        "cluster": cluster,
        "earlier": earlier_recs,
        "summary": summarise(earlier_recs),
        "others": others,
        "is_candidate": cluster.status == Cluster.Status.CANDIDATE,
    }
