"""Find the same recommendation text in other documents and mechanisms.

For now this matches by *normalised* text: case, accents, punctuation,
spacing and a trailing "(Recommending State)" are ignored. Candidates come from
the full-text index (a phrase query on the first words), then each is compared
in Python: equal normalised texts are "identical", a difflib ratio of at least
:data:`NEAR_RATIO` is "near-identical". The classify app may later replace
this with clusters.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from django.db.models import QuerySet

from rightstrack.catalog.models import Recommendation
from rightstrack.portal.search import search

NEAR_RATIO = 0.92
#: Words of the normalised text used for the candidate phrase query.
PHRASE_WORDS = 8
MAX_CANDIDATES = 200
_TRAILING_STATE = re.compile(r"(\s*\([^()]{2,80}\))+\s*[.;,]?\s*$")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    """Lower-case words of ``text`` joined by single spaces, without accents or punctuation.

    Final parentheses naming the recommending State(s), as printed in UPR
    reports and thematic lists ("... (Maldives) (Portugal);"), are removed first.

    >>> normalise("Ratify the OP-CAT (Maldives);")
    'ratify the op cat'
    """
    text = _TRAILING_STATE.sub("", text or "")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", text.casefold()).strip()


@dataclass(frozen=True)
class SameText:
    """A recommendation elsewhere whose text matches; ``identical`` or near-identical."""

    recommendation: Recommendation
    identical: bool
    ratio: float


def same_text_elsewhere(
    rec: Recommendation, visible: QuerySet[Recommendation], limit: int = 50
) -> list[SameText]:
    """Visible recommendations to the same State, in other documents, with the same text.

    "Same" means equal normalised text or a difflib ratio of at least
    :data:`NEAR_RATIO`. Generic texts addressed to other States ("Ratify the
    Optional Protocol...") are left out: the point is to see one State's
    recommendation repeated across documents and mechanisms.

    Returns at most ``limit`` matches: other mechanisms first, then by date.
    """
    norm = normalise(rec.text)
    # Phrase words keep their accents: PostgreSQL configurations do not unaccent.
    # Split on spaces only: PostgreSQL indexes "non-refoulement" as one word plus its parts.
    words = [
        w.strip(".,;:()[]")
        for w in _TRAILING_STATE.sub("", rec.text or "").replace('"', " ").split()
    ]
    words = [w for w in words if _NON_WORD.sub("", w)]
    if not norm or not words:
        return []
    phrase = '"' + " ".join(words[:PHRASE_WORDS]) + '"'
    others = visible.exclude(document_id=rec.document_id)
    others = others.filter(country_id=rec.country_id) if rec.country_id else others
    candidates = (
        search(others, phrase, fold=False)
        .select_related("document", "mechanism", "country")
        .prefetch_related("recommending_states")
        .order_by("id")[:MAX_CANDIDATES]
    )
    found = []
    for other in candidates:
        other_norm = normalise(other.text)
        if other_norm == norm:
            found.append(SameText(other, True, 1.0))
            continue
        ratio = difflib.SequenceMatcher(None, norm, other_norm, autojunk=False).ratio()
        if ratio >= NEAR_RATIO:
            found.append(SameText(other, False, ratio))
    found.sort(
        key=lambda s: (
            s.recommendation.mechanism_id == rec.mechanism_id,
            not s.identical,
            str(s.recommendation.date or ""),
        )
    )
    return found[:limit]
