"""OHCHR UPR "thematic list of recommendations" (DOCX), cycle 3 and cycle 4 layouts.

Pure Python (python-docx, no Django). OHCHR exports these lists from the UHRI,
so each row carries the UHRI labels of one numbered recommendation:

* cycle 4 (e.g. UPR48 Slovenia): columns "Recommendation and recommending State |
  Position of the State under review | Human rights themes and groups of persons |
  Relevant SDGs"; groups follow a "Groups of Persons:" line in column 3, SDGs
  are column 4;
* cycle 3 (e.g. UPR34 Slovenia): columns "Recommendation | Position | Full list
  of themes | Assessment/comments on level of implementation"; column 3 holds
  themes, then "SDGs:" and "Affected persons:" blocks; column 4 is for the user.

Both print "Theme: ..." rows (merged over the 4 columns) before each group,
the number and text, the recommending State(s) in parentheses, and a
"Source of Position: A/HRC/59/15/Add.1 - Para.3" line. One number can hold
several recommendations of different States, either the same text
("... (Maldives) (Portugal);") or different texts separated by ";"
("... (Ukraine); Increase efforts ... (Slovakia);"). The page header names the
State, cycle and session: "UPR of Slovenia (4th Cycle - 48th Session)".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rightstrack.ingest.errors import ImportFailure, check_cell
from rightstrack.ingest.parsers._text import clean
from rightstrack.ingest.parsers.archive import (
    ArchiveDamaged,
    ArchiveRefused,
    check_archive,
    describe,
    member_names,
    read_member,
)
from rightstrack.ingest.parsers.countries import to_iso3

HEADERS = {
    "cycle4": (
        "Recommendation and recommending State",
        "Position of the State under review",
        "Human rights themes and groups of persons",
        "Relevant SDGs",
    ),
    "cycle3": ("Recommendation", "Position", "Full list of themes"),
}
POSITIONS = {"supported": "supported", "noted": "noted", "pending": "pending"}

_NUMBER = re.compile(r"^\s*(\d+\.\d+)\s+(.*)$", re.S)
_SOURCE = re.compile(r"Source of Position:\s*(.*)$", re.S)
_SYMBOL = re.compile(r"(A/HRC/\d+/\d+)")
_HEADER = re.compile(r"UPR of (.+?)\s*\(\s*(\d+)\s*\w*\s*Cycle\s*-\s*(\d+)\s*\w*\s*Session", re.I)
_SDG = re.compile(r"^(\d{1,2}(?:\.[0-9a-z]{1,2})?)\s*-\s*(.*)$", re.I)
_LIST_MARKERS = {
    "groups of persons:": "affected_persons",
    "affected persons:": "affected_persons",
    "sdgs:": "sdgs",
}


@dataclass(frozen=True)
class ThematicItem:
    """One numbered recommendation of the list.

    Attributes:
        row: 1-based table row (the header is row 1).
        number: the number as printed ("140.7"): the paragraph of the WG report.
        text: as printed, without the number and the "Source of Position" line,
            recommending States in parentheses kept (they attribute each part).
        states: recommending States as printed; ``state_iso3`` the same, resolved.
        position: ``supported``/``noted``/``pending``/``""``; ``position_raw`` as printed.
        position_source: e.g. "A/HRC/59/15/Add.1 - Para.3".
        section: the "Theme: ..." heading the row is listed under.
        sdg_goals: goal numbers; ``sdg_targets``: target codes ("16.3").
    """

    row: int
    number: str
    text: str
    states: tuple[str, ...]
    state_iso3: tuple[str, ...]
    position: str
    position_raw: str
    position_source: str
    section: str
    themes: tuple[str, ...]
    affected_persons: tuple[str, ...]
    sdg_goals: tuple[int, ...]
    sdg_targets: tuple[str, ...]


@dataclass
class ThematicList:
    """A parsed list: its State, cycle, session, WG report symbol and items."""

    layout: str
    state_name: str
    state_iso3: str | None
    cycle: int | None
    session: int | None
    report_symbol: str
    items: list[ThematicItem] = field(default_factory=list)
    unknown_states: list[tuple[int, str]] = field(default_factory=list)


#: Bytes of ``word/document.xml`` read to recognise a thematic list (4 MiB): the
#: first "Theme:" and "Source of Position" rows sit in the first few kilobytes
#: (UPR48 Slovenia: the whole part is 1.17 MB).
DETECT_BYTES = 4 * 1024 * 1024


def looks_like_thematic_list(path: Path, head: bytes) -> bool:
    """True for a DOCX whose body has "Source of Position:" rows. Never raises.

    Reads at most :data:`DETECT_BYTES` of the body, whatever its size (detection
    runs before :func:`~rightstrack.ingest.parsers.archive.check_archive`).
    """
    if not head.startswith(b"PK"):
        return False
    body = read_member(path, "word/document.xml", DETECT_BYTES)
    if body is None:
        return False
    return b"Source of Position" in body and b"Theme:" in body


def docx_opens(path: Path) -> bool:
    """True when ``path`` is a ZIP holding ``word/document.xml``. Never raises."""
    return "word/document.xml" in (member_names(path) or [])


def _open(path: Path) -> Any:
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        check_archive(path, kind="DOCX")
        return docx.Document(str(path))
    except ArchiveRefused as exc:
        if not isinstance(exc, ArchiveDamaged):
            raise
        raise ImportFailure(
            path,
            f"not a readable DOCX file (corrupt or truncated: {describe(exc.__cause__ or exc)}); "
            "download it again or re-save it from Word",
        ) from exc
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, EOFError) as exc:
        raise ImportFailure(
            path,
            f"not a readable DOCX file (corrupt or truncated: {describe(exc)}); "
            "download it again or re-save it from Word",
        ) from exc
    except Exception as exc:  # lxml XMLSyntaxError and other damage inside the package
        raise ImportFailure(
            path, f"not a readable DOCX file ({describe(exc, named=True)})"
        ) from exc


def split_states(text: str) -> tuple[str, list[str]]:
    """Find the recommending States: top-level parenthesised groups that name a State.

    Groups may nest ("(Iran (Islamic Republic of))"); groups that are not States
    ("(No. 29)", "(2015)") are part of the text. Returns the text unchanged and
    the State names in order of appearance.
    """
    states: list[str] = []
    depth, start = 0, -1
    for i, ch in enumerate(text):
        if ch == "(":
            if depth == 0:
                start = i
            depth += 1
        elif ch == ")" and depth > 0:
            depth -= 1
            if depth == 0:
                inner = clean(text[start + 1 : i])
                if to_iso3(inner):
                    states.append(inner)
    return text, states


def _labels(cell_text: str, first: str) -> dict[str, list[str]]:
    """Split a labels cell into ``themes``/``affected_persons``/``sdgs`` lists."""
    out: dict[str, list[str]] = {"themes": [], "affected_persons": [], "sdgs": []}
    current = first
    for raw in cell_text.splitlines():
        line = clean(raw)
        if not line:
            continue
        marker = _LIST_MARKERS.get(line.casefold())
        if marker:
            current = marker
            continue
        if line.startswith("-"):
            out[current].append(clean(line[1:]))
    return out


def parse_thematic_list(path: Path) -> ThematicList:
    """Parse a thematic list DOCX.

    The file first passes :func:`~rightstrack.ingest.parsers.archive.check_archive`.

    Raises:
        ImportFailure: corrupt/truncated DOCX, one that expands too much ("the file
            expands to more than N MB"), no table of a known layout, a
            recommendation row without position, a cell over ``MAX_CELL_CHARS``.
    """
    document = _open(path)
    header_text = " ".join(
        p.text for s in document.sections for p in s.header.paragraphs if p.text.strip()
    )
    table, layout = _find_table(path, document)
    result = ThematicList(layout, "", None, None, None, "")
    match = _HEADER.search(header_text)
    if match:
        result.state_name = clean(match.group(1))
        result.state_iso3 = to_iso3(result.state_name)
        result.cycle, result.session = int(match.group(2)), int(match.group(3))
    symbols: Counter[str] = Counter()
    section = ""
    names = HEADERS[layout]
    for index, row in enumerate(table.rows[1:], start=2):
        cells = [c.text for c in row.cells]
        for col, value in enumerate(cells):
            check_cell(path, value, row=index, cell=names[col] if col < len(names) else str(col))
        first = clean(cells[0]) if cells else ""
        if not first:
            continue
        if first.startswith("Theme:"):
            section = clean(first[len("Theme:") :])
            continue
        item = _item(path, index, cells, section, layout, result)
        symbols.update(_SYMBOL.findall(item.position_source))
        result.items.append(item)
    if not result.items:
        raise ImportFailure(path, "the table holds no numbered recommendations", row=2)
    if symbols:
        result.report_symbol = symbols.most_common(1)[0][0]
    return result


def _find_table(path: Path, document: Any) -> tuple[Any, str]:
    for table in document.tables:
        if not table.rows:
            continue
        head = tuple(clean(c.text) for c in table.rows[0].cells)
        for layout, expected in HEADERS.items():
            if head[: len(expected)] == expected:
                return table, layout
    raise ImportFailure(
        path,
        "no table with the columns of an OHCHR thematic list "
        f"({' | '.join(HEADERS['cycle4'])} or {' | '.join(HEADERS['cycle3'])})",
        row=1,
    )


def _item(
    path: Path, index: int, cells: list[str], section: str, layout: str, result: ThematicList
) -> ThematicItem:
    names = HEADERS[layout]
    match = _NUMBER.match(cells[0])
    if not match:
        raise ImportFailure(
            path,
            f"expected a numbered recommendation such as '140.7 ...', found {clean(cells[0])[:60]!r}",
            row=index,
            cell=names[0],
        )
    number, rest = match.groups()
    source = _SOURCE.search(rest)
    body = rest[: source.start()] if source else rest
    text = clean(body)
    _, states = split_states(text)
    iso3s = []
    for name in states:
        code = to_iso3(name)
        if code:
            iso3s.append(code)
    if not states:
        result.unknown_states.append((index, text[-80:]))
    position_raw = clean(cells[1]) if len(cells) > 1 else ""
    if not position_raw:
        raise ImportFailure(
            path, f"recommendation {number} has no position", row=index, cell=names[1]
        )
    labels = _labels(cells[2] if len(cells) > 2 else "", "themes")
    if layout == "cycle4" and len(cells) > 3:
        labels["sdgs"] += _labels(cells[3], "sdgs")["sdgs"]
    goals: list[int] = []
    targets: list[str] = []
    for sdg in labels["sdgs"]:
        m = _SDG.match(sdg)
        if not m:
            continue
        code = m.group(1)
        if "." in code:
            targets.append(code)
        elif int(code) not in goals:
            goals.append(int(code))
    return ThematicItem(
        row=index,
        number=number,
        text=text,
        states=tuple(states),
        state_iso3=tuple(dict.fromkeys(iso3s)),
        position=POSITIONS.get(position_raw.casefold(), ""),
        position_raw=position_raw,
        position_source=clean(source.group(1)) if source else "",
        section=section,
        themes=tuple(dict.fromkeys(labels["themes"])),
        affected_persons=tuple(dict.fromkeys(labels["affected_persons"])),
        sdg_goals=tuple(goals),
        sdg_targets=tuple(dict.fromkeys(targets)),
    )
