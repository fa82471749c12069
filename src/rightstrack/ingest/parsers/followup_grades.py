"""Committee follow-up evaluations with grades (pure Python: no Django).

Two inputs:

* the Human Rights Committee's follow-up reports as text: the cover report
  ``CCPR/C/<session>/2`` (it prints the A–E assessment criteria) and its
  addenda ``CCPR/C/<session>/2/Add.n`` (one State each: header with the CO,
  follow-up paragraphs, the State's reply, "Committee's evaluation: 19 [B] [C],
  41 [C] and 49 [B]", then per paragraph the recommendation, summaries and the
  evaluation with grade lines such as "[B]: (a)-(e)" / "[C]: (f)");
* the RolandCCPR tracker's JSON (``site/data/hrc_all.json`` records: one per
  State with ``co_symbol``, ``fco_symbol``, ``assessment_symbol``,
  ``paragraphs[].limbs[].grade`` and older ``history[].header_grades``).

Both give :class:`FollowUpEvaluation` objects. Grades stay as printed; the
ordinal mapping belongs to the tracking app (``tracking/grades.py``), whose
committee-grades importer (``tracking/grades_import.py``) stores these evaluations.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rightstrack.ingest.parsers.documents.metadata import parse_un_date
from rightstrack.ingest.parsers.json_fields import check_record

__all__ = [
    "FollowUpEvaluation",
    "GradeLegend",
    "GradedLimb",
    "GradedParagraph",
    "HeaderGrades",
    "looks_like_ccpr_followup_report",
    "looks_like_rolandccpr_json",
    "parse_ccpr_followup_text",
    "parse_rolandccpr_json",
]


@dataclass(frozen=True)
class GradedLimb:
    """One grade of a paragraph: ``label`` the sub-paragraphs it covers as printed
    ("(a)-(e)", "(f)", "(a), (c) and (d)", "" for the whole paragraph)."""

    label: str
    grade: str
    evaluation: str

    @property
    def letters(self) -> list[str]:
        """Sub-paragraph letters covered ("(a)-(e)" → a..e; "" → [])."""
        out: list[str] = []
        for first, last in re.findall(r"\(([a-z])\)(?:\s*[-–]\s*\(([a-z])\))?", self.label):
            end = last or first
            out += [chr(c) for c in range(ord(first), ord(end) + 1)]
        return out


@dataclass
class GradedParagraph:
    """A follow-up paragraph of the CO with its recommendation text and grades."""

    number: str
    title: str
    recommendation: str
    limbs: list[GradedLimb] = field(default_factory=list)


@dataclass(frozen=True)
class HeaderGrades:
    """Grades listed per paragraph without text (older rounds, header-only records)."""

    co_symbol: str
    session: int | None
    year: int | None
    grades: dict[str, tuple[str, ...]]


@dataclass
class FollowUpEvaluation:
    """The Committee's evaluation of one State's follow-up reply.

    Attributes:
        country_iso3: ISO3 from the CO symbol ("CCPR/C/KEN/CO/4" → "KEN").
        co_symbol, co_date: the concluding observations and their date.
        fco_symbol, fco_date: the State's reply and the date it was received.
        assessment_symbol: "CCPR/C/141/2/Add.1".
        assessment_session: 141.
        assessment_date: the last day of the session that adopted it.
        paragraphs: graded paragraphs with text.
        header_grades: "19 [B] [C], 41 [C] and 49 [B]" → {"19": ("B", "C"), ...}.
        history: older grades without text.
        next_report: "2028 (country review in 2029, ...)" as printed, or "".
    """

    country_iso3: str
    co_symbol: str
    co_date: date | None
    fco_symbol: str
    fco_date: date | None
    assessment_symbol: str
    assessment_session: int | None
    assessment_date: date | None
    paragraphs: list[GradedParagraph] = field(default_factory=list)
    header_grades: dict[str, tuple[str, ...]] = field(default_factory=dict)
    history: list[HeaderGrades] = field(default_factory=list)
    next_report: str = ""


@dataclass(frozen=True)
class GradeLegend:
    """The assessment criteria printed in a cover report (``CCPR/C/141/2``)."""

    symbol: str
    session: int | None
    meanings: dict[str, str]


# --------------------------------------------------------------------------- detection

_REPORT_TITLE = "Report on follow-up to the concluding observations of the Human Rights Committee"


def looks_like_ccpr_followup_report(head: str) -> bool:
    """True when ``head`` (start of a text file) is a CCPR follow-up report or addendum."""
    return _REPORT_TITLE in head and "CCPR/C/" in head


def looks_like_rolandccpr_json(head: str) -> bool:
    """True when ``head`` looks like a RolandCCPR ``hrc_all.json`` (excerpt)."""
    return head.lstrip().startswith("{") and '"assessment_symbol"' in head and '"co_symbol"' in head


# --------------------------------------------------------------------------- helpers

_SESSION_DATES = re.compile(
    r"(\d+)(?:st|nd|rd|th) session \((\d{1,2})\s*(?:[A-Za-z]+\s*)?[-–]\s*(\d{1,2} \w+ \d{4})\)"
)
_CO_SYMBOL = re.compile(r"CCPR/C/([A-Z]{3})/CO/\d+(?:/Add\.\d+)?")
_HEADER_GRADE = re.compile(r"(\d+)((?:\s*\[[A-E][1-3]?\])+)")


def _session_end(text: str) -> tuple[int | None, date | None]:
    """ "141st session (1-23 July 2024)" → (141, 2024-07-23); "4–28 March 2024" too."""
    m = _SESSION_DATES.search(text)
    if not m:
        return None, None
    return int(m.group(1)), parse_un_date(m.group(3))


def _header_grades(text: str) -> dict[str, tuple[str, ...]]:
    return {
        num: tuple(re.findall(r"\[([A-E][1-3]?)\]", grades))
        for num, grades in _HEADER_GRADE.findall(text)
    }


def _clean_lines(text: str, symbol: str) -> list[str]:
    """Drop page furniture: repeated symbol, "GE.24-…" job numbers, page numbers, footnotes."""
    out = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line == symbol or re.match(r"^GE\.\d{2}-\d+", line) or line.isdigit():
            continue
        if line.startswith("* Adopted by the Committee"):
            continue
        out.append(line)
    return out


# --------------------------------------------------------------------------- CCPR text


def parse_ccpr_followup_text(path: Path) -> FollowUpEvaluation | GradeLegend:
    """Parse a CCPR follow-up report as text (UTF-8).

    Returns:
        A :class:`GradeLegend` for a cover report (``CCPR/C/141/2``), a
        :class:`FollowUpEvaluation` for an addendum (``CCPR/C/141/2/Add.1``).

    Raises:
        ValueError: not such a report, or a required header line is missing
            (the message names the line expected).
    """
    text = path.read_text(encoding="utf-8")
    m = re.search(r"^(CCPR/C/\d+/2(?:/Add\.\d+)?)\s*$", text, re.M)
    if not m or _REPORT_TITLE not in text:
        raise ValueError("not a CCPR report on follow-up to concluding observations")
    symbol = m.group(1)
    session, end = _session_end(text)
    if "/Add." not in symbol:
        meanings = {
            g: meaning.strip()
            for g, meaning in re.findall(r"^([A-E]) (.+?)(?::|\.\s*$)", text, re.M)
        }
        if set(meanings) != set("ABCDE"):
            raise ValueError(f"{symbol}: assessment criteria A-E not found")
        return GradeLegend(symbol, session, meanings)
    return _parse_addendum(text, symbol, session, end)


def _field(text: str, label: str) -> str:
    m = re.search(rf"^{re.escape(label)}\s*:?\s*\n*\s*(.+)$", text, re.M)
    if not m:
        raise ValueError(f"line {label!r} not found")
    return m.group(1).strip()


def _parse_addendum(
    text: str, symbol: str, session: int | None, end: date | None
) -> FollowUpEvaluation:
    co_line = _field(text, "Concluding observations")
    co = _CO_SYMBOL.search(co_line)
    if not co:
        raise ValueError(f"{symbol}: no CCPR/C/XXX/CO/n symbol in {co_line!r}")
    fco_line = _field(text, "Information received from State party")
    fco = re.search(r"CCPR/C/[A-Z]{3}/[A-Z/]*\d+(?:/Add\.\d+)?", fco_line)
    evaluation_line = _field(text, "Committee's evaluation:")
    next_report = re.search(r"^Next periodic report due:\s*(.+)$", text, re.M)
    result = FollowUpEvaluation(
        country_iso3=co.group(1),
        co_symbol=co.group(0),
        co_date=parse_un_date(co_line),
        fco_symbol=fco.group(0) if fco else "",
        fco_date=parse_un_date(fco_line),
        assessment_symbol=symbol,
        assessment_session=session,
        assessment_date=end,
        header_grades=_header_grades(evaluation_line),
        next_report=next_report.group(1).strip() if next_report else "",
    )
    lines = _clean_lines(text, symbol)
    starts = [i for i, line in enumerate(lines) if re.match(r"^Paragraph \d+:", line)]
    for n, start in enumerate(starts):
        stop = starts[n + 1] if n + 1 < len(starts) else len(lines)
        result.paragraphs.append(_paragraph(lines[start:stop], symbol))
    if not result.paragraphs:
        raise ValueError(f"{symbol}: no 'Paragraph N: title' block found")
    return result


def _paragraph(block: list[str], symbol: str) -> GradedParagraph:
    head = re.match(r"^Paragraph (\d+):\s*(.*)$", block[0])
    if head is None:  # pragma: no cover - guarded by the caller
        raise ValueError(f"{symbol}: bad paragraph heading {block[0]!r}")
    number, title = head.group(1), head.group(2).strip()
    rec_end = next((i for i, line in enumerate(block) if line.startswith("Summary of")), len(block))
    evaluation_at = max(
        (i for i, line in enumerate(block) if line.startswith("Committee's evaluation")),
        default=None,
    )
    if evaluation_at is None:
        raise ValueError(f"{symbol}: paragraph {number} has no 'Committee's evaluation'")
    limbs: list[GradedLimb] = []
    grade, label = "", ""
    texts: list[str] = []
    for line in block[evaluation_at + 1 :]:
        if line.startswith("Recommended action:") or line.startswith("Next periodic report"):
            break
        m = re.match(r"^\[([A-E][1-3]?)\]\s*:?\s*(.*)$", line)
        if m:
            if grade:
                limbs.append(GradedLimb(label, grade, " ".join(texts)))
            grade, label, texts = m.group(1), m.group(2).strip(), []
        else:
            texts.append(line)
    if grade:
        limbs.append(GradedLimb(label, grade, " ".join(texts)))
    if not limbs:
        raise ValueError(f"{symbol}: paragraph {number}: no grade such as '[B]' found")
    return GradedParagraph(number, title, " ".join(block[1:rec_end]), limbs)


# --------------------------------------------------------------------------- RolandCCPR JSON


def _json_limb(limb: dict[str, str]) -> GradedLimb:
    """A limb of the JSON; an empty label is taken from a leading "(b) " of the evaluation
    (the tracker leaves the label empty when the evaluation starts with it)."""
    label = (limb.get("label") or limb.get("limb") or "").strip()
    evaluation = (limb.get("eval") or "").strip()
    if not label and (m := re.match(r"^(\([a-z]\))\s", evaluation)):
        label = m.group(1)
    return GradedLimb(label=label, grade=limb["grade"].strip(), evaluation=evaluation)


_TEXT = ("a string", "null")
_NUMBER_OR_TEXT = ("a whole number", "a string", "null")
#: JSON types of the fields read from a RolandCCPR record and its nested objects
#: (``hrc_all.json``: symbols and dates are strings, sessions and years numbers).
RECORD_TYPES: dict[str, tuple[str, ...]] = {
    "code": _TEXT,
    "co_symbol": _TEXT,
    "co_date": _TEXT,
    "fco_symbol": _TEXT,
    "fco_date": _TEXT,
    "assessment_symbol": _TEXT,
    "assessment_session": _NUMBER_OR_TEXT,
    "assessment_date": _TEXT,
    "header_grades": ("an object of lists of strings", "null"),
    "paragraphs": ("a list of objects", "null"),
    "history": ("a list of objects", "null"),
}
PARAGRAPH_TYPES: dict[str, tuple[str, ...]] = {
    "num": _NUMBER_OR_TEXT,
    "para": _NUMBER_OR_TEXT,
    "title": _TEXT,
    "recommendation": _TEXT,
    "limbs": ("a list of objects", "null"),
}
LIMB_TYPES: dict[str, tuple[str, ...]] = {
    "label": _TEXT,
    "limb": _TEXT,
    "eval": _TEXT,
    "grade": _TEXT,
}
HISTORY_TYPES: dict[str, tuple[str, ...]] = {
    "co_symbol": _TEXT,
    "session": _NUMBER_OR_TEXT,
    "year": _NUMBER_OR_TEXT,
    "header_grades": ("an object of lists of strings", "null"),
}


def _check_types(path: Path, index: int, rec: dict[str, Any]) -> None:
    """Type-check a record and its paragraphs, limbs and history (see :data:`RECORD_TYPES`)."""
    rid = rec.get("code") or rec.get("co_symbol")
    rid = rid if isinstance(rid, str) else None
    check_record(path, index, rec, RECORD_TYPES, record_id=rid)
    for p, para in enumerate(rec.get("paragraphs") or [], start=1):
        check_record(path, index, para, PARAGRAPH_TYPES, record_id=rid, prefix=f"paragraphs[{p}].")
        for n, limb in enumerate(para.get("limbs") or [], start=1):
            where = f"paragraphs[{p}].limbs[{n}]."
            check_record(path, index, limb, LIMB_TYPES, record_id=rid, prefix=where)
    for h, old in enumerate(rec.get("history") or [], start=1):
        check_record(path, index, old, HISTORY_TYPES, record_id=rid, prefix=f"history[{h}].")


def parse_rolandccpr_json(path: Path) -> list[FollowUpEvaluation]:
    """Parse a RolandCCPR ``hrc_all.json`` (or an excerpt of it).

    Each record with ``co_symbol`` and ``assessment_symbol`` gives one
    evaluation; records without ``paragraphs`` (header-only) keep their
    ``header_grades`` only.

    Every field read is type-checked (:data:`RECORD_TYPES` and the nested tables):
    a number where a text is expected is refused, never turned into a text.

    Raises:
        ValueError: not JSON, or no record with ``co_symbol``.
        ImportFailure: a field of the wrong JSON type, naming the record (index and
            code) and the field ("paragraphs[2].limbs[1].grade").
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON (line {exc.lineno}): {exc.msg}") from None
    records = data.values() if isinstance(data, dict) else data
    out = []
    for index, rec in enumerate(records, start=1):
        if isinstance(rec, dict):
            _check_types(path, index, rec)
        if (
            not isinstance(rec, dict)
            or not rec.get("co_symbol")
            or not rec.get("assessment_symbol")
        ):
            continue
        co = _CO_SYMBOL.search(rec["co_symbol"])
        _, end = _session_end(
            f"{rec.get('assessment_session', '')}th session ({rec.get('assessment_date', '')})"
        )
        evaluation = FollowUpEvaluation(
            country_iso3=(rec.get("code") or (co.group(1) if co else "")).upper(),
            co_symbol=rec["co_symbol"],
            co_date=parse_un_date(rec.get("co_date") or ""),
            fco_symbol=rec.get("fco_symbol") or "",
            fco_date=parse_un_date(rec.get("fco_date") or ""),
            assessment_symbol=rec["assessment_symbol"],
            assessment_session=rec.get("assessment_session"),
            assessment_date=end,
            header_grades={k: tuple(v) for k, v in (rec.get("header_grades") or {}).items()},
        )
        for para in rec.get("paragraphs") or []:
            evaluation.paragraphs.append(
                GradedParagraph(
                    number=str(para.get("num") or para.get("para") or ""),
                    title=para.get("title") or "",
                    recommendation=para.get("recommendation") or "",
                    limbs=[
                        _json_limb(limb) for limb in para.get("limbs") or [] if limb.get("grade")
                    ],
                )
            )
        for old in rec.get("history") or []:
            evaluation.history.append(
                HeaderGrades(
                    co_symbol=old.get("co_symbol") or "",
                    session=old.get("session"),
                    year=old.get("year"),
                    grades={k: tuple(v) for k, v in (old.get("header_grades") or {}).items()},
                )
            )
        out.append(evaluation)
    if not out:
        raise ValueError("no record with co_symbol and assessment_symbol")
    return out
