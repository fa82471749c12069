"""Recommendation texts prepared for comparison (pure Python)."""

from __future__ import annotations

import re
import unicodedata

#: Final parentheses naming the recommending State(s), as printed in UPR reports and
#: thematic lists ("... (Maldives) (Portugal);"); they say who asked, not what.
_TRAILING_STATE = re.compile(r"(\s*\([^()]{2,80}\))+\s*[.;,]?\s*$")
#: A leading paragraph number ("140.7", "17 (a)", "a)") that some sources keep in the text.
_LEADING_NUMBER = re.compile(r"^\s*(\d+(\.\d+)*\.?|\(?[a-z]\))\s+")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def comparable(text: str) -> str:
    """``text`` lower-cased, without accents, punctuation, a leading paragraph number or
    the final "(Recommending State)" parentheses, words joined by single spaces.

    Args:
        text: a recommendation or any text to compare, in any language.

    Returns:
        The normalised text ("" for an empty one).

    >>> comparable("140.7 Ratify the OP-CAT (Maldives) (Chile);")
    'ratify the op cat'
    """
    text = _TRAILING_STATE.sub("", text or "")
    text = _LEADING_NUMBER.sub("", text)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", text.casefold()).strip()
