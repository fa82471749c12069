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
* a third TF-IDF block of character 3-5-grams within word boundaries
  (:func:`make_char_vectorizer`), when some multi-label taxonomy has at least
  :data:`LARGE_EXAMPLES` examples, read only by such taxonomies' models;
* for a multi-label taxonomy, one linear SVM on the words per label that has at least
  :data:`MIN_POSITIVES` examples (one-vs-rest); from :data:`LARGE_EXAMPLES` examples on
  (UPR Info issues), two linear SVMs per label whose decisions are blended
  (:data:`NB_WEIGHT`): one on the words and the character n-grams, and one NB-SVM (Wang
  and Manning 2012, "Baselines and bigrams"): the words present, each scaled by its
  naive-Bayes log-count ratio for that label, then an SVM. One decision threshold for all
  labels, tuned on the latest :data:`VALIDATION_SHARE` of the examples (by date:
  recommendations repeat across cycles, so a random slice would flatter), then the
  models are refitted on all examples;
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

#: A multi-label taxonomy with at least this many training recommendations also reads
#: the character n-grams and gets the NB-SVMs (chosen on UPR Info issues, 14,437
#: recommendations; the smaller taxonomies keep the words alone: a dense row of
#: log-count ratios per label would grow the model file for labels with few examples).
LARGE_EXAMPLES = 1000

#: Weight of the NB-SVM in the decision of a multi-label model (the SVM on words and
#: character n-grams has ``1 - NB_WEIGHT``). Chosen on UPR cycle 1 (sessions 1-9 -> 10-12,
#: UPR Info issues micro-F1): 0 (SVM alone) 0.8900, 0.3 0.8945, 0.5 0.8939.
NB_WEIGHT = 0.3

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


def make_char_vectorizer() -> TfidfVectorizer:
    """A fresh TF-IDF vectoriser of character 3-5-grams within word boundaries (min. 2
    documents, sublinear tf, at most 200,000), for the multi-label models."""
    return TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=(3, 5),
        min_df=2,
        sublinear_tf=True,
        max_features=200_000,
        dtype=np.float32,
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
class NbSvm:
    """One NB-SVM per label (Wang and Manning 2012) on the presence of the first ``words``
    columns (the words).

    For label ``j`` with log-count ratios ``r_j`` and SVM weights ``w_j`` on the rows
    ``normalize(b * r_j)`` (``b`` the 0/1 presence of each word), the decision is
    ``(b @ (r_j * w_j)) / sqrt(b @ r_j**2) + intercept_j``: two sparse products for all
    labels at once.

    Attributes:
        words: how many leading columns are words.
        weights: ``(labels, words)``, ``r_j * w_j`` (sparse); ``squares``: ``(labels,
            words)``, ``r_j ** 2`` (dense, float16: it only scales the norm);
            ``intercept``: ``(labels,)``.
    """

    words: int
    weights: sparse.csr_matrix
    squares: NDArray[np.float16]
    intercept: NDArray[np.float32]

    def decision(self, x: sparse.csr_matrix) -> NDArray[np.float32]:
        """Decision values ``(rows, labels)`` for rows ``x`` (words first)."""
        b = _presence(x, self.words)
        top = np.asarray((b @ self.weights.T).todense())
        norm = np.sqrt(np.asarray(b @ self.squares.T.astype(np.float32)))
        out: NDArray[np.float32] = (top / np.maximum(norm, 1e-12) + self.intercept).astype(
            np.float32
        )
        return out


def _presence(x: sparse.csr_matrix, words: int) -> sparse.csr_matrix:
    b = sparse.csr_matrix(x[:, :words], dtype=np.float32, copy=True)
    b.data[:] = 1.0
    b.eliminate_zeros()
    return b


def fit_nb_svm(x: sparse.csr_matrix, y: NDArray[np.int8], words: int) -> NbSvm:
    """Fit one NB-SVM per column of ``y`` on the presence of the first ``words`` columns of
    ``x`` (add-one smoothed log-count ratios; SVM with :data:`C`). A label with one class
    only gets no weights and an intercept that keeps it below any threshold (or above)."""
    b = _presence(x, words)
    weights: list[sparse.csr_matrix] = []
    squares: list[NDArray[np.float16]] = []
    intercept = np.zeros(y.shape[1], dtype=np.float32)
    for j in range(y.shape[1]):
        column = y[:, j]
        if column.min() == column.max():
            intercept[j] = 1.0 if column[0] else -10.0
            weights.append(sparse.csr_matrix((1, words), dtype=np.float32))
            squares.append(np.ones(words, dtype=np.float16))
            continue
        pos = np.asarray(b[column == 1].sum(axis=0)).ravel() + 1.0
        neg = np.asarray(b[column == 0].sum(axis=0)).ravel() + 1.0
        r = np.log((pos / pos.sum()) / (neg / neg.sum())).astype(np.float32)
        scaled = b @ sparse.diags(r)
        norms = np.sqrt(np.asarray(scaled.multiply(scaled).sum(axis=1)).ravel())
        scaled = sparse.diags(1.0 / np.maximum(norms, 1e-12)) @ scaled
        svm = LinearSVC(C=C).fit(scaled, column)
        weights.append(_pruned(svm.coef_ * r))
        squares.append((r * r).astype(np.float16))
        intercept[j] = svm.intercept_[0]
    return NbSvm(
        words,
        sparse.vstack(weights, format="csr"),
        np.vstack(squares),
        intercept,
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
        nb: the NB-SVMs of a multi-label taxonomy (``None``: the action category).
    """

    label_ids: NDArray[np.int64]
    coef: sparse.csr_matrix
    intercept: NDArray[np.float32]
    thresholds: NDArray[np.float32]
    multi: bool
    examples: int
    nb: NbSvm | None = None

    def scores(self, x: sparse.csr_matrix) -> NDArray[np.float32]:
        """Scores in [0, 1] of every label (columns, in ``label_ids`` order) for rows ``x``."""
        decision = np.asarray((x @ self.coef.T).todense()) + self.intercept
        if self.nb is not None:
            decision = (1 - NB_WEIGHT) * decision + NB_WEIGHT * self.nb.decision(x)
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
    (``markers``), then the character n-grams (``chars``, when some taxonomy has
    :data:`LARGE_EXAMPLES` examples). A multi-label model has zero weights on the
    markers; the action category model and the multi-label models of smaller taxonomies
    have zero weights on the character n-grams.
    """

    data_hash: str
    vectorizer: TfidfVectorizer
    markers: TfidfVectorizer
    models: dict[str, TaxonomyModel] = field(default_factory=dict)
    seconds: float = 0.0
    #: The labels' identities when trained (``rules.labels_fingerprint``): a model whose
    #: fingerprint differs from the database's (another database) is not used.
    labels_fingerprint: str = ""
    chars: TfidfVectorizer | None = None

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """TF-IDF rows of ``texts``: words, verb markers times :data:`MARKER_WEIGHT`, then
        character n-grams (if any)."""
        words = self.vectorizer.transform(texts)
        marks = self.markers.transform([marker_tokens(t) for t in texts]) * MARKER_WEIGHT
        blocks = [words, marks]
        if self.chars is not None:
            blocks.append(self.chars.transform(texts))
        return sparse.hstack(blocks, format="csr", dtype=np.float32)


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
    if any(ex.multi and len(ex.rows) >= LARGE_EXAMPLES for ex in examples.values()):
        bundle.chars = make_char_vectorizer().fit(texts)
    x_all = bundle.transform(texts)
    words = len(vectorizer.vocabulary_)
    marks = len(markers.vocabulary_)
    for key, ex in examples.items():
        model = fit_taxonomy(x_all[ex.rows], ex.labels, ex.multi, words=words, markers=marks)
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
    markers: int = 0,
) -> TaxonomyModel | None:
    """Fit the models of one taxonomy on rows ``x`` (oldest first) with ``labels``.

    Args:
        words: how many leading columns are words (default all).
        markers: how many columns of verb markers follow the words; any further columns
            are character n-grams. The action category reads the words and the markers;
            a multi-label taxonomy reads the words and, from :data:`LARGE_EXAMPLES`
            examples on, the character n-grams and an NB-SVM on the words
            (:func:`fit_nb_svm`), never the markers.

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
    width = x.shape[1]
    words = width if words is None else min(words, width)
    if not multi:
        y = np.array([min(labs) if labs else -1 for labs in labels])
        mask = np.isin(y, kept)
        read = x[:, : words + markers] if words + markers < width else x
        svm = LinearSVC(C=C, class_weight="balanced").fit(read[mask], y[mask])
        return TaxonomyModel(
            np.asarray(svm.classes_, dtype=np.int64),
            _widened(_pruned(svm.coef_), width),
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
    large = len(labels) >= LARGE_EXAMPLES and words + markers < width
    # The columns a multi-label model reads: the words, and for a large taxonomy the
    # character n-grams; never the verb markers.
    keep = np.r_[0:words, words + markers : width] if large else np.arange(words)
    read = x[:, keep]
    thresholds = tune_thresholds(read, y, words=words if large else None)
    coef, intercept = _fit_columns(read, y)
    full = sparse.csr_matrix((coef.data, keep[coef.indices], coef.indptr), shape=(len(kept), width))
    nb = fit_nb_svm(read, y, words) if large else None
    return TaxonomyModel(
        np.asarray(kept, dtype=np.int64), full, intercept, thresholds, True, len(labels), nb
    )


def _widened(coef: sparse.csr_matrix, width: int) -> sparse.csr_matrix:
    """``coef`` with zero columns appended up to ``width``."""
    if coef.shape[1] >= width:
        return coef
    pad = sparse.csr_matrix((coef.shape[0], width - coef.shape[1]), dtype=np.float32)
    return sparse.hstack([coef, pad], format="csr")


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


def tune_thresholds(
    x: sparse.csr_matrix, y: NDArray[np.int8], *, words: int | None = None
) -> NDArray[np.float32]:
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
    if words is not None:
        nb = fit_nb_svm(x[:cut], y[:cut], words)
        decision = (1 - NB_WEIGHT) * decision + NB_WEIGHT * nb.decision(x[cut:])
    truth = y[cut:].astype(bool)
    tp = np.array([((decision > t) & truth).sum() for t in THRESHOLDS])
    fp = np.array([((decision > t) & ~truth).sum() for t in THRESHOLDS])
    fn = np.array([((decision <= t) & truth).sum() for t in THRESHOLDS])
    micro = 2 * tp / np.maximum(2 * tp + fp + fn, 1)
    overall = float(THRESHOLDS[int(micro.argmax())])
    return np.full(y.shape[1], overall, dtype=np.float32)
