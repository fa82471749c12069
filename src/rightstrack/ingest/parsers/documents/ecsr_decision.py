"""European Committee of Social Rights: decisions on the merits of collective complaints.

Read from HUDOC-ESC texts (``114522.txt``) or their worldwidelaw records (``.json``: fields
``complaint_number``, ``respondent_state``, ``date``, ``document_type_label``). The text
opens "European Committee of Social Rights ... DECISION ON THE MERITS Adoption: 10
September 2025 Notification: 3 November 2025 Publication: 4 March 2026 <complainant> v.
Italy Complaint No. 213/2022" and ends "CONCLUSION For these reasons, the Committee
concludes: - unanimously that there is a violation of Article 12§3 of the Charter; - ...".

A merits decision states **findings** (violation or not), one per dash of the conclusion;
it makes no recommendation: under the 1995 Protocol (Art. 9) the Committee of Ministers
adopts a resolution, or a recommendation, afterwards. The findings of violation are what
the State must remedy and reports on (decision, ``docs/regional-documents.md``), so they
are kept here as ``findings`` with their vote ("unanimously", "by 9 votes to 4").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from rightstrack.ingest.parsers.documents.metadata import parse_un_date, to_iso3

__all__ = ["EcsrDecision", "EcsrFinding", "is_ecsr_text", "parse_ecsr_decision"]


@dataclass
class EcsrFinding:
    """One conclusion: ``number`` counts them from 1; ``violation`` is False for "no
    violation"; ``vote`` as printed ("unanimously"); ``text`` without the vote."""

    number: int
    text: str
    violation: bool
    vote: str = ""


@dataclass
class EcsrDecision:
    """A parsed ECSR decision on the merits.

    Attributes:
        complaint: "213/2022".
        title: "<complainant> v. Italy".
        state_name / country: the respondent State as printed and ISO3.
        adopted / notified / published: the dates of the header.
        findings: the conclusion's items, in order.
    """

    complaint: str
    title: str = ""
    state_name: str = ""
    country: str | None = None
    adopted: date | None = None
    notified: date | None = None
    published: date | None = None
    findings: list[EcsrFinding] = field(default_factory=list)


_HEAD = re.compile(r"European Committee of Social Rights.{0,80}DECISION ON THE MERITS", re.S)
_DATE = r"(\d{1,2} [A-Z][a-z]+ \d{4})"
_TITLE = re.compile(
    rf"Publication:\s*{_DATE}\s+(?P<title>.{{5,400}}? v\. (?P<state>[A-Z][\w ]{{2,40}}?))\s+"
    r"Complaint No\. (?P<no>\d{1,3}/\d{4})"
)
_CONCLUSION = re.compile(
    r"\bCONCLUSION\s+For these reasons, the Committee concludes:\s*(.*)$", re.S
)
_ITEM = re.compile(
    r"-\s*(?P<vote>unanimously|by \d+ votes to \d+(?: \(\d+ abstentions?\))?)\s+that there is "
    r"(?P<no>no )?(?:a )?violation (?P<text>.+?)(?=\s*;\s*-|\.\s|\.$|$)",
    re.S,
)


def is_ecsr_text(text: str) -> bool:
    """Whether ``text`` (the first kilobytes) starts an ECSR decision on the merits."""
    return bool(_HEAD.search(text[:600]))


def parse_ecsr_decision(text: str, meta: dict[str, str] | None = None) -> EcsrDecision:
    """Read an ECSR decision on the merits (see the module docstring).

    Args:
        text: the ``.txt`` file or the record's ``text`` field.
        meta: the record's other fields (``complaint_number``, ``respondent_state``).

    Returns:
        :class:`EcsrDecision`; ``findings`` empty when the conclusion is not found.

    Raises:
        ValueError: no "Complaint No." in the header, or the record contradicts the text.
    """
    meta = meta or {}
    flat = re.sub(r"\s+", " ", text)
    m = _TITLE.search(flat[:3000])
    if m is None:
        raise ValueError("no '<complainant> v. <State> Complaint No. n/yyyy' in the header")
    decision = EcsrDecision(complaint=m.group("no"), title=m.group("title").strip())
    if meta.get("complaint_number") and meta["complaint_number"] != decision.complaint:
        raise ValueError(
            f"the record says complaint {meta['complaint_number']}, the text {decision.complaint}"
        )
    decision.state_name = m.group("state").strip()
    decision.country = to_iso3(decision.state_name)
    record = meta.get("respondent_state", "").upper()
    if record and decision.country and record != decision.country:
        raise ValueError(f"the record says {record}, the text {decision.state_name}")
    decision.country = decision.country or record or None
    for label, attr in (("Adoption", "adopted"), ("Notification", "notified"),
                        ("Publication", "published")):  # fmt: skip
        if d := re.search(rf"{label}:\s*{_DATE}", flat[:1000]):
            setattr(decision, attr, parse_un_date(d.group(1)))
    if c := _CONCLUSION.search(flat):
        for number, item in enumerate(_ITEM.finditer(c.group(1)), start=1):
            decision.findings.append(
                EcsrFinding(
                    number,
                    f"{'no ' if item.group('no') else ''}violation {item.group('text').strip()}",
                    violation=not item.group("no"),
                    vote=item.group("vote"),
                )
            )
    return decision
