"""Training data from the database: confirmed labels only, and the hash of it.

Confirmed labels are the catalogue's own fields (``Recommendation.themes``...): labels an
authoritative source printed (UPR Info issues and action categories, UHRI records, OHCHR
thematic lists) and labels a coordinator accepted from a suggestion. Pending and
rejected suggestions are never training data.
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q

from rightstrack.catalog.models import Recommendation
from rightstrack.classify import modelfile
from rightstrack.classify.learn import Bundle, Examples, fit_bundle
from rightstrack.classify.rules import labels_fingerprint
from rightstrack.classify.taxonomies import TAXONOMIES

logger = logging.getLogger(__name__)


@dataclass
class TrainingData:
    """Texts and, per taxonomy, which texts carry which confirmed labels (oldest first)."""

    ids: list[int]
    texts: list[str]
    examples: dict[str, Examples]

    def digest(self) -> str:
        """SHA-256 of the texts and labels, with the model file's format version."""
        h = hashlib.sha256(f"format {modelfile.FORMAT_VERSION}\n{labels_fingerprint()}\n".encode())
        for pk, text in zip(self.ids, self.texts, strict=True):
            h.update(f"{pk}\t{text}\n".encode())
        for key in sorted(self.examples):
            ex = self.examples[key]
            h.update(key.encode())
            for row, labels in zip(ex.rows, ex.labels, strict=True):
                h.update(f"{self.ids[row]}:{sorted(labels)};".encode())
        return h.hexdigest()


def confirmed_labels(ids: Q | None = None) -> dict[str, dict[int, set[int]]]:
    """Confirmed label ids per taxonomy and recommendation id (``ids`` filters recommendations)."""
    out: dict[str, dict[int, set[int]]] = {}
    for tax in TAXONOMIES:
        by_rec: dict[int, set[int]] = defaultdict(set)
        if tax.multi:
            through = getattr(Recommendation, tax.field).through
            other = f"{tax.model._meta.model_name}_id"
            qs = through.objects.all()
            if ids is not None:
                qs = qs.filter(recommendation__in=Recommendation.objects.filter(ids))
            for rec_id, label_id in qs.values_list("recommendation_id", other).iterator(5000):
                by_rec[rec_id].add(label_id)
        else:
            qs2 = Recommendation.objects.filter(action_category__isnull=False)
            if ids is not None:
                qs2 = qs2.filter(ids)
            for rec_id, label_id in qs2.values_list("pk", "action_category_id").iterator(5000):
                by_rec[rec_id].add(label_id)
        out[tax.key] = by_rec
    return out


def training_data(where: Q | None = None) -> TrainingData:
    """The confirmed labels of the recommendations matching ``where`` (all, not archived, by
    default), ordered by date then id (oldest first, so the validation slice is the latest)."""
    base = Q(is_archived=False) & (where or Q())
    labels = confirmed_labels(base)
    labelled = set().union(*(set(by_rec) for by_rec in labels.values()))
    rows = (
        Recommendation.objects.filter(base, pk__in=labelled)
        .order_by("year", "upr_session", "date", "pk")
        .values_list("pk", "text")
    )
    ids, texts = [], []
    for pk, text in rows.iterator(5000):
        ids.append(pk)
        texts.append(text)
    index = {pk: i for i, pk in enumerate(ids)}
    examples: dict[str, Examples] = {}
    for tax in TAXONOMIES:
        by_rec = labels[tax.key]
        ordered = [pk for pk in ids if pk in by_rec]
        examples[tax.key] = Examples(
            [index[pk] for pk in ordered], [frozenset(by_rec[pk]) for pk in ordered], tax.multi
        )
    return TrainingData(ids, texts, examples)


def train(
    *, force: bool = False, where: Q | None = None, keys: set[str] | None = None
) -> tuple[Bundle, bool]:
    """Train on the confirmed labels and save the model, unless the data is unchanged.

    Args:
        force: train even when the saved model was trained on the same data.
        where: restrict the training recommendations (the time-split evaluation).
        keys: train only these taxonomies (evaluation); with ``where`` or ``keys`` the
            model is returned, not saved.

    Returns:
        ``(bundle, trained)``: ``trained`` is ``False`` when the saved model's data hash
        equals the current one and it was kept (a stale, tampered or corrupt file is
        deleted by :func:`~rightstrack.classify.modelfile.load` and retrained).
    """
    data = training_data(where)
    if keys is not None:
        data.examples = {k: v for k, v in data.examples.items() if k in keys}
    digest = data.digest()
    partial = where is not None or keys is not None
    if not force and not partial:
        current = modelfile.load()
        if current is not None and current.data_hash == digest:
            return current, False
    bundle = fit_bundle(data.texts, data.examples, digest)
    bundle.labels_fingerprint = labels_fingerprint()
    if not partial:
        modelfile.save(bundle)
    logger.info("classify: trained on %d texts in %.1f s", len(data.texts), bundle.seconds)
    return bundle, True
