"""Match taxonomy labels as printed in sources to the seeded reference rows.

Pure functions (no database, no settings), shared by the importers and by
``catalog/reference.py``:

* ``label_slug("Equality & non-discrimination")`` -> ``"equality-and-non-discrimination"``:
  the natural key of a ``Theme`` or ``AffectedGroup``. "&" and "and", case,
  spacing and "/" do not matter, so UHRI, OHCHR thematic lists and IMPACT OSS
  spellings of one label meet on one row.
* ``upr_issue_slug("NHRI")`` -> ``"national-human-rights-institution"``: the
  ``UprIssue`` slug for a UPR Info label, including the older spellings of the
  2008-2014 database export.
* ``sdg_codes("16.7 - Responsive, inclusive...")`` -> ``(16, "16.7")``.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources

from django.utils.text import slugify

__all__ = ["label_slug", "sdg_codes", "tidy_label", "upr_issue_slug"]

_SDG = re.compile(r"\s*(?:SDG\s*|Goal\s+)?(\d{1,2})(?:\.([0-9]{1,2}|[a-z]))?(?![0-9.])", re.I)


def tidy_label(label: str) -> str:
    """Collapse spaces (including no-break spaces), NFC, and capitalise the first letter.

    UHRI records print " Participation of women in political & public life\\xa0"
    and cycle 3 thematic lists print "girls"; both are tidied for display.
    """
    text = " ".join(unicodedata.normalize("NFC", label).split())
    return text[:1].upper() + text[1:]


def label_slug(label: str) -> str:
    """Natural key of a theme or affected-persons label ("&" = "and", "/" = space)."""
    return slugify(tidy_label(label).replace("&", " and ").replace("/", " "))


@cache
def _upr_issue_index() -> dict[str, str]:
    text = resources.files("rightstrack.catalog").joinpath("data", "upr_issues.csv")
    index: dict[str, str] = {}
    for row in csv.DictReader(io.StringIO(text.read_text(encoding="utf-8"))):
        for name in (row["name"], *filter(None, row["aliases"].split("|"))):
            index[slugify(name)] = row["slug"]
    return index


@lru_cache(maxsize=4096)  # 41,000 UPR Info rows repeat fewer than 100 labels
def upr_issue_slug(label: str) -> str | None:
    """Slug of the ``UprIssue`` for a UPR Info issue label, or ``None`` if unknown.

    Knows the 56 current labels (HURIDOCS ``UPR_issues_label.vocab``), the
    legacy "National plan of action", and the 2008-2014 export spellings "NHRI",
    "Right to water", "Detention conditions", "Technical assistance".
    """
    return _upr_issue_index().get(slugify(label.strip()))


def sdg_codes(label: str) -> tuple[int | None, str | None]:
    """Goal number and target code in an SDG label, as UHRI and OHCHR print them.

    ``"16 - PEACE, JUSTICE AND STRONG INSTITUTIONS"`` -> ``(16, None)``;
    ``"5.a - Equal rights to economic resources"`` -> ``(5, "5.a")``;
    ``"SDG 3"`` -> ``(3, None)``; no number or a goal outside 1-17 -> ``(None, None)``.
    """
    match = _SDG.match(label)
    if match is None or not 1 <= int(match[1]) <= 17:
        return None, None
    goal = int(match[1])
    return goal, (f"{goal}.{match[2].lower()}" if match[2] else None)
