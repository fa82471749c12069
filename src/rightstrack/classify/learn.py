"""Learned models: TF-IDF features and one linear model per label, trained on confirmed labels.

Plain functions over texts and label ids (no database access), so that training for
``rightstrack classify train``, the time-split evaluation and the benchmark run the same
code. What is learned:

* one TF-IDF vectoriser (words and word pairs, sublinear counts, plus the first four
  words marked by position, which carry the action verb) shared by every taxonomy;
* for a multi-label taxonomy, one linear SVM per label that has at least
  :data:`MIN_POSITIVES` examples (one-vs-rest), with a decision threshold per label tuned
  on the latest :data:`VALIDATION_SHARE` of the examples (by date: recommendations repeat
  across cycles, so a random slice would flatter), then refitted on all examples;
* for the action category (one label per recommendation), one multi-class linear SVM.

Scores are ``1 / (1 + exp(-SCALE * (decision - threshold)))``: 0.5 at the tuned threshold.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

#: A label needs this many confirmed examples before a model is trained for it.
MIN_POSITIVES = 5
#: Share of the examples (the latest) used to tune thresholds.
VALIDATION_SHARE = 0.15
#: Slope of the score around the threshold.
SCALE = 3.0
#: Candidate thresholds on the SVM decision value.
THRESHOLDS = np.round(np.arange(-0.9, 0.51, 0.1), 2)
#: Regularisation of the SVMs (chosen on UPR cycle 1; see docs/classify.md).
C = 0.5

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def lead_tokens(text: str) -> str:
    """The first four words of ``text`` as position-marked tokens (``L0continue``...)."""
    words = _WORD.findall(text.lower())[:4]
    return " ".join(f"L{i}{w}" for i, w in enumerate(words))


def features_text(text: str) -> str:
    """The text the vectoriser reads: the lead tokens, then the text."""
    return f"{lead_tokens(text)} {text}"


def make_vectorizer() -> TfidfVectorizer:
    """A fresh TF-IDF vectoriser (words and word pairs, min. 2 documents, sublinear tf)."""
    return TfidfVectorizer(
        ngram_range=(1, 2), min_df=2, sublinear_tf=True, max_features=150_000, dtype=np.float32
    )


@dataclass
class TaxonomyModel:
    """The linear models of one taxonomy.

    Attributes:
        label_ids: the label (catalogue primary key) of each row of ``coef``.
        coef: ``(labels, features)`` weights; ``intercept``: ``(labels,)``.
        thresholds: the decision threshold of each label (multi-label only).
        multi: several labels per recommendation (``False``: the action category).
        examples: how many recommendations it was trained on.
    """

    label_ids: NDArray[np.int64]
    coef: sparse.csr_matrix
    intercept: NDArray[np.float32]
    thresholds: NDArray[np.float32]
    multi: bool
    examples: int

    def scores(self, x: sparse.csr_matrix) -> NDArray[np.float32]:
        """Scores in [0, 1] of every label (columns, in ``label_ids`` order) for rows ``x``."""
        decision = np.asarray((x @ self.coef.T).todense()) + self.intercept
        if self.multi:
            out: NDArray[np.float32] = 1.0 / (1.0 + np.exp(-SCALE * (decision - self.thresholds)))
            return out
        shifted = np.exp(SCALE * (decision - decision.max(axis=1, keepdims=True)))
        probs: NDArray[np.float32] = shifted / shifted.sum(axis=1, keepdims=True)
        return probs


@dataclass
class Bundle:
    """Everything ``classify train`` saves: the vectoriser and one model per taxonomy."""

    data_hash: str
    vectorizer: TfidfVectorizer
    models: dict[str, TaxonomyModel] = field(default_factory=dict)
    seconds: float = 0.0
    #: The labels' identities when trained (``rules.labels_fingerprint``): a model whose
    #: fingerprint differs from the database's (another database) is not used.
    labels_fingerprint: str = ""

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """TF-IDF rows of ``texts``."""
        return self.vectorizer.transform([features_text(t) for t in texts])


@dataclass
class Examples:
    """Training examples of one taxonomy, oldest first: row indexes into the texts and the
    label ids of each."""

    rows: list[int]
    labels: list[frozenset[int]]
    multi: bool


def fit_bundle(texts: Sequence[str], examples: dict[str, Examples], data_hash: str) -> Bundle:
    """Fit the vectoriser on ``texts`` and one model per taxonomy of ``examples``.

    Args:
        texts: every text that appears in some taxonomy's examples.
        examples: per taxonomy key, which texts (``rows``) carry which confirmed labels.
        data_hash: recorded on the bundle (``classify train`` skips when it is unchanged).

    Returns:
        The bundle; a taxonomy with no label of :data:`MIN_POSITIVES` examples gets no model.
    """
    start = time.perf_counter()
    vectorizer = make_vectorizer()
    if len(texts) < 2:
        vectorizer.fit([features_text(t) for t in texts] + ["placeholder text"] * 2)
        return Bundle(data_hash, vectorizer, {}, time.perf_counter() - start)
    x_all = vectorizer.fit_transform([features_text(t) for t in texts]).tocsr()
    bundle = Bundle(data_hash, vectorizer)
    for key, ex in examples.items():
        model = fit_taxonomy(x_all[ex.rows], ex.labels, ex.multi)
        if model is not None:
            bundle.models[key] = model
    bundle.seconds = time.perf_counter() - start
    return bundle


def fit_taxonomy(
    x: sparse.csr_matrix, labels: Sequence[frozenset[int]], multi: bool
) -> TaxonomyModel | None:
    """Fit the models of one taxonomy on rows ``x`` (oldest first) with ``labels``.

    Returns:
        ``None`` when no label has :data:`MIN_POSITIVES` examples (or, for one label per
        recommendation, fewer than two such labels).
    """
    counts: dict[int, int] = {}
    for labs in labels:
        for lab in labs:
            counts[lab] = counts.get(lab, 0) + 1
    kept = sorted(lab for lab, n in counts.items() if n >= MIN_POSITIVES and n < len(labels))
    if not kept or (not multi and len(kept) < 2):
        return None
    if not multi:
        y = np.array([min(labs) if labs else -1 for labs in labels])
        mask = np.isin(y, kept)
        svm = LinearSVC(C=C).fit(x[mask], y[mask])
        return TaxonomyModel(
            np.asarray(svm.classes_, dtype=np.int64),
            _pruned(svm.coef_),
            svm.intercept_.astype(np.float32),
            np.zeros(len(svm.classes_), dtype=np.float32),
            False,
            int(mask.sum()),
        )
    y = np.zeros((len(labels), len(kept)), dtype=np.int8)
    col = {lab: i for i, lab in enumerate(kept)}
    for i, labs in enumerate(labels):
        for lab in labs:
            if lab in col:
                y[i, col[lab]] = 1
    thresholds = tune_thresholds(x, y)
    coef, intercept = _fit_columns(x, y)
    return TaxonomyModel(
        np.asarray(kept, dtype=np.int64), coef, intercept, thresholds, True, len(labels)
    )


#: Weights smaller than this are dropped (keeps the model file small; no measured loss).
PRUNE = 1e-3


def _pruned(coef: NDArray[np.float64]) -> sparse.csr_matrix:
    kept = np.where(np.abs(coef) >= PRUNE, coef, 0.0).astype(np.float32)
    return sparse.csr_matrix(kept)


def _fit_columns(
    x: sparse.csr_matrix, y: NDArray[np.int8]
) -> tuple[sparse.csr_matrix, NDArray[np.float32]]:
    rows: list[sparse.csr_matrix] = []
    intercept = np.zeros(y.shape[1], dtype=np.float32)
    for j in range(y.shape[1]):
        column = y[:, j]
        if column.min() == column.max():  # one class only: never above threshold
            intercept[j] = 1.0 if column[0] else -10.0
            rows.append(sparse.csr_matrix((1, x.shape[1]), dtype=np.float32))
            continue
        svm = LinearSVC(C=C).fit(x, column)
        rows.append(_pruned(svm.coef_))
        intercept[j] = svm.intercept_[0]
    return sparse.vstack(rows, format="csr"), intercept


def tune_thresholds(x: sparse.csr_matrix, y: NDArray[np.int8]) -> NDArray[np.float32]:
    """Per-label decision thresholds tuned on the latest :data:`VALIDATION_SHARE` of rows.

    Models are fitted on the older rows; for each label the threshold of
    :data:`THRESHOLDS` with the best F1 on the latest rows is kept when the latest rows
    hold at least 5 of its examples, else the threshold with the best micro-F1 over all
    labels.
    """
    n = x.shape[0]
    cut = math.floor(n * (1 - VALIDATION_SHARE))
    if cut < 10 or n - cut < 10:
        return np.full(y.shape[1], -0.3, dtype=np.float32)
    coef, intercept = _fit_columns(x[:cut], y[:cut])
    decision = np.asarray((x[cut:] @ coef.T).todense()) + intercept
    truth = y[cut:].astype(bool)
    tp = np.stack([((decision > t) & truth).sum(axis=0) for t in THRESHOLDS])
    fp = np.stack([((decision > t) & ~truth).sum(axis=0) for t in THRESHOLDS])
    fn = np.stack([((decision <= t) & truth).sum(axis=0) for t in THRESHOLDS])
    micro = 2 * tp.sum(1) / np.maximum(2 * tp.sum(1) + fp.sum(1) + fn.sum(1), 1)
    overall = float(THRESHOLDS[int(micro.argmax())])
    f1 = 2 * tp / np.maximum(2 * tp + fp + fn, 1)
    per_label = THRESHOLDS[f1.argmax(axis=0)]
    enough = truth.sum(axis=0) >= 5
    return np.where(enough, per_label, overall).astype(np.float32)
