"""Helpers shared by the sources that store paragraph-numbered recommendations."""

from __future__ import annotations

import datetime as dt
import re

from rightstrack.catalog.labels import sdg_codes
from rightstrack.catalog.models import Document
from rightstrack.ingest.registry import ImportContext
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
    """``YYYY-MM-DD`` (a time part is ignored) → date, else ``None``."""
    try:
        return dt.date.fromisoformat(value.strip()[:10]) if value.strip() else None
    except ValueError:
        return None


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
