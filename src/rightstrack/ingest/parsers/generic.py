"""Generic CSV/XLSX of recommendations kept by hand (pure Python).

The columns are documented in ``docs/import-generic.md``. Required: ``symbol``,
``paragraph``, ``country``, ``mechanism``, ``text``. Optional: ``date``,
``kind``, ``position``, ``recommending_states``, ``themes``,
``affected_persons``, ``sdgs``, ``visibility``. Header names ignore case,
spaces and underscores. Lists are separated by "|" or line breaks (not ";", which
some UHRI theme names contain).

The file is checked as a whole before anything is stored: one bad row fails
the import with the row and column named, so the person keeping the file can
fix it and import again (nothing half-imported).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rightstrack.ingest.errors import ImportFailure
from rightstrack.ingest.parsers._text import clean, iso_date
from rightstrack.ingest.parsers.countries import to_iso3
from rightstrack.ingest.parsers.tabular import Table, column_key, read_table

REQUIRED = ("symbol", "paragraph", "country", "mechanism", "text")
OPTIONAL = (
    "date",
    "kind",
    "position",
    "recommending_states",
    "themes",
    "affected_persons",
    "sdgs",
    "visibility",
)
KINDS = {"recommendation": "recommendation", "concern": "concern", "observation": "concern"}
POSITIONS = {
    "supported": "supported",
    "accepted": "supported",
    "noted": "noted",
    "pending": "pending",
    "": "",
    "none": "",
}
VISIBILITIES = {"public", "restricted"}
_SPLIT = re.compile(r"\s*(?:\||\n)\s*")


@dataclass(frozen=True)
class GenericRow:
    """One checked row (values normalised; ISO3 codes resolved)."""

    row: int
    symbol: str
    paragraph: str
    country_iso3: str
    mechanism: str
    text: str
    date: str
    kind: str
    position: str
    recommending_iso3: tuple[str, ...]
    themes: tuple[str, ...]
    affected_persons: tuple[str, ...]
    sdgs: tuple[str, ...]
    visibility: str
    upr_cycle: int | None = None
    upr_session: int | None = None
    source_id: str = ""
    language: str = "en"
    key_prefix: str = ""
    #: field → the column of the original sheet its value came from (mapped sheets).
    cells: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def key(self) -> str:
        """``symbol#paragraph``; for a row of a mapped sheet identified by the other
        tracker's own id, ``mapped:<mapping key>:<id>`` (``parsers/mapped.py``)."""
        if self.source_id and self.key_prefix:
            return f"{self.key_prefix}{self.source_id}"
        return f"{self.symbol}#{self.paragraph}"


def columns_look_generic(columns: list[str]) -> bool:
    keys = {column_key(c) for c in columns}
    return all(column_key(r) in keys for r in REQUIRED)


def columns_partly_generic(columns: list[str]) -> bool:
    """``symbol`` and ``text`` present (other required columns may be missing)."""
    keys = {column_key(c) for c in columns}
    return "symbol" in keys and "text" in keys and "annotationid" not in keys


def _split(value: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(clean(v) for v in _SPLIT.split(value) if clean(v)))


def parse_generic(path: Path) -> list[GenericRow]:
    """Read and check every row.

    Raises:
        ImportFailure: missing columns (row 1), an empty required cell, an unknown
            country/State, a bad date/kind/position/visibility (row and column
            named), two rows with the same symbol and paragraph, wrong encoding,
            corrupt XLSX, a huge cell.
    """
    table = read_table(path)
    index = table.index()
    missing = [c for c in REQUIRED if column_key(c) not in index]
    if missing:
        raise ImportFailure(
            path,
            f"missing required column(s) {', '.join(missing)} "
            f"(required: {', '.join(REQUIRED)}; see docs/import-generic.md)",
            row=1,
        )
    return check_rows(table, path)


def _number(value: str, fail: Callable[[str, str], ImportFailure], name: str) -> int | None:
    if not value:
        return None
    if not value.isdigit() or not 0 < int(value) < 10_000:
        raise fail(f"{name} {value!r} is not a whole number", name)
    return int(value)


def check_rows(
    table: Table,
    path: Path,
    *,
    cells: dict[str, str] | None = None,
    key_prefix: str = "",
    language: str = "en",
    origins: dict[int, dict[str, str]] | None = None,
) -> list[GenericRow]:
    """Check every row of a table in the generic columns (:data:`REQUIRED`, :data:`OPTIONAL`,
    and for mapped sheets ``upr_cycle``, ``upr_session``, ``source_id``).

    Args:
        table: the sheet, or a sheet rewritten by ``mapped.apply_mapping``.
        path: the file, for messages.
        cells: field → the column of the original sheet it came from, so that messages
            name the column the person sees (``'Réponse'``, not ``'position'``).
        key_prefix: for a mapped sheet, ``mapped:<mapping key>:``: a row with a
            ``source_id`` is identified by it and needs no symbol or paragraph.
        language: the language of the texts (ISO 639-1).
        origins: row → field → the one column its value came from, when a field is
            mapped to several columns (``mapped.MappedTable.origins``).

    Raises:
        ImportFailure: as :func:`parse_generic`, naming the row and column.
    """
    base_cells = cells or {}
    index = table.index()
    out: list[GenericRow] = []
    seen: dict[str, int] = {}
    for n, values in table.rows:
        cells = {**base_cells, **(origins or {}).get(n, {})}

        def get(name: str, values: list[str] = values) -> str:
            i = index.get(column_key(name))
            return values[i].strip() if i is not None and i < len(values) else ""

        def fail(
            message: str, cell: str, n: int = n, cells: dict[str, str] = cells
        ) -> ImportFailure:
            return ImportFailure(path, message, row=n, cell=cells.get(cell, cell))

        source_id = clean(get("source_id")) if key_prefix else ""
        for name in REQUIRED:
            if not get(name) and not (source_id and name in ("symbol", "paragraph")):
                raise fail(f"{name!r} is empty (required)", name)
        country = to_iso3(get("country"))
        if country is None:
            raise fail(f"unknown country {get('country')!r} (use ISO3 or the UN name)", "country")
        states = []
        for name in _split(get("recommending_states")):
            code = to_iso3(name)
            if code is None:
                raise fail(f"unknown State {name!r}", "recommending_states")
            states.append(code)
        date = iso_date(get("date"), path, row=n, cell=cells.get("date", "date"))
        kind = KINDS.get(get("kind").lower() or "recommendation")
        if kind is None:
            raise fail(f"kind {get('kind')!r} is not recommendation or concern", "kind")
        position = POSITIONS.get(get("position").lower())
        if position is None:
            raise fail(
                f"position {get('position')!r} is not supported, noted, pending or empty",
                "position",
            )
        visibility = get("visibility").lower() or "public"
        if visibility not in VISIBILITIES:
            raise fail(f"visibility {visibility!r} is not public or restricted", "visibility")
        row = GenericRow(
            row=n,
            symbol=clean(get("symbol")),
            paragraph=clean(get("paragraph")),
            country_iso3=country,
            mechanism=clean(get("mechanism")).upper(),
            text=get("text").replace("\r\n", "\n"),
            date=date,
            kind=kind,
            position=position,
            recommending_iso3=tuple(dict.fromkeys(states)),
            themes=_split(get("themes")),
            affected_persons=_split(get("affected_persons")),
            sdgs=_split(get("sdgs")),
            visibility=visibility,
            upr_cycle=_number(get("upr_cycle"), fail, "upr_cycle"),
            upr_session=_number(get("upr_session"), fail, "upr_session"),
            source_id=source_id,
            language=language,
            key_prefix=key_prefix,
            cells=cells,
        )
        if row.key in seen:
            what = (
                f"id {source_id!r}"
                if source_id
                else f"symbol {row.symbol!r} paragraph {row.paragraph!r}"
            )
            raise fail(
                f"{what} already on row {seen[row.key]}",
                "source_id" if source_id else "paragraph",
            )
        seen[row.key] = n
        out.append(row)
    if not out:
        raise ImportFailure(path, "no data rows after the header", row=2)
    return out
