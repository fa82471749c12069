"""African Commission on Human and Peoples' Rights: decisions on communications (pure Python).

Read from the IHRDA case-law texts (``IHRDA-ACHPR-*.txt``) or their worldwidelaw records
(``record_*.json``, fields ``title``, ``country``, ``date``, ``outcome``). The first line
gives the communication number ("286/04 Communication 286 /2004 - Dino Noca vs", "143/95-150/96
Constitutional Rights Project ... / Nigeria"); the decision ends with an **operative part**
after its last "For these reasons, the Commission", "Decision of the (African) Commission",
"On these grounds", "In view of the above, the Commission decides" or "Holding", up to
"Done in/at ..." or a dated place line ("Bujumbura, 5th May 1999.").

The operative part is split into items (bullets "•", numbers "1.", or lines opening with a
verb: "Holds a violation ...", "Requests the Government of Nigeria to ..."). An item is a
**recommendation** when the Commission asks the State to act (decision,
``docs/regional-documents.md``):

- it opens with *Requests / Urges / Enjoins / Recommends / Appeals to / Calls on(upon) /
  Invites / Encourages* and names the State as addressee (the Government, the State, the
  Respondent State, the authorities, or the State by name or abbreviation: "the DRC");
- or it says the State *should* act ("Finds that the DRC should compensate without delay").

A request that the State *report* on the measures it took ("should present within a period
of 180 days ... a detailed report on the measures taken to implement this decision") is the
follow-up request, kept in ``report_period``, not a recommendation. Findings ("Holds a
violation of Articles ...", "Notes", "Declares ... in violation") and requests to "the
parties" are not recommendations. The Commission's "recommends" in its reasoning (Dino Noca,
para. 207) is not read: only the operative part binds the follow-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from rightstrack.ingest.parsers.documents.metadata import parse_un_date, to_iso3

__all__ = ["AchprDecision", "AchprItem", "is_achpr_text", "parse_achpr_decision"]


@dataclass
class AchprItem:
    """One item of the operative part: ``number`` counts them from 1; ``text`` as printed."""

    number: int
    text: str
    recommendation: bool = False


@dataclass
class AchprDecision:
    """A parsed African Commission decision.

    Attributes:
        communication: "286/04", "143/95-150/96".
        title: the record's title, or the text's first lines.
        state_name / country: the respondent State as printed and ISO3.
        decided: the date of the decision (the record's ``date``; else the dated place
            line, else the last day of the session named in "Done ... at the 52nd Ordinary
            Session ... held from 9 to 22 October 2012").
        outcome: ``"violation"``, ``"no_violation"``, ``"inadmissible"``, ``"closed"``
            (amicable settlement, withdrawal) or ``""``.
        report_period: "within a period of 180 days", when the State is asked to report.
        items: the operative part's items; ``recommendations`` those asking the State to act.
    """

    communication: str
    title: str = ""
    state_name: str = ""
    country: str | None = None
    decided: date | None = None
    outcome: str = ""
    report_period: str = ""
    items: list[AchprItem] = field(default_factory=list)

    @property
    def recommendations(self) -> list[AchprItem]:
        """The items asking the State to act."""
        return [item for item in self.items if item.recommendation]


_NUMBER = re.compile(r"^\s*(\d{1,3}/\d{2}(?:-\d{1,3}/\d{2})?)\b")
_OPERATIVE = re.compile(
    r"^(?:\d+\.\s*)?(?:For these reasons,?\s+the (?:African\s+)?Commission|Decision of the "
    r"(?:African\s+)?Commission\s*$|On these grounds|In view of the above, the Commission "
    r"decides|Holding\s*$)",
    re.MULTILINE,
)
_END = re.compile(
    r"^(?:Done (?:in|at)\b|[A-Z][a-z]+(?:, [A-Z][a-z]+)?, \d{1,2}(?:st|nd|rd|th) [A-Z][a-z]+ \d{4}\.)",
    re.MULTILINE,
)
_VERBS = (
    "Holds|Requests|Urges|Enjoins|Recommends|Appeals|Calls|Invites|Encourages|Declares|Notes|"
    "Finds|Decides|Thus|Takes|Commends"
)
_ASK = re.compile(
    r"^(?:Requests|Urges|Enjoins|Recommends|Appeals to|Calls (?:up)?on|Invites|Encourages)\b"
)
_ADDRESSEE = r"the Government|the (?:Respondent )?State\b|the authorities|the [A-Z]{2,5}\b"
_DATED = re.compile(r"(\d{1,2})(?:st|nd|rd|th) ([A-Z][a-z]+) (\d{4})\.?\s*$")
_SESSION_END = re.compile(
    r"held from \d{1,2}(?:st|nd|rd|th)? (?:[A-Z][a-z]+ )?to (\d{1,2})(?:st|nd|rd|th)? ([A-Z][a-z]+),? (\d{4})"
)


_HEADINGS = {"The Commission:", "The African Commission:", ""}


def is_achpr_text(text: str) -> bool:
    """Whether ``text`` (the first kilobytes) starts an African Commission decision."""
    head = text[:6000]
    return bool(_NUMBER.match(text)) and ("African Commission" in head or "African Charter" in head)


def _items(part: str) -> list[str]:
    lines = [line.strip() for line in part.split("\n") if line.strip()]
    items: list[str] = []
    starter = re.compile(rf"^(?:•\s*|\d{{1,2}}\.\s+)|^(?:{_VERBS})\b")
    for line in lines:
        if starter.match(line) or not items:
            items.append(re.sub(r"^(?:•\s*|\d{1,2}\.\s+)", "", line))
        else:
            items[-1] += " " + line
    return [re.sub(r"\s+", " ", item).strip() for item in items]


def _is_ask(item: str, state_name: str) -> bool:
    names = [re.escape(n) for n in (state_name, state_name.removeprefix("The ")) if n]
    addressee = "|".join([_ADDRESSEE, *names])
    if _ASK.match(item) and re.match(rf"^\S+(?: \S+)?\s+(?:{addressee})", item):
        return True
    if re.search(r"\bdetailed report on the measures|\breport on the measures taken", item):
        return False
    return bool(re.search(rf"(?:{addressee})\s+should\b", item))


def parse_achpr_decision(text: str, meta: dict[str, str] | None = None) -> AchprDecision:
    """Read an African Commission decision (see the module docstring).

    Args:
        text: the ``.txt`` file or the record's ``text`` field.
        meta: the record's other fields (``title``, ``country``, ``date``, ``outcome``).

    Returns:
        :class:`AchprDecision`; ``items`` is empty when no operative part is found.

    Raises:
        ValueError: no communication number on line 1, or the record's country
            contradicts the title.
    """
    meta = meta or {}
    m = _NUMBER.match(text)
    if m is None:
        raise ValueError("no communication number (e.g. '286/04') on the first line")
    decision = AchprDecision(communication=m.group(1))
    head = " ".join(line.strip() for line in text.split("\n")[:3])
    title_lines: list[str] = []
    for line in text.split("\n")[:4]:
        if re.match(r"\s*(?:Summary|Communication \d|\d+\.\s)", line) and title_lines:
            break
        title_lines.append(line.strip())
    decision.title = meta.get("title") or " ".join(title_lines)[:200]
    named = re.split(r"\s(?:/|vs?\.?)\s", head.split("\n")[0])
    guess = named[1].split(" Communication ")[0].split(" Summary")[0] if len(named) > 1 else ""
    guess = guess.strip().rstrip("0123456789")
    iso = to_iso3(guess) if guess else None
    record = meta.get("country", "")
    if record and iso and to_iso3(record) not in (None, iso):
        raise ValueError(f"the record says {record}, the title {guess}")
    decision.state_name = record or guess
    decision.country = iso or (to_iso3(record) if record else None)
    starts = list(_OPERATIVE.finditer(text))
    if starts:
        rest = text[starts[-1].start() :]
        end = _END.search(rest)
        part = rest[: end.start()] if end else rest[:3000]
        tail = rest[end.start() : end.start() + 300] if end else ""
        first_line, _, body = part.partition("\n")
        lead = re.sub(
            r"^(?:\d+\.\s*)?(?:For these reasons,?\s+the (?:African\s+)?Commission,?|Decision of the "
            r"(?:African\s+)?Commission|On these grounds,?|In view of the above, the Commission "
            r"decides:?|Holding)\s*", "", first_line,
        )  # fmt: skip
        texts = [t for t in _items(f"{lead}\n{body}") if t not in _HEADINGS]
        decision.items = [AchprItem(i, t) for i, t in enumerate(texts, start=1)]
        for item in decision.items:
            item.recommendation = _is_ask(item.text, decision.state_name)
            if p := re.search(r"within a period of \d+ days", item.text):
                decision.report_period = p.group(0)
        if meta.get("date"):
            decision.decided = date.fromisoformat(meta["date"][:10])
        elif d := _DATED.search(tail.split("\n")[0]):
            decision.decided = parse_un_date(" ".join(d.groups()))
        elif s := _SESSION_END.search(re.sub(r"\s+", " ", tail)):
            decision.decided = parse_un_date(" ".join(s.groups()))
    joined = " ".join(item.text for item in decision.items).lower()
    if "inadmissible" in joined:
        decision.outcome = "inadmissible"
    elif "close the file" in joined:
        decision.outcome = "closed"
    elif re.search(
        r"holds a violation|has violated|in violation of|violated the provisions", joined
    ):
        decision.outcome = "violation"
    elif re.search(r"not been violated|dismisses", text[-6000:].lower()):
        decision.outcome = "no_violation"
    return decision
