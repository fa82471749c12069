"""UPR Info database CSV export (pure Python, no Django).

The export (UPR Info, upr-info.org, as kept in ``rochelleterman/uprs``) is
Mac Roman text with CR-only line endings (classic Mac Excel) and 11 columns:
``To, To-Rgrp, To-Org, Text, From, From-Rgrp, From-Org, Response, Action, Issue,
Session``. One row per recommendation; the pledges file has
``Response = "Voluntary Pledge"``. A file re-saved as UTF-8 is read too.

There is no paragraph number (UPR Info strips it), so the natural key is a hash
of State under review, session, recommending State, normalised text and the
occurrence index of that combination in the file: the real exports hold exact
duplicate rows (6-9.csv: 1, 14-17.csv: 1, voluntary.csv: 2), which are distinct
records in UPR Info's database and must both be kept for the counts to match.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rightstrack.ingest.errors import ImportFailure, check_row
from rightstrack.ingest.parsers._text import (
    clean,
    decode_bytes,
    session_year,
    short_hash,
    unescape_percent_u,
    upr_cycle,
)
from rightstrack.ingest.parsers.countries import to_iso3
from rightstrack.ingest.parsers.tabular import csv_records

COLUMNS = (
    "To",
    "To-Rgrp",
    "To-Org",
    "Text",
    "From",
    "From-Rgrp",
    "From-Org",
    "Response",
    "Action",
    "Issue",
    "Session",
)
REQUIRED = ("To", "Text", "From", "Response", "Session")
PLEDGE = "Voluntary Pledge"
UNKNOWN_STATE = "(Unknown)"

#: UPR Info "Response" → RightsTrack position (UPR Info codes "Accepted"/"Noted",
#: the OHCHR terms since cycle 2 are "supported"/"noted").
POSITIONS = {"accepted": "supported", "noted": "noted", "supported": "supported"}


@dataclass(frozen=True)
class UprInfoRow:
    """One recommendation or pledge of the export.

    Attributes:
        row: 1-based row in the file (the header is row 1).
        key: natural key, ``upr-info:SVN:WG7:<16 hex>`` (pledges: ``upr-info-pledge:...``).
        to_iso3 / from_iso3: ISO3 of the State under review / recommending State.
        position: ``supported``, ``noted`` or ``""``; ``response`` as printed.
        action: UPR Info action category 1–5 or ``None``.
        issues: UPR Info issue labels, as printed.
    """

    row: int
    key: str
    to_name: str
    to_iso3: str
    from_name: str
    from_iso3: str | None
    text: str
    response: str
    position: str
    action: int | None
    issues: tuple[str, ...]
    session: int
    is_pledge: bool

    @property
    def cycle(self) -> int:
        return upr_cycle(self.session)

    @property
    def year(self) -> int | None:
        return session_year(self.session)


@dataclass(frozen=True)
class RejectedRow:
    """A row that cannot be stored (the rest of the file still is)."""

    row: int
    cell: str
    message: str


@dataclass
class UprInfoFile:
    rows: list[UprInfoRow] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)


def looks_like_upr_info(head: bytes) -> bool:
    """True when the first line is the UPR Info header (any encoding of ASCII)."""
    first = head.lstrip(b"\xef\xbb\xbf").split(b"\r", 1)[0].split(b"\n", 1)[0]
    names = [c.strip().strip(b'"') for c in first.split(b",")]
    return [n.decode("ascii", "replace") for n in names[:11]] == list(COLUMNS)


def document_key(iso3: str, session: int) -> str:
    """Synthetic document key: one per State and Working Group session (``upr-info:SVN:WG7``)."""
    return f"upr-info:{iso3}:WG{session}"


def parse_upr_info(path: Path) -> UprInfoFile:
    """Read a UPR Info CSV export.

    Raises:
        ImportFailure: wrong encoding (UTF-16, binary), missing columns, a cell
            over ``MAX_CELL_CHARS``, or no data rows.
    """
    text = decode_bytes(path.read_bytes(), path.name, fallback="mac_roman")
    reader = csv_records(text, path)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise ImportFailure(path, "the file is empty", row=1) from None
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportFailure(
            path,
            f"missing column(s) {', '.join(missing)}; a UPR Info export has the columns "
            f"{', '.join(COLUMNS)}",
            row=1,
        )
    index = {name: i for i, name in enumerate(header)}
    result = UprInfoFile()
    seen: Counter[tuple[str, int, str | None, str, bool]] = Counter()
    for rownum, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        check_row(path, values[: len(header)], header, row=rownum)

        def cell(name: str, values: list[str] = values) -> str:
            i = index.get(name)
            return values[i].strip() if i is not None and i < len(values) else ""

        parsed = _row(cell, rownum, result)
        if parsed is None:
            continue
        to_name, to_iso, from_name, from_iso, body, response, session = parsed
        is_pledge = response.casefold() == PLEDGE.casefold()
        combo = (to_iso, session, from_iso, body.casefold(), is_pledge)
        occurrence = seen[combo]
        seen[combo] += 1
        prefix = "upr-info-pledge" if is_pledge else "upr-info"
        digest = short_hash(to_iso, session, from_iso, body.casefold(), occurrence or "")
        action_raw = cell("Action")
        cleaned = (clean(i) for i in cell("Issue").split(","))
        issues = tuple(i for i in cleaned if i and i != "nan")
        result.rows.append(
            UprInfoRow(
                row=rownum,
                key=f"{prefix}:{to_iso}:WG{session}:{digest}",
                to_name=to_name,
                to_iso3=to_iso,
                from_name=from_name,
                from_iso3=from_iso,
                # The key above hashes the text as the source prints it, so records
                # imported before this repair keep their key; the stored text is repaired.
                text=unescape_percent_u(body),
                response=response,
                position=POSITIONS.get(response.casefold(), ""),
                action=int(action_raw) if action_raw.isdigit() else None,
                issues=issues,
                session=session,
                is_pledge=is_pledge,
            )
        )
    if not result.rows and not result.rejected:
        raise ImportFailure(path, "no data rows after the header", row=2)
    return result


@lru_cache(maxsize=1024)
def _iso3(name: str) -> str | None:
    """``to_iso3`` with a cache: 41,000 rows name fewer than 200 States."""
    return to_iso3(name)


def _row(
    get: Callable[[str], str], rownum: int, result: UprInfoFile
) -> tuple[str, str, str, str | None, str, str, int] | None:
    """Validate one row; append a :class:`RejectedRow` and return ``None`` when unusable."""
    to_name, from_name = get("To"), get("From")
    body = clean(get("Text"))
    response, session_raw = get("Response"), get("Session")
    for name, value in (("To", to_name), ("Text", body), ("Session", session_raw)):
        if not value:
            result.rejected.append(RejectedRow(rownum, name, f"empty {name!r}"))
            return None
    if not session_raw.isdigit():
        result.rejected.append(
            RejectedRow(rownum, "Session", f"session {session_raw!r} is not a number")
        )
        return None
    to_iso = _iso3(to_name)
    if to_iso is None:
        result.rejected.append(RejectedRow(rownum, "To", f"unknown State {to_name!r}"))
        return None
    from_name = html.unescape(from_name)
    # 9 rows of 1-5.csv (sessions 1-5) have From "&#40;Unknown&#41;": UPR Info did not
    # know the recommending State. They are real recommendations; keep them without one.
    known = from_name and from_name.casefold() != UNKNOWN_STATE.casefold()
    from_iso = _iso3(from_name) if known else None
    if known and from_iso is None:
        result.rejected.append(RejectedRow(rownum, "From", f"unknown State {from_name!r}"))
        return None
    return to_name, to_iso, from_name, from_iso, body, response, int(session_raw)
