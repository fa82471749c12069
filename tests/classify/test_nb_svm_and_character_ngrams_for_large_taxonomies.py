"""The NB-SVMs and character n-grams of the multi-label models of large taxonomies.

NB-SVM (Wang and Manning 2012, "Baselines and bigrams: simple, good sentiment and topic
classification"): the 0/1 presence of each word times its naive-Bayes log-count ratio
for the label, each row normalised, then a linear SVM. The model computes the decision of
every label with two sparse products (``NbSvm.decision``); it must equal the textbook
computation: scale, normalise, ``LinearSVC.decision_function``.
"""

import numpy as np
import pytest
from scipy import sparse
from sklearn.preprocessing import normalize
from sklearn.svm import LinearSVC

from rightstrack.classify import learn

RNG = np.random.default_rng(12)


def _data(rows: int = 300, words: int = 40, others: int = 25):
    x = sparse.random(rows, words + others, density=0.15, random_state=3, dtype=np.float32)
    x = sparse.csr_matrix(x)
    y = np.c_[
        (x[:, 0].toarray().ravel() > 0) | (x[:, 1].toarray().ravel() > 0),
        (x[:, 2].toarray().ravel() > 0) & (RNG.random(rows) > 0.2),
        np.zeros(rows, dtype=bool),  # one class only
    ].astype(np.int8)
    return x, y, words


def test_nb_svm_decision_equals_scaling_normalising_then_the_svm():
    x, y, words = _data()
    nb = learn.fit_nb_svm(x, y, words)
    got = nb.decision(x)
    b = (x[:, :words] > 0).astype(np.float64)
    for j in range(2):
        pos = np.asarray(b[y[:, j] == 1].sum(axis=0)).ravel() + 1
        neg = np.asarray(b[y[:, j] == 0].sum(axis=0)).ravel() + 1
        r = np.log((pos / pos.sum()) / (neg / neg.sum()))
        scaled = normalize(b @ sparse.diags(r))
        svm = LinearSVC(C=learn.C).fit(scaled, y[:, j])
        # float16 ratios in the norm and pruned weights: agreement to about 1e-2.
        assert np.allclose(got[:, j], svm.decision_function(scaled), atol=2e-2)
    # A label with one class only stays far below any threshold.
    assert (got[:, 2] < learn.THRESHOLDS.min()).all()


def test_large_taxonomy_reads_words_and_characters_never_the_markers(monkeypatch):
    x, y, words = _data(rows=300, words=40, others=25)
    markers = 10  # columns 40-49 are verb markers, 50-64 character n-grams
    labels = [frozenset(int(k) for k in np.flatnonzero(row)) for row in y]
    monkeypatch.setattr(learn, "LARGE_EXAMPLES", 200)
    model = learn.fit_taxonomy(x, labels, True, words=words, markers=markers)
    assert model is not None and model.nb is not None
    coef = model.coef.toarray()
    assert coef.shape == (2, x.shape[1])  # label 2 has no positive: no model
    assert not coef[:, words : words + markers].any()
    assert coef[:, words + markers :].any()
    scores = model.scores(x)
    assert scores.shape == (300, 2) and ((scores >= 0) & (scores <= 1)).all()


@pytest.mark.parametrize("examples", [199])
def test_small_taxonomy_keeps_the_words_alone(monkeypatch, examples):
    x, y, words = _data(rows=examples)
    labels = [frozenset(int(k) for k in np.flatnonzero(row)) for row in y]
    monkeypatch.setattr(learn, "LARGE_EXAMPLES", 200)
    model = learn.fit_taxonomy(x, labels, True, words=words, markers=10)
    assert model is not None and model.nb is None
    assert not model.coef.toarray()[:, words:].any()
