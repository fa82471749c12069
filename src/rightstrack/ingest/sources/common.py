"""Helpers shared by the sources that store paragraph-numbered recommendations."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from rightstrack.catalog.labels import sdg_codes
from rightstrack.catalog.models import Document
from rightstrack.ingest.importers import ImportContext
from rightstrack.ingest.store import Reference

_CO = re.compile(r"/CO/", re.I)
_WG = re.compile(r"^A/HRC/\d+/\d+$")


def guess_doc_type(symbol: str, mechanism_code: str) -> str:
    """Document type from a symbol: ``…/CO/…`` concluding observations, ``A/HRC/n/n``
    of the UPR a WG report, ``…/Add.1`` of a WG report an addendum; else "other"."""
    if _CO.search(symbol):
        return Document.Type.CONCLUDING_OBSERVATIONS
    if mechanism_code == "UPR" and _WG.match(symbol):
        return Document.Type.UPR_WG_REPORT
    if mechanism_code == "UPR" and re.match(r"^A/HRC/\d+/\d+/Add\.\d+$", symbol):
        return Document.Type.UPR_ADDENDUM
    return Document.Type.OTHER


def parse_date(value: str) -> dt.date | None:
    """A parser's ``YYYY-MM-DD`` (checked by ``parsers._text.iso_date``) → date; ``""`` → ``None``.

    Raises:
        ValueError: not a real date. The parsers refuse such a file with the row and
            column named; a date reaching here unchecked is a bug, never a NULL date.
    """
    return dt.date.fromisoformat(value.strip()[:10]) if value.strip() else None


def sdg_ids(
    labels: tuple[str, ...] | list[str], ref: Reference, ctx: ImportContext, row: int
) -> tuple[set[int], set[int]]:
    """Goal ids and target ids for SDG labels ("5 - GENDER EQUALITY", "5.2 - End ...")."""
    goals: set[int] = set()
    targets: set[int] = set()
    for label in labels:
        goal, target = sdg_codes(label)
        if target:
            pk = ref.sdg_target(target)
            if pk is None:
                ctx.warn(f"unknown SDG target {label!r} dropped", row=row)
            else:
                targets.add(pk)
        elif goal:
            gpk = ref.sdg_goal(goal)
            if gpk is not None:
                goals.add(gpk)
        else:
            ctx.warn(f"not an SDG: {label!r}", row=row)
    return goals, targets


#: The many-to-many tag fields of a ``Recommendation`` set by the table and list importers.
TAG_FIELDS = ("recommending_states", "themes", "affected_groups", "sdg_goals", "sdg_targets")


def recommendation_tags(
    ref: Reference,
    *,
    states_iso3: Iterable[str],
    themes: Iterable[str],
    affected: Iterable[str],
    sdg_goals: set[int],
    sdg_targets: set[int],
) -> dict[str, set[int]]:
    """Ids for each of :data:`TAG_FIELDS` (the ``tags`` of a ``store.RecordRow``).

    Args:
        ref: the import's reference lookups.
        states_iso3: recommending States as ISO3 codes; unknown codes are dropped.
        themes / affected: theme and affected-group labels (created when new, see
            ``Reference.theme``).
        sdg_goals / sdg_targets: ids already resolved (e.g. by :func:`sdg_ids`).
    """
    return {
        "recommending_states": {pk for c in states_iso3 if (pk := ref.country(c))},
        "themes": {ref.theme(t) for t in themes},
        "affected_groups": {ref.affected_group(a) for a in affected},
        "sdg_goals": sdg_goals,
        "sdg_targets": sdg_targets,
    }
