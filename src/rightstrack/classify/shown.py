"""What a viewer sees of suggestions: the ``suggested`` labels of a recommendation.

Reviewers (coordinators, administrators) see every pending suggestion. Everyone else,
and every public output, sees pending suggestions only when a coordinator chose to
publish them (:class:`~rightstrack.classify.models.PublicationSetting`), and then only
those scoring at least its threshold; they are always marked as suggested, apart from
the confirmed labels.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from rightstrack.accounts.types import Viewer
from rightstrack.classify.models import PublicationSetting, Suggestion
from rightstrack.classify.permissions import can_review
from rightstrack.classify.taxonomies import BY_KEY, TAXONOMIES


def shown_suggestions(viewer: Viewer | None, rec_ids: Iterable[int]) -> list[Suggestion]:
    """Pending suggestions of ``rec_ids`` that ``viewer`` may see (``None``: public output),
    best first within each taxonomy."""
    qs = Suggestion.objects.pending().filter(recommendation_id__in=list(rec_ids))
    if not can_review(viewer):
        setting = PublicationSetting.current()
        if not setting.publish:
            return []
        qs = qs.filter(score__gte=setting.threshold)
    return list(qs.order_by("recommendation_id", "taxonomy", "-score", "label_id"))


def label_objects(suggestions: Iterable[Suggestion]) -> dict[tuple[str, int], Any]:
    """The catalogue label of each ``(taxonomy, label_id)`` of ``suggestions``."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for s in suggestions:
        wanted[s.taxonomy].add(s.label_id)
    out: dict[tuple[str, int], Any] = {}
    for key, ids in wanted.items():
        for label in BY_KEY[key].model._default_manager.filter(pk__in=ids):
            out[(key, label.pk)] = label
    return out


def suggested_json(viewer: Viewer | None, rec_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """``{rec_id: {"themes": [{"label": ..., "score": 0.7, "reason": "..."}], ...}}`` with
    every taxonomy's key (the keys of the confirmed labels in a recommendation row)."""
    ids = list(rec_ids)
    rows = shown_suggestions(viewer, ids)
    labels = label_objects(rows)
    out: dict[int, dict[str, Any]] = {pk: {t.json_key: [] for t in TAXONOMIES} for pk in ids}
    for s in rows:
        label = labels.get((s.taxonomy, s.label_id))
        if label is None:
            continue
        tax = BY_KEY[s.taxonomy]
        out[s.recommendation_id][tax.json_key].append(
            {"label": tax.label_value(label), "score": round(s.score, 3), "reason": s.reason}
        )
    return out
