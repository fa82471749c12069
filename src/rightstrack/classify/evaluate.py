"""Metrics of the suggestions, for ``rightstrack classify evaluate`` and ``bench/classify.py``.

* UPR Info issues and action category: trained on UPR cycle 1 (Working Group sessions
  1-12) of the UPR Info rows in the database, tested on cycle 2 (sessions 13-20): a split
  by time, as recommendations repeat across cycles. Thresholds are tuned inside the
  training data (its latest sessions), never on the test cycle.
* SDG goals: on the UHRI records in the database (models trained without them), and on a
  hand-labelled sample of concluding-observation paragraphs (a CSV file).

Predictions are exactly what ``classify suggest`` would store (``suggest.candidates`` and
``suggest.chosen``); for SDG goals only suggestions scoring at least ``MIN_SCORE`` count
(paragraphs with no SDG exist, and the weak best guess is not a claim).
"""

from __future__ import annotations

import csv
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.db.models import Q

from rightstrack.catalog.models import Recommendation, SdgGoal
from rightstrack.classify.learn import Bundle
from rightstrack.classify.rules import rules
from rightstrack.classify.suggest import MIN_SCORE, candidates, chosen
from rightstrack.classify.taxonomies import get as get_taxonomy
from rightstrack.classify.training import confirmed_labels, train

UPR_INFO = Q(document__key__startswith="upr-info:")
CYCLE_1 = Q(upr_session__gte=1, upr_session__lte=12)
CYCLE_2 = Q(upr_session__gte=13, upr_session__lte=20)


@dataclass
class Metric:
    """One line of the table."""

    name: str
    value: float
    note: str = ""


@dataclass
class Report:
    """Every metric, and the speed figures."""

    metrics: list[Metric] = field(default_factory=list)

    def add(self, name: str, value: float, note: str = "") -> None:
        """Append a metric."""
        self.metrics.append(Metric(name, value, note))

    def as_dict(self) -> dict[str, float]:
        """``{name: value}``."""
        return {m.name: m.value for m in self.metrics}


def prf(gold: Sequence[set[int]], pred: Sequence[set[int]]) -> tuple[float, float, float]:
    """Micro precision, recall and F1 over (item, label) pairs."""
    tp = sum(len(g & p) for g, p in zip(gold, pred, strict=True))
    n_pred = sum(len(p) for p in pred)
    n_gold = sum(len(g) for g in gold)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def macro_f1(gold: Sequence[set[int]], pred: Sequence[set[int]]) -> float:
    """Mean over labels (those in the gold or predicted sets) of each label's F1."""
    labels = set().union(*gold, *pred) if gold else set()
    scores = []
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if lab in g and lab in p)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if lab not in g and lab in p)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if lab in g and lab not in p)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def predict(
    texts: list[str], bundle: Bundle | None, key: str, *, min_score: float = 0.0
) -> list[set[int]]:
    """The labels of taxonomy ``key`` that ``classify suggest`` would store for ``texts``."""
    tax = get_taxonomy(key)
    found = candidates(texts, bundle, rules())[key]
    return [{c.label_id for c in chosen(f, tax) if c.score >= min_score} for f in found]


def _gold(where: Q, key: str) -> tuple[list[str], list[set[int]]]:
    labels = confirmed_labels(where)[key]
    rows = Recommendation.objects.filter(where, pk__in=list(labels)).order_by("pk")
    pairs = list(rows.values_list("pk", "text"))
    return [t for _pk, t in pairs], [labels[pk] for pk, _t in pairs]


def evaluate_upr(report: Report) -> None:
    """Time split on UPR Info rows: issues (micro/macro F1) and action category (accuracy)."""
    start = time.perf_counter()
    bundle, _ = train(force=True, where=UPR_INFO & CYCLE_1, keys={"upr_issue", "action_category"})
    report.add("training seconds (cycle 1)", round(time.perf_counter() - start, 1))
    issues = bundle.models.get("upr_issue")
    report.add("training recommendations (cycle 1)", issues.examples if issues else 0)
    texts, gold = _gold(UPR_INFO & CYCLE_2, "upr_issue")
    start = time.perf_counter()
    pred = predict(texts, bundle, "upr_issue")
    seconds = time.perf_counter() - start
    p, r, f1 = prf(gold, pred)
    report.add("UPR issues micro-F1", round(f1, 4), f"cycle 2, {len(texts)} recommendations")
    report.add("UPR issues macro-F1", round(macro_f1(gold, pred), 4))
    report.add("UPR issues micro precision", round(p, 4))
    report.add("UPR issues micro recall", round(r, 4))
    texts, gold = _gold(UPR_INFO & CYCLE_2, "action_category")
    pred = predict(texts, bundle, "action_category")
    right = sum(1 for g, q in zip(gold, pred, strict=True) if g == q)
    report.add(
        "action category accuracy",
        round(right / len(gold), 4) if gold else 0.0,
        f"cycle 2, {len(gold)} recommendations",
    )
    start = time.perf_counter()
    candidates(texts[:5000], bundle, rules())
    report.add(
        "suggestions per second (6 taxonomies)",
        round(min(len(texts), 5000) / (time.perf_counter() - start), 1),
        f"issues alone: {len(texts) / seconds:.0f}/s" if seconds else "",
    )


def evaluate_sdg_uhri(report: Report) -> None:
    """SDG goals on the UHRI records in the database (models trained without them)."""
    where = Q(is_archived=False) & ~Q(uhri_id="")
    texts, gold = _gold(where, "sdg_goal")
    if not texts:
        report.add("SDG goals on UHRI records", 0.0, "no UHRI record with SDG goals imported")
        return
    bundle, _ = train(force=True, where=Q(uhri_id=""), keys={"sdg_goal"})  # the others
    pred = predict(texts, bundle if bundle.models else None, "sdg_goal", min_score=MIN_SCORE)
    p, r, _f = prf(gold, pred)
    report.add("SDG goals precision (UHRI)", round(p, 4), f"{len(texts)} records")
    report.add("SDG goals recall (UHRI)", round(r, 4))


def read_sample(path: Path) -> tuple[list[str], list[set[int]]]:
    """The hand-labelled sample: columns ``symbol, paragraph, text, sdg_goals`` (goal
    numbers separated by ``|``, empty for none)."""
    numbers = dict(SdgGoal.objects.values_list("number", "pk"))
    texts, gold = [], []
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            texts.append(row["text"])
            gold.append({numbers[int(n)] for n in row["sdg_goals"].split("|") if n.strip()})
    return texts, gold


def evaluate_sdg_sample(report: Report, path: Path, bundle: Bundle | None) -> None:
    """SDG goals on the hand-labelled concluding-observation paragraphs at ``path``."""
    texts, gold = read_sample(path)
    pred = predict(texts, bundle, "sdg_goal", min_score=MIN_SCORE)
    p, r, _f = prf(gold, pred)
    report.add("SDG goals precision (hand-labelled CO)", round(p, 4), f"{len(texts)} paragraphs")
    report.add("SDG goals recall (hand-labelled CO)", round(r, 4))
