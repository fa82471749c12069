""" "Recommended again": the earlier recommendations of the same ask to the same State.

Repetition is the strongest public evidence of non-implementation (ISHR's guide to
follow-up): the same ask made in several UPR cycles and by treaty bodies. Two
recommendations are "the same ask" when they are active members of one current
cluster (candidate or confirmed, :class:`~rightstrack.classify.models.Cluster`);
"earlier" means an earlier year (``Recommendation.year``: every imported recommendation
has one, while UPR rows often have no day; recommendations of the same session, made by
several States at once, are not earlier than each other).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet

from rightstrack.catalog.models import Mechanism, Recommendation, RecommendationQuerySet
from rightstrack.classify.models import Cluster, ClusterMember


def current_memberships() -> QuerySet[ClusterMember]:
    """Active memberships of current (candidate or confirmed) clusters."""
    return ClusterMember.objects.filter(
        is_active=True,
        cluster__status__in=[Cluster.Status.CANDIDATE, Cluster.Status.CONFIRMED],
    )


#: Attribute of a Recommendation instance that keeps its current cluster for one request.
_MEMO = "_current_cluster_memo"


def cluster_of(rec: Recommendation) -> Cluster | None:
    """The current cluster of ``rec``, or ``None`` (a recommendation is in at most one).

    Remembered on the instance: the recommendation page's sections ("Recommended again",
    tracking's panel) ask for it once between them (one query).
    """
    if hasattr(rec, _MEMO):
        return getattr(rec, _MEMO)  # type: ignore[no-any-return]
    member = (
        current_memberships()
        .filter(recommendation=rec)
        .select_related("cluster")
        .order_by("-cluster__status", "-id")  # "confirmed" before "candidate"
        .first()
    )
    found = member.cluster if member else None
    setattr(rec, _MEMO, found)
    return found


def same_ask(rec: Recommendation, visible: RecommendationQuerySet) -> RecommendationQuerySet:
    """The other recommendations of ``visible`` in the current cluster of ``rec``."""
    cluster = cluster_of(rec)
    if cluster is None:
        return visible.none()
    ids = current_memberships().filter(cluster=cluster).values("recommendation_id")
    return visible.filter(pk__in=ids).exclude(pk=rec.pk)


def earlier(rec: Recommendation, visible: RecommendationQuerySet) -> RecommendationQuerySet:
    """Recommendations of ``visible`` that asked the same as ``rec`` before it, oldest first.

    Args:
        rec: a recommendation the viewer may see.
        visible: what the viewer may see (``accounts.permissions.visible_recommendations``).
    """
    if rec.year is None:
        return visible.none()
    return (
        same_ask(rec, visible)
        .filter(year__lt=rec.year)
        .select_related("document", "mechanism")
        .order_by("year", "date", "id")
    )


@dataclass
class Repetition:
    """Summary of the earlier recommendations: UPR cycles and other mechanisms."""

    upr_cycles: list[int] = field(default_factory=list)
    mechanisms: list[str] = field(default_factory=list)
    count: int = 0


def summarise(earlier_recs: list[Recommendation]) -> Repetition:
    """The UPR cycles (ascending) and other mechanisms' codes of ``earlier_recs``."""
    cycles = sorted(
        {r.upr_cycle for r in earlier_recs if r.mechanism.kind == _upr() and r.upr_cycle}
    )
    others = sorted({r.mechanism.code for r in earlier_recs if r.mechanism.kind != _upr()})
    return Repetition(cycles, others, len(earlier_recs))


def _upr() -> str:
    return str(Mechanism.Kind.UPR)


def repeated_filter(visible: QuerySet[Recommendation]) -> Q:
    """A ``Q`` on Recommendation: it has an earlier recommendation of the same ask that
    is in ``visible`` (the ``repeated=1`` filter of the portal list).

    Args:
        visible: what the viewer may see; an earlier recommendation the viewer may not
            see does not count, so the filter never reveals a restricted record.
    """
    mine = current_memberships().filter(recommendation=OuterRef("pk"))
    earlier_member = current_memberships().filter(
        cluster_id=OuterRef("cluster_id"),
        recommendation__year__lt=OuterRef("recommendation__year"),
        recommendation__in=visible.values("pk"),
    )
    return Q(Exists(mine.filter(Exists(earlier_member))))
