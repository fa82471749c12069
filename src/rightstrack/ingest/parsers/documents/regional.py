"""Document kinds of regional bodies for ``rightstrack parse`` (pure Python).

Registers two kinds with :func:`.kinds.register_kind` (listed in ``kinds.PLUGIN_MODULES``):

- ``cpt_visit_report``: CoE CPT visit reports and public statements (:mod:`.cpt_report`);
- ``iachr_merits_report``: IACHR merits reports and their Spanish summaries
  (:mod:`.iachr_report`);
- ``achpr_decision``: African Commission decisions on communications (:mod:`.achpr_decision`);
- ``ecsr_decision``: European Committee of Social Rights merits decisions
  (:mod:`.ecsr_decision`).

Their JSON (``rightstrack parse FILE --json``) uses the shared keys: ``symbol`` (the CPT
reference, "IACHR Report No. 11/15"), ``type``, ``committee`` (``CPT`` / ``IACHR``),
``country``, ``adopted``, and ``paragraphs`` with one item per recommendation (``kind``
``recommendation``); for CPT reports the executive-summary sentences that were *not* taken
follow with ``kind`` ``not_taken``, for African Commission decisions the other operative
items with ``kind`` ``operative``, so a reader sees what the rule left out. ECSR decisions
list their conclusions with ``kind`` ``finding_violation`` / ``finding_no_violation``.
"""

from __future__ import annotations

from typing import Any

from rightstrack.ingest.parsers.documents.achpr_decision import (
    AchprDecision,
    is_achpr_text,
    parse_achpr_decision,
)
from rightstrack.ingest.parsers.documents.cpt_report import (
    CptReport,
    is_cpt_text,
    parse_cpt_report,
)
from rightstrack.ingest.parsers.documents.ecsr_decision import (
    EcsrDecision,
    is_ecsr_text,
    parse_ecsr_decision,
)
from rightstrack.ingest.parsers.documents.errors import DocumentError
from rightstrack.ingest.parsers.documents.iachr_report import (
    IachrReport,
    is_iachr_text,
    parse_iachr_report,
)
from rightstrack.ingest.parsers.documents.kinds import (
    DocumentContext,
    DocumentKind,
    ParsedDocument,
    register_kind,
)

__all__ = [
    "achpr_key",
    "ecsr_key",
    "iachr_key",
    "parse_achpr_context",
    "parse_cpt_context",
    "parse_ecsr_context",
    "parse_iachr_context",
]


def iachr_key(report: IachrReport) -> str:
    """``"IACHR Report No. 11/15"``: the document key (the OAS prints no UN symbol)."""
    return f"IACHR Report No. {report.report_number}"


def achpr_key(decision: AchprDecision) -> str:
    """``"ACHPR Communication 286/04"``: the document key."""
    return f"ACHPR Communication {decision.communication}"


def ecsr_key(decision: EcsrDecision) -> str:
    """``"ECSR Complaint No. 213/2022"``: the document key."""
    return f"ECSR Complaint No. {decision.complaint}"


def parse_achpr_context(ctx: DocumentContext) -> AchprDecision:
    """:func:`.achpr_decision.parse_achpr_decision` on an extracted file.

    Raises:
        DocumentError: no communication number, or a record contradicting the text (page 1).
    """
    try:
        return parse_achpr_decision(ctx.extracted.text, ctx.extracted.meta)
    except ValueError as exc:
        raise DocumentError(ctx.path, str(exc), page=1) from exc


def parse_ecsr_context(ctx: DocumentContext) -> EcsrDecision:
    """:func:`.ecsr_decision.parse_ecsr_decision` on an extracted file.

    Raises:
        DocumentError: no complaint number, or a record contradicting the text (page 1).
    """
    try:
        return parse_ecsr_decision(ctx.extracted.text, ctx.extracted.meta)
    except ValueError as exc:
        raise DocumentError(ctx.path, str(exc), page=1) from exc


def parse_cpt_context(ctx: DocumentContext) -> CptReport:
    """:func:`.cpt_report.parse_cpt_report` on an extracted file.

    Raises:
        DocumentError: the text is not a CPT section or contradicts its record (page 1).
    """
    try:
        return parse_cpt_report(ctx.extracted.text, ctx.extracted.meta)
    except ValueError as exc:
        raise DocumentError(ctx.path, str(exc), page=1) from exc


def parse_iachr_context(ctx: DocumentContext) -> IachrReport:
    """:func:`.iachr_report.parse_iachr_report` on an extracted file.

    Raises:
        DocumentError: no report number, no final section, or a record contradicting the
            text (page 1).
    """
    try:
        return parse_iachr_report(ctx.extracted.text, ctx.extracted.meta)
    except ValueError as exc:
        raise DocumentError(ctx.path, str(exc), page=1) from exc


def _cpt_json(parsed: ParsedDocument) -> dict[str, Any]:
    report: CptReport = parsed.result
    paragraphs: list[dict[str, Any]] = [
        {"number": rec.label, "subparagraphs": [], "kind": "recommendation",
         "section": "Executive summary", "topic": rec.topic, "text": rec.text}
        for rec in report.recommendations
    ]  # fmt: skip
    paragraphs += [
        {"number": None, "subparagraphs": [], "kind": "not_taken",
         "section": "Executive summary", "topic": "", "text": text}
        for text in report.pointers + report.other_should
    ]  # fmt: skip
    return {
        "symbol": report.reference,
        "type": "cpt_public_statement" if report.document_type == "ps" else "cpt_visit_report",
        "committee": "CPT",
        "country": report.country,
        "adopted": report.adopted.isoformat() if report.adopted else None,
        "paragraphs": paragraphs,
    }


def _iachr_json(parsed: ParsedDocument) -> dict[str, Any]:
    report: IachrReport = parsed.result
    return {
        "symbol": iachr_key(report),
        "type": "iachr_merits_report",
        "committee": "IACHR",
        "country": report.country,
        "adopted": report.adopted.isoformat() if report.adopted else None,
        "paragraphs": [
            {"number": rec.number, "subparagraphs": [], "kind": "recommendation",
             "section": "Final conclusions and recommendations", "topic": "", "text": rec.text}
            for rec in report.recommendations
        ],
    }  # fmt: skip


def _achpr_json(parsed: ParsedDocument) -> dict[str, Any]:
    decision: AchprDecision = parsed.result
    return {
        "symbol": achpr_key(decision),
        "type": "achpr_decision",
        "committee": "ACHPR",
        "country": decision.country,
        "adopted": decision.decided.isoformat() if decision.decided else None,
        "paragraphs": [
            {"number": f"op. {item.number}", "subparagraphs": [],
             "kind": "recommendation" if item.recommendation else "operative",
             "section": "Operative part", "topic": "", "text": item.text}
            for item in decision.items
        ],
    }  # fmt: skip


def _ecsr_json(parsed: ParsedDocument) -> dict[str, Any]:
    decision: EcsrDecision = parsed.result
    return {
        "symbol": ecsr_key(decision),
        "type": "ecsr_merits_decision",
        "committee": "ECSR",
        "country": decision.country,
        "adopted": decision.adopted.isoformat() if decision.adopted else None,
        "paragraphs": [
            {"number": str(f.number), "subparagraphs": [],
             "kind": "finding_violation" if f.violation else "finding_no_violation",
             "section": "Conclusion", "topic": f.vote, "text": f.text}
            for f in decision.findings
        ],
    }  # fmt: skip


register_kind(
    DocumentKind(
        name="achpr_decision",
        detect=lambda ctx: 1.0 if is_achpr_text(ctx.extracted.text) else 0.0,
        parse=parse_achpr_context,
        to_json=_achpr_json,
    )
)
register_kind(
    DocumentKind(
        name="ecsr_decision",
        detect=lambda ctx: 1.0 if is_ecsr_text(ctx.extracted.text) else 0.0,
        parse=parse_ecsr_context,
        to_json=_ecsr_json,
    )
)
register_kind(
    DocumentKind(
        name="cpt_visit_report",
        detect=lambda ctx: 1.0 if is_cpt_text(ctx.extracted.text) else 0.0,
        parse=parse_cpt_context,
        to_json=_cpt_json,
    )
)
register_kind(
    DocumentKind(
        name="iachr_merits_report",
        detect=lambda ctx: 1.0 if is_iachr_text(ctx.extracted.text) else 0.0,
        parse=parse_iachr_context,
        to_json=_iachr_json,
    )
)
