"""Cleaning of extracted UN document text (pure Python).

Stable API (reused by the UPR Working Group report parser)::

    cleaned = clean_pages(extracted.pages, symbol="CERD/C/BRA/CO/18-20")
    cleaned.lines        # list[Line(text, page, footnote_refs)] without headers/footers
    cleaned.footnotes    # list[Footnote(marker, text, page)], apart from the body text
    cleaned.text         # body lines joined with "\\n"
    cleaned.front_lines  # page-1 masthead lines removed (United Nations, Distr., Original...)

What is dropped (UN documents repeat these on every page):

- the document symbol alone on a line (page headers), also with ``*``;
- page numbers alone on a line;
- job numbers and barcodes: ``GE.22-27770(E)``, ``GE.19-14116 (E) 081019 091019``,
  ``GE.19-14116``;
- the page-1 masthead: ``United Nations``, the treaty's name, ``Distr.: General``
  and its date, ``Original: English``, ``English only``, ``Advance unedited version``.

Footnotes are kept apart: the block at the bottom of a PDF page that follows an
empty separator line and starts with a marker (``1``, ``*``, ``**``), and star
footnotes anywhere in flattened text (``* Adopted by the Committee at its 117th
session``). Markers glued to body words (``Brazil,1 submitted``, ``observations10``)
are removed from the body when the same number is a footnote on that page, and
recorded on the line (``Line.footnote_refs``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rightstrack.ingest.parsers.documents.extract import Page
from rightstrack.ingest.parsers.documents.symbols import normalise_symbol

__all__ = ["CleanedText", "Footnote", "Line", "clean_pages", "is_page_furniture"]


@dataclass(frozen=True)
class Line:
    """One body line with the page it is printed on (1-based)."""

    text: str
    page: int
    footnote_refs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Footnote:
    """A footnote: its marker (``"1"``, ``"*"``, ``"**"``), text and page."""

    marker: str
    text: str
    page: int


@dataclass
class CleanedText:
    """Body text without page furniture, with footnotes apart.

    Attributes:
        lines: body lines in reading order (blank lines dropped).
        footnotes: footnotes in order of appearance.
        front_lines: masthead lines removed from page 1 (metadata reads them).
        removed: count of header/footer lines dropped (for tests and benchmarks).
    """

    lines: list[Line] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    front_lines: list[str] = field(default_factory=list)
    removed: int = 0

    @property
    def text(self) -> str:
        """Body lines joined with newlines."""
        return "\n".join(line.text for line in self.lines)

    def footnote(self, marker: str, page: int | None = None) -> Footnote | None:
        """The footnote with ``marker`` (on ``page`` when given)."""
        for note in self.footnotes:
            if note.marker == marker and (page is None or note.page == page):
                return note
        return None


_JOB_NUMBER = re.compile(r"^GE\.\d{2}-\d{4,6}\s*(\(\s*[EFS]\s*\))?[\s\d*]*$")
_PAGE_NUMBER = re.compile(r"^\d{1,3}$")
_MASTHEAD_START = re.compile(r"^(United Nations|Nations Unies|Naciones Unidas)\b")
_MASTHEAD_LINE = re.compile(
    r"^(United Nations(\s+\S+)?|Distr\.?:?\s*(General|Restricted|Limited).*|"
    r"Original:\s*\w+.*|(English|French|Spanish|Arabic|Russian|Chinese)"
    r"((,|\s+and)\s+\w+)*\s+only|English|Advance unedited version|"
    r"\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|International (Covenant|Convention)\b.*|"
    r"Convention (on|against)\b.*)$"
)
_FOOTNOTE_START = re.compile(r"^\s?(\d{1,3}|\*{1,3})\s+(\S.*)$")
_STAR_FOOTNOTE = re.compile(r"^(\*{1,3})\s*([A-Z\[].*)$")
# A footnote marker glued to a word or after punctuation, never after a digit ("28.6").
_MARKER = re.compile(
    r"(?:(?<=[A-Za-z\u00c0-\u024f)\u2019\u201d\"'])|(?<=[^\d\s][.,;:]))(\d{1,3})(?=[\s,.;:)]|$)"
)


def is_page_furniture(line: str, symbol: str | None = None) -> bool:
    """True for a page header/footer line: the symbol alone, a page number, a job number."""
    stripped = line.strip()
    if not stripped:
        return False
    if _PAGE_NUMBER.match(stripped) or _JOB_NUMBER.match(stripped):
        return True
    if symbol and normalise_symbol(stripped) == normalise_symbol(symbol):
        return True
    # "CCPR/C/DNK/CO/6 2" or "2 CCPR/C/DNK/CO/6": header with page number on one line.
    if symbol:
        rest = re.sub(r"\s*\d{1,3}\s*", "", stripped.replace(symbol, "", 1))
        if stripped != rest and symbol in stripped and not rest.strip("* "):
            return True
    return False


def clean_pages(pages: Sequence[Page], symbol: str | None = None) -> CleanedText:
    """Remove page furniture and move footnotes apart.

    Args:
        pages: extracted pages (1-based numbers).
        symbol: the document's own symbol, when known (its header lines are dropped).

    Returns:
        :class:`CleanedText`. Never raises on odd input; unknown lines stay in the body.
    """
    result = CleanedText()
    for page in pages:
        raw_lines = page.text.split("\n")
        body, notes, front = _split_page(raw_lines, page.number, symbol, result)
        result.footnotes.extend(notes)
        result.front_lines.extend(front)
        markers = {n.marker for n in notes if n.marker.isdigit()}
        for text in body:
            refs: tuple[str, ...] = ()
            if markers:
                found: list[str] = []

                def _drop(
                    match: re.Match[str], found: list[str] = found, markers: set[str] = markers
                ) -> str:
                    if match.group(1) in markers:
                        found.append(match.group(1))
                        return ""
                    return match.group(0)

                text = _MARKER.sub(_drop, text)
                refs = tuple(found)
            inline = re.findall(r"\[\[fn:(\d+)\]\]", text)  # markers of paragraph JSON exports
            if inline:
                text = re.sub(r"\s*\[\[fn:\d+\]\]", "", text)
                refs = (*refs, *inline)
            text = re.sub(r"(?<=\w)\*{1,3}(?=\s|$)", "", text)  # title markers "Brazil**"
            text = re.sub(r"[ \t]+", " ", text).strip()
            if text:
                result.lines.append(Line(text, page.number, refs))
    return result


def _split_page(
    lines: list[str], number: int, symbol: str | None, result: CleanedText
) -> tuple[list[str], list[Footnote], list[str]]:
    body: list[str] = []
    front: list[str] = []
    # 1. page-1 masthead: from "United Nations" (or treaty name) to "Original: ..." (<= 14 lines)
    if number == 1:
        lines = _drop_masthead(lines, front)
    # 2. footnote block: after the last blank separator line, starting with a marker
    notes: list[Footnote] = []
    cut = _footnote_block_start(lines)
    tail = lines[cut:] if cut is not None else []
    lines = lines[:cut] if cut is not None else lines
    for raw in tail:
        stripped = raw.strip()
        if not stripped or is_page_furniture(stripped, symbol):
            continue
        m = _FOOTNOTE_START.match(raw)
        if m:
            notes.append(Footnote(m.group(1), m.group(2).strip(), number))
        elif notes:
            last = notes[-1]
            notes[-1] = Footnote(last.marker, f"{last.text} {stripped}", number)
    for raw in lines:
        stripped = raw.strip()
        if not stripped:
            continue
        if is_page_furniture(stripped, symbol):
            result.removed += 1
            continue
        star = _STAR_FOOTNOTE.match(stripped)
        if star:
            notes.append(Footnote(star.group(1), _strip_job(star.group(2)), number))
            continue
        if stripped.startswith("GE.") and _JOB_NUMBER.match(stripped.split("  ")[0]):
            result.removed += 1
            continue
        body.append(raw)
    return body, notes, front


def _strip_job(text: str) -> str:
    """'The present document ... editing. GE.23-20571 (E) 290124' -> without the job number."""
    return re.sub(r"\s*GE\.\d{2}-\d{4,6}.*$", "", text).strip()


def _drop_masthead(lines: list[str], front: list[str]) -> list[str]:
    kept: list[str] = []
    index = 0
    while index < len(lines):
        stripped = lines[index].strip()
        if _MASTHEAD_START.match(stripped) or stripped.startswith(("International Co", "Distr.")):
            end = None
            for j in range(index, min(index + 16, len(lines))):
                if re.search(r"\bOriginal:", lines[j]):
                    end = j
                    break
            if end is not None:
                # A line after "Original: Spanish" may say "English and Spanish only".
                if end + 1 < len(lines) and re.search(r"\bonly\s*$", lines[end + 1]):
                    end += 1
                front.extend(line.strip() for line in lines[index : end + 1] if line.strip())
                index = end + 1
                continue
        if _MASTHEAD_LINE.match(stripped) and not _kept_has_body(kept):
            front.append(stripped)
            index += 1
            continue
        kept.append(lines[index])
        index += 1
    return kept


def _kept_has_body(kept: list[str]) -> bool:
    """True once a numbered paragraph was kept (masthead lines only precede it)."""
    return any(re.match(r"^\s*1\.\s", line) for line in kept)


def _footnote_block_start(lines: list[str]) -> int | None:
    """Index where the bottom footnote block starts, or ``None``.

    PDF text shows the footnote rule as a line of spaces; the block after it
    starts with a marker. Scanning from the end keeps body lines that only
    look like footnotes (``19 pandemic, ...`` after ``COVID-``) in the body.
    """
    for index in range(len(lines) - 1, 0, -1):
        if lines[index].strip():
            continue
        if not lines[index]:  # truly empty: flattened text, not a PDF rule
            continue
        following = [line for line in lines[index + 1 :] if line.strip()]
        if following and _FOOTNOTE_START.match(following[0]):
            return index + 1
    return None
