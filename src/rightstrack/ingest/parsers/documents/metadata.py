"""Document metadata: committee, country, session, dates and document type (pure Python).

The type comes from the **title**, not from the symbol alone: ``/Add.1`` is usually
a State's follow-up reply but ``CCPR/C/BLZ/CO/1/Add.1`` is a full concluding
observations document (on Belize's initial report; the earlier ``CO/1`` was adopted
without a report), and
``CCPR/C/DNK/CO/6/Add.1`` has the CO title on top of "Information received from
Denmark on follow-up to the concluding observations".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from rightstrack.ingest.parsers.documents.clean import CleanedText
from rightstrack.ingest.parsers.documents.symbols import Symbol

__all__ = [
    "COMMITTEES",
    "DocumentMetadata",
    "document_type_from_title",
    "ordinal_number",
    "parse_un_date",
    "read_metadata",
    "to_iso3",
]

from rightstrack.ingest.parsers.countries import to_iso3 as _to_iso3


def to_iso3(name: str | None) -> str | None:
    """ISO3 code of a UN country name (``"Brazil"`` -> ``"BRA"``), or ``None``.

    Uses :func:`rightstrack.ingest.parsers.countries.to_iso3`; falls back to pycountry.
    """
    if not name:
        return None
    name = name.strip().rstrip("*").strip()
    found = _to_iso3(name)
    if found:
        return found
    import pycountry

    try:
        return str(pycountry.countries.lookup(name).alpha_3)
    except LookupError:
        return None


#: Committee name as printed on the masthead -> body code.
COMMITTEES: dict[str, str] = {
    "Human Rights Committee": "CCPR",
    "Committee on Economic, Social and Cultural Rights": "CESCR",
    "Committee on the Elimination of Racial Discrimination": "CERD",
    "Committee on the Elimination of Discrimination against Women": "CEDAW",
    "Committee against Torture": "CAT",
    "Subcommittee on Prevention of Torture": "SPT",
    "Committee on the Rights of the Child": "CRC",
    "Committee on the Protection of the Rights of All Migrant Workers": "CMW",
    "Committee on Migrant Workers": "CMW",
    "Committee on the Rights of Persons with Disabilities": "CRPD",
    "Committee on Enforced Disappearances": "CED",
    "Working Group on the Universal Periodic Review": "UPR",
}

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december",
        ],
        start=1,
    )
}  # fmt: skip

_DATE = r"(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{4})"

_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
    "eightieth": 80, "ninetieth": 90, "hundredth": 100, "initial": 1,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip


def ordinal_number(word: str) -> int | None:
    """``"twenty-second"`` -> 22, ``"sixth"`` -> 6, ``"108th"`` -> 108, else ``None``."""
    word = word.strip().lower().replace("\u2011", "-")
    if m := re.fullmatch(r"(\d+)(st|nd|rd|th)", word):
        return int(m.group(1))
    if word in _ORDINALS:
        return _ORDINALS[word]
    head, _, tail = word.partition("-")
    if head in _TENS and tail in _ORDINALS and _ORDINALS[tail] < 10:
        return _TENS[head] + _ORDINALS[tail]
    if m := re.fullmatch(r"(one|two|three) hundred (?:and )?(.+)", word):
        rest = ordinal_number(m.group(2))
        return (
            None if rest is None else 100 * ["one", "two", "three"].index(m.group(1)) + 100 + rest
        )
    return None


def parse_un_date(text: str) -> date | None:
    """``"1 December 2022"`` -> ``date(2022, 12, 1)``; ``None`` if no such date in ``text``."""
    m = re.search(_DATE, text)
    if not m:
        return None
    try:
        return date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
    except ValueError:
        return None


@dataclass
class DocumentMetadata:
    """What a UN document says about itself.

    Attributes:
        symbol: parsed symbol of the document (first page), or ``None``.
        doc_type: from the title - ``"concluding_observations"``, ``"follow_up_reply"``,
            ``"views"``, ``"decision"``, ``"list_of_issues"``, ``"state_report"``,
            ``"upr_wg_report"``, ``"upr_wg_report_addendum"``... or ``None``.
        committee: body code (``"CERD"``) from the masthead, else from the symbol.
        country: ISO3 of the State party (title, else symbol).
        country_name: the name as printed in the title.
        session: committee session (footnote "Adopted by the Committee at its 108th session").
        adopted: adoption date (``"At its 2952nd meeting, held on 1 December 2022, ...
            adopted"``).
        distributed: date after "Distr.: General".
        received: "[Date received: 8 January 2026]" on State replies.
        title: the title lines joined.
        report: "combined eighteenth to twentieth periodic reports" as printed.
        report_numbers: ``(18, 20)``.
    """

    symbol: Symbol | None = None
    doc_type: str | None = None
    committee: str | None = None
    country: str | None = None
    country_name: str | None = None
    session: int | None = None
    adopted: date | None = None
    distributed: date | None = None
    received: date | None = None
    title: str = ""
    report: str | None = None
    report_numbers: tuple[int, int] | None = None
    front: list[str] = field(default_factory=list)


def document_type_from_title(title: str) -> str | None:
    """Document type read from the title block (first page, before paragraph 1).

    Order matters: a follow-up reply printed under the CO title is a reply.
    """
    t = re.sub(r"\s+", " ", title).lower()
    if "information received from" in t and "follow" in t:
        return "follow_up_reply"
    if "report of the working group on the universal periodic review" in t:
        if "addendum" in t or "views on conclusions" in t:
            return "upr_wg_report_addendum"
        return "upr_wg_report"
    if "concluding observations" in t and "report on follow-up" not in t:
        return "concluding_observations"
    if re.search(r"\bviews adopted by\b|\bviews under article\b", t):
        return "views"
    if re.search(
        r"\bdecision adopted by\b|\bdecision under article\b|\bdecision on admissibility\b", t
    ):
        return "decision"
    if "list of issues prior to" in t:
        return "list_of_issues_prior_to_reporting"
    if "replies of" in t and "list of issues" in t:
        return "replies_to_list_of_issues"
    if "list of issues" in t:
        return "list_of_issues"
    if "follow-up to concluding observations" in t or "report on follow-up" in t:
        return "follow_up_progress_report"
    if re.search(r"periodic reports? .*(submitted|due)|initial report .*submitted", t):
        return "state_report"
    return None


def _title_lines(lines: Iterable[str]) -> list[str]:
    out = []
    for line in lines:
        if re.match(r"^\s*1\.(?:1\.?)?\s", line) or re.match(
            r"^([A-H]|[IVX]{1,4})\.\s+[A-Z]", line
        ):
            break
        out.append(line.strip())
        if len(out) > 40:
            break
    return out


def read_metadata(
    cleaned: CleanedText, symbol: Symbol | None, body_text: str | None = None
) -> DocumentMetadata:
    """Read committee, country, session, dates, title and type.

    Args:
        cleaned: the cleaned text (front lines, footnotes and body lines are used).
        symbol: the document's symbol, if found.
        body_text: text to search for the adoption sentence (default: the whole body).

    Returns:
        :class:`DocumentMetadata`; fields stay ``None`` when the text does not say.
    """
    meta = DocumentMetadata(symbol=symbol, front=list(cleaned.front_lines))
    title_lines = _title_lines(line.text for line in cleaned.lines)
    committee_line = None
    for line in title_lines[:6]:
        for name, code in COMMITTEES.items():
            if line.startswith(name):
                meta.committee, committee_line = code, line
                break
        if committee_line:
            break
    title = [line for line in title_lines if line != committee_line]
    meta.title = re.sub(r"\s+", " ", " ".join(title)).strip()
    meta.doc_type = document_type_from_title(meta.title)
    if meta.committee is None and symbol is not None:
        meta.committee = symbol.body

    front = " ".join(cleaned.front_lines)
    if m := re.search(r"Distr\.?:?\s*(?:General|Restricted|Limited)\s+" + _DATE, front):
        meta.distributed = parse_un_date(m.group(0))
    if m := re.search(r"Date received:\s*" + _DATE, meta.title + " " + front):
        meta.received = parse_un_date(m.group(0))

    # Country and report: "... periodic report(s) of Brazil", "Information received from Brazil".
    flat = meta.title.rstrip("* ")
    if m := re.search(
        r"((?:combined\s+)?[\w\-]+(?:\s+(?:to|and)\s+[\w\-]+)?\s+(?:periodic\s+)?reports?|initial report)\s+of\s+(.+?)(?:\*|$|\s+Addendum|\s+\[)",
        flat,
    ):
        meta.report = m.group(1)
        meta.country_name = m.group(2).strip()
        meta.report_numbers = report_numbers(m.group(1))
    if meta.country_name is None and (
        m := re.search(r"Information received from (.+?) (?:on|regarding) follow-up", flat)
    ):
        meta.country_name = m.group(1).strip()
    if m := re.search(
        r"on (?:its|the) ((?:combined\s+)?[\w\-]+(?:\s+(?:to|and)\s+[\w\-]+)?\s+periodic\s+reports?)",
        flat,
    ):
        meta.report = meta.report or m.group(1)
        meta.report_numbers = meta.report_numbers or report_numbers(m.group(1))
    meta.country = to_iso3(meta.country_name) if meta.country_name else None
    if meta.country is None and symbol is not None:
        meta.country = symbol.country
    if meta.report_numbers is None and symbol is not None and symbol.kind in {"CO", "FCO"}:
        meta.report_numbers = symbol.report

    notes = " ".join(n.text for n in cleaned.footnotes)
    text = body_text if body_text is not None else cleaned.text
    flat_text = re.sub(r"\s+", " ", text)
    for source in (notes, flat_text[:6000]):
        if m := re.search(
            r"adopted by the (?:Committee|Working Group|Subcommittee) at its ([\w\-]+) session",
            source,
            re.IGNORECASE,
        ):
            meta.session = ordinal_number(m.group(1))
            if meta.session:
                break
    meta.adopted = find_adoption_date(flat_text)
    return meta


def find_adoption_date(text: str) -> date | None:
    """Adoption date of a CO or Views, or ``None``.

    Recognised wordings: "At its 2952nd meeting, held on 1 December 2022, the
    Committee adopted the present concluding observations"; "The Committee adopted
    the present concluding observations at its 3293rd meeting, held on 7 July 2016";
    "Date of adoption of Views: 11 March 2022"; "adopted ... on 11 March 2022".
    """
    flat = re.sub(r"\s+", " ", text)
    patterns = (
        r"held on "
        + _DATE
        + r",? (?:it|the Committee|the Subcommittee) adopted the (?:present|following) concluding observations",
        r"adopted the (?:present|following) concluding observations at its [^.]{0,120}?(?:held )?on "
        + _DATE,
        r"Date of adoption of (?:the )?(?:Views|decision|Decision)\s*:?\s*" + _DATE,
        r"(?:Views|Decision) adopted by the Committee (?:on|at its [^.]{0,60}?on) " + _DATE,
    )
    for pattern in patterns:
        if m := re.search(pattern, flat):
            return parse_un_date(m.group(0)[m.start(1) - m.start(0) :])
    return None


def report_numbers(phrase: str) -> tuple[int, int] | None:
    """``"combined eighteenth to twentieth periodic reports"`` -> ``(18, 20)``;
    ``"sixth periodic report"`` -> ``(6, 6)``; ``"initial report"`` -> ``(1, 1)``."""
    words = re.findall(r"[a-z]+(?:-[a-z]+)?|\d+(?:st|nd|rd|th)", phrase.lower())
    numbers = [n for n in (ordinal_number(w) for w in words) if n is not None]
    if not numbers:
        return None
    return (numbers[0], numbers[-1])
