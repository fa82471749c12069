"""Document kinds: their registry, detection, and ``parse_document(path)`` (pure Python).

Steps: extract text (:mod:`.extract`) -> find the symbol on page 1 (:mod:`.symbols`)
-> clean (:mod:`.clean`) -> metadata and type from the title (:mod:`.metadata`) ->
score every registered :class:`DocumentKind` -> parse with the best one.

Adding a kind (the UPR Working Group report parser does this)::

    from rightstrack.ingest.parsers.documents.kinds import DocumentKind, register_kind

    register_kind(DocumentKind(
        name="upr_wg_report",
        detect=lambda ctx: 1.0 if ctx.metadata.doc_type == "upr_wg_report" else 0.0,
        parse=lambda ctx: parse_upr_report_text([p.text for p in ctx.extracted.pages]),
        to_json=my_to_json,          # ParsedDocument -> dict with the JSON keys below
    ))

at module level of ``documents/<module>.py`` and list the module in :data:`PLUGIN_MODULES`.

``to_json(parsed)`` returns the keys other tools read (:data:`.json_output.JSON_KEYS`):
``symbol``, ``type``, ``committee``, ``country``, ``adopted``, ``paragraphs``,
``follow_up``, ``particular_importance`` and ``next_report``; other keys are dropped.
Shaping every parse result as JSON is :func:`.json_output.to_json`.
"""

from __future__ import annotations

import importlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rightstrack.ingest.parsers.documents.clean import CleanedText, clean_pages
from rightstrack.ingest.parsers.documents.concluding_observations import (
    parse_concluding_observations,
)
from rightstrack.ingest.parsers.documents.errors import UnknownDocumentKindError
from rightstrack.ingest.parsers.documents.extract import ExtractedText, extract_text
from rightstrack.ingest.parsers.documents.follow_up_reply import parse_follow_up_reply
from rightstrack.ingest.parsers.documents.metadata import DocumentMetadata, read_metadata
from rightstrack.ingest.parsers.documents.symbols import Symbol, find_document_symbol, parse_symbol
from rightstrack.ingest.parsers.documents.un_views import parse_views

__all__ = [
    "DocumentContext",
    "DocumentKind",
    "ParsedDocument",
    "parse_document",
    "register_kind",
    "registered_kinds",
    "treaty_document_score",
]

#: Modules of this package that register more kinds when imported (UPR WG reports, addenda;
#: regional bodies: CPT visit reports, IACHR merits reports).
PLUGIN_MODULES = ("upr_report", "regional")

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
    """Import the modules of :data:`PLUGIN_MODULES` once; each registers its kinds."""
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    for name in PLUGIN_MODULES:
        importlib.import_module(f"rightstrack.ingest.parsers.documents.{name}")


# --- built-in kinds: concluding observations, Views, follow-up replies ---------------------------


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
        parse=lambda ctx: parse_follow_up_reply(ctx.cleaned, ctx.metadata),
    )
)


# --- cheap detection for the importers --------------------------------------------------------

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
            f"unknown document kind: not concluding observations, Views, a follow-up reply, a UPR "
            f"Working Group report, nor a CPT visit report, an IACHR merits report, an African "
            f"Commission or ECSR decision (title: {title!r})",
            page=1,
        )
    kind = _KINDS[scores[0][1]]
    result = kind.parse(ctx)
    done = time.perf_counter()
    return ParsedDocument(
        ctx.path, kind.name, extracted, ctx.cleaned, ctx.metadata, result,
        extract_seconds=extracted_at - started, parse_seconds=done - extracted_at,
    )  # fmt: skip
