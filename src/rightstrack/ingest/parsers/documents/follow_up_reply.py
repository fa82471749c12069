"""States' follow-up replies to concluding observations (pure Python).

A follow-up reply is the State's "Information received from ... on follow-up to the
concluding observations" (``…/FCO/n``, or ``…/CO/n/Add.1`` titled that way). From its
cleaned text and metadata this module reads the concluding observations it answers,
the date it was received and the paragraph references it answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from rightstrack.ingest.parsers.documents.clean import CleanedText
from rightstrack.ingest.parsers.documents.metadata import DocumentMetadata, parse_un_date
from rightstrack.ingest.parsers.documents.symbols import Symbol

__all__ = ["FollowUpReply", "parent_symbol_of", "parse_follow_up_reply"]


@dataclass
class FollowUpReply:
    """A State's follow-up reply (``…/FCO/n`` or ``…/CO/n/Add.1`` titled "Information received").

    Attributes:
        parent_symbol: symbol of the concluding observations answered (``CERD/C/BRA/CO/18-20``).
        received: "[Date received: 8 January 2026]".
        references: paragraph references answered, as printed in the headings
            ("13 (a)", "32a" normalised to "32 (a)").
    """

    parent_symbol: str | None
    received: date | None
    references: list[str] = field(default_factory=list)


def parent_symbol_of(symbol: Symbol | None, text: str) -> str | None:
    """The CO a follow-up reply answers: from the symbol (``FCO`` -> ``CO``, ``/Add.N`` dropped)
    or the first ``…/CO/…`` symbol cited in the text."""
    if symbol is not None and symbol.kind == "FCO":
        return symbol.raw.replace("/FCO/", "/CO/")
    if symbol is not None and symbol.kind == "CO" and symbol.add:
        return symbol.base
    if m := re.search(r"\b[A-Z]{3,5}/C/[A-Z]{3}/CO/\d+(?:-\d+)?", text):
        return m.group(0)
    return None


def parse_follow_up_reply(cleaned: CleanedText, metadata: DocumentMetadata) -> FollowUpReply:
    """Read a follow-up reply: the CO it answers, the date received, the references.

    Args:
        cleaned: the reply's cleaned text (:mod:`.clean`).
        metadata: its metadata (:mod:`.metadata`); ``received`` is used when set, else
            the "Date received: 8 January 2026" line of the text.

    Returns:
        :class:`FollowUpReply`; fields that cannot be read are ``None`` or empty (never raises).
    """
    text = cleaned.text
    received = metadata.received
    if received is None and (m := re.search(r"Date received:\s*(\d{1,2} \w+ \d{4})", text)):
        received = parse_un_date(m.group(1))
    refs: list[str] = []
    for m in re.finditer(
        r"(?:[Pp]aragraphs?|Recommendation)\s+(\d{1,3})\s*(?:\(([a-z])\)|([a-z])\b)?", text
    ):
        label = m.group(1) + (
            f" ({m.group(2) or m.group(3)})" if (m.group(2) or m.group(3)) else ""
        )
        if label not in refs:
            refs.append(label)
    return FollowUpReply(parent_symbol_of(metadata.symbol, text), received, refs)
