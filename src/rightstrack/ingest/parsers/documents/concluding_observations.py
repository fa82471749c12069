"""Concluding observations of the treaty bodies: paragraphs, headings, follow-up (pure Python).

Input: cleaned lines (:mod:`.clean`) and metadata (:mod:`.metadata`). Output:
:class:`ConcludingObservations` with

- the heading tree: lettered (``A. Introduction``) or roman (CRC: ``I. Introduction``)
  sections and the topic sub-headings inside "Concerns and recommendations";
- numbered paragraphs 1..N (numbers are consecutive through the document;
  headings are not numbered) with lettered sub-paragraphs. Numbering survives line
  and page breaks, inline runs (``Family reunification 35. ... 36. ...``) and scrambled
  short lines (``(g) 2011;`` printed before its text);
- each paragraph's kind: ``introduction``, ``positive_aspect``, ``concern``,
  ``recommendation`` or ``procedural`` (dissemination, follow-up, next report...);
- the follow-up request (items expanded, due date stated or computed from the
  adoption date), CERD "paragraphs of particular importance" and CRC "urgent
  measures" (flags without deadline), and the next periodic report.

Rules are read from the text, never derived from the committee: each document states
its own deadline, and a committee's practice changes (the Human Rights Committee has
asked for one, two and three years).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date

from rightstrack.core.periods import add_period
from rightstrack.ingest.parsers.documents.clean import CleanedText, Line
from rightstrack.ingest.parsers.documents.metadata import (
    DocumentMetadata,
    parse_un_date,
    report_numbers,
)

__all__ = [
    "ConcludingObservations",
    "FollowUp",
    "Heading",
    "NextReport",
    "Paragraph",
    "PriorityFlags",
    "Reference",
    "SubParagraph",
    "expand_references",
    "parse_concluding_observations",
]


@dataclass(frozen=True)
class Heading:
    """A heading as printed. ``level`` 1 = section (A./I.), 2 = sub-section or topic, 3 = topic
    under a CRC lettered cluster. ``label`` is ``"A"``/``"III"`` or ``None``."""

    text: str
    level: int
    label: str | None
    page: int
    before_paragraph: int


@dataclass
class SubParagraph:
    """A lettered sub-paragraph: ``letter`` ``"a"``, its text without the ``(a)`` marker."""

    letter: str
    text: str


@dataclass
class Paragraph:
    """A numbered paragraph.

    Attributes:
        number: as printed.
        chapeau: text before the first sub-paragraph (all text if none).
        subparagraphs: lettered sub-paragraphs in order.
        kind: ``introduction``, ``positive_aspect``, ``concern``, ``recommendation``,
            ``procedural``.
        procedure: for procedural paragraphs: ``dissemination``, ``follow_up``,
            ``particular_importance``, ``urgent_measures``, ``next_report``,
            ``consultation``, ``other``; else ``None``.
        section: the level-1 heading text (``"C. Concerns and recommendations"``).
        topic: the innermost heading above the paragraph (``"Gender equality"``).
        page: page where the number is printed.
        recommendation: older CCPR format: the unnumbered "The State party should ..."
            text attached to this concern paragraph, else ``None``.
        footnotes: footnote markers referenced in the paragraph.
    """

    number: int
    chapeau: str
    subparagraphs: list[SubParagraph] = field(default_factory=list)
    kind: str = "concern"
    procedure: str | None = None
    section: str | None = None
    topic: str | None = None
    page: int = 1
    recommendation: str | None = None
    footnotes: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """Chapeau and sub-paragraphs, one per line as ``(a) text``."""
        parts = [self.chapeau] + [f"({s.letter}) {s.text}" for s in self.subparagraphs]
        return "\n".join(p for p in parts if p)

    @property
    def letters(self) -> list[str]:
        """Sub-paragraph letters in order."""
        return [s.letter for s in self.subparagraphs]


@dataclass(frozen=True)
class Reference:
    """One paragraph reference: ``17 (a)`` -> ``Reference(17, "a")``; ``title`` as printed."""

    paragraph: int
    sub: str | None = None
    title: str | None = None

    @property
    def label(self) -> str:
        """``"17 (a)"`` or ``"20"``: the citation form."""
        return f"{self.paragraph} ({self.sub})" if self.sub else str(self.paragraph)


@dataclass
class FollowUp:
    """The follow-up request.

    Attributes:
        paragraph: number of the paragraph that makes the request.
        items: expanded references (``36 (a)-(d)`` gives four).
        due: the deadline, or ``None`` when neither a date nor an adoption date is known.
        due_basis: ``"stated"`` (a date in the text wins), ``"computed"`` (adoption date
            + period) or ``None``.
        period: the period as printed ("within one year of the adoption ..."), or ``None``.
        period_months: the period in months (12, 24...), or ``None``.
    """

    paragraph: int
    items: list[Reference]
    due: date | None = None
    due_basis: str | None = None
    period: str | None = None
    period_months: int | None = None


@dataclass
class PriorityFlags:
    """CERD "paragraphs of particular importance" or CRC "urgent measures": no deadline."""

    kind: str
    paragraph: int
    items: list[Reference]


@dataclass
class NextReport:
    """The next periodic report.

    Attributes:
        paragraph: the paragraph asking for it.
        report: as printed ("combined twentieth to twenty-second periodic reports").
        numbers: ``(20, 22)``; ``None`` when the text does not say which.
        due: exact date when stated ("by 15 July 2022").
        due_year: the year (2026 for "by 2026", or the year of ``due``).
        status: ``"fixed"`` or ``"tbd_predictable_cycle"`` (the committee will set the
            date under the eight-year predictable review cycle agreed in 2022).
        word_limit: e.g. 21200.
    """

    paragraph: int
    report: str | None = None
    numbers: tuple[int, int] | None = None
    due: date | None = None
    due_year: int | None = None
    status: str = "fixed"
    word_limit: int | None = None


@dataclass
class ConcludingObservations:
    """A parsed concluding observations document.

    Attributes:
        metadata: symbol, committee, country, adoption date (a ``datetime.date``).
        headings: the heading tree (lettered sections, topic sub-headings).
        paragraphs: numbered paragraphs in document order, each with its lettered
            sub-paragraphs and kind (introduction, positive, concern, recommendation,
            procedural).
        follow_up: the follow-up request (items, due date, stated or computed),
            or ``None`` when the document asks for none.
        particular_importance: CERD's "paragraphs of particular importance" (no deadline).
        urgent_measures: the CRC's "urgent measures" (no deadline).
        next_report: which periodic report is due next and when.
        warnings: what the parser could not read with confidence (human-readable).
    """

    metadata: DocumentMetadata
    headings: list[Heading]
    paragraphs: list[Paragraph]
    follow_up: FollowUp | None = None
    particular_importance: PriorityFlags | None = None
    urgent_measures: PriorityFlags | None = None
    next_report: NextReport | None = None
    warnings: list[str] = field(default_factory=list)

    def paragraph(self, number: int) -> Paragraph | None:
        """The paragraph with this number, or ``None``."""
        for para in self.paragraphs:
            if para.number == number:
                return para
        return None

    def section_ranges(self) -> dict[str, tuple[int, int]]:
        """Level-1 section -> (first, last) paragraph number, in document order."""
        ranges: dict[str, tuple[int, int]] = {}
        for para in self.paragraphs:
            if para.section is None:
                continue
            first, _ = ranges.get(para.section, (para.number, para.number))
            ranges[para.section] = (first, para.number)
        return ranges


# --- dates ------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=2048)
def _rx(pattern: str) -> re.Pattern[str]:
    """Compiled pattern, cached: paragraph patterns embed the expected number and would
    otherwise evict each other from :mod:`re`'s small cache."""
    return re.compile(pattern)


_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "nine": 9,
    "twelve": 12, "eighteen": 18, "twenty-four": 24, "thirty-six": 36, "a": 1,
}  # fmt: skip

_PERIOD = re.compile(
    r"within\s+(?:a\s+period\s+of\s+)?(\d+|one|two|three|four|five|six|nine|twelve|eighteen|twenty-four|thirty-six|a)"
    r"\s+(years?|months?)\b[^,.;]*",
    re.IGNORECASE,
)


def parse_period(text: str) -> tuple[str, int] | None:
    """("within one year of the adoption ...", 12) from a follow-up paragraph, or ``None``."""
    m = _PERIOD.search(text)
    if not m:
        return None
    amount_word = m.group(1).lower()
    amount = int(amount_word) if amount_word.isdigit() else _NUMBER_WORDS[amount_word]
    months = amount * 12 if m.group(2).lower().startswith("year") else amount
    return m.group(0).strip(), months


# --- references -------------------------------------------------------------------------------

_DASH = r"\s*(?:[\u2013\u2014\-]|to)\s*"
_TRIGGER = re.compile(r"\b(?:paragraphs?|paras?\.)\s+(?=\d)", re.IGNORECASE)


def expand_references(text: str) -> list[Reference]:
    """Expand every paragraph reference list in ``text`` into single references.

    "paragraphs 20 (domestic violence), 24 ... and 32" -> 20, 24, 32;
    "17 (a) ..., 19 (c) ... and 36 (a)–(d)" -> 17 (a), 19 (c), 36 (a), (b), (c), (d);
    "17 (b)–(c) and (e)–(f)" -> 17 (b), (c), (e), (f); "(para. 17)" (CRC) -> 17;
    "paragraphs 20–22" -> 20, 21, 22. Parenthesised titles are kept on the reference.
    References to rules or articles ("rule 71, paragraph 5") are ignored. Duplicates
    are dropped, order kept.
    """
    refs: list[Reference] = []
    for trigger in _TRIGGER.finditer(text):
        before = text[max(0, trigger.start() - 25) : trigger.start()]
        if re.search(r"\b(?:rule|article|art\.|resolution)\s+\d+\s*,?\s*$", before, re.IGNORECASE):
            continue
        refs.extend(_parse_list(text[trigger.end() :]))
    seen: set[tuple[int, str | None]] = set()
    unique = []
    for ref in refs:
        if (ref.paragraph, ref.sub) not in seen:
            seen.add((ref.paragraph, ref.sub))
            unique.append(ref)
    return unique


def _letters(first: str, last: str) -> list[str]:
    if len(first) == 1 and len(last) == 1 and first <= last:
        return [chr(c) for c in range(ord(first), ord(last) + 1)]
    return [first, last]


def _parse_list(text: str) -> list[Reference]:
    """Parse "17 (a) (title), 19 (c) and 36 (a)–(d) (title) above ..." from the start."""
    refs: list[Reference] = []
    pos = 0
    current: int | None = None
    pending: list[Reference] = []  # refs of the current number, to receive a title

    def flush_title(title: str | None) -> None:
        nonlocal pending
        if title:
            for i, ref in enumerate(refs):
                if ref in pending:
                    refs[i] = Reference(ref.paragraph, ref.sub, title)
        pending = []

    while pos < len(text):
        rest = text[pos:]
        if (m := re.match(r"\s*(?:,|;|\band\b|\bor\b)\s*", rest)) and m.end() > 0:
            pos += m.end()
            continue
        if m := re.match(r"(\d{1,3})(?![\d/.,]\d)(?:" + _DASH + r"(\d{1,3})(?![\d/]))?", rest):
            flush_title(None)
            first = int(m.group(1))
            last = int(m.group(2)) if m.group(2) else first
            current = first
            if last - first > 20 or last < first:
                last = first
            for number in range(first, last + 1):
                ref = Reference(number)
                refs.append(ref)
                pending.append(ref)
            pos += m.end()
            continue
        if current is not None and (
            m := re.match(
                r"\s*\(([a-z]{1,2}|[ivx]{1,4})\)(?:" + _DASH + r"\(([a-z]{1,2}|[ivx]{1,4})\))?",
                rest,
            )
        ):
            letters = _letters(m.group(1), m.group(2)) if m.group(2) else [m.group(1)]
            # a bare number followed by its sub-references: replace the bare one
            if refs and refs[-1].paragraph == current and refs[-1].sub is None:
                bare = refs.pop()
                if bare in pending:
                    pending.remove(bare)
            for letter in letters:
                ref = Reference(current, letter)
                refs.append(ref)
                pending.append(ref)
            pos += m.end()
            continue
        if m := re.match(r"\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)", rest):
            title = re.sub(r"\s+", " ", m.group(1)).strip()
            if len(title) > 2:
                flush_title(title)
                pos += m.end()
                continue
        break
    return refs


# --- segmentation -----------------------------------------------------------------------------

_SECTION = re.compile(r"^(?P<label>[A-H]|[IVX]{1,5})\.\s+(?P<title>[A-Z\u00c0-\u00dd].*)$")
_KNOWN_SECTIONS = re.compile(
    r"^(Introduction|Positive aspects|(Principal |Main )?(subjects|matters|areas) of concern( and recommendations)?|"
    r"Concerns and recommendations|Other recommendations|Factors and difficulties.*)$",
    re.IGNORECASE,
)
_SUB_START = re.compile(r"^\(([a-z]{1,2})\)\s+")
# CMW and CED number their sub-sections: "2. Definition and criminalization (arts. 1-7)".
_NUMBERED_HEADING = re.compile(
    r"^(?P<label>\d{1,2})\.\s+(?P<title>[A-Z][^.;:]{2,150}(?:\([^)]*\))?)$"
)
_TERMINAL = (".", ";", ":", ".\u201d", ".)", ";\u201d")


def _next_letter(letter: str | None) -> str:
    if letter is None:
        return "a"
    if letter == "z":
        return "aa"
    return chr(ord(letter[-1]) + 1) if len(letter) == 1 else letter


@dataclass
class _Draft:
    number: int
    page: int
    chapeau: list[str] = field(default_factory=list)
    subs: list[tuple[str, list[str]]] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    section: str | None = None
    topic: str | None = None

    def add(self, text: str) -> None:
        target = self.subs[-1][1] if self.subs else self.chapeau
        target.append(text)

    def last_text(self) -> str:
        target = self.subs[-1][1] if self.subs else self.chapeau
        return target[-1] if target else ""

    def last_letter(self) -> str | None:
        return self.subs[-1][0] if self.subs else None


def _join(parts: list[str]) -> str:
    text = ""
    for part in parts:
        if not text:
            text = part
        elif text.endswith("-") and part[:1].isalnum() and not text.endswith(" -"):
            text += part  # "Afro-" + "Brazilians", "COVID-" + "19"
        else:
            text += " " + part
    return re.sub(r"\s+", " ", text).strip()


def _split_inline(
    text: str, expected: int, ended: bool
) -> list[tuple[int | None, str, str | None]]:
    """Split a line at paragraph numbers printed inline.

    Returns segments ``(number or None, text, heading or None)``: ``number`` is set
    where paragraph ``number`` starts (``None``: the text continues the current
    paragraph); ``heading`` is a heading printed on the same line before the number
    ("Family reunification 35. The Committee ..."). Only the expected next number
    counts, so "article 2. 3." or "No. 35" never start a paragraph out of sequence.
    """
    segments: list[tuple[int | None, str, str | None]] = []
    current: int | None = None
    heading: str | None = None
    rest = text
    if m := _rx(rf"^{expected}\.\s+(?=[A-Z\u201c\"(\u00c0-\u00dd])").match(rest):
        current, rest, expected = expected, rest[m.end() :], expected + 1
    elif ended and (
        m := _rx(rf"^(?P<head>[A-Z][^.;:]{{2,150}}?)\s+{expected}\.\s+(?=[A-Z\u201c\"(])").match(
            rest
        )
    ):
        current, heading = expected, m.group("head").strip()
        rest, expected = rest[m.end() :], expected + 1
    while True:
        m = _rx(rf"(?<=[.;:)\]\u201d])\s+{expected}\.\s+(?=[A-Z\u201c\"(])").search(rest)
        if not m:
            segments.append((current, rest, heading))
            return segments
        segments.append((current, rest[: m.start()], heading))
        current, heading = expected, None
        rest, expected = rest[m.end() :], expected + 1


def _is_heading_candidate(text: str, buffer: list[str], ended: bool) -> bool:
    if len(text) > 160 or text.endswith((".", ";", ":", ",")):
        return False
    if _SUB_START.match(text):
        return False
    if buffer:
        return True  # continuation or next heading line
    if not ended:
        return False
    return text[:1].isupper() or bool(_SECTION.match(text) or _NUMBERED_HEADING.match(text))


def _segment(lines: list[Line]) -> tuple[list[_Draft], list[Heading], list[str], list[str]]:
    """Turn body lines into paragraph drafts and headings. Returns (drafts, headings,
    front lines before paragraph 1, warnings)."""
    drafts: list[_Draft] = []
    headings: list[Heading] = []
    warnings: list[str] = []
    front: list[str] = []
    expected = 1
    buffer: list[Line] = []
    section: str | None = None
    section_scheme: str | None = None  # "letter" or "roman"
    cluster: str | None = None  # CRC lettered cluster under a roman section
    topic: str | None = None

    def emit_headings(items: list[tuple[str, int]], number: int) -> None:
        nonlocal section, topic, section_scheme, cluster
        merged: list[tuple[str, int]] = []
        for text, page in items:
            if (
                merged
                and not text[:1].isupper()
                and not _SECTION.match(text)
                and not _NUMBERED_HEADING.match(text)
            ):
                merged[-1] = (f"{merged[-1][0]} {text}", merged[-1][1])  # wrapped heading
            else:
                merged.append((text, page))
        for raw, page in merged:
            text = re.sub(r"\s+", " ", raw).strip()
            numbered = _NUMBERED_HEADING.match(text)
            if numbered:
                level, cluster, topic = 2, text, text
                headings.append(Heading(text, level, numbered.group("label"), page, number))
                continue
            m = _SECTION.match(text)
            label = m.group("label") if m else None
            roman = bool(label) and (
                len(label or "") > 1 or (label in {"I", "V", "X"} and section_scheme != "letter")
            )
            if label and roman:
                section_scheme = section_scheme or "roman"
                level, section, cluster, topic = 1, text, None, None
            elif label and section_scheme == "roman":
                level, cluster, topic = 2, text, text
            elif label:
                section_scheme = section_scheme or "letter"
                level, section, cluster, topic = 1, text, None, None
            elif _KNOWN_SECTIONS.match(text) and section_scheme != "roman":
                level, section, cluster, topic = 1, text, None, None
            else:
                level, topic = (3 if cluster else 2), text
            headings.append(Heading(text, level, label, page, number))

    def start(number: int, line: Line, heading: str | None) -> _Draft:
        pending = [(b.text, b.page) for b in buffer]
        if heading:
            pending.append((heading, line.page))
        if pending:
            emit_headings(pending, number)
        buffer.clear()
        draft = _Draft(number, line.page, section=section, topic=topic)
        drafts.append(draft)
        return draft

    current: _Draft | None = None
    for line in lines:
        text = line.text
        if current is None and not _rx(rf"^(?:.*\s)?{expected}\.\s").match(text):
            if _SECTION.match(text) and not text.endswith((".", ";", ":")):
                buffer.append(line)  # "A. Introduction" printed before paragraph 1
            else:
                front.append(text)
            continue
        ended = current is None or current.last_text().rstrip().endswith(_TERMINAL)
        # resynchronise when a number was lost: "N+1. Text" at line start after a full stop
        if (
            current is not None
            and ended
            and not _rx(rf"^{expected}\.\s").match(text)
            and _rx(rf"^{expected + 1}\.\s+[A-Z]").match(text)
        ):
            warnings.append(
                f"paragraph {expected} not found (page {line.page}); numbering resumed at {expected + 1}"
            )
            expected += 1
        if current is not None and not _rx(rf"(?:^|\s){expected}\.\s").search(text):
            if _is_heading_candidate(text, [b.text for b in buffer], ended):
                buffer.append(line)
                continue
            if buffer:
                for held in buffer:
                    _add_text(current, held.text)
                buffer.clear()
            _add_text(current, text)
            current.refs.extend(line.footnote_refs)
            continue
        segments = _split_inline(text, expected, ended)
        for number, segment, heading in segments:
            if number is not None and (current is None or number != current.number):
                current = start(number, line, heading)
                expected = number + 1
            elif buffer and current is not None:
                for held in buffer:  # the held lines were not headings after all
                    _add_text(current, held.text)
                buffer.clear()
            if current is not None and segment.strip():
                _add_text(current, segment.strip())
        if current is not None:
            current.refs.extend(line.footnote_refs)
    if current is not None and buffer:
        for held in buffer:
            _add_text(current, held.text)
    return drafts, headings, front, warnings


def _add_text(draft: _Draft, text: str) -> None:
    """Add a line to a paragraph draft, splitting lettered sub-paragraphs (also inline)."""
    expected = _next_letter(draft.last_letter())
    pieces = _rx(
        rf"(?:^|(?<=[:;.])\s+(?:and\s+|or\s+)?)\(({expected}|{_next_letter(expected)})\)\s+"
    ).split(text)
    if len(pieces) == 1:
        draft.add(text)
        return
    if pieces[0].strip():
        draft.add(pieces[0].strip())
    for i in range(1, len(pieces), 2):
        letter, body = pieces[i], pieces[i + 1]
        if letter != _next_letter(draft.last_letter()):
            draft.add(f"({letter}) {body}")
            continue
        draft.subs.append((letter, [body.strip()] if body.strip() else []))
        # nested inline letters on the same line ("... ; (c) ...") are split recursively
        tail = draft.subs[-1][1]
        if tail and _rx(rf"(?<=[:;.])\s+(?:and\s+|or\s+)?\({_next_letter(letter)}\)\s").search(
            tail[-1]
        ):
            last = tail.pop()
            _add_text(draft, last)


def _fix_scrambled(text: str) -> str:
    """'2011; The strengthening ... Gender, in' -> 'The strengthening ... Gender, in 2011;'.

    PDF extraction sometimes prints a short last fragment of a sub-paragraph before
    its first line. Only a fragment of at most three words ending with ``;``/``.``
    followed by text that does not end a sentence is moved.
    """
    m = re.fullmatch(r"((?:\S+\s){0,2}\S+[;.])\s+(.+[^.;:])", text)
    if m and len(m.group(1)) <= 20 and m.group(2)[:1].isupper():
        return f"{m.group(2)} {m.group(1)}"
    return text


# --- classification -----------------------------------------------------------------------------

_REC_CUE = re.compile(
    r"\b(?:the State party should|"
    r"the Committee (?:also |further |strongly |again )?(?:recommends|urges|calls upon|calls on|encourages|"
    r"requests|invites|reiterates its recommendation)|"
    r"(?:It|it) (?:also |further |strongly )?(?:recommends|urges|calls upon|encourages)|"
    r"the Committee calls for)",
    re.IGNORECASE,
)
_UNNUMBERED_REC = re.compile(r"(?:^|(?<=[.)]\s))(The State party should\b.*)$", re.DOTALL)


def _procedure(text: str, topic: str | None, section: str | None) -> str | None:
    heading = f"{topic or ''} | {section or ''}".lower()
    low = text.lower()
    if "particular importance" in low or "particular importance" in heading:
        return "particular_importance"
    if (
        "urgent measures" in low and re.search(r"\bparas?\.|paragraphs?", low)
    ) or "urgent measures" in heading:
        return "urgent_measures"
    if _is_follow_up_request(text):
        return "follow_up"
    if re.search(r"article 29 \(4\)", text) and re.search(r"submit|provide", low):
        return "additional_information"  # CED: no periodic reports, art. 29 (4) requests
    if (
        re.search(
            r"(next|\w+) periodic reports?\b.{0,200}?\b(by \d|by (january|february|march|april|may|june|july|august|september|october|november|december)|by 20\d\d|due)",
            low,
        )
        or re.search(
            r"predictable review cycle|will (?:establish and )?communicate (?:to the state party )?the due date",
            low,
        )
        or "next periodic report" in heading
        or "next report" in heading
    ):
        return "next_report"
    if "word limit" in low or "common core document" in low or "21,200 words" in low:
        return "next_report"
    if re.search(r"\bdisseminat", low) and (
        "concluding observations" in low or "dissemination" in heading
    ):
        return "dissemination"
    if "dissemination" in heading:
        return "dissemination"
    if re.search(
        r"follow-up to the present|follow-up and dissemination|dissemination and follow-up", heading
    ):
        return "follow_up" if _is_follow_up_request(text) else "other"
    return None


def _is_follow_up_request(text: str) -> bool:
    low = re.sub(r"\s+", " ", text.lower())
    return bool(
        re.search(r"(provide|submit|furnish|receive)[^.]{0,160}(within|by \d)", low)
        and re.search(r"paragraphs?\s+\d|paras?\.\s+\d", low)
        and re.search(r"implement|follow-up|recommendations", low)
        and "periodic report" not in low.split("paragraph")[0][-80:]
    )


def _classify(draft: _Draft, text: str, sections_seen: str) -> tuple[str, str | None]:
    section = (draft.section or "").lower()
    topic = draft.topic
    procedure = _procedure(text, topic, draft.section)
    if procedure in {
        "follow_up",
        "particular_importance",
        "next_report",
        "dissemination",
        "additional_information",
    }:
        return "procedural", procedure
    if procedure == "urgent_measures":
        return "procedural", procedure
    if draft.number == 1 or "introduction" in section:
        return "introduction", None
    if re.search(r"positive aspects|positive developments|progress achieved", section):
        return "positive_aspect", None
    if procedure == "other":
        return "procedural", "other"
    if "consultation" in (topic or "").lower() and "civil society" in text.lower():
        return "recommendation", None
    if _REC_CUE.search(text):
        return "recommendation", None
    return "concern", None


# --- follow-up, priorities, next report --------------------------------------------------------


def _follow_up(para: Paragraph, adopted: date | None) -> FollowUp:
    text = re.sub(r"\s+", " ", para.text)
    items = expand_references(text)
    result = FollowUp(paragraph=para.number, items=items)
    period = parse_period(text)
    if period:
        result.period, result.period_months = period
    stated = re.search(r"\bby\s+(\d{1,2}\s+[A-Z][a-z]+\s+\d{4})", text)
    if stated and (due := parse_un_date(stated.group(1))):
        result.due, result.due_basis = due, "stated"
    elif period and adopted:
        result.due, result.due_basis = add_period(adopted, months=period[1]), "computed"
    return result


def _urgent_items(text: str) -> list[Reference]:
    refs = expand_references(text)
    return refs


def _next_report(paras: list[Paragraph], index: int) -> NextReport:
    para = paras[index]
    text = re.sub(r"\s+", " ", para.text)
    result = NextReport(paragraph=para.number)
    following = " ".join(
        re.sub(r"\s+", " ", p.text)
        for p in paras[index + 1 : index + 3]
        if p.procedure == "next_report"
    )
    both = f"{text} {following}"
    if m := re.search(r"which (?:will|shall) be its ([a-z]+(?:-[a-z]+)?)", both):
        numbers = report_numbers(m.group(1))
        if numbers:
            result.report, result.numbers = f"{m.group(1)} periodic report", numbers
    for which in re.finditer(
        r"((?:combined\s+)?[a-z]+(?:-[a-z]+)?(?:\s+(?:to|and)\s+[a-z]+(?:-[a-z]+)?)?\s+periodic\s+reports?)",
        both,
    ):
        numbers = report_numbers(which.group(1))
        if numbers and result.numbers is None:
            result.report, result.numbers = which.group(1), numbers
            break
    if m := re.search(r"\bby\s+(\d{1,2}\s+[A-Z][a-z]+\s+\d{4})", text):
        result.due = parse_un_date(m.group(1))
        result.due_year = result.due.year if result.due else None
    elif m := re.search(r"\b(?:by|due in)\s+(?:[A-Z][a-z]+\s+)?((?:19|20)\d\d)\b", text):
        result.due_year = int(m.group(1))
    elif m := re.search(r"\bdue (?:on|by) (\d{1,2}\s+[A-Z][a-z]+\s+\d{4})", text):
        result.due = parse_un_date(m.group(1))
        result.due_year = result.due.year if result.due else None
    if (
        result.due is None
        and result.due_year is None
        and re.search(
            r"predictable review cycle|review cycle|will (?:establish and )?communicate[^.]{0,60}due date|"
            r"in due course of the due date",
            both,
            re.IGNORECASE,
        )
    ):
        result.status = "tbd_predictable_cycle"
    if m := re.search(r"(\d{1,2},\d{3})\s+words", both):
        result.word_limit = int(m.group(1).replace(",", ""))
    return result


# --- entry point --------------------------------------------------------------------------------


def parse_concluding_observations(
    cleaned: CleanedText, metadata: DocumentMetadata
) -> ConcludingObservations:
    """Parse the body of a concluding observations document.

    Args:
        cleaned: cleaned lines (page furniture removed, footnotes apart).
        metadata: the document's metadata (the adoption date feeds computed deadlines).

    Returns:
        :class:`ConcludingObservations`. A missing paragraph number is reported in
        ``warnings`` rather than raised, so a preview can still show the rest.
    """
    drafts, headings, _front, warnings = _segment(cleaned.lines)
    paragraphs: list[Paragraph] = []
    for draft in drafts:
        chapeau = _join(draft.chapeau)
        subs = [SubParagraph(letter, _fix_scrambled(_join(parts))) for letter, parts in draft.subs]
        para = Paragraph(
            number=draft.number,
            chapeau=chapeau,
            subparagraphs=subs,
            section=draft.section,
            topic=draft.topic,
            page=draft.page,
            footnotes=tuple(dict.fromkeys(draft.refs)),
        )
        para.kind, para.procedure = _classify(draft, para.text, "")
        if (
            para.kind == "concern"
            and not subs
            and (m := _UNNUMBERED_REC.search(chapeau))
            and m.start() > 0
        ):
            # Older CCPR format: "The State party should ..." without a number of its own.
            para.recommendation = m.group(1).strip()
            para.kind = "recommendation"
        elif para.kind == "recommendation" and re.search(
            r"\bconcern|\bregret", chapeau[:300], re.IGNORECASE
        ):
            m = _UNNUMBERED_REC.search(chapeau)
            if m and m.start() > 0:
                para.recommendation = m.group(1).strip()
        paragraphs.append(para)

    result = ConcludingObservations(metadata, headings, paragraphs, warnings=warnings)
    for index, para in enumerate(paragraphs):
        if para.procedure == "follow_up" and result.follow_up is None:
            result.follow_up = _follow_up(para, metadata.adopted)
        elif para.procedure == "particular_importance" and result.particular_importance is None:
            items = expand_references(para.text)
            result.particular_importance = PriorityFlags(
                "particular_importance", para.number, items
            )
        elif para.procedure == "urgent_measures" and result.urgent_measures is None:
            result.urgent_measures = PriorityFlags(
                "urgent_measures", para.number, _urgent_items(para.text)
            )
        elif para.procedure == "next_report" and result.next_report is None:
            result.next_report = _next_report(paragraphs, index)
    return result
