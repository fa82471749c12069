"""UPR Working Group reports (``A/HRC/{n}/{m}``) and their addenda (``/Add.1``).

Pure Python: the functions take the text of the document (a string, or the
list of page texts so that items can name their page) and return dataclasses.

What a Working Group report looks like (A/HRC/59/15, A/HRC/43/15, A/HRC/28/15,
A/HRC/14/15 and the 2008-2012 reports in ``upr-wg-reports-terman``):

* Section "II. Conclusions and/or recommendations" opens with one or more
  *group* paragraphs ("140. The following recommendations will be examined by
  Slovenia ...", "121. The recommendations ... enjoy the support of Slovenia",
  "did not enjoy the support of ...") and ends with "All conclusions and/or
  recommendations contained in the present report reflect the position ...".
* Since the second cycle each recommendation is numbered as a sub-item of its
  group paragraph, ``140.7 Ratify ... (Maldives) (Portugal);``. First-cycle
  reports number items 1, 2, 3 ... inside each group paragraph; we key them
  ``{paragraph}.{item}`` too (``111.1``) and keep the printed number apart.
* The recommending States close the item, in parentheses: one group per State
  ``(Maldives) (Portugal)``, or one list ``(Spain, Tunisia, Portugal)``, names
  with their own parentheses ``(Iran (Islamic Republic of))``; first-cycle and
  some merged third-cycle items also carry States after each part
  ``To ratify (Spain)/consider ... (Argentina)``; ``... (Ukraine); Increase ...
  (Albania);``. Every bracket whose content is wholly State names counts.

Positions:

* In the report: the group paragraph says "enjoy the support" (supported),
  "did not enjoy the support" / "noted" / "rejected" (noted), "will be
  examined" (pending: the answer comes in the addendum).
* In the addendum: the State lists numbers after "accepts the following
  recommendations", "supports", "takes note of", "notes recommendations",
  with ranges "122.17-18", "140.1–140.5" or bare second-cycle numbers
  "1–5, 14–16" (the numbers of the examined paragraph, A/HRC/28/15/Add.1 note 1).
  First-cycle addenda answer item by item in prose ("5., 6. The Slovenian
  Government accepts these recommendations"); those answers are read by
  keyword and are the least reliable part.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from rightstrack.ingest.parsers.countries import all_countries, normalise, to_iso3
from rightstrack.ingest.parsers.documents.clean import is_page_furniture
from rightstrack.ingest.parsers.documents.errors import DocumentError
from rightstrack.ingest.parsers.documents.extract import extract_text

__all__ = [
    "UprAddendum",
    "UprParseError",
    "UprPositionList",
    "UprRecommendation",
    "UprReport",
    "addendum_to_json",
    "apply_addendum",
    "expand_references",
    "is_upr_addendum_text",
    "is_upr_report_text",
    "parse_upr_addendum",
    "parse_upr_addendum_text",
    "parse_upr_report",
    "parse_upr_report_text",
    "recommending_states",
    "report_to_json",
    "resolve_state_name",
]

SUPPORTED = "supported"
NOTED = "noted"
PENDING = "pending"


class UprParseError(ValueError):
    """The text is not a UPR Working Group report / addendum we can read.

    ``page`` is the 1-based page the problem was found on, when known.
    """

    def __init__(self, message: str, *, page: int | None = None) -> None:
        super().__init__(message if page is None else f"{message} (page {page})")
        self.page = page


@dataclass
class UprRecommendation:
    """One numbered recommendation of section II of a Working Group report.

    ``number`` is the reference used everywhere (``"140.7"``); ``printed`` is the
    number as printed (``"140.7"``, or ``"1"`` in first-cycle reports).
    ``recommending_states`` are ISO3 codes in order of appearance;
    ``state_names`` the names as printed; ``unknown_states`` the closing
    bracketed names that did not resolve (should be empty).
    ``position`` is ``supported``, ``noted``, ``pending`` or ``""``;
    ``position_source`` the symbol that gave it, ``position_paragraph`` the
    paragraph of that document (``"3"`` for A/HRC/59/15/Add.1 para. 3).
    """

    number: str
    printed: str
    paragraph: int
    item: int
    text: str
    full_text: str
    recommending_states: list[str] = field(default_factory=list)
    state_names: list[str] = field(default_factory=list)
    unknown_states: list[str] = field(default_factory=list)
    position: str = ""
    position_source: str = ""
    position_paragraph: str = ""
    page: int | None = None


@dataclass
class UprReport:
    """A UPR Working Group report.

    ``wg_session`` is the Working Group session (48 for A/HRC/59/15);
    ``hrc_session`` the Council session of the symbol (59); ``adopted`` the date
    the Working Group adopted the report, ``distributed`` the "Distr." date,
    ``review_date`` the day of the interactive dialogue.
    """

    symbol: str
    state_name: str
    country: str | None
    wg_session: int | None
    hrc_session: int | None
    adopted: date | None
    distributed: date | None
    review_date: date | None
    recommendations: list[UprRecommendation]
    groups: dict[int, str] = field(default_factory=dict)

    def by_number(self) -> dict[str, UprRecommendation]:
        """Recommendations keyed by ``number`` (``"140.7"``)."""
        return {rec.number: rec for rec in self.recommendations}


@dataclass
class UprPositionList:
    """One statement of the addendum: a position and the references it lists.

    ``references`` are expanded (``["140.1", "140.2"]``; bare ``["6", "7"]`` in
    second-cycle addenda); ``paragraph`` is the addendum paragraph ("3").
    """

    position: str
    references: list[str]
    paragraph: str
    page: int | None = None


@dataclass
class UprAddendum:
    """The State's views on the recommendations (``A/HRC/{n}/{m}/Add.1``).

    ``positions`` maps a reference to its position; a reference listed twice with
    different positions is recorded in ``conflicts`` and keeps the first one.
    ``stated_counts`` are the totals the State gives in its own words
    ("of which 217 are supported and 37 noted"), for checking.
    """

    symbol: str
    parent_symbol: str
    state_name: str
    country: str | None
    distributed: date | None
    statements: list[UprPositionList]
    positions: dict[str, str]
    position_paragraphs: dict[str, str]
    conflicts: list[str] = field(default_factory=list)
    stated_counts: dict[str, int] = field(default_factory=dict)


# ---------------------------------------------------------------------------
# Text preparation

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
_DATE = r"(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{4})"
_REPORT_SYMBOL = re.compile(r"A/HRC/(\d{1,2})/(\d{1,3})(?:/(Add\.\d+))?(?!\d|/WG)")
_HEADER_LINE = re.compile(
    r"""^\s*(?:
        A/HRC/\d+/\d+(?:/Add\.\d+)?(?:\s+\d{1,3})?           # running symbol, maybe with page no.
      | (?:\d{1,3}\s+)?GE\.\d{2}-\d{4,5}(?:\s*\(E\))?(?:\s+\d{6})*(?:\s+\d{1,3})?  # job number
      | \d{1,3}                                              # bare page number
      | \*{1,3}\s*(?:Conclusions\s+and\s+recommendations|The\s+conclusions).{0,80}edited\.?  # ** not edited
      | Notes?
    )\s*$""",
    re.VERBOSE | re.IGNORECASE,
)


def _pages(text: str | Sequence[str]) -> list[str]:
    pages = text.split("\f") if isinstance(text, str) else list(text)
    return [p.replace("\r\n", "\n").replace("\r", "\n") for p in pages]


def _clean_lines(pages: Sequence[str]) -> list[tuple[int, str]]:
    """(page, line) pairs without running headers, footers and empty lines."""
    lines: list[tuple[int, str]] = []
    for number, page in enumerate(pages, start=1):
        for line in page.split("\n"):
            if not line.strip() or _HEADER_LINE.match(line) or is_page_furniture(line):
                continue
            lines.append((number, line.rstrip()))
    return lines


def _join(lines: Iterable[str]) -> str:
    """Join wrapped lines: a line ending in a hyphen after a letter joins without a space."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
        elif re.search(r"[A-Za-z]-$", out) and line[:1].islower():
            out += line
        else:
            out += " " + line
    return re.sub(r"\s+", " ", out).strip()


def _to_date(match: re.Match[str] | None) -> date | None:
    if match is None:
        return None
    day, month, year = match.group(1), match.group(2), match.group(3)
    try:
        return date(int(year), _MONTHS[month.lower()], int(day))
    except ValueError:
        return None


_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60}


def _ordinal(word: str) -> int | None:
    """'forty-eighth' -> 48, 'seventh' -> 7; None if not an English ordinal."""
    word = word.lower().replace("\u2011", "-")
    if word in _UNITS:
        return _UNITS[word]
    tens, _, unit = word.partition("-")
    if tens in _TENS and unit in _UNITS and _UNITS[unit] < 10:
        return _TENS[tens] + _UNITS[unit]
    return None


# ---------------------------------------------------------------------------
# Recommending States


# UN names in use when older reports were written, absent from the current list:
# "Libyan Arab Jamahiriya" was Libya's UN short name until September 2011.
_HISTORIC_NAMES = {"libyanarabjamahiriya": "LBY", "libyaarabjamahiriya": "LBY"}
# Abbreviations printed in place of a State's name in WG reports.
_ABBREVIATIONS = {
    "UK": "GBR", "USA": "USA", "US": "USA", "UAE": "ARE", "DPRK": "PRK", "DRC": "COD",
}  # fmt: skip


def _repair_mojibake(name: str) -> str:
    """Undo Mac Roman text that went through Windows-1252 once more ("C™te dÕIvoire").

    The 2008-2012 texts of ``upr-wg-reports-terman`` carry such characters; each
    non-ASCII character is mapped back separately and kept if it cannot be.
    """
    out = []
    for ch in name:
        if ord(ch) < 128:
            out.append(ch)
            continue
        try:
            out.append(ch.encode("cp1252").decode("mac_roman"))
        except UnicodeError:
            out.append(ch)
    return "".join(out)


@cache
def _compact_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for rec in all_countries():
        for name in (*rec.names.values(), rec.formal_name_en, *rec.aliases):
            key = re.sub(r"[^a-z]", "", normalise(name))
            if key:
                names.setdefault(key, rec.iso3)
    names.update(_HISTORIC_NAMES)
    return names


@cache
def resolve_state_name(name: str) -> str | None:
    """ISO3 of a recommending State as printed, or None.

    Tries, in order: ``to_iso3``; the letters alone (PDF extraction splits words:
    "United King dom"); the mojibake repair; then one close spelling (difflib ratio
    >= 0.9, names of 8 letters or more), because the reports themselves misspell
    names ("Lichtenstein", "United Sates", "Holly See").
    """
    name = name.strip().strip(".;,").strip()
    if not name:
        return None
    if re.fullmatch(r"[A-Z.]{2,6}", name):
        # Acronyms in brackets are mostly treaties or parties ("(ICRMW)", "(NLD)"):
        # only the abbreviations reports use for States count, never bare ISO codes.
        return _ABBREVIATIONS.get(name.replace(".", ""))
    found = to_iso3(name)
    if found:
        return found
    for variant in (name, _repair_mojibake(name)):
        key = re.sub(r"[^a-z]", "", normalise(variant))
        if key in _compact_names():
            return _compact_names()[key]
    key = re.sub(r"[^a-z]", "", normalise(_repair_mojibake(name)))
    if len(key) >= 8:
        close = difflib.get_close_matches(key, list(_compact_names()), n=1, cutoff=0.9)
        if close:
            return _compact_names()[close[0]]
    # "Bolivia (Plurinational Republic of)": a misprinted qualifier after a known name.
    head = name.split("(", 1)[0].strip()
    if head and head != name:
        return resolve_state_name(head)
    return None


_resolve = resolve_state_name


def _split_top(content: str, seps: str) -> list[str]:
    """Split at separator characters that are not inside nested parentheses."""
    parts: list[str] = []
    depth = 0
    current = ""
    for ch in content:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if depth == 0 and ch in seps:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return [p.strip() for p in parts if p.strip()]


def _states_in_bracket(content: str) -> tuple[list[tuple[str, str]], list[str]]:
    """Resolve "Spain, Tunisia and Portugal" into [(name, ISO3)...] and unresolved names."""
    found: list[tuple[str, str]] = []
    unknown: list[str] = []
    pieces = _split_top(content, ",;")
    for index, raw in enumerate(pieces):
        piece = re.sub(r"^(?:and|&)\s+", "", raw)
        iso3 = _resolve(piece)
        if iso3:
            found.append((piece, iso3))
            continue
        # "Venezuela, Bolivarian Republic of": an inverted name's qualifier.
        if index and re.search(r"\bof$", piece) and found and found[-1][0] == pieces[index - 1]:
            continue
        # "United Kingdom France": a comma missing between two names.
        words = piece.split()
        pair = next(
            (
                (" ".join(words[:cut]), " ".join(words[cut:]))
                for cut in range(1, len(words))
                if _resolve(" ".join(words[:cut])) and _resolve(" ".join(words[cut:]))
            ),
            None,
        )
        if pair:
            found.extend((half, _resolve(half) or "") for half in pair)
            continue
        # "Maldives and Portugal", "Brazil/Spain": split only when every part resolves
        # ("Bosnia and Herzegovina" resolved above as a whole).
        halves = re.split(r"\s+(?:and|&)\s+|/", piece)
        resolved = [(h, _resolve(h)) for h in halves]
        if len(halves) > 1 and all(code for _, code in resolved):
            found.extend((h, code) for h, code in resolved if code)
        else:
            unknown.append(piece)
    return found, unknown


def _brackets(text: str) -> list[tuple[int, int, str]]:
    """Top-level (start, end, content) parenthesised spans of ``text``.

    Only complete pairs count, so an unclosed "(" ("(ICERD, in line with ... (Peru);")
    does not swallow the brackets after it.
    """
    pairs: list[tuple[int, int]] = []
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            pairs.append((stack.pop(), i + 1))
    pairs.sort()
    spans: list[tuple[int, int, str]] = []
    for start, end in pairs:
        if spans and start < spans[-1][1]:
            continue  # inside the previous top-level pair
        spans.append((start, end, text[start + 1 : end - 1]))
    return spans


def recommending_states(item_text: str) -> tuple[list[str], list[str], list[str], str]:
    """The recommending States of one recommendation text.

    Returns ``(iso3_codes, names_as_printed, unknown_closing_names, text_without_closing_states)``.
    The closing brackets (those after which only ``;``/``.``/spaces or other
    brackets follow) always count as States: any name there that does not
    resolve goes to ``unknown_closing_names``. Brackets inside the text count
    only when every name in them resolves ("To ratify (Spain)/consider ...").
    """
    codes: list[str] = []
    names: list[str] = []
    unknown: list[str] = []
    spans = _brackets(item_text)
    closing_from = len(item_text.rstrip(" ;.,"))
    tail_start = closing_from
    for start, end, content in reversed(spans):
        between = item_text[end:tail_start]
        if between.strip(" ;.,") != "" or end > closing_from:
            break
        # The last bracket always closes the item; earlier ones only if they name a
        # State: "(No. 29) (United Kingdom ...)", "(ICRMW) (Iran (Islamic Republic of))".
        if tail_start != closing_from and not _states_in_bracket(content)[0]:
            break
        tail_start = start
    for start, _end, content in spans:
        found, missing = _states_in_bracket(content)
        closing = start >= tail_start
        if closing or (found and not missing):
            for name, code in found:
                if name not in names:
                    names.append(name)
                if code not in codes:
                    codes.append(code)
            if closing:
                unknown.extend(missing)
    body = item_text[:tail_start].rstrip(" ;.,") if tail_start < closing_from else item_text
    body = body.rstrip(" ;.,")
    return codes, names, unknown, body


# ---------------------------------------------------------------------------
# Working Group report

_SECTION_HEADING = re.compile(
    r"(?i)^\s*(?:[IV]+\.\s*)?Conclusions\s+and/or\s+recommendations\s*\**\s*$"
)
_SECTION_END = re.compile(
    r"(?im)^\s*(?:\d{1,3}\.\s*)?All\s+conclusions\s+and/or\s+recommendations\s+contained"
    r"|^\s*(?:\d{1,3}\.\s*)?All\s+conclusions\s+and/or\s+recommendations"
    r"|^\s*III\.\s+Voluntary\s+(?:pledges|commitments)"
    r"|^\s*Annex\b"
)
_NEW_ITEM = re.compile(r"^\s*(\d{1,3})\.(\d{1,3})\.?(?=\s|[A-Z]|$)\s*(.*)$")
_OLD_NUMBER = re.compile(r"^\s*(\d{1,3})\.(?=\s|$)\s*(.*)$")
_BARE_NUMBER = re.compile(r"^\s*(\d{1,3})\s+(?=[A-Z])(.*)$")


def group_position(intro: str) -> str:
    """Position stated by a group paragraph of section II.

    "did not enjoy the support" / "noted" / "rejected" -> ``noted``;
    "enjoy the support" / "accepted" / "supported" / "already implemented" ->
    ``supported``; "will be examined" / "will provide responses" -> ``pending``;
    anything else -> ``""``.
    """
    low = re.sub(r"\s+", " ", intro.lower())
    if re.search(
        r"did not (?:enjoy|receive) the support|not (?:be )?accepted|reject|will be noted|"
        r"(?:are|were|have been|has been) noted|took note|takes note|note[sd]? by",
        low,
    ):
        return NOTED
    if re.search(
        r"enjoys? the support|enjoyed the support|(?:are|were|have been) (?:accepted|supported)|"
        r"already (?:been )?implemented|in the process of (?:being )?implement|"
        r"accepts? the following|supports? the following",
        low,
    ):
        return SUPPORTED
    if re.search(
        r"will be examined|will examine|will provide (?:its )?responses|to be examined", low
    ):
        return PENDING
    return ""


@dataclass
class _Chunk:
    kind: str  # "group" | "item"
    paragraph: int
    item: int
    printed: str
    page: int
    lines: list[str]


def _section_lines(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Lines of section II, from its heading (or first group paragraph) to its closing paragraph."""
    text_lines = [line for _, line in lines]
    start = None
    for i, line in enumerate(text_lines):
        # Skip the table of contents: its heading line carries dot leaders/page numbers.
        if _SECTION_HEADING.match(line) and "..." not in line and not re.search(r"\d\s*$", line):
            start = i + 1
    if start is None:
        # A/HRC/43/15 lost the heading in extraction: take the first paragraph that
        # introduces a group of recommendations followed by a numbered item.
        for i, line in enumerate(text_lines):
            m = _OLD_NUMBER.match(line)
            if m and re.search(
                r"recommendations.{0,120}(?:examined|support|listed below|noted)",
                " ".join(text_lines[i : i + 3]),
                re.IGNORECASE,
            ):
                start = i
                break
    if start is None:
        raise UprParseError("no 'Conclusions and/or recommendations' section found")
    end = len(lines)
    for i in range(start, len(lines)):
        if _SECTION_END.match(text_lines[i]):
            end = i
            # "98. \nAll conclusions ...": the closing paragraph's number on its own line.
            if re.fullmatch(r"\s*\d{1,3}\.\s*", text_lines[i - 1]):
                end -= 1
            break
    return lines[start:end]


def _group_strength(text: str) -> int:
    """2: clearly a group paragraph ("The following recommendations will be examined",
    "In the course of the discussion, it was recommended that"); 1: mentions
    recommendations ("Finland considered the recommendations ..."); 0: an item."""
    head = re.sub(r"\s+", " ", text[:300])
    if re.match(r"(?i)\s*To\s", head):
        return 0
    if re.match(
        r"(?i)\s*(?:The\s+(?:following\s+)?recommendations|In the course of|During the|All\s)", head
    ) or re.search(
        r"(?i)recommendations?\b.{0,200}?(?:listed below|enjoy|examined|will be|did not|"
        r"(?:were|have been|are) (?:accepted|supported|noted|rejected))",
        head,
    ):
        return 2
    return 1 if re.search(r"(?i)recommend", head[:250]) else 0


def _inline_start(line: str, paragraph: int, last_item: int) -> int | None:
    """Where the next item (or group paragraph) starts inside a flattened line, if it does.

    "(Mexico); 73 Take appropriate measures": plain-text reports run items together.
    Only the expected next number counts, after ";" or "." (or "{para}.{item}" after
    ")": "(Portugal) 89.22 Consider"), before a capital letter.
    """
    if not paragraph:
        return None
    pattern = (
        rf"(?<=[;.])\s+(?:\d{{1,3}}\.)?{last_item + 1}\.?\s+(?=[A-Z])"
        rf"|(?<=\))\s+\d{{1,3}}\.{last_item + 1}\s+(?=[A-Z])"
        rf"|(?<=[;.])\s+{paragraph + 1}\.\s+(?=The\s)"
    )
    m = re.search(pattern, line)
    return m.start() if m else None


def _chunks(section: list[tuple[int, str]]) -> list[_Chunk]:
    """Cut section II into group paragraphs and numbered items, keeping their page.

    Items are recognised by sequence: ``{para}.{item}`` with the next item number
    (a wrong paragraph prefix, a misprint such as "128.12" inside paragraph 129, is
    kept as printed), or ``{item}.`` / ``{item}`` (first cycle) with the next one.
    """
    chunks: list[_Chunk] = []
    paragraph = 0
    last_item = 0
    queue = list(section)
    index = 0
    while index < len(queue):
        page, line = queue[index]
        index += 1
        new = _NEW_ITEM.match(line)
        old = _OLD_NUMBER.match(line) or _BARE_NUMBER.match(line)
        if new and (
            int(new.group(2)) == 1
            or (paragraph and int(new.group(2)) == last_item + 1)
            # one number lost in extraction ("3. ... 5."): same paragraph, next but one
            or (int(new.group(1)) == paragraph and int(new.group(2)) == last_item + 2)
        ):
            para, last_item = int(new.group(1)), int(new.group(2))
            if last_item == 1 or not paragraph:
                paragraph = para
            chunks.append(
                _Chunk("item", paragraph, last_item, f"{para}.{last_item}", page, [new.group(3)])
            )
        elif old:
            number = int(old.group(1))
            ahead = old.group(2)
            for _page, following in queue[index : index + 3]:
                if _OLD_NUMBER.match(following) or _NEW_ITEM.match(following):
                    break  # the next paragraph's words do not count
                ahead += " " + following
            needed = 2 if paragraph and number == last_item + 1 else 1
            new_style = bool(chunks) and "." in chunks[-1].printed
            if (
                old.re is _OLD_NUMBER
                and (not paragraph or number == paragraph + 1)
                # "93. Costa Rica explained ..." after the items of paragraph 92 is a
                # new paragraph even when it introduces no recommendations.
                and (
                    _group_strength(ahead) >= needed
                    or new_style
                    or number not in (last_item + 1, last_item + 2)
                )
            ):
                paragraph, last_item = number, 0
                chunks.append(_Chunk("group", number, 0, str(number), page, [old.group(2)]))
            elif paragraph and (
                number == last_item + 1 or (old.re is _OLD_NUMBER and number == last_item + 2)
            ):
                last_item = number
                chunks.append(_Chunk("item", paragraph, number, str(number), page, [old.group(2)]))
            elif chunks:
                chunks[-1].lines.append(line)
        elif chunks:
            chunks[-1].lines.append(line)
        if chunks and chunks[-1].lines:
            last = chunks[-1].lines[-1]
            split = _inline_start(last, paragraph, last_item)
            if split:
                chunks[-1].lines[-1] = last[:split]
                queue.insert(index, (page, last[split:]))
    return chunks


def _drop_trailing_note(text: str) -> str:
    """Drop a footnote marker (and footnote text) glued after the closing States.

    "... follow ILO recommendations (Turkey)1", "... (Honduras); 1 The recommendation
    was ..." (plain-text reports put the footnote where the page ended).
    """
    for _start, end, content in _brackets(text):
        m = re.match(
            r"(\s*[;.]?)\s*\d{1,2}(?![.\d])\s*[;.]?(?:\s+\d{0,2}\s*[A-Z*\u201c\"\u00d2].*)?$",
            text[end:],
            re.S,
        )
        if m and _states_in_bracket(content)[0] and not _states_in_bracket(content)[1]:
            return text[:end] + m.group(1).strip()
    return text


#: The title "Report of the Working Group on the Universal Periodic Review", read as the
#: 2008-2012 reports print it: "UniversalPeriodic" glued (A/HRC/17/18, Paraguay, and 40
#: others of ``upr-wg-reports-terman``), "Working" without "Group" (A/HRC/11/23, Saudi
#: Arabia), any case and spacing.
_WG_TITLE = r"Working(?:\s+Group)?\s+on\s+the\s+Universal\s*Periodic\s*Review"

#: A report without that title (A/HRC/8/37, Peru, 2008: only "UNIVERSAL PERIODIC REVIEW"
#: above the State's name) still opens with this sentence and has section II.
_WG_OPENING = (
    r"The\s+Working\s+Group\s+on\s+the\s+Universal\s*Periodic\s*Review,?\s+established\s+in"
    r"\s+accordance\s+with\s+Human\s+Rights\s+Council\s+resolution\s+5/1"
)


def _state_name(head: str) -> str:
    m = re.search(
        _WG_TITLE + r"\s*\*?\s*\n(?:\s*\n)*"
        r"\s*([^\n*]{2,80}?)\s*\*?\s*\n",
        head,
        re.IGNORECASE,
    )
    if m and not re.match(r"(?i)\s*(addendum|note|previously)", m.group(1)):
        return m.group(1).strip()
    m = re.search(r"The review of (.{2,80}?) was held", head)
    if m:
        return re.sub(r"\s+", " ", m.group(1)).strip()
    return ""


def _country(name: str) -> str | None:
    if not name:
        return None
    return _resolve(name) or _resolve(re.sub(r"^(?:the\s+)", "", name, flags=re.IGNORECASE))


def _metadata(pages: Sequence[str]) -> dict[str, object]:
    head = "\n".join(pages[:3])
    full = "\n".join(pages)
    symbol_match = _REPORT_SYMBOL.search(head)
    symbol = ""
    hrc_session: int | None = None
    if symbol_match:
        symbol = symbol_match.group(0)
        hrc_session = int(symbol_match.group(1))
    wg_session: int | None = None
    m = re.search(r"held its\s+([a-z]+(?:[-\u2011][a-z]+)?)\s+session", full, re.IGNORECASE)
    if m:
        wg_session = _ordinal(m.group(1))
    if wg_session is None:
        m = re.search(r"A/HRC/WG\.6/(\d{1,2})/?L", full)
        wg_session = int(m.group(1)) if m else None
    distributed = _to_date(re.search(r"Distr\.?[:\s]*General[\s\S]{0,80}?" + _DATE, head, re.I))
    if distributed is None:
        distributed = _to_date(re.search(r"A/HRC/\d+/\d+(?:/Add\.\d)?\s+" + _DATE, head))
    adopted = _to_date(
        re.search(r"held on\s+" + _DATE + r",?\s+the\s+Working\s+Group\s+adopted", full)
    )
    review = _to_date(
        re.search(r"The review of .{2,80}? was held .{0,60}?on\s+" + _DATE, full, re.S)
    )
    name = _state_name(head)
    return {
        "symbol": symbol,
        "hrc_session": hrc_session,
        "wg_session": wg_session,
        "distributed": distributed,
        "adopted": adopted,
        "review_date": review,
        "state_name": name,
        "country": _country(name),
    }


def is_upr_report_text(text: str) -> bool:
    """True if the first pages read as a UPR Working Group report (not its addendum).

    Either the title (:data:`_WG_TITLE`, tolerant of the typing errors of real reports)
    or, for reports printed without it, the opening sentence :data:`_WG_OPENING`
    together with the heading "Conclusions and/or recommendations".
    """
    head = re.sub(r"\s+", " ", text[:4000])
    if re.search(r"\bAddendum\b|Views on conclusions", head, re.I):
        return False
    if re.search(r"Report\s+of\s+the\s+" + _WG_TITLE, head, re.I):
        return True
    return bool(
        re.search(_WG_OPENING, head, re.I)
        and re.search(r"Conclusions\s+and/or\s+recommendations", head, re.I)
    )


def is_upr_addendum_text(text: str) -> bool:
    """True if the first pages read as the addendum with the State's views."""
    head = re.sub(r"\s+", " ", text[:4000])
    return bool(
        re.search(r"Universal Periodic Review", head, re.I)
        and re.search(r"\bAddendum\b", head)
        and re.search(r"Views on conclusions and/or recommendations", head, re.I)
    )


def parse_upr_report_text(text: str | Sequence[str]) -> UprReport:
    """Parse a Working Group report from its text (one string, or page texts).

    Raises ``UprParseError`` when section II or its numbered items are missing.
    """
    pages = _pages(text)
    meta = _metadata(pages)
    lines = _clean_lines(pages)
    section = _section_lines(lines)
    chunks = _chunks(section)
    groups: dict[int, str] = {}
    recommendations: list[UprRecommendation] = []
    for chunk in chunks:
        joined = _join(chunk.lines)
        if chunk.kind == "group":
            groups[chunk.paragraph] = group_position(joined)
            continue
        joined = _drop_trailing_note(joined)
        codes, names, unknown, body = recommending_states(joined)
        position = groups.get(chunk.paragraph, "")
        rec = UprRecommendation(
            number=f"{chunk.paragraph}.{chunk.item}",
            printed=chunk.printed,
            paragraph=chunk.paragraph,
            item=chunk.item,
            text=body,
            full_text=joined,
            recommending_states=codes,
            state_names=names,
            unknown_states=unknown,
            position=position,
            position_source=str(meta["symbol"]) if position in (SUPPORTED, NOTED) else "",
            position_paragraph=str(chunk.paragraph) if position in (SUPPORTED, NOTED) else "",
            page=chunk.page,
        )
        recommendations.append(rec)
    if not recommendations:
        page = section[0][0] if section else None
        raise UprParseError("section II has no numbered recommendations", page=page)
    return UprReport(
        symbol=str(meta["symbol"]),
        state_name=str(meta["state_name"]),
        country=meta["country"],  # type: ignore[arg-type]
        wg_session=meta["wg_session"],  # type: ignore[arg-type]
        hrc_session=meta["hrc_session"],  # type: ignore[arg-type]
        adopted=meta["adopted"],  # type: ignore[arg-type]
        distributed=meta["distributed"],  # type: ignore[arg-type]
        review_date=meta["review_date"],  # type: ignore[arg-type]
        recommendations=recommendations,
        groups=groups,
    )


# ---------------------------------------------------------------------------
# Addendum

_REF = r"\d{1,3}(?:\.\d{1,3})?"
_RANGE = re.compile(rf"({_REF})(?:\s*[-\u2010-\u2015]\s*({_REF}))?")
_LIST_ITEM = re.compile(rf"\s*({_REF}(?:\s*[-\u2010-\u2015]\s*{_REF})?)")
_TRIGGER = re.compile(
    r"\b(?P<verb>does\s+not\s+(?:accept|support)|cannot\s+(?:accept|support)|rejects?|"
    r"accepts?|supports?|takes?\s+note\s+of|notes)\b"
    r"(?P<mid>[^.;:]{0,60}?)\brecommendations?\b(?:[^.;:\d]{0,120}:)?"
    r"\s*(?:nos?\.?|numbers?)?\s*:?\s*(?=\d)",
    re.IGNORECASE,
)


def expand_references(listing: str) -> list[str]:
    """Expand one reference or range as printed into single references.

    ``"140.1–140.5"`` and ``"140.1-5"`` give 140.1 ... 140.5; ``"122.17-18"`` gives
    122.17, 122.18; ``"6–13"`` gives "6" ... "13" (bare second-cycle numbers).
    A reversed range gives its two ends only.
    """
    m = _RANGE.fullmatch(listing.strip())
    if not m:
        return []
    first, last = m.group(1), m.group(2)
    if not last:
        return [first]
    para, _, item = first.rpartition(".")
    last_para, _, last_item = last.rpartition(".")
    if last_para and last_para != para:
        return [first, last]
    lo, hi = int(item), int(last_item)
    if hi < lo or hi - lo > 400:
        return [first, last]
    prefix = f"{para}." if para else ""
    return [f"{prefix}{n}" for n in range(lo, hi + 1)]


def _read_list(text: str, pos: int) -> tuple[list[str], int]:
    """Read a list of references starting at ``pos``; return them and where the list stops.

    Separators: commas, semicolons, "and", and the stray full stops of
    A/HRC/59/15/Add.1 ("140.35. 140.36"). After a full stop the list goes on only
    if the next reference is itself followed by a separator (so "140.252. \\n
    140.11-14 \\n The 1961 ..." stops before the explanatory heading).
    """
    refs: list[str] = []
    while True:
        m = _LIST_ITEM.match(text, pos)
        if not m:
            break
        refs.extend(expand_references(re.sub(r"\s+", "", m.group(1))))
        pos = m.end()
        sep = re.match(r"\s*(?:,|;|\band\b|&)\s*(?=\d)", text[pos:])
        if sep:
            pos += sep.end()
            continue
        stop = re.match(
            rf"\s*\.\s*(?={_REF}(?:\s*[-\u2010-\u2015]\s*{_REF})?\s*(?:,|;|\band\b))", text[pos:]
        )
        if stop:
            pos += stop.end()
            continue
        break
    return refs, pos


def _verb_position(verb: str, mid: str) -> str:
    low = verb.lower()
    if re.match(r"does\s+not|cannot|reject", low):
        return NOTED
    if "note" in low:
        return NOTED
    if re.search(r"\bnot\b", mid.lower()):
        return NOTED
    return SUPPORTED


def _addendum_paragraph(text: str, pos: int) -> str:
    found = ""
    for m in re.finditer(r"(?m)^\s*(\d{1,3})\.\s", text[:pos]):
        found = m.group(1)
    return found


def _prose_positions(text: str) -> list[UprPositionList]:
    """First-cycle addenda: "12. Slovenia accepts the recommendation ..." answers per item."""
    statements: list[UprPositionList] = []
    for m in re.finditer(r"(?m)^\s*((?:\d{1,3}\.,?\s*)+)(?=[A-Z])(.{0,400})", text):
        numbers = re.findall(r"\d{1,3}", m.group(1))
        answer = m.group(2).lower()
        if re.search(
            r"does not accept|cannot accept|not accepted|rejects|does not support", answer
        ):
            position = NOTED
        elif re.search(r"\baccepts?\b|\bsupports?\b|accepted", answer):
            position = SUPPORTED
        elif re.search(r"takes note|notes the recommendation|cannot .{0,40}definitive", answer):
            position = NOTED
        else:
            continue
        statements.append(UprPositionList(position, numbers, numbers[0]))
    return statements


def parse_upr_addendum_text(text: str | Sequence[str]) -> UprAddendum:
    """Parse the addendum (State's views) from its text (one string, or page texts).

    Raises ``UprParseError`` if no position statement is found.
    """
    pages = _pages(text)
    head = "\n".join(pages[:2])
    lines = _clean_lines(pages)
    page_of_line = [page for page, _ in lines]
    flat_lines = [line for _, line in lines]
    body = "\n".join(flat_lines)
    symbol_match = re.search(r"A/HRC/\d{1,2}/\d{1,3}/Add\.\d+", head)
    symbol = symbol_match.group(0) if symbol_match else ""
    parent = symbol.rsplit("/Add.", 1)[0] if symbol else ""
    distributed = _to_date(re.search(r"Distr\.?[:\s]*General[\s\S]{0,80}?" + _DATE, head, re.I))
    name = _state_name(head)
    statements: list[UprPositionList] = []
    for m in _TRIGGER.finditer(body):
        refs, _end = _read_list(body, m.end())
        if not refs:
            continue
        line_no = body.count("\n", 0, m.start())
        statements.append(
            UprPositionList(
                position=_verb_position(m.group("verb"), m.group("mid")),
                references=refs,
                paragraph=_addendum_paragraph(body, m.start()),
                page=page_of_line[line_no] if line_no < len(page_of_line) else None,
            )
        )
    if not statements:
        statements = _prose_positions(body)
    if not statements:
        raise UprParseError(f"{symbol or 'addendum'}: no list of supported/noted recommendations")
    positions: dict[str, str] = {}
    paragraphs: dict[str, str] = {}
    conflicts: list[str] = []
    for statement in statements:
        for ref in statement.references:
            if ref in positions and positions[ref] != statement.position:
                conflicts.append(ref)
                continue
            positions.setdefault(ref, statement.position)
            paragraphs.setdefault(ref, statement.paragraph)
    counts: dict[str, int] = {}
    flat = re.sub(r"\s+", " ", body)
    m_sup = re.search(r"(\d+)\s+(?:are|were)\s+(?:now\s+)?supported", flat)
    m_note = re.search(r"(\d+)\s+(?:are\s+|were\s+)?noted", flat)
    if m_sup:
        counts[SUPPORTED] = int(m_sup.group(1))
    if m_note:
        counts[NOTED] = int(m_note.group(1))
    return UprAddendum(
        symbol=symbol,
        parent_symbol=parent,
        state_name=name,
        country=_country(name),
        distributed=distributed,
        statements=statements,
        positions=positions,
        position_paragraphs=paragraphs,
        conflicts=conflicts,
        stated_counts=counts,
    )


def apply_addendum(
    report: UprReport,
    addendum: UprAddendum,
    *,
    warn: Callable[[str], None] | None = None,
) -> list[str]:
    """Set ``position``/``position_source`` of the report's items from the addendum.

    Full references (``140.7``) match ``number``; bare ones (``"7"``, second and
    first cycles) match the item with that printed or item number in the
    report's pending ("will be examined") group, or the only item with that
    number. Positions the report itself gave are kept unless they were pending.
    Returns the addendum references that matched no item.
    """
    by_number = report.by_number()
    pending_paras = [p for p, pos in report.groups.items() if pos == PENDING]
    unmatched: list[str] = []
    for ref, position in addendum.positions.items():
        rec = by_number.get(ref)
        if rec is None and "." not in ref:
            candidates = [r for r in report.recommendations if str(r.item) == ref]
            pending = [r for r in candidates if r.paragraph in pending_paras]
            if len(pending) == 1:
                rec = pending[0]
            elif len(candidates) == 1:
                rec = candidates[0]
        if rec is None:
            unmatched.append(ref)
            if warn:
                warn(f"{addendum.symbol}: recommendation {ref} is not in {report.symbol}")
            continue
        if rec.position in (SUPPORTED, NOTED) and rec.position_source == report.symbol:
            continue
        rec.position = position
        rec.position_source = addendum.symbol
        rec.position_paragraph = addendum.position_paragraphs.get(ref, "")
    return unmatched


def parse_upr_report(path: str | Path) -> UprReport:
    """Extract the text of a Working Group report file (PDF, DOCX, HTML, text) and parse it.

    Raises the extraction errors of :mod:`.extract` (corrupt PDF, no text layer...)
    and :class:`DocumentError` naming the file (and page) when the text is not a
    readable Working Group report.
    """
    extracted = extract_text(path)
    try:
        return parse_upr_report_text([page.text for page in extracted.pages])
    except UprParseError as exc:
        raise DocumentError(path, str(exc.args[0]).split(" (page ")[0], page=exc.page) from exc


def parse_upr_addendum(path: str | Path) -> UprAddendum:
    """Extract and parse an addendum file (``A/HRC/{n}/{m}/Add.1``).

    Raises like :func:`parse_upr_report`.
    """
    extracted = extract_text(path)
    try:
        return parse_upr_addendum_text([page.text for page in extracted.pages])
    except UprParseError as exc:
        raise DocumentError(path, str(exc.args[0]).split(" (page ")[0], page=exc.page) from exc


# ---------------------------------------------------------------------------
# Registration with ``parse_document`` / ``rightstrack parse FILE --json``

SECTION_TITLE = "II. Conclusions and/or recommendations"


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def report_to_json(report: UprReport) -> dict[str, Any]:
    """The ``rightstrack parse --json`` shape of a Working Group report.

    Each paragraph: ``number`` ("140.7"), ``printed``, ``subparagraphs`` (always
    empty), ``kind`` ("recommendation"), ``section``, ``group`` (140) and its
    ``group_position``, ``text`` (without the closing States), ``full_text`` (the item
    as printed, closing States included), ``recommending_states``
    (ISO3), ``state_names`` and ``unknown_states`` as printed, ``position``,
    ``position_source``, ``position_paragraph``, ``page``.
    """
    return {
        "symbol": report.symbol or None,
        "type": "upr_wg_report",
        "committee": "UPR",
        "country": report.country,
        "adopted": _iso(report.adopted),
        "paragraphs": [
            {
                "number": rec.number,
                "printed": rec.printed,
                "subparagraphs": [],
                "kind": "recommendation",
                "section": SECTION_TITLE,
                "group": rec.paragraph,
                "group_position": report.groups.get(rec.paragraph, ""),
                "text": rec.text,
                "full_text": rec.full_text,
                "recommending_states": rec.recommending_states,
                "state_names": rec.state_names,
                "unknown_states": rec.unknown_states,
                "position": rec.position,
                "position_source": rec.position_source,
                "position_paragraph": rec.position_paragraph,
                "page": rec.page,
            }
            for rec in report.recommendations
        ],
        "follow_up": None,
        "particular_importance": None,
        "next_report": None,
    }


def addendum_to_json(addendum: UprAddendum) -> dict[str, Any]:
    """The ``--json`` shape of an addendum: one paragraph per reference with its position.

    ``adopted`` is the distribution date (an addendum is not adopted); ``parent`` is
    added to each paragraph so a reader can join on ``{parent}#{number}``.
    """
    return {
        "symbol": addendum.symbol or None,
        "type": "upr_addendum",
        "committee": "UPR",
        "country": addendum.country,
        "adopted": _iso(addendum.distributed),
        "paragraphs": [
            {
                "number": ref,
                "subparagraphs": [],
                "kind": "position",
                "section": f"para. {addendum.position_paragraphs.get(ref, '')}",
                "text": position,
                "parent": addendum.parent_symbol,
                "position": position,
                "position_paragraph": addendum.position_paragraphs.get(ref, ""),
            }
            for ref, position in addendum.positions.items()
        ],
        "follow_up": None,
        "particular_importance": None,
        "next_report": None,
    }


def _register() -> None:
    from rightstrack.ingest.parsers.documents.kinds import DocumentKind, register_kind

    def pages(ctx: Any) -> list[str]:
        return [page.text for page in ctx.extracted.pages]

    def parse_report(ctx: Any) -> UprReport:
        try:
            return parse_upr_report_text(pages(ctx))
        except UprParseError as exc:
            raise DocumentError(ctx.path, str(exc.args[0]), page=exc.page) from exc

    def parse_addendum(ctx: Any) -> UprAddendum:
        try:
            return parse_upr_addendum_text(pages(ctx))
        except UprParseError as exc:
            raise DocumentError(ctx.path, str(exc.args[0]), page=exc.page) from exc

    register_kind(
        DocumentKind(
            name="upr_wg_report",
            detect=lambda ctx: 1.0 if is_upr_report_text(ctx.extracted.text) else 0.0,
            parse=parse_report,
            to_json=lambda parsed: report_to_json(parsed.result),
        )
    )
    register_kind(
        DocumentKind(
            name="upr_addendum",
            detect=lambda ctx: 1.0 if is_upr_addendum_text(ctx.extracted.text) else 0.0,
            parse=parse_addendum,
            to_json=lambda parsed: addendum_to_json(parsed.result),
        )
    )


_register()
