"""``parse_document(path)``: detect the kind of a UN document and parse it (pure Python).

Steps: extract text (:mod:`.extract`) -> find the symbol on page 1 (:mod:`.symbols`)
-> clean (:mod:`.clean`) -> metadata and type from the title (:mod:`.metadata`) ->
score every registered :class:`DocumentKind` -> parse with the best one.

Adding a kind (the UPR Working Group report parser does this)::

    from rightstrack.ingest.parsers.documents.registry import DocumentKind, register_kind

    register_kind(DocumentKind(
        name="upr_wg_report",
        detect=lambda ctx: 1.0 if ctx.metadata.doc_type == "upr_wg_report" else 0.0,
        parse=lambda ctx: parse_upr_report_text([p.text for p in ctx.extracted.pages]),
        to_json=my_to_json,          # ParsedDocument -> dict with the JSON keys below
    ))

at module level of ``documents/<module>.py`` and list the module in :data:`PLUGIN_MODULES`.

``to_json(parsed)`` returns exactly the keys other tools read: ``symbol``, ``type``,
``committee``, ``country``, ``adopted``, ``paragraphs``, ``follow_up``,
``particular_importance`` and ``next_report``.
"""

from __future__ import annotations

import dataclasses
import importlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rightstrack.ingest.parsers.documents.clean import CleanedText, clean_pages
from rightstrack.ingest.parsers.documents.concluding_observations import (
    ConcludingObservations,
    parse_concluding_observations,
)
from rightstrack.ingest.parsers.documents.errors import UnknownDocumentKindError
from rightstrack.ingest.parsers.documents.extract import ExtractedText, extract_text
from rightstrack.ingest.parsers.documents.metadata import (
    DocumentMetadata,
    parse_un_date,
    read_metadata,
)
from rightstrack.ingest.parsers.documents.symbols import Symbol, find_document_symbol, parse_symbol
from rightstrack.ingest.parsers.documents.views import ViewsDecision, parse_views

__all__ = [
    "JSON_KEYS",
    "DocumentContext",
    "DocumentKind",
    "FollowUpReply",
    "ParsedDocument",
    "parse_document",
    "register_kind",
    "to_json",
    "treaty_document_score",
]

#: The keys of :func:`to_json`, in order. Other tools read them: do not rename.
JSON_KEYS = (
    "symbol",
    "type",
    "committee",
    "country",
    "adopted",
    "paragraphs",
    "follow_up",
    "particular_importance",
    "next_report",
)

#: Modules of this package that register more kinds when imported (written by other helpers).
PLUGIN_MODULES = ("upr_report",)

#: Lowest detection score that counts.
MIN_SCORE = 0.5


@dataclass
class DocumentContext:
    """What a kind's ``detect`` and ``parse`` receive.

    Attributes:
        path: the source file (PDF, DOCX, HTML or text).
        extracted: raw text per page (:mod:`.extract`).
        cleaned: text without page furniture, footnotes apart (:mod:`.clean`).
        metadata: symbol, committee, country, dates (:mod:`.metadata`).
    """

    path: Path
    extracted: ExtractedText
    cleaned: CleanedText
    metadata: DocumentMetadata


@dataclass
class ParsedDocument:
    """The result of :func:`parse_document`.

    Attributes:
        kind: name of the kind that parsed it (``"concluding_observations"``, ``"views"``...).
        result: that kind's dataclass (:class:`ConcludingObservations`, :class:`ViewsDecision`...).
        extract_seconds / parse_seconds: wall time of text extraction and of the rest.
    """

    path: Path
    kind: str
    extracted: ExtractedText
    cleaned: CleanedText
    metadata: DocumentMetadata
    result: Any
    extract_seconds: float = 0.0
    parse_seconds: float = 0.0


@dataclass(frozen=True)
class DocumentKind:
    """A document kind: a detector scoring 0..1 and a parser; optional JSON converter."""

    name: str
    detect: Callable[[DocumentContext], float]
    parse: Callable[[DocumentContext], Any]
    to_json: Callable[[ParsedDocument], dict[str, Any]] | None = None


_KINDS: dict[str, DocumentKind] = {}
_plugins_loaded = False


def register_kind(kind: DocumentKind) -> None:
    """Register ``kind`` under ``kind.name``; a kind already registered by that name
    is replaced (plugins may override a built-in kind). Returns ``None``."""
    _KINDS[kind.name] = kind


def registered_kinds() -> dict[str, DocumentKind]:
    """All kinds by name (a copy), built-in ones and those added by plugins
    (loaded on the first call)."""
    _load_plugins()
    return dict(_KINDS)


def _load_plugins() -> None:
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    for name in PLUGIN_MODULES:
        try:
            module = importlib.import_module(f"rightstrack.ingest.parsers.documents.{name}")
        except ModuleNotFoundError:
            continue
        # Fallback adapter when the module offers a text parser but registers nothing itself.
        if (
            name == "upr_report"
            and "upr_wg_report" not in _KINDS
            and hasattr(module, "parse_upr_report_text")
        ):
            register_kind(_upr_adapter(module))


def _upr_adapter(module: Any) -> DocumentKind:
    def detect(ctx: DocumentContext) -> float:
        return 1.0 if module.is_upr_report_text(ctx.extracted.text) else 0.0

    def parse(ctx: DocumentContext) -> Any:
        return module.parse_upr_report_text([p.text for p in ctx.extracted.pages])

    return DocumentKind(name="upr_wg_report", detect=detect, parse=parse)


# --- follow-up replies (State's information on follow-up) ------------------------------------


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


def _parse_follow_up_reply(ctx: DocumentContext) -> FollowUpReply:
    text = ctx.cleaned.text
    received = ctx.metadata.received
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
    return FollowUpReply(parent_symbol_of(ctx.metadata.symbol, text), received, refs)


def _looks_like_views(ctx: DocumentContext) -> float:
    if ctx.metadata.doc_type in {"views", "decision"}:
        return 1.0
    symbol = ctx.metadata.symbol
    text = ctx.extracted.text[:20000]
    cues = sum(
        bool(re.search(pattern, text, re.IGNORECASE))
        for pattern in (
            r"\bthe (author|complainant|petitioner)s? (of the communication )?(is|are|claims)\b",
            r"Optional Protocol|article 22 of the Convention|article 14 of the Convention|article 31 of the Convention",
            r"admissibility",
            r"State party",
        )
    )
    if symbol is not None and symbol.kind == "D":
        return 0.9 if cues >= 2 else 0.6
    return 0.7 if cues == 4 else 0.0


register_kind(
    DocumentKind(
        name="concluding_observations",
        detect=lambda ctx: 1.0 if ctx.metadata.doc_type == "concluding_observations" else 0.0,
        parse=lambda ctx: parse_concluding_observations(ctx.cleaned, ctx.metadata),
    )
)
register_kind(
    DocumentKind(
        name="views",
        detect=_looks_like_views,
        parse=lambda ctx: parse_views(ctx.cleaned, ctx.metadata, meta=ctx.extracted.meta),
    )
)
register_kind(
    DocumentKind(
        name="follow_up_reply",
        detect=lambda ctx: 1.0 if ctx.metadata.doc_type == "follow_up_reply" else 0.0,
        parse=_parse_follow_up_reply,
    )
)


# --- cheap detection for the import registry ---------------------------------------------------

_TB_PREFIX = re.compile(r"\b(?:CCPR|CERD|CEDAW|CAT|CRC|CMW|CRPD|CED)\s*/\s*C\s*/|\bE/C\.12/")


def treaty_document_score(first_text: str) -> float:
    """How surely ``first_text`` (page 1, or the first kilobytes) starts a treaty-body CO,
    follow-up reply or Views: 0.0 to 0.9. Cheap (a few regexes), never raises.

    UPR Working Group reports score 0 (their own parser handles them).
    """
    text = re.sub(r"\s+", " ", first_text[:65536])
    if "Universal Periodic Review" in text:
        return 0.0
    if re.search(
        r"African Commission on Human and Peoples|Inter-American Commission|European Committee of Social Rights|"
        r"European Court of Human Rights\b.{0,40}\bjudgment|Committee of Ministers",
        text[:3000],
    ):
        return 0.0  # regional bodies: not treaty-body documents
    has_symbol = bool(_TB_PREFIX.search(text))
    if re.search(r"Concluding observations (?:on|of)\b", text) and has_symbol:
        return 0.9
    if re.search(r"Information received from .{2,80}? (?:on|regarding) follow-up", text):
        return 0.9
    if re.search(r"\b(?:Views|Decision) adopted by the Committee\b", text):
        return 0.9
    party = re.search(
        r"\bThe (?:author|complainant|petitioner)s?(?: of the communication)?(?: is| are|,)", text
    )
    claim = re.search(
        r"claims?(?: to be (?:a )?victims?| that the State party has violated)|Optional Protocol|"
        r"article (?:14|22|31) of the Convention|individual communications",
        text,
    )
    # "Committee": UN treaty bodies; regional bodies (African Commission...) are not ours.
    if party and claim and re.search(r"State [Pp]arty", text) and re.search(r"\bCommittee\b", text):
        return 0.8
    return 0.0


# --- entry point --------------------------------------------------------------------------------


def symbol_from_filename(path: Path) -> Symbol | None:
    """``CCPR_C_134_D_2836_2016.txt`` / ``ccpr-c-134-d-2836-2016.json`` -> the symbol.

    Only used when page 1 shows no symbol (paragraph exports without a masthead).
    """
    stem = (
        path.name.split(".")[0]
        if not path.name.upper().startswith("E_C.12")
        else path.name.rsplit(".", 1)[0]
    )
    stem = re.sub(r"\.(repaired)$", "", stem)
    raw = stem.replace("_", "/")
    if "/" not in raw and "-" in raw:
        raw = raw.replace("-", "/")
    raw = raw.upper()
    raw = re.sub(r"^E/C/12/", "E/C.12/", raw)
    symbol = parse_symbol(raw)
    return symbol if symbol is not None and symbol.kind is not None else None


def build_context(path: str | Path, extracted: ExtractedText | None = None) -> DocumentContext:
    """Extract, find the symbol, clean and read metadata (no kind chosen yet)."""
    path = Path(path)
    extracted = extracted or extract_text(path)
    pages = extracted.pages
    others = tuple(p.text for p in pages[1:4])
    symbol = find_document_symbol(pages[0].text, others, loose=False)
    if symbol is None and extracted.meta.get("symbol"):
        symbol = parse_symbol(extracted.meta["symbol"])
    if symbol is None:
        symbol = symbol_from_filename(path)
    if symbol is None:
        symbol = find_document_symbol(pages[0].text, others)
    cleaned = clean_pages(pages, symbol.raw if symbol else None)
    metadata = read_metadata(cleaned, symbol)
    return DocumentContext(path, extracted, cleaned, metadata)


def parse_document(path: str | Path) -> ParsedDocument:
    """Parse a UN document file into a :class:`ParsedDocument`.

    Raises:
        CorruptFileError, NoTextLayerError, BrokenEncodingError, UnsupportedFormatError:
            from text extraction (file and page named).
        UnknownDocumentKindError: no registered kind recognises the text.
    """
    _load_plugins()
    started = time.perf_counter()
    extracted = extract_text(path)
    extracted_at = time.perf_counter()
    ctx = build_context(path, extracted)
    scores = sorted(((kind.detect(ctx), name) for name, kind in _KINDS.items()), reverse=True)
    if not scores or scores[0][0] < MIN_SCORE:
        title = ctx.metadata.title[:120] or "(no title found)"
        raise UnknownDocumentKindError(
            ctx.path,
            f"unknown document kind: not concluding observations, Views, a follow-up reply or a UPR "
            f"Working Group report (title: {title!r})",
            page=1,
        )
    kind = _KINDS[scores[0][1]]
    result = kind.parse(ctx)
    done = time.perf_counter()
    return ParsedDocument(
        ctx.path, kind.name, extracted, ctx.cleaned, ctx.metadata, result,
        extract_seconds=extracted_at - started, parse_seconds=done - extracted_at,
    )  # fmt: skip


# --- JSON ---------------------------------------------------------------------------------------


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _co_json(parsed: ParsedDocument, co: ConcludingObservations) -> dict[str, Any]:
    flags = co.particular_importance or co.urgent_measures
    follow_up = co.follow_up
    next_report = co.next_report
    return {
        "paragraphs": [
            {
                "number": p.number,
                "subparagraphs": p.letters,
                "kind": p.kind,
                "section": p.section,
                "topic": p.topic,
                "text": p.text,
            }
            for p in co.paragraphs
        ],
        "follow_up": None
        if follow_up is None
        else {
            "items": [ref.label for ref in follow_up.items],
            "due": _iso(follow_up.due),
            "due_basis": follow_up.due_basis,
            "paragraph": follow_up.paragraph,
            "period": follow_up.period,
        },
        "particular_importance": None
        if flags is None
        else {
            "kind": flags.kind,
            "items": [ref.label for ref in flags.items],
            "paragraph": flags.paragraph,
        },
        "next_report": None
        if next_report is None
        else {
            "paragraph": next_report.paragraph,
            "report": next_report.report,
            "numbers": list(next_report.numbers) if next_report.numbers else None,
            "due": _iso(next_report.due)
            or (str(next_report.due_year) if next_report.due_year else None),
            "status": next_report.status,
            "word_limit": next_report.word_limit,
        },
    }


def _views_json(views: ViewsDecision) -> dict[str, Any]:
    def kind_of(pid: str) -> str:
        if pid == views.operative_paragraph:
            return f"finding_{views.outcome}" if views.outcome else "finding"
        if pid == views.reply_paragraph:
            return "procedural"
        if pid == views.remedy_paragraph:
            return "remedy"
        return "text"

    return {
        "paragraphs": [
            {
                "number": p.id,
                "subparagraphs": [],
                "kind": kind_of(p.id),
                "section": p.section,
                "text": p.text,
            }
            for p in views.paragraphs
        ],
        "follow_up": None
        if views.reply_period is None
        else {
            "items": [views.remedy_paragraph] if views.remedy_paragraph else [],
            "due": _iso(views.reply_due),
            "due_basis": views.due_basis,
            "paragraph": views.reply_paragraph,
            "period": views.reply_period,
        },
        "particular_importance": None,
        "next_report": None,
    }


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    return value


def to_json(parsed: ParsedDocument) -> dict[str, Any]:
    """JSON-ready dict with exactly :data:`JSON_KEYS`.

    ``paragraphs`` items: ``number``, ``subparagraphs`` (letters), ``kind``, ``section``,
    ``topic`` (innermost heading), ``text``. ``follow_up``: ``items`` ("17 (a)"...),
    ``due`` (ISO date), ``due_basis`` (``stated``/``computed``/``None``), ``paragraph``,
    ``period``. ``particular_importance``: the no-deadline flags, with ``kind``
    ``particular_importance`` (CERD) or ``urgent_measures`` (CRC). ``next_report``:
    ``report``, ``numbers``, ``due`` (ISO date, or the year alone as "2026"), ``status``
    (``fixed``/``tbd_predictable_cycle``), ``word_limit``. Views: the operative
    paragraph's kind is ``finding_violation``/``finding_no_violation``/``finding_inadmissible``.
    """
    meta = parsed.metadata
    base: dict[str, Any] = {
        "symbol": meta.symbol.raw if meta.symbol else None,
        "type": meta.doc_type or parsed.kind,
        "committee": meta.committee,
        "country": meta.country,
        "adopted": _iso(meta.adopted),
        "paragraphs": [],
        "follow_up": None,
        "particular_importance": None,
        "next_report": None,
    }
    kind = _KINDS.get(parsed.kind)
    if isinstance(parsed.result, ConcludingObservations):
        base.update(_co_json(parsed, parsed.result))
    elif isinstance(parsed.result, ViewsDecision):
        base["type"] = meta.doc_type or "views"
        base["country"] = base["country"] or parsed.result.country
        base.update(_views_json(parsed.result))
    elif kind is not None and kind.to_json is not None:
        base.update({k: v for k, v in kind.to_json(parsed).items() if k in JSON_KEYS})
    elif isinstance(parsed.result, FollowUpReply):
        base["type"] = "follow_up_reply"
    else:
        plain = _plain(parsed.result)
        if isinstance(plain, dict):
            base.update({k: v for k, v in plain.items() if k in JSON_KEYS and k != "type"})
    return {key: base[key] for key in JSON_KEYS}
