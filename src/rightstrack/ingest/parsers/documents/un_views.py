"""Views and decisions on individual communications (pure Python).

From the text of a Views/decision document this module reads the committee and
communication number (from the symbol ``CCPR/C/134/D/2836/2016``), the author,
the State party, the outcome, the remedy paragraph and the period the State has
to reply ("within 180 days", "within 90 days", "within six months").

Outcome: the *operative* paragraph is the last paragraph of the Committee's own
text (individual opinions excluded) that says "acting under article ...", "is of
the view" or "concludes that". It is read as

- ``no_violation``: "do(es) not disclose/reveal a violation", "would not constitute";
- ``inadmissible``: "the communication is inadmissible";
- ``discontinued``: "decides to discontinue the consideration of communication No. ...";
- ``violation``: "disclose(s)/reveal(s) a violation", "has violated", "failed to
  fulfil its obligations", "would be inconsistent with the obligations ... under
  article 3" (CAT non-refoulement: a prospective violation).

A violation of the Optional Protocol itself (ignoring a request for interim
measures, e.g. E/C.12/66/D/51/2018) is a separate flag.

Reply deadline: the period is read from the follow-up paragraph after the
operative one. The committees count it from the *transmittal* of the Views,
which the document does not state, so the due date computed here counts from
the adoption date when known (``due_basis = "computed"``) and is therefore
the earliest possible date; without an adoption date ``due`` stays ``None``.
A Views text that finds a violation but prints no period gets its committee's
period (``core.periods.VIEWS_REPLY_PERIODS``, ``period_basis = "committee_rule"``).

State party and date of the Views: from the heading block ("State party:",
"Date of adoption of Views:"), else from what the Committee's text states in so many
words: the State "in breach" ("a victim of a violation by Switzerland of articles ...")
or the State for which the Optional Protocol "entered into force for Latvia on ...".
When the text says neither, from the source's own metadata index of the file
(:mod:`views_index`: the lszoszk files print no heading block), with the basis
``"source_index"``; an index date outside the session the text prints is refused.
Nothing is guessed from the nationalities or places a text mentions. What could not
be read is listed in ``gaps`` with the reason, for the import to report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from rightstrack.core.periods import VIEWS_REPLY_PERIODS, add_period
from rightstrack.ingest.parsers.documents.clean import CleanedText
from rightstrack.ingest.parsers.documents.metadata import (
    MONTHS,
    DocumentMetadata,
    find_adoption_date,
    parse_un_date,
    to_iso3,
)
from rightstrack.ingest.parsers.documents.views_index import lookup as index_lookup

__all__ = [
    "REMEDY_KINDS",
    "ViewsDecision",
    "ViewsParagraph",
    "parse_views",
    "remedy_kinds",
    "reply_period",
    "violated_articles",
]


@dataclass
class ViewsParagraph:
    """A paragraph of a Views document: ``id`` as printed (``"2.1"``, ``"10"``)."""

    id: str
    text: str
    section: str | None = None


@dataclass
class ViewsDecision:
    """A parsed Views/decision.

    Attributes:
        metadata: symbol, committee, adoption date...
        communication: ``"2836/2016"``.
        author: the author/complainant/petitioner as named, or ``None``.
        state_party: the State party's name as printed, or ``None``.
        country: ISO3 of the State party.
        state_party_basis: ``"header"`` ("State party: Kazakhstan"), ``"record"`` (the JSON
            record's ``country`` field), ``"text"`` (the Committee's text names the State in
            breach, or the State for which the Optional Protocol entered into force; the
            words are in ``state_party_evidence``), ``"source_index"`` (the source's
            metadata index, :mod:`views_index`; where it was read is in
            ``index_source``) or ``None``: the State is never guessed
            from the States a text mentions (in refoulement cases that is the country of
            origin).
        state_party_evidence: the words the State was read from ("a violation by Denmark of").
        outcome: ``"violation"``, ``"no_violation"``, ``"inadmissible"``, ``"discontinued"``
            or ``None``.
        optional_protocol_violation: the State breached the Optional Protocol itself.
        operative_paragraph: id of the paragraph stating the outcome.
        remedy_paragraph: id of the paragraph stating the remedy / recommendations.
        reply_paragraph: id of the paragraph asking for the State's reply.
        reply_period: as printed ("within 180 days").
        reply_days / reply_months: the period in days (90, 180) or months (6).
        reply_due: adoption date + period, or ``None``.
        due_basis: ``"computed"`` when ``reply_due`` is set, else ``None``.
        period_basis: ``"stated"`` (the Views print the period), ``"committee_rule"`` (they
            find a violation but print none: the committee's period from
            ``core.periods.VIEWS_REPLY_PERIODS``) or ``None``.
        period_source: the rule the reply paragraph cites ("rule 118 (5) of its rules of
            procedure", "article 7 (4) of the Optional Protocol"), or the committee rule's
            source; ``None`` when the paragraph cites none.
        adoption_session: when the text gives only the session ("thirty-fourth session
            (9–27 March 2026)") and no date of adoption: that session, as printed.
        adopted_basis: where the date of the Views comes from: ``"text"`` (the document,
            or the JSON record's date), ``"source_index"`` (the source's metadata index,
            field in ``adopted_field``) or ``None`` (no date).
        adopted_field: the index field the date was read from (``"jurisDecisionDate"``,
            ``"adoptionDate"``) when ``adopted_basis`` is ``"source_index"``.
        index_source: ``"lszoszk/generalcomments docs/jur/documents-lite.json @ 03ba6ca"``
            when the State or the date comes from the index, else ``None``.
        gaps: what could not be read, with the reason, keyed ``"state_party"``,
            ``"adopted"`` and ``"reply_due"`` (English, for the import's warnings).
        articles_violated: the articles the Committee found violated, as printed and in
            order (``["6 (1)", "7", "2 (3)"]``); articles of the Optional Protocol itself
            are prefixed ``"OP "`` (``"OP 6"``). Empty unless there is a violation.
        remedies: the kinds of remedy asked for (:data:`REMEDY_KINDS` codes), read from the
            remedy paragraph to the reply paragraph; empty when no remedy paragraph.
        remedy_text: the text of those paragraphs.
        paragraphs: the Committee's paragraphs (individual opinions excluded).
    """

    metadata: DocumentMetadata
    communication: str | None = None
    author: str | None = None
    state_party: str | None = None
    country: str | None = None
    state_party_basis: str | None = None
    state_party_evidence: str | None = None
    outcome: str | None = None
    optional_protocol_violation: bool = False
    operative_paragraph: str | None = None
    remedy_paragraph: str | None = None
    reply_paragraph: str | None = None
    reply_period: str | None = None
    reply_days: int | None = None
    reply_months: int | None = None
    reply_due: date | None = None
    due_basis: str | None = None
    period_basis: str | None = None
    period_source: str | None = None
    adoption_session: str | None = None
    adopted_basis: str | None = None
    adopted_field: str | None = None
    index_source: str | None = None
    gaps: dict[str, str] = field(default_factory=dict)
    articles_violated: list[str] = field(default_factory=list)
    remedies: list[str] = field(default_factory=list)
    remedy_text: str = ""
    paragraphs: list[ViewsParagraph] = field(default_factory=list)

    def paragraph(self, pid: str) -> ViewsParagraph | None:
        """The paragraph with id ``pid``."""
        return next((p for p in self.paragraphs if p.id == pid), None)


_PARA = re.compile(
    r"^(?P<id>\d{1,2}(?:\.\d{1,2})*)\.?\s*"
    r"(?!(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)"
    r"(?P<text>[A-Z\u201c\"(\u2018\[].*)$"
)
_OPINION = re.compile(r"opinion|voto particular|opinión|dissent", re.IGNORECASE)
_NUM_WORDS = {"one hundred and eighty": 180, "ninety": 90, "sixty": 60, "thirty": 30, "six": 6,
              "three": 3, "twelve": 12, "one": 1, "two": 2}  # fmt: skip


def _top(pid: str) -> int:
    return int(pid.split(".")[0])


def split_paragraphs(lines: list[str]) -> list[ViewsParagraph]:
    """Numbered paragraphs of the Committee's text, stopping at individual opinions.

    Individual opinions follow the Views with a heading naming an opinion, or with
    their own numbering restarting at 1; both end the Committee's text.
    """
    paragraphs: list[ViewsParagraph] = []
    section: str | None = None
    for line in lines:
        text = re.sub(r"^(\d+(?:\.\d+)*)\.\s+\1\.?\s+", r"\1. ", line.strip())  # "1.1. 1.1 The"
        if not text:
            continue
        if text.startswith("[") and text.endswith("]"):
            section = text[1:-1].strip()
            if _OPINION.search(section) and paragraphs:
                break
            continue
        if (
            re.match(
                r"^(Individual|Joint|Dissenting|Concurring|Separate) opinion", text, re.IGNORECASE
            )
            and paragraphs
        ):
            break
        m = _PARA.match(text)
        if m and (not paragraphs or _top(m.group("id")) >= _top(paragraphs[-1].id)):
            paragraphs.append(ViewsParagraph(m.group("id"), m.group("text"), section))
        elif m and len(paragraphs) >= 5 and _top(m.group("id")) < _top(paragraphs[-1].id):
            break  # numbering restarts: an appended opinion or annex
        elif paragraphs:
            paragraphs[-1].text += " " + text
    return paragraphs


_NEGATIVE = re.compile(
    r"(?:do|does|did) not (?:disclose|reveal|show|constitute|amount to)[^.]{0,60}?(?:violation|breach)|"
    r"would not (?:constitute|amount to) a (?:violation|breach)|not in a position to find a violation|"
    r"no violation of",
    re.IGNORECASE,
)
_INADMISSIBLE = re.compile(
    r"(?:communication|complaint|petition) (?:is|was) inadmissible", re.IGNORECASE
)
_POSITIVE = re.compile(
    r"(?:disclose|reveal|constitute)s? (?:a |an )?(?:violation|violations|breach)|(?:has|have) (?:thereby )?violated|"
    r"fail(?:ed|ing) to (?:fulfil|discharge|comply with) its obligations|would be inconsistent with the obligations|"
    r"would (?:constitute|amount to) a (?:violation|breach)|in (?:violation|breach) of (?:its obligations|article)",
    re.IGNORECASE,
)
_ACTING = re.compile(r"acting under (?:article|the Optional Protocol)", re.IGNORECASE)
_OPERATIVE = re.compile(
    r"acting under (?:article|the Optional Protocol)|is of the (?:view|opinion)|concludes that|finds that|therefore decides",
    re.IGNORECASE,
)


_DISCONTINUED = re.compile(
    r"discontinue(?:s|d)? (?:its |the )?(?:consideration|examination)", re.IGNORECASE
)


def _outcome(text: str) -> str | None:
    if _DISCONTINUED.search(text):
        return "discontinued"
    if _INADMISSIBLE.search(text):
        return "inadmissible"
    if _NEGATIVE.search(text):
        return "no_violation"
    if _POSITIVE.search(text):
        return "violation"
    return None


_REPLY = re.compile(
    r"within\s+(?:a\s+period\s+of\s+)?(\d{1,3}|one hundred and eighty|ninety|sixty|thirty|six|three|twelve|one|two)"
    r"\s+(days?|months?|years?)",
    re.IGNORECASE,
)


def reply_period(text: str) -> tuple[str, int | None, int | None] | None:
    """("within 180 days", days, months) from a follow-up request, or ``None``.

    Only a period in a sentence that asks the State for information or a written
    response counts ("within six months of the decision of the court" does not).
    """
    for sentence in re.split(r"(?<=[.;])\s+", text):
        if not re.search(
            r"inform|written response|measures taken|steps taken|reply|submit",
            sentence,
            re.IGNORECASE,
        ):
            continue
        if not re.search(r"State party|State Party|it\b", sentence):
            continue
        m = _REPLY.search(sentence)
        if not m:
            continue
        word = m.group(1).lower()
        amount = int(word) if word.isdigit() else _NUM_WORDS[word]
        unit = m.group(2).lower()
        if unit.startswith("day"):
            return m.group(0), amount, None
        if unit.startswith("month"):
            return m.group(0), None, amount
        return m.group(0), None, amount * 12
    return None


#: One article reference: "6 (1)", "5 (d) (iii)", "27(1)(a)", "2, paragraph 1", "5 (1)–(3)".
_ITEM = (
    r"\d+(?:\s*\((?:[a-z]|[ivx]+|\d+)\))*(?:\s*[–-]\s*\(\d+\))?"
    r"(?:,\s*paragraph\s+\d+(?:\s*\([a-z]\))?)?"
)
_SEP = r"(?:(?:,\s*(?:and\s+)?|\s+and\s+)(?:of\s+)?|\s+to\s+|\s*[–-]\s*(?=\d))(?=\d|\()"
_ARTICLES = re.compile(rf"\barticles?\s+(?P<list>{_ITEM}(?:{_SEP}(?:{_ITEM}|\((?:[a-z]|\d+)\)))*)")


def _normalise_article(ref: str) -> str:
    ref = re.sub(r",\s*paragraph\s+(\d+)", r" (\1)", ref)
    ref = re.sub(r"\s*\(", " (", ref.strip())
    return re.sub(r"\s*([–-])\s*", r"\1", ref)


def violated_articles(text: str) -> list[str]:
    """The articles an operative paragraph finds violated, in order, without repeats.

    Only the text from the finding on counts ("disclose a violation ... of articles
    6 (1) and 7, read alone and in conjunction with article 2 (3)"), so the article
    the Committee acts under ("acting under article 5 (4) of the Optional Protocol")
    is left out. "11 to 14" becomes 11, 12, 13, 14; "article 24 (2) and (3)" stays
    two references "24 (2)", "24 (3)". A list followed by "of the Optional Protocol"
    is marked ``"OP "`` (a breach of the procedure itself, e.g. interim measures).

    Args:
        text: the operative paragraph.

    Returns:
        References as printed, normalised to "N (x) (y)" spacing.
    """
    found = _POSITIVE.search(text)
    if found is None:
        return []
    text = text[found.start() :]
    out: list[str] = []
    for m in _ARTICLES.finditer(text):
        after = text[m.end() : m.end() + 40]
        prefix = "OP " if re.match(r",?\s*of the Optional Protocol", after) else ""
        refs: list[str] = []
        last_base = ""
        tokens = re.split(rf"({_SEP})", m.group("list"))
        for index in range(0, len(tokens), 2):
            token = tokens[index].strip()
            sep = tokens[index - 1].strip() if index else ""
            if re.fullmatch(r"\((?:[a-z]|\d+)\)", token) and last_base:
                refs.append(f"{last_base} {token}")
                continue
            if sep == "to" and refs and refs[-1].isdigit() and token.isdigit():
                refs += [str(n) for n in range(int(refs[-1]) + 1, int(token) + 1)]
                continue
            ref = _normalise_article(token)
            last_base = ref.split(" ")[0]
            refs.append(ref)
        for ref in refs:
            if prefix + ref not in out:
                out.append(prefix + ref)
    return out


#: Kinds of remedy a Committee asks for, each with the words that show it (in English Views).
REMEDY_KINDS: dict[str, str] = {
    "compensation": r"compensat|reparation|redress|reimburse",
    "investigation": r"investigat|prosecut|bring to justice|punish",
    "legislative_change": r"legislat|\blaws?\b|amend|normative framework|regulations|decriminali",
    "non_repetition": r"similar violations|non-repetition|prevent (?:future|further) violations",
    "publication": r"publish|disseminat|publicity|circulate|translate",
    "rehabilitation": r"rehabilitation|mental health|medical|psycholog",
    "review": r"\breview\b|reconsider|re-examin|refrain from (?:expelling|returning|deporting)",
    "release": r"\brelease\b",
}


def remedy_kinds(text: str) -> list[str]:
    """The :data:`REMEDY_KINDS` codes whose words occur in ``text``, in that order.

    Read from the paragraph on "the obligation to provide an effective remedy" (and the
    follow-up paragraph, which asks for publication); ``"other"`` when a remedy
    paragraph names none of them.
    """
    kinds = [k for k, words in REMEDY_KINDS.items() if re.search(words, text, re.IGNORECASE)]
    return kinds or (["other"] if text.strip() else [])


def _author(text: str) -> str | None:
    patterns = (
        r"(?:Submitted by|Communication submitted by|Complaint submitted by|Petition submitted by)\s*:\s*([^(\n]+?)\s*(?:\(|Alleged|$)",
        r"The (?:author|authors|complainant|complainants|petitioner|petitioners) (?:of the communication |of the complaint )?"
        r"(?:is|are) (?!represented)([^,\n]{2,80}?),",
        r"(?:communication|complaint|petition) is submitted by ([^,\n]{2,80}?),",
    )
    for pattern in patterns:
        if m := re.search(pattern, text):
            return re.sub(r"\s+", " ", m.group(1)).strip().removeprefix("Mr. ").removeprefix("Ms. ")
    return None


def _state_party(text: str) -> tuple[str | None, str | None, str | None]:
    if m := re.search(r"State party\s*:\s*([A-Z][^\n]+?)\s*(?:Date of|\n|$)", text):
        name = m.group(1).strip()
        return name, to_iso3(name), "header"
    return None, None, None


#: A State named as the one in breach: "a victim of a violation by Switzerland[[fn:3]] of
#: articles", "violations by Belarus of her rights", "a violation by the Kingdom of the
#: Netherlands of her rights". "by the State party" is not a name.
_IN_BREACH = re.compile(
    r"\b(?:violations?|breach(?:es)?|violated)\s+by\s+(?!the State\b)"
    r"(?P<name>(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:of|and|the|[A-Z][\w’'-]*)){0,5}?)"
    r"(?:\s*\[\[fn:\d+\]\])?\s+of\s+(?:his|her|their|its|articles?|rights?|the\s+(?:rights?|"
    r"Convention|Covenant))\b"
)
#: "The Optional Protocol entered into force for Latvia on 30 September 2010".
_IN_FORCE_FOR = re.compile(
    r"entered into force for (?!the State\b)"
    r"(?P<name>(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:of|and|the|[A-Z][\w’'-]*)){0,5}?) on \d"
)


def _state_named_in_text(text: str) -> tuple[str | None, str | None, str | None, str | None]:
    """(name, ISO3, evidence, conflict) from the Committee's own words, or Nones.

    Every State the text names as in breach, or as the one the Optional Protocol entered
    into force for, must be the same State; otherwise nothing is taken and ``conflict``
    lists them.
    """
    found: dict[str, tuple[str, str]] = {}
    for pattern in (_IN_BREACH, _IN_FORCE_FOR):
        for m in pattern.finditer(text):
            name = m.group("name").strip()
            iso3 = to_iso3(name.removeprefix("the ").strip())
            if iso3 is not None and iso3 not in found:
                found[iso3] = (name, re.sub(r"\[\[fn:\d+\]\]", "", m.group(0)))
    if len(found) == 1:
        iso3, (name, evidence) = next(iter(found.items()))
        return name.removeprefix("the ").strip(), iso3, evidence, None
    if len(found) > 1:
        return None, None, None, ", ".join(sorted(found))
    return None, None, None, None


#: The adoption footnote of a Views that gives only the session:
#: "* Adopted by the Committee at its thirty-fourth session (9–27 March 2026)".
_SESSION_ONLY = re.compile(
    r"Adopted by the Committee at its (?P<session>[\w-]+ session \((?P<dates>[^)]{5,60})\))"
)
#: The rule a reply paragraph opens a sentence with: "Pursuant to rule 118 (5) of its rules
#: of procedure, the Committee invites ...", "In accordance with article 7 (4) of the
#: Optional Protocol, the State Party shall ...". Mid-sentence mentions ("pursuant to
#: article 2 of the Covenant, the State party has undertaken") are not the reply's rule.
_CITED_RULE = re.compile(
    r"(?:^|[.;]\s+)(?:Pursuant to|In accordance with) (?P<rule>(?:rule|article) \d+(?:\s*\(\d+\))?"
    r"(?:, paragraph \d+,)?[^,]{0,160}),"
)


#: A session's dates as printed: "9–27 March 2026", "30 September–18 October 2019",
#: "28 December 2020–5 January 2021".
_SESSION_DATES = re.compile(
    r"(?P<d1>\d{1,2})(?:\s+(?P<m1>[A-Z][a-z]+))?(?:\s+(?P<y1>\d{4}))?\s*[–-]\s*"
    r"(?P<d2>\d{1,2})\s+(?P<m2>[A-Z][a-z]+)\s+(?P<y2>\d{4})"
)


def session_dates(text: str) -> tuple[date, date] | None:
    """First and last day of a session as printed ("9–27 March 2026"), or ``None``."""
    m = _SESSION_DATES.search(text)
    if m is None:
        return None
    month2 = MONTHS.get(m.group("m2").lower())
    month1 = MONTHS.get((m.group("m1") or m.group("m2")).lower())
    if month1 is None or month2 is None:
        return None
    year2 = int(m.group("y2"))
    year1 = int(m.group("y1")) if m.group("y1") else year2 - (1 if month1 > month2 else 0)
    try:
        return date(year1, month1, int(m.group("d1"))), date(year2, month2, int(m.group("d2")))
    except ValueError:
        return None


def _reply_rule(text: str) -> str | None:
    m = _CITED_RULE.search(text)
    return m.group("rule").strip() if m else None


def parse_views(
    cleaned: CleanedText, metadata: DocumentMetadata, *, meta: dict[str, str] | None = None
) -> ViewsDecision:
    """Parse a Views/decision.

    Args:
        cleaned: cleaned text (JSON paragraph files give ``[Section]`` and ``ID Text`` lines).
        metadata: metadata; its ``adopted`` date (or a date found here) feeds ``reply_due``.
        meta: fields of a JSON record (``date``, ``author``, ``country``), used only when
            the text does not say.

    Returns:
        :class:`ViewsDecision`.
    """
    meta = meta or {}
    text = cleaned.text
    result = ViewsDecision(metadata=metadata)
    symbol = metadata.symbol
    result.communication = symbol.communication if symbol else None
    if result.communication is None and (
        m := re.search(r"[Cc]ommunication No\.\s*(\d+/\d{4})", text)
    ):
        result.communication = m.group(1)
    result.paragraphs = split_paragraphs([line.text for line in cleaned.lines])
    head = text[:4000]
    result.author = _author(head) or meta.get("author")
    result.state_party, result.country, result.state_party_basis = _state_party(head)
    if result.country is None and meta.get("country"):
        result.state_party, result.country, result.state_party_basis = (
            meta["country"],
            to_iso3(meta["country"]),
            "record",
        )
    if result.country is None:
        committee_text = "\n".join(p.text for p in result.paragraphs) or text
        name, iso3, evidence, conflict = _state_named_in_text(committee_text)
        if iso3 is not None:
            result.state_party, result.country = name, iso3
            result.state_party_basis, result.state_party_evidence = "text", evidence
        elif (entry := index_lookup(symbol.raw if symbol else None)) is not None and (
            index_iso3 := to_iso3(entry.state_party)
        ):
            result.state_party, result.country = entry.state_party, index_iso3
            result.state_party_basis, result.index_source = "source_index", entry.source
        elif conflict:
            result.gaps["state_party"] = (
                f"no State party: the text names more than one State as the one in breach "
                f"({conflict}); none is taken"
            )
        elif result.state_party is not None:
            result.gaps["state_party"] = (
                f"no State party: {result.state_party!r} is not a country RightsTrack knows"
            )
        else:
            result.gaps["state_party"] = (
                'no State party: no "State party:" line, and the text never says which '
                'State it is (only "the State party")'
            )

    adopted = metadata.adopted or find_adoption_date(text)
    if adopted is None and (m := re.search(r"Meeting on (\d{1,2} \w+ \d{4}),", text)):
        adopted = parse_un_date(m.group(1))
    if adopted is None and (
        m := re.search(r"Date of (?:present )?decision:\s*(\d{1,2} \w+ \d{4})", text)
    ):
        adopted = parse_un_date(m.group(1))
    if adopted is not None:
        result.adopted_basis = "text"
    notes = "\n".join(note.text for note in cleaned.footnotes)
    session = _SESSION_ONLY.search(text + "\n" + notes)
    entry = index_lookup(symbol.raw if symbol else None)
    if adopted is None and entry is not None and entry.adopted is not None:
        span = session_dates(session.group("dates")) if session else None
        if span is None or span[0] <= entry.adopted <= span[1]:
            adopted = entry.adopted
            result.adopted_basis, result.adopted_field = "source_index", entry.adopted_field
            result.index_source = entry.source
        else:
            result.gaps["adopted"] = (
                f"no date of the Views: the source's metadata index gives "
                f"{entry.adopted.isoformat()}, outside the session the text prints "
                f"({session.group('session') if session else ''})"
            )
    metadata.adopted = adopted
    if adopted is None and "adopted" not in result.gaps:
        if session:
            result.adoption_session = session.group("session")
            result.gaps["adopted"] = (
                f"no date of the Views: the text gives only the session, {result.adoption_session}"
            )
        else:
            result.gaps["adopted"] = (
                'no date of the Views: no "Date of adoption" line, "adopted on" date or '
                "adoption footnote in the text"
            )
            if entry is not None:
                result.gaps["adopted"] += (
                    f", and the source's metadata index gives none ({entry.source})"
                )

    operative_index = None
    # The formal finding says "acting under article ..."; older or CEDAW texts only "concludes".
    for cue in (_ACTING, _OPERATIVE):
        for index in range(len(result.paragraphs) - 1, -1, -1):
            para = result.paragraphs[index]
            if cue.search(para.text) and _outcome(para.text):
                operative_index = index
                break
        if operative_index is not None:
            break
    if operative_index is not None:
        operative = result.paragraphs[operative_index]
        result.operative_paragraph = operative.id
        result.outcome = _outcome(operative.text)
        later = result.paragraphs[operative_index + 1 :]
        result.optional_protocol_violation = any(
            re.search(r"violated article \d+ of the Optional Protocol", p.text)
            for p in [operative, *later]
        )
        for para in later:
            if result.remedy_paragraph is None and re.search(
                r"effective remedy|recommends|urges|obligation to|makes the following recommendations|invites the State party",
                para.text,
            ):
                result.remedy_paragraph = para.id
            if (period := reply_period(para.text)) is not None:
                result.reply_paragraph = para.id
                result.reply_period, result.reply_days, result.reply_months = period
                result.period_basis, result.period_source = "stated", _reply_rule(para.text)
                break
        if result.remedy_paragraph is None and re.search(
            r"recommendations? to the State", operative.text
        ):
            result.remedy_paragraph = operative.id
        if result.outcome == "violation":
            result.articles_violated = violated_articles(operative.text)
        if result.remedy_paragraph is not None:
            ids = [p.id for p in result.paragraphs]
            start = ids.index(result.remedy_paragraph)
            end = ids.index(result.reply_paragraph) if result.reply_paragraph else start
            remedy = result.paragraphs[start : max(start, end) + 1]
            result.remedy_text = " ".join(p.text for p in remedy)
            if start == operative_index and (
                opening := re.search(r"recommendations? to the State", operative.text)
            ):
                result.remedy_text = result.remedy_text[opening.start() :]
            result.remedies = remedy_kinds(result.remedy_text)
    found_violation = result.outcome == "violation" or result.optional_protocol_violation
    rule = VIEWS_REPLY_PERIODS.get(metadata.committee or "")
    if result.reply_period is None and found_violation and rule is not None:
        days, months, source = rule
        result.reply_days, result.reply_months = days, months
        result.reply_period = f"within {days} days" if days else f"within {months} months"
        result.period_basis, result.period_source = "committee_rule", source
    if result.reply_period and adopted:
        if result.reply_days:
            result.reply_due = add_period(adopted, days=result.reply_days)
        elif result.reply_months:
            result.reply_due = add_period(adopted, months=result.reply_months)
        result.due_basis = "computed"
    elif result.reply_period:
        result.gaps["reply_due"] = (
            f"no reply deadline: the period ({result.reply_period}) has no date to count from"
        )
    elif found_violation:
        result.gaps["reply_due"] = "no reply deadline: the text asks for no reply within a period"
    return result
