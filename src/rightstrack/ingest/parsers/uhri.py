"""UHRI (Universal Human Rights Index) records: JSON and the Excel export (pure Python).

Two shapes of the same record are read:

* JSON as normalised in ``worldwidelaw/legal-sources`` (one object per file or a
  list): ``_id, text, date, symbol, body, annotation_type, countries, themes,
  sdgs, affected_persons, upr_cycle, upr_recommending_country``; the raw bulk
  export names (``AnnotationId, Text, Symbol, Body, Countries, Themes, Sdgs,
  AnnotationType, PublicationDate``) are accepted too;
* XLSX/CSV with the export's columns (``README_source.md``: AnnotationId, Text,
  Symbol, Body, Countries, Themes, Sdgs, AnnotationType, PublicationDate; plus
  optional AffectedPersons, UprCycle, UprRecommendingCountry). Several values
  in one cell are separated by "|" or line breaks (not ";": the UHRI theme
"Children: definition; general principles; protection" contains semicolons).

The record text starts with the heading it sits under, then the paragraph
number: ``"Domestic application of the Covenant\\n7. Reiterating..."``; the
number is taken as the paragraph and the heading as the section.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rightstrack.ingest.errors import ImportFailure, check_cell
from rightstrack.ingest.parsers._text import clean, iso_date
from rightstrack.ingest.parsers.countries import to_iso3
from rightstrack.ingest.parsers.json_fields import check_record
from rightstrack.ingest.parsers.tabular import column_key, read_table

#: column_key of each field → accepted spellings (JSON keys and export headers).
FIELDS = {
    "id": ("id", "annotationid"),
    "text": ("text",),
    "symbol": ("symbol",),
    "body": ("body",),
    "annotation_type": ("annotationtype",),
    "countries": ("countries", "country"),
    "themes": ("themes",),
    "sdgs": ("sdgs",),
    "affected_persons": ("affectedpersons",),
    "date": ("date", "publicationdate"),
    "upr_cycle": ("uprcycle",),
    "upr_recommending": ("uprrecommendingcountry", "uprrecommendingcountries"),
}
REQUIRED = ("id", "text", "symbol", "body")
#: JSON types each field may hold (:data:`~rightstrack.ingest.parsers.json_fields.KINDS`):
#: the worldwidelaw records hold strings, lists of strings and ``null``; the raw
#: export separates several values with "|" in one string; ids may be numbers.
JSON_TYPES: dict[str, tuple[str, ...]] = {
    "id": ("a string", "a whole number"),
    "text": ("a string",),
    "symbol": ("a string",),
    "body": ("a string",),
    "annotation_type": ("a string", "null"),
    "countries": ("a list of strings", "a string", "null"),
    "themes": ("a list of strings", "a string", "null"),
    "sdgs": ("a list of strings", "a string", "null"),
    "affected_persons": ("a list of strings", "a string", "null"),
    "date": ("a string", "null"),
    "upr_cycle": ("a whole number", "a string", "null"),
    "upr_recommending": ("a list of strings", "a string", "null"),
}
_FIELD_OF_KEY = {alias: field for field, aliases in FIELDS.items() for alias in aliases}
_PARA = re.compile(r"^\s*(\d{1,3})\s*\.\s*(?=\S)")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_SPLIT = re.compile(r"\s*(?:\||\n)\s*")


@dataclass(frozen=True)
class UhriRecord:
    """One UHRI annotation.

    Attributes:
        row: 1-based record number in the file (XLSX/CSV: spreadsheet row).
        uhri_id: the AnnotationId.
        paragraph: number printed at the start of the text ("7"), or "".
        section: the heading line before it, or "".
        text: the paragraph text without heading and number.
        kind: ``recommendation`` or ``concern`` (from AnnotationType).
        country_iso3: the first country that resolves, or ``None``.
        date: ``YYYY-MM-DD`` or "".
    """

    row: int
    uhri_id: str
    symbol: str
    body: str
    annotation_type: str
    kind: str
    paragraph: str
    section: str
    text: str
    countries: tuple[str, ...]
    country_iso3: str | None
    themes: tuple[str, ...]
    sdgs: tuple[str, ...]
    affected_persons: tuple[str, ...]
    date: str
    upr_cycle: int | None
    upr_recommending: tuple[str, ...]
    upr_recommending_iso3: tuple[str, ...]


def json_looks_like_uhri(head: bytes) -> bool:
    """A JSON object or list whose start names UHRI fields. Never raises."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text.startswith((b"{", b"[")):
        return False
    lower = text.lower()
    return (b'"annotation_type"' in lower or b'"annotationtype"' in lower) and (
        b'"symbol"' in lower
    )


def columns_look_like_uhri(columns: list[str]) -> bool:
    keys = {column_key(c) for c in columns}
    return "annotationid" in keys and "symbol" in keys and "text" in keys


def _as_list(value: Any) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    items = [str(v) for v in value] if isinstance(value, list) else _SPLIT.split(str(value))
    return tuple(dict.fromkeys(clean(i) for i in items if clean(i)))


def split_text(raw: str) -> tuple[str, str, str]:
    """``(section, paragraph, text)`` from a UHRI text (heading line, then "7. ...")."""
    lines = raw.replace("\r\n", "\n").split("\n")
    for i, line in enumerate(lines):
        match = _PARA.match(line)
        if match:
            section = clean(" ".join(lines[:i]))
            rest = [line[match.end() :], *lines[i + 1 :]]
            return section, match.group(1), "\n".join(clean(r) for r in rest if clean(r))
    return "", "", "\n".join(clean(r) for r in lines if clean(r))


def _record(path: Path, row: int, get: dict[str, Any]) -> UhriRecord:
    for name in REQUIRED:
        if not str(get.get(name) or "").strip():
            raise ImportFailure(path, f"the record has no {name!r}", row=row, cell=name)
    raw_text = str(get["text"])
    check_cell(path, raw_text, row=row, cell="text")
    section, paragraph, text = split_text(raw_text)
    annotation = clean(str(get.get("annotation_type") or ""))
    countries = _as_list(get.get("countries"))
    iso = next((c for c in (to_iso3(n) for n in countries) if c), None)
    recommending = _as_list(get.get("upr_recommending"))
    cycle_raw = str(get.get("upr_cycle") or "").strip()
    cycle_digits = re.search(r"\d+", cycle_raw)
    raw_date = str(get.get("date") or "").strip()
    # a date in another shape is left out, as before; a YYYY-MM-DD one must be real
    date = iso_date(raw_date, path, row=row, cell="date") if _DATE.match(raw_date) else ""
    return UhriRecord(
        row=row,
        uhri_id=clean(str(get["id"])),
        symbol=clean(str(get["symbol"])),
        body=clean(str(get["body"])).upper(),
        annotation_type=annotation,
        kind="concern" if annotation.lower().startswith("concern") else "recommendation",
        paragraph=paragraph,
        section=section[:255],
        text=text,
        countries=countries,
        country_iso3=iso,
        themes=_as_list(get.get("themes")),
        sdgs=_as_list(get.get("sdgs")),
        affected_persons=_as_list(get.get("affected_persons")),
        date=date,
        upr_cycle=int(cycle_digits.group(0)) if cycle_digits else None,
        upr_recommending=recommending,
        upr_recommending_iso3=tuple(c for c in (to_iso3(n) for n in recommending) if c),
    )


def _normalise_keys(obj: dict[str, Any]) -> dict[str, Any]:
    by_key = {column_key(k): v for k, v in obj.items()}
    return {
        field: next((by_key[a] for a in aliases if a in by_key), None)
        for field, aliases in FIELDS.items()
    }


def parse_uhri_json(path: Path) -> list[UhriRecord]:
    """Records of a UHRI JSON file (one object, a list, or ``{"results": [...]}``).

    Every field read is type-checked (:data:`JSON_TYPES`): ``"text": 12345`` refuses
    the file, naming the record (index and id) and the field, rather than storing
    the text "12345".

    Raises:
        ImportFailure: invalid JSON (with line and column), wrong shape, missing
            fields, a field of the wrong JSON type.
    """
    raw = path.read_bytes()
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ImportFailure(path, f"wrong encoding: not UTF-8 JSON ({exc})") from exc
    except json.JSONDecodeError as exc:
        raise ImportFailure(
            path,
            f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
            row=exc.lineno,
        ) from exc
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        data = data["results"]
    items = data if isinstance(data, list) else [data]
    records = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise ImportFailure(path, "expected a JSON object per record", row=n)
        raw_id = _normalise_keys(item)["id"]
        check_record(
            path,
            n,
            item,
            JSON_TYPES,
            key_of=lambda key: _FIELD_OF_KEY.get(column_key(key)),
            record_id=str(raw_id) if isinstance(raw_id, str | int) else None,
        )
        fields = _normalise_keys(item)
        for name, value in fields.items():  # every text read: length and decoding
            for text in value if isinstance(value, list) else [value]:
                if isinstance(text, str):
                    check_cell(path, text, row=n, cell=name)
        records.append(_record(path, n, fields))
    if not records:
        raise ImportFailure(path, "no records in the file")
    return records


def parse_uhri_table(path: Path) -> list[UhriRecord]:
    """Records of a UHRI Excel (or CSV) export.

    Raises:
        ImportFailure: missing columns (row 1), empty required cells, bad file.
    """
    table = read_table(path)
    index = table.index()
    columns = {
        field: next((index[a] for a in aliases if a in index), None)
        for field, aliases in FIELDS.items()
    }
    missing = [f for f in REQUIRED if columns[f] is None]
    if missing:
        names = {"id": "AnnotationId", "text": "Text", "symbol": "Symbol", "body": "Body"}
        raise ImportFailure(
            path,
            f"missing column(s) {', '.join(names[m] for m in missing)} of the UHRI export",
            row=1,
        )
    records = []
    for row, values in table.rows:
        get = {
            field: (values[i] if i is not None and i < len(values) else "")
            for field, i in columns.items()
        }
        records.append(_record(path, row, get))
    if not records:
        raise ImportFailure(path, "no data rows after the header", row=2)
    return records
