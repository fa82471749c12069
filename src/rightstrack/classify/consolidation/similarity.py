"""Rank a country's recommendations by their similarity to a text (TF-IDF, cosine).

Why TF-IDF: recommendations that ask the same thing share their rare words ("Optional
Protocol", "Roma", "national human rights institution") while the common ones ("take",
"measures", "ensure") weigh little once weighted by inverse document frequency. The
vectoriser is fitted on the texts of one country at query time (a few thousand
texts at most: tens of milliseconds), so nothing is stored and nothing goes stale.

Languages: every text of a recommendation is indexed (``Recommendation.text`` and each
``catalog.RecommendationText``), and a recommendation scores the best of its texts, so
a Spanish text finds recommendations through their Spanish texts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rightstrack.catalog.models import RecommendationQuerySet, RecommendationText
from rightstrack.classify.consolidation.text import comparable

if TYPE_CHECKING:
    from scipy import sparse
    from sklearn.pipeline import Pipeline

# numpy, scipy and scikit-learn are imported where they are used: this module is reached
# from the URLconf (api.similar), and importing them there cost every process that loads
# the URLs (``rightstrack export`` among them) several seconds for nothing.

#: Character 3- to 5-grams within word boundaries, sublinear term frequency: of the
#: settings tried on the gold set (word 1-grams, 1-2-grams, with and without English stop
#: words, character 3-5 and 4-6-grams) the one that best separates "same ask" pairs from
#: the others and gives the best recall@5 (docs/classify.md, "Consolidation"). Character
#: n-grams also join inflected forms ("trafficking"/"traffickers", "ratify"/"ratifying")
#: in every language without a stemmer per language.
ANALYZER = "char_wb"
NGRAM_RANGE = (3, 5)
#: Hashed n-gram features (2^20): no vocabulary to build, which halves the time of a
#: clustering run; collisions at this size change no score of the gold set's pairs.
N_FEATURES = 2**20
DEFAULT_LIMIT = 10
MAX_LIMIT = 100


@dataclass(frozen=True)
class Corpus:
    """The texts of some recommendations: ``rec_ids[i]`` wrote ``texts[i]`` in ``languages[i]``."""

    rec_ids: list[int]
    texts: list[str]
    languages: list[str]


@dataclass(frozen=True)
class Match:
    """A recommendation and its cosine similarity (0-1) to the query text."""

    recommendation_id: int
    score: float
    language: str


def corpus_for(recs: RecommendationQuerySet) -> Corpus:
    """Every text (own and other languages) of the recommendations in ``recs``.

    Args:
        recs: the recommendations to search (already restricted to what the user may see).

    Returns:
        A :class:`Corpus` in recommendation id order (two queries).
    """
    rec_ids: list[int] = []
    texts: list[str] = []
    languages: list[str] = []
    for pk, text, language in recs.order_by("id").values_list("id", "text", "language"):
        rec_ids.append(pk)
        texts.append(comparable(text))
        languages.append(language)
    others = RecommendationText.objects.filter(recommendation__in=recs.values("pk")).order_by(
        "recommendation_id", "language"
    )
    for pk, text, language in others.values_list("recommendation_id", "text", "language"):
        rec_ids.append(pk)
        texts.append(comparable(text))
        languages.append(language)
    return Corpus(rec_ids, texts, languages)


def vectorise(texts: Sequence[str]) -> tuple[Pipeline, sparse.csr_matrix] | None:
    """A TF-IDF model fitted on ``texts`` (hashed character n-grams, inverse document
    frequency of ``texts``) and their L2-normalised vectors.

    Returns:
        ``(model, matrix)``, or ``None`` when ``texts`` hold no word at all; the model's
        ``transform`` gives the vector of another text on the same scale.
    """
    if not any(texts):
        return None
    import numpy as np
    from scipy import sparse
    from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
    from sklearn.pipeline import make_pipeline

    model = make_pipeline(
        HashingVectorizer(
            analyzer=ANALYZER,
            ngram_range=NGRAM_RANGE,
            n_features=N_FEATURES,
            alternate_sign=False,
            norm=None,
            dtype=np.float32,
        ),
        TfidfTransformer(sublinear_tf=True),
    )
    matrix = model.fit_transform(texts)
    return model, sparse.csr_matrix(matrix)


def rank(corpus: Corpus, text: str, limit: int = DEFAULT_LIMIT) -> list[Match]:
    """The ``limit`` recommendations of ``corpus`` most similar to ``text``, best first.

    Args:
        corpus: the texts to search (:func:`corpus_for`).
        text: any text in any language (a proposal, a paragraph, a recommendation).
        limit: how many matches at most (1 to :data:`MAX_LIMIT`).

    Returns:
        Matches with a score above 0, best first; a recommendation appears once, with its
        best text; ties are broken by recommendation id.
    """
    query = comparable(text)
    fitted = vectorise(corpus.texts)
    if not query or fitted is None:
        return []
    vectoriser, matrix = fitted
    import numpy as np

    scores = (matrix @ vectoriser.transform([query]).T).toarray().ravel()
    best: dict[int, tuple[float, str]] = {}
    for i in np.flatnonzero(scores > 0):
        pk = corpus.rec_ids[i]
        score = float(scores[i])
        if pk not in best or score > best[pk][0]:
            best[pk] = (score, corpus.languages[i])
    ordered = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))
    limit = max(1, min(limit, MAX_LIMIT))
    return [Match(pk, round(score, 4), lang) for pk, (score, lang) in ordered[:limit]]


def similar(recs: RecommendationQuerySet, text: str, limit: int = DEFAULT_LIMIT) -> list[Match]:
    """The recommendations of ``recs`` most similar to ``text`` (see :func:`rank`)."""
    return rank(corpus_for(recs), text, limit)


def drop_ids(matches: Iterable[Match], ids: set[int]) -> list[Match]:
    """``matches`` without the recommendations in ``ids`` (e.g. the query's own)."""
    return [m for m in matches if m.recommendation_id not in ids]
