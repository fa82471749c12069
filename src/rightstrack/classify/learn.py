"""Learned models: TF-IDF features and one linear model per label, trained on confirmed labels.

Plain functions over texts and label ids (no database access), so that training for
``rightstrack classify train``, the time-split evaluation and the benchmark run the same
code. What is learned:

* one TF-IDF vectoriser of the words and word pairs (sublinear counts), shared by every
  taxonomy;
* a second, small TF-IDF block of *verb markers* (:func:`marker_tokens`: the first four
  words marked by position, the first three content words, the pair of the first two,
  and the "by ...ing" phrases), weighted by :data:`MARKER_WEIGHT`, read only by the
  action category model (UPR Info reads the category from the first verb, the second
  after "continue", and a general action followed by specific examples, "by
  amending...", can be category 5);
* for a multi-label taxonomy, one linear SVM per label that has at least
  :data:`MIN_POSITIVES` examples (one-vs-rest), on the words only, with one decision
  threshold for all labels tuned on the latest :data:`VALIDATION_SHARE` of the examples
  (by date: recommendations repeat across cycles, so a random slice would flatter), then
  refitted on all examples;
* for the action category (one label per recommendation), one multi-class linear SVM on
  the words and the verb markers, with classes weighted inversely to their frequency
  (``class_weight="balanced"``).

Every choice (features, weights, thresholds) was made on UPR cycle 1 alone: trained on
sessions 1-9, compared on sessions 10-12 (docs/classify.md).

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
#: Threshold when there are too few examples to tune one.
DEFAULT_THRESHOLD = -0.3
#: Regularisation of the SVMs (chosen on UPR cycle 1; see docs/classify.md).
C = 0.5

#: Weight of the verb-marker block against the words (chosen on UPR cycle 1: 0.5, 0.7
#: and 1.0 tried, sessions 1-9 -> 10-12 action category accuracy 0.9027, 0.9066, 0.9061).
MARKER_WEIGHT = 0.7

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_BY_ING = re.compile(r"\bby (\w+ing)\b")
#: Words skipped when looking for the content words that carry the action
#: ("Further take all necessary measures to..." -> take, measures).
_FILLER = frozenset(
    [
        "the",
        "to",
        "and",
        "its",
        "of",
        "further",
        "also",
        "all",
        "a",
        "an",
        "that",
        "in",
        "necessary",
        "greater",
        "more",
        "recommended",
        "recommend",
        "recommends",
        "it",
        "be",
    ]
)


def lead_tokens(text: str) -> str:
    """The first four words of ``text`` as position-marked tokens (``L0continue``...)."""
    words = _WORD.findall(text.lower())[:4]
    return " ".join(f"L{i}{w}" for i, w in enumerate(words))


def marker_tokens(text: str) -> str:
    """The verb markers of ``text``: :func:`lead_tokens`, the first three content words
    marked by position (``V0continue V1strengthen``), the pair of the first two
    (``VVcontinue_strengthen``) and each "by <word>ing" (``BYamending``).

    Source of the rule: UPR Info's database methodology (``Database_Action_Category.pdf``,
    upr-info-methodology): the category follows the first verb, the second one after
    "continue", and a general action followed by specific examples ("by amending...")
    can be category 5 (specific action). The markers are features: the model learns how
    much each one counts.
    """
    low = text.lower()
    content = [w for w in _WORD.findall(low) if w not in _FILLER][:3]
    out = [lead_tokens(text), *(f"V{i}{w}" for i, w in enumerate(content))]
    if len(content) > 1:
        out.append(f"VV{content[0]}_{content[1]}")
    out.extend(f"BY{m}" for m in _BY_ING.findall(low))
    return " ".join(out)


def make_vectorizer() -> TfidfVectorizer:
    """A fresh TF-IDF vectoriser (words and word pairs, min. 2 documents, sublinear tf)."""
    return TfidfVectorizer(
        ngram_range=(1, 2), min_df=2, sublinear_tf=True, max_features=150_000, dtype=np.float32
    )


def make_marker_vectorizer() -> TfidfVectorizer:
    """A fresh TF-IDF vectoriser of :func:`marker_tokens` (tokens and pairs, as written)."""
    return TfidfVectorizer(
        ngram_range=(1, 2),
        min_df=2,
        sublinear_tf=True,
        token_pattern=r"\S+",  # noqa: S106 (a regex, not a password)
        lowercase=False,
        dtype=np.float32,
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
    """Everything ``classify train`` saves: the vectorisers and one model per taxonomy.

    Columns of :meth:`transform`: the words (``vectorizer``) first, then the verb markers
    (``markers``); a multi-label model has zero weights on the markers.
    """

    data_hash: str
    vectorizer: TfidfVectorizer
    markers: TfidfVectorizer
    models: dict[str, TaxonomyModel] = field(default_factory=dict)
    seconds: float = 0.0
    #: The labels' identities when trained (``rules.labels_fingerprint``): a model whose
    #: fingerprint differs from the database's (another database) is not used.
    labels_fingerprint: str = ""

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """TF-IDF rows of ``texts``: words, then verb markers times :data:`MARKER_WEIGHT`."""
        words = self.vectorizer.transform(texts)
        marks = self.markers.transform([marker_tokens(t) for t in texts]) * MARKER_WEIGHT
        return sparse.hstack([words, marks], format="csr", dtype=np.float32)


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
    vectorizer, markers = make_vectorizer(), make_marker_vectorizer()
    if len(texts) < 2:
        vectorizer.fit([*texts, "placeholder text", "placeholder text"])
        markers.fit([marker_tokens(t) for t in texts] + ["L0placeholder"] * 2)
        return Bundle(data_hash, vectorizer, markers, {}, time.perf_counter() - start)
    vectorizer.fit(texts)
    markers.fit([marker_tokens(t) for t in texts])
    bundle = Bundle(data_hash, vectorizer, markers)
    x_all = bundle.transform(texts)
    words = len(vectorizer.vocabulary_)
    for key, ex in examples.items():
        model = fit_taxonomy(x_all[ex.rows], ex.labels, ex.multi, words=words)
        if model is not None:
            bundle.models[key] = model
    bundle.seconds = time.perf_counter() - start
    return bundle


def fit_taxonomy(
    x: sparse.csr_matrix,
    labels: Sequence[frozenset[int]],
    multi: bool,
    *,
    words: int | None = None,
) -> TaxonomyModel | None:
    """Fit the models of one taxonomy on rows ``x`` (oldest first) with ``labels``.

    Args:
        words: a multi-label taxonomy reads only the first ``words`` columns (the words,
            not the verb markers; default all); its weights on the others are zero.

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
        svm = LinearSVC(C=C, class_weight="balanced").fit(x[mask], y[mask])
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
    width = x.shape[1]
    if words is not None and words < width:
        x = x[:, :words]
    thresholds = tune_thresholds(x, y)
    coef, intercept = _fit_columns(x, y)
    if coef.shape[1] < width:
        pad = sparse.csr_matrix((coef.shape[0], width - coef.shape[1]), dtype=np.float32)
        coef = sparse.hstack([coef, pad], format="csr")
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
    """One decision threshold for every label, tuned on the latest :data:`VALIDATION_SHARE`.

    Models are fitted on the older rows; the threshold of :data:`THRESHOLDS` with the best
    micro-F1 over all labels on the latest rows is kept, for every label. A threshold per
    label (the best F1 of each label) was tried and dropped: on UPR cycle 1 (trained on
    sessions 1-9, tested on 10-12) it gave micro-F1 0.858 against 0.880 for the single
    threshold, as the best threshold of a label on a few hundred rows is mostly noise
    (docs/classify.md).

    Returns:
        ``(labels,)`` thresholds, all equal; :data:`DEFAULT_THRESHOLD` when there are too
        few rows (fewer than 10 on either side of the cut) to tune.
    """
    n = x.shape[0]
    cut = math.floor(n * (1 - VALIDATION_SHARE))
    if cut < 10 or n - cut < 10:
        return np.full(y.shape[1], DEFAULT_THRESHOLD, dtype=np.float32)
    coef, intercept = _fit_columns(x[:cut], y[:cut])
    decision = np.asarray((x[cut:] @ coef.T).todense()) + intercept
    truth = y[cut:].astype(bool)
    tp = np.array([((decision > t) & truth).sum() for t in THRESHOLDS])
    fp = np.array([((decision > t) & ~truth).sum() for t in THRESHOLDS])
    fn = np.array([((decision <= t) & truth).sum() for t in THRESHOLDS])
    micro = 2 * tp / np.maximum(2 * tp + fp + fn, 1)
    overall = float(THRESHOLDS[int(micro.argmax())])
    return np.full(y.shape[1], overall, dtype=np.float32)
