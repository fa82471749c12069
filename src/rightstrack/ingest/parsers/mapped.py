"""A spreadsheet of any layout read through a saved column mapping (pure Python).

A *column mapping* (``ingest.models.ColumnMapping``; ``docs/import-generic.md``, section
*Saved column mappings*) says, for each RightsTrack field, which column(s) of another
tracker's sheet hold it, a fixed value for fields the sheet does not have ("UPR" for
every row), how the sheet's own words translate ("Acceptée" → ``supported``), how its
dates are written (``%d/%m/%Y``), how its lists are separated and the language of its
texts. :func:`apply_mapping` turns such a sheet into the table of the generic format
(``parsers/generic.py``), whose checks then apply unchanged: the generic CSV/XLSX is the
mapping that takes every field from the column of the same name.

Rules:

* a single-valued field takes the first *non-empty* of its columns, in the order given
  (``mechanism`` ← ``IdOrgane`` then ``Mecanisme``); a list field (recommending States,
  themes, affected persons, SDGs) joins the values of all its columns;
* value maps apply to the cell as printed, then to its case-folded, space-collapsed form;
  a value with no entry is kept as printed (so ``supported`` needs no entry), and the
  generic checks refuse what is still not a RightsTrack value, naming the sheet's column;
* list items are split on ``|`` and line breaks (as in the generic format) and on the
  mapping's own separator; theme and affected-persons items split on that separator are
  joined back with commas so that a label which contains the separator ("Children:
  definition; general principles; protection") is still matched whole by the vocabulary
  (``vocabulary.Vocabulary.split``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rightstrack.ingest.errors import ImportFailure
from rightstrack.ingest.parsers._text import clean
from rightstrack.ingest.parsers.tabular import Table, column_key

#: Single-valued RightsTrack fields a column may be mapped to, in form order.
SINGLE_FIELDS = (
    "symbol",
    "paragraph",
    "text",
    "mechanism",
    "country",
    "date",
    "kind",
    "position",
    "upr_cycle",
    "upr_session",
    "source_id",
    "visibility",
)
#: List fields: the values of every mapped column are joined.
LIST_FIELDS = ("recommending_states", "themes", "affected_persons", "sdgs")
#: Every mappable field.
FIELDS = SINGLE_FIELDS + LIST_FIELDS
#: List fields whose items are labels matched against the vocabularies (see module doc).
LABEL_FIELDS = ("themes", "affected_persons")
#: Separators a mapping may declare for lists, besides ``|`` and line breaks.
LIST_SEPARATORS = ("", ";", ",", "/")

_ITEM_SPLIT = re.compile(r"\s*(?:\||\n)\s*")
_SPACES = re.compile(r"\s+")
_KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


def value_key(value: str) -> str:
    """A value-map key: case-folded, spaces collapsed ("  Acceptée " → "acceptée")."""
    return _SPACES.sub(" ", value).strip().casefold()


@dataclass(frozen=True)
class MappingSpec:
    """What a saved column mapping says, as plain data.

    Attributes:
        name: the mapping's name (for messages).
        key: its stable slug (letters, digits, ``-``), part of the natural key of records
            identified by ``source_id``: ``mapped:<key>:<source id>``.
        columns: field → the sheet's column headers, as printed (first non-empty wins for
            single fields; all are joined for lists).
        constants: field → a fixed value for every row (used when no column gives one).
        value_maps: field → {the sheet's value: the RightsTrack value}; keys are compared
            with :func:`value_key`.
        date_format: ``strptime`` format of text dates (``%d/%m/%Y``); ``""``: ISO dates
            (``YYYY-MM-DD``) and XLSX date cells.
        list_separator: one of :data:`LIST_SEPARATORS`.
        language: ISO 639-1 code of the texts (``fr``), stored on each recommendation.
    """

    name: str
    key: str
    columns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    constants: Mapping[str, str] = field(default_factory=dict)
    value_maps: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    date_format: str = ""
    list_separator: str = ""
    language: str = "en"

    def problems(self) -> list[str]:
        """What makes this mapping unusable, in words (``[]`` when none)."""
        out = []
        if not _KEY.match(self.key):
            out.append(f"key {self.key!r} must be lower-case letters, digits and '-'")
        unknown = sorted(set(self.columns) | set(self.constants) | set(self.value_maps))
        unknown = [f for f in unknown if f not in FIELDS]
        if unknown:
            out.append(f"unknown field(s) {', '.join(unknown)}")
        given = {f for f, cols in self.columns.items() if cols} | {
            f for f, v in self.constants.items() if v.strip()
        }
        for name in ("text", "country", "mechanism"):
            if name not in given:
                out.append(f"no column or fixed value for {name!r}")
        if "source_id" not in given and not {"symbol", "paragraph"} <= given:
            out.append("records need an identity: map 'symbol' and 'paragraph', or 'source_id'")
        if self.list_separator not in LIST_SEPARATORS:
            out.append(f"list separator {self.list_separator!r} is not one of {LIST_SEPARATORS}")
        if self.date_format and "%" not in self.date_format:
            out.append(f"date format {self.date_format!r} has no strptime directive (%d, %m, %Y)")
        return out

    def mapped_headers(self) -> set[str]:
        """``column_key`` of every column the mapping reads."""
        return {column_key(h) for cols in self.columns.values() for h in cols}


@dataclass(frozen=True)
class MappedTable:
    """The sheet rewritten in the generic format's columns.

    Attributes:
        table: header = field names of :data:`FIELDS`; rows keep the sheet's row numbers.
        cells: field → the sheet's column(s) it came from ("Réponse"), for messages.
        origins: row → field → the one column a single field's value was taken from, for
            a field mapped to several columns (``IdOrgane`` or ``Mecanisme``).
    """

    table: Table
    cells: dict[str, str]
    origins: dict[int, dict[str, str]] = field(default_factory=dict)


def _lookup(spec: MappingSpec, name: str, value: str) -> str:
    table = spec.value_maps.get(name)
    if not table or not value:
        return value
    if value in table:
        return table[value]
    folded = {value_key(k): v for k, v in table.items()}
    return folded.get(value_key(value), value)


def _items(spec: MappingSpec, name: str, value: str) -> list[str]:
    out: list[str] = []
    for part in _ITEM_SPLIT.split(value):
        pieces = [part]
        if spec.list_separator and name not in LABEL_FIELDS:
            pieces = part.split(spec.list_separator)
        elif spec.list_separator and spec.list_separator != ",":
            pieces = [", ".join(p.strip() for p in part.split(spec.list_separator))]
        for piece in pieces:
            if clean(piece):
                mapped = _lookup(spec, name, clean(piece))
                out.extend(_ITEM_SPLIT.split(mapped) if mapped else [])
    return [v for v in out if v]


def _date(spec: MappingSpec, value: str, path: Path, row: int, cell: str) -> str:
    if not spec.date_format or not value or re.match(r"^\d{4}-\d{2}-\d{2}$", value):
        return value
    try:
        return dt.datetime.strptime(value, spec.date_format).date().isoformat()  # noqa: DTZ007 (a calendar date)
    except ValueError:
        raise ImportFailure(
            path,
            f"date {value!r} does not match the mapping's date format {spec.date_format!r}",
            row=row,
            cell=cell,
        ) from None


def apply_mapping(table: Table, spec: MappingSpec, path: Path) -> MappedTable:
    """Rewrite ``table`` (a sheet read by ``tabular.read_table``) through ``spec``.

    Returns:
        A :class:`MappedTable` for ``generic.check_rows``.

    Raises:
        ImportFailure: the mapping is unusable (row 1, with every problem named); a
            mapped column is not in the sheet (row 1, naming the column and the columns
            found); a date that does not match the mapping's date format (row and
            column named).
    """
    problems = spec.problems()
    if problems:
        raise ImportFailure(path, f"column mapping {spec.name!r}: {'; '.join(problems)}", row=1)
    index = table.index()
    missing = [h for cols in spec.columns.values() for h in cols if column_key(h) not in index]
    if missing:
        found = ", ".join(repr(h) for h in table.header if h)
        raise ImportFailure(
            path,
            f"column(s) {', '.join(repr(h) for h in dict.fromkeys(missing))} of mapping "
            f"{spec.name!r} not in this sheet (columns found: {found})",
            row=1,
        )
    cells = {name: " + ".join(cols) for name, cols in spec.columns.items() if cols}
    header = list(FIELDS)
    rows: list[tuple[int, list[str]]] = []
    origins: dict[int, dict[str, str]] = {}
    for n, values in table.rows:

        def cell(h: str, values: list[str] = values) -> str:
            i = index[column_key(h)]
            return values[i].strip() if i < len(values) else ""

        out: list[str] = []
        for name in FIELDS:
            columns = spec.columns.get(name, ())
            constant = spec.constants.get(name, "").strip()
            if name in LIST_FIELDS:
                items = [i for h in columns for i in _items(spec, name, cell(h))]
                if not items and constant:
                    items = _items(spec, name, constant)
                out.append("|".join(dict.fromkeys(items)))
                continue
            chosen, where = "", cells.get(name, name)
            for h in columns:
                if cell(h):
                    chosen, where = cell(h), h
                    if len(columns) > 1:
                        origins.setdefault(n, {})[name] = h
                    break
            chosen = _lookup(spec, name, chosen or constant)
            if name == "date":
                chosen = _date(spec, chosen, path, n, where)
            out.append(chosen)
        rows.append((n, out))
    return MappedTable(Table(header, rows), cells, origins)


def propose_columns(headers: list[str]) -> dict[str, tuple[str, ...]]:
    """A first guess for a new mapping: each field mapped to the column of the same name
    (ignoring case, spaces and underscores), as the generic format reads them."""
    by_key = {column_key(h): h for h in reversed(headers) if h}
    return {name: (by_key[column_key(name)],) for name in FIELDS if column_key(name) in by_key}
