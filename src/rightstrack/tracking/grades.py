"""Committee follow-up grades: native labels mapped to one ordinal (pure Python, no Django).

Treaty bodies grade the State's follow-up replies on their own scales and never
adopted a common one (the Secretariat note HRI/MC/2017/4 compares their practices
without unifying them). We keep the label as printed
(``Grade.native``) and map it to ONE ordinal on a five-step scale for
comparison and charts:

====  =======  ==================================================================
 ord  letter   meaning (CCPR current scale, CCPR/C/141/2 and CCPR/C/128/3)
====  =======  ==================================================================
  5     A      reply/action largely satisfactory
  4     B      partially satisfactory
  3     C      not satisfactory (reply received, not relevant / not implementing)
  2     D      no cooperation / no reply
  1     E      information or measures contrary to, or rejecting, the recommendation
====  =======  ==================================================================

Higher is better: the same direction as the RolandCCPR tracker's per-State
``score`` (``raw/ccpr-followup-rolandccpr``: Uzbekistan, grades B, C, C, C,
score 3.25 = (4 + 3 + 3 + 3) / 4).

Scales (``SCALES``) and how their labels map:

* ``ccpr`` — current CCPR scale A–E (used since 2020; CCPR/C/141/2 of 2024
  prints it): A→5, B→4, C→3, D→2, E→1.
* ``ccpr_legacy`` — CCPR 2008–2017 (CCPR Centre, Overview of the follow-up
  procedure): A, B1, B2, C1, C2, D1, D2, E. Sub-levels map to their letter
  (B1/B2 → B, C1/C2 → C, D1/D2 → D).
* ``ced_2016`` — CED 2016 and 2018 (CED/C/11/2, CED/C/15/2): A, B1, B2, C1, C2,
  C3, D, E; C has three sub-levels, one of them "no reply on a specific matter";
  sub-levels map to their letter, so that C3 stays a C as CED printed it.
* ``ced_2022`` — CED from 2022 (CED/C/22/4): A, B, C and D, where D means "no
  reply regarding a recommendation" (→2, like CCPR's D).
* ``ccpr_pre2008`` — verbal grades before 2008 and the 2009 variant:
  satisfactory / complete → 5, partially satisfactory / partially incomplete → 4,
  incomplete → 3 (an approximation: these words have no E or D).

Ranges ("C2 to D1", "C1-C2", "B/C") are kept: ``low``/``high`` are the
ordinals of the two ends and ``ordinal`` is the *worse* end, so a chart never
shows more progress than the Committee stated. Brackets as printed in the
evaluations ("[B]") are accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "LETTERS",
    "SCALES",
    "Grade",
    "GradeError",
    "letter_for",
    "level_for",
    "parse_grade",
]


def gettext_noop(message: str) -> str:
    """Mark ``message`` for the translation catalogues (``makemessages`` looks for this
    name) and return it unchanged: this module stays free of Django. Pages and reports
    translate a meaning where they show it (``gettext(meaning)``)."""
    return message


#: Ordinal → letter of the current CCPR scale (for chart axes).
LETTERS: dict[int, str] = {5: "A", 4: "B", 3: "C", 2: "D", 1: "E"}

_LETTER_ORDINAL = {letter: n for n, letter in LETTERS.items()}

#: scale → {normalised label: meaning as the source words it}.
SCALES: dict[str, dict[str, str]] = {
    "ccpr": {
        "A": gettext_noop("Reply/action largely satisfactory"),
        "B": gettext_noop("Reply/action partially satisfactory"),
        "C": gettext_noop("Reply/action not satisfactory"),
        "D": gettext_noop("No cooperation with the Committee"),
        "E": gettext_noop(
            "Information or measures taken are contrary to or reflect rejection of the "
            "recommendation"
        ),
    },
    "ccpr_legacy": {
        "A": gettext_noop("Reply largely satisfactory"),
        "B1": gettext_noop("Substantive action taken, but additional information required"),
        "B2": gettext_noop(
            "Initial action taken, but additional information and measures required"
        ),
        "C1": gettext_noop("Reply received but actions taken do not implement the recommendation"),
        "C2": gettext_noop("Reply received but not relevant to the recommendation"),
        "D1": gettext_noop("No reply within the deadline, or no reply to a specific question"),
        "D2": gettext_noop("No reply received after reminder(s)"),
        "E": gettext_noop("Measures taken contrary to the recommendation"),
    },
    "ced_2016": {
        "A": gettext_noop("Satisfactory"),
        "B1": gettext_noop("Partially satisfactory: substantive action taken"),
        "B2": gettext_noop("Partially satisfactory: initial action taken"),
        "C1": gettext_noop(
            "Not satisfactory: reply received, action does not implement the recommendation"
        ),
        "C2": gettext_noop("Not satisfactory: reply not relevant"),
        "C3": gettext_noop("Not satisfactory: no reply on a specific matter"),
        "D": gettext_noop("No reply after reminder(s)"),
        "E": gettext_noop("Measures contrary to the recommendation"),
    },
    "ced_2022": {
        "A": gettext_noop("Satisfactory"),
        "B": gettext_noop("Partially satisfactory"),
        "C": gettext_noop("Not satisfactory"),
        "D": gettext_noop("No reply regarding a recommendation"),
    },
    "ccpr_pre2008": {
        "SATISFACTORY": gettext_noop("Satisfactory"),
        "PARTIALLY SATISFACTORY": gettext_noop("Partially satisfactory"),
        "INCOMPLETE": gettext_noop("Incomplete"),
        "COMPLETE": gettext_noop("Complete (2009 variant)"),
        "PARTIALLY INCOMPLETE": gettext_noop("Partially incomplete (2009 variant)"),
    },
}

_WORD_ORDINAL = {
    "SATISFACTORY": 5,
    "COMPLETE": 5,
    "PARTIALLY SATISFACTORY": 4,
    "PARTIALLY INCOMPLETE": 4,
    "INCOMPLETE": 3,
}

#: Order in which a scale is guessed when none is given (``ced_2022`` is never
#: guessed: its labels are those of ``ccpr``; pass it explicitly).
_GUESS_ORDER = ("ccpr", "ccpr_legacy", "ced_2016", "ccpr_pre2008")

_GRADE_RE = r"(?:[A-Ea-e][1-3]?|(?:partially\s+)?(?:satisfactory|incomplete|complete))"
_RANGE = re.compile(
    rf"^\s*({_GRADE_RE})\s*(?:to|-|–|—|/|or)\s*({_GRADE_RE})\s*$",
    re.IGNORECASE,
)
_SINGLE = re.compile(rf"^\s*({_GRADE_RE})\s*$", re.IGNORECASE)


class GradeError(ValueError):
    """A label that is no grade of the given (or any known) scale (a ``ValueError``).

    Raised by :func:`parse_grade` (empty, unknown or mixed labels, unknown scale) and
    :func:`letter_for` (ordinal outside 1-5); the message names the offending value.
    """


@dataclass(frozen=True)
class Grade:
    """A committee grade.

    Attributes:
        native: the label as printed, stripped ("[B]", "C2 to D1").
        scale: key of :data:`SCALES` ("ccpr", "ccpr_legacy", "ced_2016"...).
        low: ordinal (1-5) of the worse end; equals ``high`` for a single grade.
        high: ordinal (1-5) of the better end.
        ordinal: the ONE ordinal used for comparison and charts (= ``low``).
        labels: the normalised label(s) of the end(s), e.g. ``("C2", "D1")``.
    """

    native: str
    scale: str
    low: int
    high: int
    ordinal: int
    labels: tuple[str, ...] = ()

    @property
    def is_range(self) -> bool:
        """True for "C2 to D1"-style labels (two distinct ends)."""
        return len(self.labels) > 1

    @property
    def letter(self) -> str:
        """Letter of :attr:`ordinal` on the current CCPR scale ("A".."E")."""
        return LETTERS[self.ordinal]

    @property
    def meanings(self) -> tuple[str, ...]:
        """What each end means on its scale (English, as the source words it)."""
        return tuple(SCALES[self.scale][label] for label in self.labels)


#: Ordinal → implementation level (``tracking.models.Level`` values) implied by a grade:
#: A largely satisfactory → implemented, B → partially implemented, C → not implemented,
#: D (no reply) → no level, E → measures contrary.
LEVELS: dict[int, str] = {
    5: "implemented",
    4: "partial",
    3: "not_implemented",
    2: "",
    1: "contrary",
}


def level_for(grade: Grade) -> str:
    """The implementation level implied by ``grade`` (its :attr:`Grade.ordinal`; "" for D)."""
    return LEVELS[grade.ordinal]


def letter_for(ordinal: int) -> str:
    """The current-scale letter of an ordinal (5 → "A" ... 1 → "E").

    Raises:
        GradeError: ``ordinal`` outside 1-5.
    """
    try:
        return LETTERS[ordinal]
    except KeyError:
        raise GradeError(f"no grade has ordinal {ordinal!r} (1-5)") from None


def _normalise(token: str) -> str:
    return " ".join(token.upper().split())


def _ordinal(label: str) -> int:
    if label in _WORD_ORDINAL:
        return _WORD_ORDINAL[label]
    return _LETTER_ORDINAL[label[0]]


def _tokens(label: str) -> tuple[str, ...]:
    text = label.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    if match := _SINGLE.match(text):
        return (_normalise(match.group(1)),)
    if match := _RANGE.match(text):
        first, second = _normalise(match.group(1)), _normalise(match.group(2))
        return (first,) if first == second else (first, second)
    raise GradeError(
        f"unknown grade label {label!r}: expected a grade such as A-E, B1, C2, "
        "a range such as 'C2 to D1' or 'C1-C2', or a bracketed grade such as '[B]'"
    )


def parse_grade(label: str, scale: str | None = None) -> Grade:
    """Parse a committee grade as printed.

    Args:
        label: "B", "[B]", "b2", "C2 to D1", "C1-C2", "partially satisfactory"...
        scale: a key of :data:`SCALES`, or ``None`` to guess the first scale
            (ccpr, ccpr_legacy, ced_2016, ccpr_pre2008) that has every label.

    Returns:
        A :class:`Grade`; for a range, ``ordinal`` is the worse end.

    Raises:
        GradeError: empty or unknown label, unknown scale, or a label that is
            not on the given scale (e.g. "B1" on ``ccpr``).
    """
    if scale is not None and scale not in SCALES:
        raise GradeError(f"unknown grade scale {scale!r}; known: {', '.join(SCALES)}")
    if not label or not label.strip():
        raise GradeError("empty grade label")
    labels = _tokens(label)
    if scale is None:
        scale = next((s for s in _GUESS_ORDER if all(t in SCALES[s] for t in labels)), None)
        if scale is None:
            raise GradeError(f"grade label {label!r} mixes labels of different scales")
    missing = [t for t in labels if t not in SCALES[scale]]
    if missing:
        known = ", ".join(SCALES[scale])
        raise GradeError(
            f"grade {missing[0]!r} (in {label!r}) is not on the {scale} scale; known: {known}"
        )
    ordinals = [_ordinal(t) for t in labels]
    low, high = min(ordinals), max(ordinals)
    return Grade(native=label.strip(), scale=scale, low=low, high=high, ordinal=low, labels=labels)
