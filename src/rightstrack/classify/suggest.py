"""Suggesting labels: rules, learned models and, as a last resort, the label descriptions.

For each recommendation and each taxonomy the candidates are:

1. keyword rules (``classify/rules.py``): score 0.6-0.9, reason = the keywords found;
2. the learned model (``classify/learn.py``), when one is saved, for the labels it has a
   model for: its score, reason "model"; a keyword hit on such a label takes the model's
   score and keeps its keywords in the reason (per label, the model when there is one,
   else the rule: on UPR Info issues the model is the more precise); a keyword hit on a
   label the model has no model for, when the model learned from at least
   :data:`RARE_EXAMPLES` recommendations, scores at most :data:`RARE_RULE_SCORE` (below
   :data:`MIN_SCORE`): fewer than 5 confirmed examples in that many means the source
   hardly ever gives the label, and such hits were mostly wrong (UPR cycle 1, sessions
   1-9 -> 10-12: they cost 0.003 of micro-F1 and 0.04 of macro-F1 on UPR Info issues);
3. the label whose description (name, keywords, SDG target text) is closest to the text
   (TF-IDF cosine), score at most 0.3, reason "description", only when 1 and 2 give nothing.

Kept: up to :data:`MAX_PER_TAXONOMY` candidates with a score of at least
:data:`MIN_SCORE`, and always the best one, so that every recommendation has a suggestion
in every taxonomy. A label already confirmed is stored as ``accepted`` (the suggestion
agrees with it); a label that was rejected for that recommendation, or is already
suggested, is not stored again. Rows are written through the bulk path of the engine
(``core/bulk.py``: ``executemany`` on SQLite, ``COPY`` on PostgreSQL), without
history rows (history is written when a person accepts or rejects).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from numpy.typing import NDArray
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from rightstrack.catalog.models import Recommendation, SdgTarget
from rightstrack.classify import modelfile
from rightstrack.classify.learn import Bundle
from rightstrack.classify.models import Suggestion
from rightstrack.classify.rules import (
    RuleSet,
    labels_fingerprint,
    rule_score,
    rules,
    words_of,
)
from rightstrack.classify.taxonomies import TAXONOMIES, Taxonomy
from rightstrack.classify.training import confirmed_labels
from rightstrack.core import bulk

MAX_PER_TAXONOMY = 5
MIN_SCORE = 0.5
DESCRIPTION_MAX = 0.3
BATCH = 2000
#: A model trained on at least this many recommendations overrides keyword hits on the
#: labels it has no model for (fewer than ``learn.MIN_POSITIVES`` examples among them).
RARE_EXAMPLES = 1000
#: The highest score of such a keyword hit.
RARE_RULE_SCORE = 0.4
MODEL_REASON = "model"
DESCRIPTION_REASON = "description"
#: The columns :func:`_suggest_chunk` writes, in the order of its tuples.
SUGGESTION_COLUMNS = (
    "recommendation_id",
    "taxonomy",
    "label_id",
    "score",
    "reason",
    "status",
    "created_at",
)


@dataclass
class Candidate:
    """One label proposed for one text."""

    label_id: int
    score: float
    reasons: list[str] = field(default_factory=list)

    @property
    def reason(self) -> str:
        """The reasons joined: ``"keywords: torture, cruel; model"``."""
        return "; ".join(self.reasons)[:255]


class DescriptionRanker:
    """Closest label by TF-IDF cosine between a text and each label's description."""

    def __init__(self, ruleset: RuleSet) -> None:
        self.labels: dict[str, NDArray[np.int64]] = {}
        docs: dict[str, list[str]] = {}
        targets = dict(SdgTarget.objects.values_list("pk", "text"))
        goal_text = {}
        for tax in TAXONOMIES:
            pks, texts = [], []
            for label in tax.model._default_manager.all():
                words = " ".join(ruleset.keywords.get(tax.key, {}).get(label.pk, []))
                extra = targets.get(label.pk, "") if tax.key == "sdg_target" else ""
                if tax.key == "sdg_goal":
                    goal_text[label.pk] = f"{label.title} {label.short_title}"  # type: ignore[attr-defined]
                    extra = goal_text[label.pk]
                if tax.key == "action_category":
                    extra = f"{label.name} {label.description}"  # type: ignore[attr-defined]
                pks.append(label.pk)
                texts.append(f"{tax.label_text(label)} {extra} {words}")
            self.labels[tax.key] = np.asarray(pks, dtype=np.int64)
            docs[tax.key] = texts
        every = [t for texts in docs.values() for t in texts] or ["empty"]
        self.vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit(every)
        self.matrices = {k: self.vectorizer.transform(v) for k, v in docs.items()}

    def best(self, key: str, texts: list[str]) -> list[tuple[int, float]]:
        """For each text, the closest label of taxonomy ``key`` and its score (≤ 0.3)."""
        if not len(self.labels[key]):
            return [(-1, 0.0)] * len(texts)
        x = normalize(self.vectorizer.transform(texts))
        sims = np.asarray((x @ self.matrices[key].T).todense())
        best = sims.argmax(axis=1)
        return [
            (int(self.labels[key][j]), round(float(sims[i, j]) * DESCRIPTION_MAX, 4))
            for i, j in enumerate(best)
        ]


_RANKERS: dict[int, tuple[RuleSet, DescriptionRanker]] = {}


def _ranker(ruleset: RuleSet) -> DescriptionRanker:
    """The description ranker of ``ruleset`` (built once per compiled rule set)."""
    kept = _RANKERS.get(id(ruleset))
    if kept is None or kept[0] is not ruleset:
        _RANKERS.clear()
        kept = _RANKERS[id(ruleset)] = (ruleset, DescriptionRanker(ruleset))
    return kept[1]


def candidates(
    texts: list[str], bundle: Bundle | None, ruleset: RuleSet | None = None
) -> dict[str, list[dict[int, Candidate]]]:
    """All candidates per taxonomy key, one ``{label_id: Candidate}`` per text."""
    ruleset = ruleset or rules()
    ranker = _ranker(ruleset)
    x = bundle.transform(texts) if bundle is not None and texts else None
    out: dict[str, list[dict[int, Candidate]]] = {}
    words = [words_of(text) for text in texts]  # once, not once per taxonomy
    for tax in TAXONOMIES:
        per_text: list[dict[int, Candidate]] = []
        for text, text_words in zip(texts, words, strict=True):
            found = ruleset.find(tax.key, text, text_words)
            per_text.append(
                {
                    lab: Candidate(lab, rule_score(kws), [f"keywords: {', '.join(kws)}"])
                    for lab, kws in found.items()
                }
            )
        model = bundle.models.get(tax.key) if bundle is not None else None
        if model is not None and x is not None:
            scores = model.scores(x)
            column = {int(lab): j for j, lab in enumerate(model.label_ids)}
            rare = model.examples >= RARE_EXAMPLES
            for i, row in enumerate(scores):
                # A label with a model takes the model's score, its keywords stay as reason.
                for lab, cand in per_text[i].items():
                    if lab in column:
                        cand.score = round(float(row[column[lab]]), 4)
                        cand.reasons.append(MODEL_REASON)
                    elif rare:
                        cand.score = min(cand.score, RARE_RULE_SCORE)
                top = np.argsort(-row)[:MAX_PER_TAXONOMY]
                for j in top:
                    score = round(float(row[j]), 4)
                    if score < MIN_SCORE and j != top[0]:
                        continue
                    lab = int(model.label_ids[j])
                    if lab not in per_text[i]:
                        per_text[i][lab] = Candidate(lab, score, [MODEL_REASON])
        empty = [i for i, c in enumerate(per_text) if not c]
        if empty:
            for i, (lab, score) in zip(
                empty, ranker.best(tax.key, [texts[i] for i in empty]), strict=True
            ):
                if lab >= 0:
                    per_text[i][lab] = Candidate(lab, score, [DESCRIPTION_REASON])
        out[tax.key] = per_text
    return out


def chosen(found: dict[int, Candidate], tax: Taxonomy) -> list[Candidate]:
    """The candidates kept for one text: the best, then up to :data:`MAX_PER_TAXONOMY` with
    a score of at least :data:`MIN_SCORE` (one only for the action category)."""
    ranked = sorted(found.values(), key=lambda c: (-c.score, c.label_id))
    if not ranked:
        return []
    limit = MAX_PER_TAXONOMY if tax.multi else 1
    return [ranked[0], *[c for c in ranked[1:limit] if c.score >= MIN_SCORE]]


@dataclass
class SuggestResult:
    """What :func:`suggest_for` did: recommendations tagged, rows written, seconds."""

    recommendations: int = 0
    suggestions: int = 0
    seconds: float = 0.0

    @property
    def per_second(self) -> float:
        """Recommendations tagged per second."""
        return self.recommendations / self.seconds if self.seconds else 0.0


def usable_model() -> Bundle | None:
    """The saved model, when there is a valid one trained on this database's labels."""
    return modelfile.load(fingerprint=labels_fingerprint())


def untagged() -> Q:
    """Recommendations with no suggestion yet (what ``classify suggest`` tags).

    ``NOT EXISTS`` rather than ``NOT IN (SELECT ...)``: PostgreSQL cannot hash a
    ``NOT IN`` subquery larger than ``work_mem`` and then rescans it for every
    recommendation (minutes once 340,000 suggestions exist); ``NOT EXISTS`` is an anti-join.
    """
    return Q(
        ~Exists(Suggestion.objects.filter(recommendation_id=OuterRef("pk"))), is_archived=False
    )


def suggest_for(where: Q | None = None, *, bundle: Bundle | None = None) -> SuggestResult:
    """Store suggestions for the recommendations matching ``where`` (default :func:`untagged`).

    Args:
        where: which recommendations.
        bundle: the learned models; default: the saved model file, if any and valid
            (:func:`~rightstrack.classify.modelfile.load`); without one, rules and
            descriptions only.

    Returns:
        Counts and time. Existing suggestions (any status) are kept as they are.
    """
    start = time.perf_counter()
    if bundle is None:
        bundle = usable_model()
    ruleset = rules()
    result = SuggestResult()
    ids = list(
        Recommendation.objects.filter(untagged() if where is None else where)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for i in range(0, len(ids), BATCH):
        chunk = ids[i : i + BATCH]
        result.suggestions += _suggest_chunk(chunk, bundle, ruleset)
        result.recommendations += len(chunk)
    result.seconds = time.perf_counter() - start
    return result


def _suggest_chunk(ids: list[int], bundle: Bundle | None, ruleset: RuleSet) -> int:
    texts_by_id = dict(Recommendation.objects.filter(pk__in=ids).values_list("pk", "text"))
    ids = [pk for pk in ids if pk in texts_by_id]
    found = candidates([texts_by_id[pk] for pk in ids], bundle, ruleset)
    confirmed = confirmed_labels(Q(pk__in=ids))
    existing = set(
        Suggestion.objects.filter(recommendation_id__in=ids).values_list(
            "recommendation_id", "taxonomy", "label_id"
        )
    )
    rows: list[tuple[int, str, int, float, str, str, datetime]] = []
    now = timezone.now()
    for tax in TAXONOMIES:
        for pk, per_text in zip(ids, found[tax.key], strict=True):
            for cand in chosen(per_text, tax):
                if (pk, tax.key, cand.label_id) in existing:
                    continue
                status = (
                    Suggestion.Status.ACCEPTED
                    if cand.label_id in confirmed[tax.key].get(pk, ())
                    else Suggestion.Status.SUGGESTED
                )
                rows.append((pk, tax.key, cand.label_id, cand.score, cand.reason, str(status), now))
    # Tuples through the engine's bulk path (COPY on PostgreSQL), not bulk_create: 340,000
    # model instances for the 41,066 UPR Info rows cost more than the database work.
    with transaction.atomic():
        bulk.insert_rows(Suggestion, SUGGESTION_COLUMNS, rows, ignore_conflicts=True)
    return len(rows)


def refresh(ids: Iterable[int]) -> SuggestResult:
    """Suggest again for ``ids`` (after retraining): new labels are added; accepted,
    rejected and already suggested labels stay as they are."""
    return suggest_for(Q(pk__in=list(ids)))
