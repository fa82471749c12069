"""Candidate clusters: recommendations to one State that ask for the same thing.

Method, per country (recommendations are never compared across States):

1. TF-IDF vectors of the normalised texts (:mod:`.similarity`), cosine similarity of
   every pair (a sparse matrix product: a country has at most a few thousand
   recommendations, so all pairs are cheap and exact; no hashing approximation needed);
2. the graph of pairs at or above :data:`THRESHOLD`, split into connected components;
3. each component of more than two recommendations is cut by average-linkage
   clustering at the same threshold, so that a chain of pairwise-similar texts
   (A~B, B~C, A≁C) does not become one cluster.

The threshold was chosen on the hand-labelled gold set (``tests/samples/consolidation``,
``bench/classify_consolidation.py``; figures in ``docs/classify.md``).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse.csgraph import connected_components
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from rightstrack.catalog.models import Country, Recommendation
from rightstrack.classify.consolidation.similarity import vectorise
from rightstrack.classify.consolidation.text import comparable
from rightstrack.classify.models import Cluster, ClusterMember

#: Cosine similarity from which two recommendations are taken to ask the same thing.
THRESHOLD = 0.35
METHOD = f"tfidf-average-{THRESHOLD}"


@dataclass(frozen=True)
class Group:
    """Indices of texts grouped together, each with its mean similarity to the others."""

    members: list[int]
    scores: list[float]


def group_texts(texts: Sequence[str], threshold: float = THRESHOLD) -> list[Group]:
    """Groups of at least two of ``texts`` that ask the same thing.

    Args:
        texts: normalised texts (:func:`.text.comparable`) of one country.
        threshold: cosine similarity (0-1) at or above which two texts are the same ask.

    Returns:
        Groups ordered by their first index; indices within a group ascending.
    """
    fitted = vectorise(texts)
    if fitted is None or len(texts) < 2:
        return []
    matrix = fitted[1]
    sims = sparse.csr_matrix(matrix @ matrix.T)
    sims.setdiag(0)
    sims.data[sims.data < threshold] = 0
    sims.eliminate_zeros()
    count, labels = connected_components(sims, directed=False)
    groups: list[Group] = []
    sizes = np.bincount(labels, minlength=count)
    for component in np.flatnonzero(sizes >= 2):
        idx = np.flatnonzero(labels == component)
        block = (matrix[idx] @ matrix[idx].T).toarray()
        for part in _cut(block, threshold):
            members = [int(idx[i]) for i in part]
            sub = block[np.ix_(part, part)]
            means = (sub.sum(axis=1) - np.diag(sub)) / (len(part) - 1)
            groups.append(Group(members, [round(float(m), 4) for m in means]))
    groups.sort(key=lambda g: g.members[0])
    return groups


def _cut(block: np.ndarray, threshold: float) -> list[list[int]]:
    """Parts of at least two of a component, by average linkage at ``threshold``."""
    n = block.shape[0]
    if n == 2:
        return [[0, 1]]
    distances = np.clip(1.0 - block, 0.0, 2.0)
    condensed = distances[np.triu_indices(n, k=1)]
    labels = fcluster(linkage(condensed, method="average"), 1.0 - threshold, "distance")
    parts: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        parts.setdefault(int(label), []).append(i)
    return [p for p in parts.values() if len(p) >= 2]


@dataclass
class ClusterRun:
    """What one ``build_clusters`` run did."""

    countries: int = 0
    recommendations: int = 0
    clusters: int = 0
    kept: int = 0
    superseded: int = 0
    seconds: float = 0.0


def build_clusters(iso3: str | None = None, threshold: float = THRESHOLD) -> ClusterRun:
    """Propose candidate clusters for one country (``iso3``) or every country.

    Every non-archived recommendation takes part (restricted ones too: a cluster page
    shows each viewer only the members they may see). Recommendations in a confirmed
    cluster are left out: a person decided about them. A candidate cluster with exactly
    the members of a new group is kept; other candidates of the country are marked
    superseded (kept for history) and the new groups are created.

    Returns:
        Counts and the time taken (seconds, wall clock).
    """
    started = time.perf_counter()
    run = ClusterRun()
    countries = Country.objects.filter(recommendations__isnull=False).distinct().order_by("iso3")
    if iso3:
        countries = countries.filter(iso3=iso3.upper())
    with transaction.atomic():  # one commit: SQLite syncs the disk once, not per country
        for country in countries:
            run.countries += 1
            _build_country(country, threshold, run)
    run.seconds = time.perf_counter() - started
    return run


def _build_country(country: Country, threshold: float, run: ClusterRun) -> None:
    frozen = ClusterMember.objects.filter(
        is_active=True,
        cluster__country=country,
        cluster__status=Cluster.Status.CONFIRMED,
    ).values("recommendation_id")
    rows = list(
        Recommendation.objects.filter(country=country, is_archived=False)
        .exclude(pk__in=frozen)
        .order_by("id")
        .values_list("id", "text")
    )
    run.recommendations += len(rows)
    groups = group_texts([comparable(text) for _pk, text in rows], threshold)
    wanted = {frozenset(rows[i][0] for i in g.members): g for g in groups}
    with transaction.atomic():
        existing: dict[frozenset[int], int] = {}
        members = ClusterMember.objects.filter(
            cluster__country=country, cluster__status=Cluster.Status.CANDIDATE, is_active=True
        ).values_list("cluster_id", "recommendation_id")
        by_cluster: dict[int, set[int]] = {}
        for cluster_id, rec_id in members:
            by_cluster.setdefault(cluster_id, set()).add(rec_id)
        for cluster_id, rec_ids in by_cluster.items():
            existing[frozenset(rec_ids)] = cluster_id
        stale = [cid for key, cid in existing.items() if key not in wanted]
        if stale:
            superseded = list(Cluster.objects.filter(pk__in=stale))
            for cluster in superseded:
                cluster.status = Cluster.Status.SUPERSEDED
            bulk_update_with_history(
                superseded,
                Cluster,
                ["status"],
                default_change_reason="superseded by classify cluster",
            )
            run.superseded += len(stale)
        new_keys = [key for key in wanted if key not in existing]
        run.kept += len(wanted) - len(new_keys)
        if not new_keys:
            return
        clusters = bulk_create_with_history(
            [Cluster(country=country, method=f"tfidf-average-{threshold}") for _ in new_keys],
            Cluster,
            default_change_reason="proposed by classify cluster",
        )
        new_members = []
        for cluster, key in zip(clusters, new_keys, strict=True):
            group = wanted[key]
            for i, score in zip(group.members, group.scores, strict=True):
                new_members.append(
                    ClusterMember(cluster=cluster, recommendation_id=rows[i][0], score=score)
                )
        bulk_create_with_history(
            new_members, ClusterMember, default_change_reason="proposed by classify cluster"
        )
        run.clusters += len(new_keys)
