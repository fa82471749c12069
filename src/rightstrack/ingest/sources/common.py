"""Helpers shared by the sources that store paragraph-numbered recommendations."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

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
    labels: tuple[str, ...] | list[str],
    ref: Reference,
    ctx: ImportContext,
    row: int,
    cell: str | None = "sdgs",
) -> tuple[set[int], set[int]]:
    """Goal ids and target ids for SDG labels ("5 - GENDER EQUALITY", "5.2 - End ...").

    A label that names no known goal or target follows the import's policy
    (``ctx.unknown_labels``; see ``store.Reference.sdg``).

    Raises:
        ImportFailure: an unknown SDG value under the ``refuse`` or ``map`` policy.
    """
    goals: set[int] = set()
    targets: set[int] = set()
    for label in labels:
        found = ref.sdg(label, row=row, cell=cell)
        if found is None:
            continue
        kind, _, code = found.partition(":")
        if kind == "target":
            if (pk := ref.sdg_target(code)) is not None:
                targets.add(pk)
        elif (gpk := ref.sdg_goal(int(code))) is not None:
            goals.add(gpk)
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
    row: int | None = None,
) -> dict[str, set[int]]:
    """Ids for each of :data:`TAG_FIELDS` (the ``tags`` of a ``store.RecordRow``).

    Args:
        ref: the import's reference lookups.
        states_iso3: recommending States as ISO3 codes; unknown codes are dropped.
        themes / affected: theme and affected-persons values as printed; comma-joined
            values are split against the known labels and unknown ones follow the
            import's policy (``store.Reference.labels``).
        sdg_goals / sdg_targets: ids already resolved (e.g. by :func:`sdg_ids`).
        row: the record's row in the file, for messages about unknown labels.

    Raises:
        ImportFailure: an unknown label refused by the import's policy.
    """
    return {
        "recommending_states": {pk for c in states_iso3 if (pk := ref.country(c))},
        "themes": ref.themes(themes, row=row),
        "affected_groups": ref.affected_groups(affected, row=row),
        "sdg_goals": sdg_goals,
        "sdg_targets": sdg_targets,
    }
