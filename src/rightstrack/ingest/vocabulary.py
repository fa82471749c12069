"""Matching imported taxonomy values against the known vocabularies (no database access).

A theme, affected-persons or SDG value in an imported file is looked up in three steps:

1. **exact**, by the ``label_slug`` natural key (``catalog/labels.py``): case, accents,
   spacing, punctuation, "&"/"and" and "/" do not matter;
2. **comma-joined** values (``"Women, Children"``) are split *only against the known
   vocabulary*, longest label first (:meth:`Vocabulary.split`): a known label that itself
   holds a comma ("Judges, lawyers and prosecutors") stays whole, and consecutive pieces
   that match nothing stay together as one unknown remainder;
3. an **unknown** value (or remainder) gets the closest known labels
   (:meth:`Vocabulary.suggest`), and the import's policy decides (:data:`REFUSE`,
   :data:`MAP`, :data:`CREATE`; see ``store.Reference``).

Why rapidfuzz: a well-kept (MIT, C++ core, wheels for every platform), widely used
fuzzy string matcher whose scorers are documented (``fuzz.ratio`` is the normalised
Indel similarity; ``token_sort_ratio`` and ``token_set_ratio`` compare the words);
writing our own edit distance would be slower and less tested.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from rightstrack.catalog.labels import label_slug

#: Policies for an unknown value (``rightstrack import --unknown-labels``).
REFUSE = "refuse"
MAP = "map"
CREATE = "create"
POLICIES = (REFUSE, MAP, CREATE)
#: Lowest ``fuzz.ratio`` (0-100, normalised Indel similarity of the ``label_slug`` forms)
#: at which :data:`MAP` replaces an unknown value by a known label: a typo
#: ("Right to educaton" → "Right to education": 97; "Childrn" → "Children": 93), not a
#: different label ("Woman" → "Women": 80 is refused).
MAP_MIN_SCORE = 90
#: Lowest :func:`suggestion_score` (0-100) of a label shown as a suggestion.
SUGGEST_MIN_SCORE = 50
#: Suggestions shown with an unknown value.
SUGGESTIONS = 3


def _fuzzy_form(text: str) -> str:
    """The form the fuzzy scorers compare: the ``label_slug`` with spaces for hyphens."""
    return label_slug(text).replace("-", " ")


def suggestion_score(a: str, b: str, **_: Any) -> float:
    """How close two labels are for a suggestion (0-100): the mean of rapidfuzz's
    ``token_sort_ratio`` (word order ignored: "Women's rights" ~ "Rights of women and
    girls") and ``token_set_ratio`` (one label's words inside the other's: "Torture" ~
    "Prohibition of torture & cruel, inhuman or degrading treatment"). Either alone
    ranks poorly: the first misses contained labels, the second gives 100 to any label
    sharing one word."""
    return (fuzz.token_sort_ratio(a, b) + fuzz.token_set_ratio(a, b)) / 2


@dataclass(frozen=True)
class Suggestion:
    """A known label close to an unknown value: its key, display name and score (0-100)."""

    key: str
    name: str
    score: float


class Vocabulary:
    """Known labels of one vocabulary, keyed by their ``label_slug``.

    Args:
        names: slug → display name of every known label.
    """

    def __init__(self, names: dict[str, str]) -> None:
        self.names = dict(names)
        self._forms = {key: _fuzzy_form(name) for key, name in self.names.items()}

    def add(self, key: str, name: str) -> None:
        """Make ``name`` known under ``key`` (a label the import created or aliases)."""
        self.names[key] = name
        self._forms[key] = _fuzzy_form(name)

    def key(self, value: str) -> str | None:
        """The key of ``value`` when it is a known label (by ``label_slug``), else ``None``."""
        slug = label_slug(value)
        return slug if slug in self.names else None

    def split(self, value: str) -> list[tuple[str, bool]]:
        """``value`` as known labels and unknown remainders, in order.

        The whole value is tried first; then, for a comma-joined value, the longest run of
        comma-separated pieces that is a known label is taken at each position. Pieces that
        start no known label are joined back (with ", ") into one unknown remainder.

        Returns:
            ``[(text, known), ...]``: ``text`` is the key of a known label when ``known``,
            else the unknown remainder as printed (tidied of surrounding spaces). Empty
            pieces are dropped.

        Example: ``"Women's rights, Children"`` → ``[("Women's rights", False),
        ("children", True)]``.
        """
        value = value.strip()
        if not value:
            return []
        whole = self.key(value)
        if whole is not None or "," not in value:
            return [(whole, True)] if whole is not None else [(value, False)]
        pieces = [p.strip() for p in value.split(",")]
        out: list[tuple[str, bool]] = []
        pending: list[str] = []
        i = 0
        while i < len(pieces):
            found = self._longest_known(pieces, i)
            if found is None:
                if pieces[i]:
                    pending.append(pieces[i])
                i += 1
                continue
            if pending:
                out.append((", ".join(pending), False))
                pending = []
            out.append((found[0], True))
            i = found[1]
        if pending:
            out.append((", ".join(pending), False))
        return out

    def _longest_known(self, pieces: list[str], start: int) -> tuple[str, int] | None:
        """The key of the longest known label made of ``pieces[start:end]``, and ``end``."""
        for end in range(len(pieces), start, -1):
            found = self.key(", ".join(pieces[start:end]))
            if found is not None:
                return found, end
        return None

    def suggest(self, value: str, limit: int = SUGGESTIONS) -> list[Suggestion]:
        """Up to ``limit`` known labels closest to ``value``, best first.

        Ranked by :func:`suggestion_score` on the ``label_slug`` forms; labels scoring
        below :data:`SUGGEST_MIN_SCORE` are left out.
        """
        found = process.extract(
            _fuzzy_form(value),
            self._forms,
            scorer=suggestion_score,
            limit=limit,
            score_cutoff=SUGGEST_MIN_SCORE,
        )
        return [Suggestion(key, self.names[key], round(score, 1)) for _, score, key in found]

    def best_match(self, value: str, min_score: float = MAP_MIN_SCORE) -> Suggestion | None:
        """The known label the :data:`MAP` policy replaces ``value`` by, or ``None``.

        The label with the highest ``fuzz.ratio`` (normalised Indel similarity of the
        ``label_slug`` forms), when that is at least ``min_score``: a stricter score than
        the suggestions', so that only a misspelling is mapped, never a broader label.
        """
        found = process.extractOne(
            _fuzzy_form(value), self._forms, scorer=fuzz.ratio, score_cutoff=min_score
        )
        if found is None:
            return None
        _, score, key = found
        return Suggestion(key, self.names[key], round(score, 1))


def quoted(suggestions: Iterable[Suggestion]) -> str:
    """``'Right to education', 'Right to health'`` or ``"none"`` (for messages)."""
    names = [repr(s.name) for s in suggestions]
    return ", ".join(names) if names else "none"


#: Sources that are the authority for the theme and affected-persons vocabularies, and so
#: create a label they bring (reported as a warning) unless the import says otherwise.
#: ``catalog/data/SOURCES.md``: the labels of ``themes.csv`` and ``affected_groups.csv``
#: are those of the UHRI records (OHCHR's Universal Human Rights Index, source tag
#: ``uhri``) and of OHCHR's UPR thematic lists (``thematic-cycle3``/``-cycle4``), which
#: print UHRI labels. A label they bring that the reference files lack is a new UHRI
#: label, not a typo: refusing it would make the next UHRI export unimportable. Every
#: other source (above all hand-kept tables, where a new label is most likely a typo or a
#: comma-joined list) refuses by default.
AUTHORITIES = frozenset({"uhri-json", "uhri-xlsx", "ohchr-thematic-list"})


def default_policy(source_name: str) -> str:
    """The policy of an import that names none: :data:`CREATE` for the
    :data:`AUTHORITIES`, else :data:`REFUSE`."""
    return CREATE if source_name in AUTHORITIES else REFUSE
