"""CoE CPT country-visit reports (HUDOC-CPT sections, worldwidelaw records): pure Python.

The European Committee for the Prevention of Torture (CPT) publishes each visit report on
HUDOC-CPT section by section. Every section starts with the same header block::

    Albania: visit 2023
    CPT/Inf(2024)01 | Section: 1/39 | Date:  24/11/2023
    Executive summary

This module reads, from the text of one or more such sections (the ``.txt`` or the
worldwidelaw ``.json`` record, whose ``state``, ``reference`` and ``document_type``
fields are used when present):

- the **State** (the name before ": visit", as ISO3; the record's ``state`` must agree),
- the **reference** ``CPT/Inf(2024)01`` (spaces removed: ``CPT/Inf (2024) 14`` is the
  same document), the **date** of the header (dd/mm/yyyy: the date the report was
  transmitted to the State, as the introduction states: "transmitted to the Albanian
  authorities on 24 November 2023" for CPT/Inf(2024)01),
- from the introduction when present: the **visit dates** ("carried out a visit to
  Albania from 4 to 15 May 2023"), the **meeting** that adopted the report and the last
  day of that meeting, and the **response period** ("provide within six months a
  response"),
- the **recommendations of the executive summary** (section "Executive summary").

What counts as a recommendation (decision, ``docs/regional-documents.md``): a sentence of
the executive summary in which the Committee asks for something to be done. The CPT
restates there, in its own words, the recommendations it prints in bold in the body of the
report, either naming who should act or not:

- the CPT / the Committee *recommends*, *reiterates its recommendation(s)*, *calls
  upon/on/for*, *urges*, *invites*, *requests*, *encourages*, also in the perfect tense
  ("The CPT has called upon the Azerbaijani authorities to ...");
- the authorities *are invited / requested / urged / encouraged / called upon to*; the (Albanian,
  Greek...) authorities *should* / *must* (``asks``);
- any other sentence saying that something *should* or *must* be done ("Further, the
  visiting and telephone entitlements of such prisoners should be increased."), that action
  *is required*, that *there is a need to*, that someone *is encouraged / called upon to*,
  or that "the report also *calls for*", except
  what the CPT *recalls* (a principle, the State's obligations towards the Committee: "It
  is recalled in this respect that ... states parties must provide the Committee ..."),
  what a law *provides* ("Article 25 of the Law on Social Care Services provides that
  every placement ... should be re-evaluated"), and "It should be stressed/noted that".

Not counted either: sentences saying that the *report* makes recommendations
("recommendations are made, inter alia to ...": the recommendations themselves are in the
body of the report, which these files do not hold). Sentences left out are kept apart
(``pointers``, ``other_should``) so the reader sees them.

The executive summary is not numbered in the report: a recommendation's paragraph is
``ES n``, n counting the executive summary's paragraphs (sub-headings such as "Police
custody" excluded) from 1; ``sentence`` counts the sentences of that paragraph from 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from rightstrack.ingest.parsers.documents.metadata import parse_un_date, to_iso3

__all__ = ["CptRecommendation", "CptReport", "is_cpt_text", "parse_cpt_report"]


@dataclass
class CptRecommendation:
    """One recommendation of an executive summary.

    Attributes:
        paragraph: ``"ES 9"`` (9th paragraph of the executive summary, headings excluded).
        sentence: the sentence's number in that paragraph, from 1.
        topic: the sub-heading above the paragraph ("Police custody"), or ``""``.
        text: the sentence as printed.
        named: the sentence names who asks or who should act (the CPT recommends / urges...;
            the authorities should); ``False`` for an impersonal "should be done".
    """

    paragraph: str
    sentence: int
    topic: str
    text: str
    named: bool = True

    @property
    def label(self) -> str:
        """``"ES 9.3"``: paragraph and sentence, the last part of the natural key."""
        return f"{self.paragraph}.{self.sentence}"


@dataclass
class CptReport:
    """A parsed CPT visit report (the sections the file holds).

    Attributes:
        state_name: as printed ("North Macedonia").
        country: ISO3, or ``None`` when the name is not a known State.
        reference: ``"CPT/Inf(2024)01"``, or ``None`` when the file prints none.
        document_type: ``"vr"`` (visit report) or ``"ps"`` (public statement), from the
            record; ``"ps"`` also when the first line says "Public Statement".
        dated: the date of the section header (the date the report went to the State).
        visit_year: the year of the first line ("Albania: visit 2023").
        visit_kind: ``"periodic"``, ``"ad hoc"`` or ``""``.
        visit_from / visit_to: the dates of the visit, from the introduction.
        adopted_meeting: "112th meeting"; ``adopted`` its last day.
        response_period: "within six months", as printed.
        sections: the section titles, in order.
        recommendations: those of the executive summary.
        pointers / other_should: sentences not taken (see the module docstring): what the
            report "makes recommendations" on, and "should" sentences that are no request.
    """

    state_name: str
    country: str | None
    reference: str | None
    document_type: str
    dated: date | None
    visit_year: int | None = None
    visit_kind: str = ""
    visit_from: date | None = None
    visit_to: date | None = None
    adopted_meeting: str = ""
    adopted: date | None = None
    response_period: str = ""
    sections: list[str] = field(default_factory=list)
    recommendations: list[CptRecommendation] = field(default_factory=list)
    pointers: list[str] = field(default_factory=list)
    other_should: list[str] = field(default_factory=list)

    @property
    def has_executive_summary(self) -> bool:
        """Whether the file holds the "Executive summary" section."""
        return any(s.strip().lower() == "executive summary" for s in self.sections)


_FIRST = re.compile(r"^(?P<state>[A-Z][^:\n]{1,60}):\s*(?P<rest>[^\n]*)$", re.MULTILINE)
_HEADER = re.compile(
    r"^(?P<ref>[^|\n]*)\|\s*Section:\s*(?P<i>\d+)/(?P<n>\d+)\s*\|\s*Date:\s*(?P<d>\d{2}/\d{2}/\d{4})",
    re.MULTILINE,
)
_REF = re.compile(r"CPT\s*/\s*Inf\s*\(\s*(\d{4})\s*\)\s*(\d{1,3})")


def is_cpt_text(text: str) -> bool:
    """Whether ``text`` starts like a HUDOC-CPT section (header line with "Section: i/n")."""
    head = text[:600]
    return bool(_HEADER.search(head)) and bool(re.search(r"visit|Public Statement", head))


def _norm_ref(raw: str) -> str | None:
    m = _REF.search(raw)
    return f"CPT/Inf({m.group(1)}){m.group(2).zfill(2)}" if m else None


def _dmy(raw: str) -> date | None:
    day, month, year = (int(x) for x in raw.split("/"))
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _sections(text: str) -> list[tuple[str, list[str]]]:
    """(title, paragraphs) for each section: the header's next non-empty line is the title."""
    lines = [line.strip() for line in text.split("\n")]
    out: list[tuple[str, list[str]]] = []
    i = 0
    while i < len(lines):
        if _HEADER.match(lines[i]):
            j = i + 1
            while j < len(lines) and not lines[j]:
                j += 1
            title = lines[j] if j < len(lines) else ""
            out.append((title, []))
            i = j + 1
            continue
        if (
            out
            and lines[i]
            and not (i + 2 < len(lines) and _FIRST.match(lines[i]) and _next_is_header(lines, i))
        ):
            out[-1][1].append(lines[i])
        i += 1
    return out


def _next_is_header(lines: list[str], i: int) -> bool:
    j = i + 1
    while j < len(lines) and not lines[j]:
        j += 1
    return j < len(lines) and bool(_HEADER.match(lines[j]))


def _is_heading(line: str) -> bool:
    """A sub-heading of the executive summary: short, no final full stop ("Police custody")."""
    return len(line) < 90 and not re.search(r"[.:;!?”\"]\s*$", line) and not line.startswith("[")


_SENTENCE = re.compile(r"(?<=[.!?])[”\"]?\s+(?=[A-Z“\"(])")

_ASKS = re.compile(
    r"\b(?:CPT|Committee|delegation)(?:’s)?\s+(?:has\s+)?(?:also\s+|therefore\s+|once\s+again\s+)?"
    r"(?:recommends|recommended|reiterate[sd]?\s+(?:its|the\s+delegation’s)\s+"
    r"(?:recommendations?|request)|call(?:s|ed)\s+(?:up)?on|call(?:s|ed)\s+for|urge[sd]?|"
    r"invite[sd]?|requests|requested|encourage[sd]?)\b"
    r"|\b(?:CPT|Committee)\s+(?:has\s+)?(?:also\s+|once\s+again\s+)?(?:reiterate[sd]?|considers|"
    r"stresse[sd])(?:\s+once\s+again)?(?:\s+its\s+[\w -]{1,30}?view)?\s+that\b[^.]*\b(?:should|must)\b"
    r"|\bauthorities\s+(?:are|were)\s+(?:also\s+|therefore\s+|once\s+again\s+)?(?:invited|"
    r"requested|urged|encouraged|called\s+upon)\s+to\b"
    r"|\bauthorities(?:\s+of\s+[A-Z][\w ]{1,30}?)?\s+(?:also\s+)?(?:should|must)\b",
)
#: Impersonal requests without "should": "Action is also required to ensure ...", "there is
#: a need to tighten up the procedures", "Germany is encouraged to generalise ...", "The
#: Ukrainian authorities are therefore called upon to ...", "The report also calls for ...".
_NEEDS = re.compile(
    r"\b(?:is|are)\s+(?:also\s+|therefore\s+|once\s+again\s+)?(?:called\s+upon|encouraged|invited|"
    r"requested|urged)"
    r"\s+to\b|\b(?:[Aa]ction|steps|measures)\s+(?:is|are)\s+(?:\w+\s+){0,2}?required\b|"
    r"\bthere\s+is\s+(?:also\s+|a\s+sustained\s+|an\s+urgent\s+)?(?:a\s+)?need\s+(?:to|for)\b|"
    r"\bunderlines\s+the\s+need\b|\bincludes\s+the\s+need\s+to\b|\breport\s+also\s+calls\s+for\b"
)
#: "should"/"must" sentences that are no request: recalls, the law's words, "It should be
#: stressed that".
_NOT_ASK = re.compile(
    r"\brecall(?:s|ed)?\b|\bprovides\s+that\b|\bIt\s+should\s+be\s+(?:stressed|noted|recalled)\b"
)
_POINTER = re.compile(
    r"\brecommendations\s+are\s+(?:made|formulated)|\b(?:makes|formulates)\s+(?:a\s+number\s+of\s+)?"
    r"(?:specific\s+)?recommendations\b|\bremarks\s+and\s+recommendations\s+are\s+made",
)


def _read_summary(paragraphs: list[str], report: CptReport) -> None:
    topic = ""
    number = 0
    for para in paragraphs:
        if _is_heading(para):
            topic = para
            continue
        number += 1
        for index, sentence in enumerate(_SENTENCE.split(para), start=1):
            sentence = sentence.strip()
            if _POINTER.search(sentence):
                report.pointers.append(sentence)
            elif _ASKS.search(sentence):
                report.recommendations.append(
                    CptRecommendation(f"ES {number}", index, topic, sentence)
                )
            elif _NEEDS.search(sentence) or re.search(r"\b(?:should|must)\b", sentence):
                if _NOT_ASK.search(sentence):
                    report.other_should.append(sentence)
                else:
                    report.recommendations.append(
                        CptRecommendation(f"ES {number}", index, topic, sentence, named=False)
                    )


#: The record's ``visit_type`` codes (HUDOC-CPT: "per" periodic, "adhoc" ad hoc).
_VISIT_TYPES = {"per": "periodic", "adhoc": "ad hoc"}

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_VISIT = re.compile(
    rf"carried out an?\s+(?:(?P<kind>periodic|ad hoc)\s+)?visit to .{{2,60}}? from "
    rf"(?P<d1>\d{{1,2}})(?:\s+(?P<m1>{_MONTHS})(?:\s+(?P<y1>\d{{4}}))?)?\s+to\s+"
    rf"(?P<d2>\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}})"
)
_ADOPTED = re.compile(
    rf"adopted by the CPT at its (?P<meeting>\d+(?:st|nd|rd|th) meeting), held from .{{1,40}}? to "
    rf"(?P<last>\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}})"
)
_RESPONSE = re.compile(
    r"provide\s+(?P<p>within\s+(?:\w+\s+){0,2}?(?:months?|weeks?|days?))\s+a\s+response"
)


def _read_intro(text: str, report: CptReport) -> None:
    flat = re.sub(r"\s+", " ", text)
    if m := _VISIT.search(flat):
        report.visit_to = parse_un_date(m.group("d2"))
        if report.visit_to is not None:
            month = m.group("m1") or m.group("d2").split()[1]
            year = m.group("y1") or str(report.visit_to.year)
            report.visit_from = parse_un_date(f"{m.group('d1')} {month} {year}")
        if m.group("kind") and not report.visit_kind:
            report.visit_kind = m.group("kind")
    if m := _ADOPTED.search(flat):
        report.adopted_meeting = m.group("meeting")
        report.adopted = parse_un_date(m.group("last"))
    if m := _RESPONSE.search(flat):
        report.response_period = m.group("p")


def parse_cpt_report(text: str, meta: dict[str, str] | None = None) -> CptReport:
    """Read a CPT visit report's sections (see the module docstring).

    Args:
        text: the text of the ``.txt`` file or of the JSON record's ``text`` field.
        meta: the record's other fields (``state``, ``reference``, ``document_type``),
            or ``None``.

    Returns:
        :class:`CptReport`; ``recommendations`` is empty when the file holds no executive
        summary (the caller decides what to do with such a file).

    Raises:
        ValueError: the text does not start with a HUDOC-CPT section header, or the
            record's ``state`` / ``reference`` contradict the text (message says which).
    """
    meta = meta or {}
    first = _FIRST.search(text[:300])
    header = _HEADER.search(text[:600])
    if first is None or header is None:
        raise ValueError("not a HUDOC-CPT section: no 'State: visit YEAR' line and "
                         "'Section: i/n | Date: dd/mm/yyyy' header")  # fmt: skip
    state_name = first.group("state").strip()
    country = to_iso3(state_name)
    if meta.get("state") and country and meta["state"].upper() != country:
        raise ValueError(f"the record says State {meta['state']}, the text {state_name}")
    country = country or (meta.get("state", "").upper() or None)
    reference = _norm_ref(header.group("ref"))
    if meta.get("reference") and reference and _norm_ref(meta["reference"]) != reference:
        raise ValueError(f"the record's reference {meta['reference']} is not {reference}")
    rest = first.group("rest")
    doc_type = meta.get("document_type") or ("ps" if "statement" in rest.lower() else "vr")
    year = re.search(r"\b(\d{4})\b", rest)
    report = CptReport(
        state_name=state_name,
        country=country,
        reference=reference,
        document_type=doc_type,
        dated=_dmy(header.group("d")),
        visit_year=int(year.group(1)) if year else None,
    )
    sections = _sections(text)
    report.sections = [title for title, _ in sections]
    report.visit_kind = _VISIT_TYPES.get(meta.get("visit_type", ""), "")
    for title, paragraphs in sections:
        if title.strip().lower() == "executive summary":
            _read_summary(paragraphs, report)
        elif title.lower().startswith("i. introduction"):
            _read_intro("\n".join(paragraphs), report)
    return report
