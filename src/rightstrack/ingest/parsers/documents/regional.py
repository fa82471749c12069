"""Document kinds of regional bodies for ``rightstrack parse`` (pure Python).

Registers two kinds with :func:`.kinds.register_kind` (listed in ``kinds.PLUGIN_MODULES``):

- ``cpt_visit_report``: CoE CPT visit reports and public statements (:mod:`.cpt_report`);
- ``iachr_merits_report``: IACHR merits reports and their Spanish summaries
  (:mod:`.iachr_report`).

Their JSON (``rightstrack parse FILE --json``) uses the shared keys: ``symbol`` (the CPT
reference, "IACHR Report No. 11/15"), ``type``, ``committee`` (``CPT`` / ``IACHR``),
``country``, ``adopted``, and ``paragraphs`` with one item per recommendation (``kind``
``recommendation``); for CPT reports the executive-summary sentences that were *not* taken
follow with ``kind`` ``not_taken`` so a reader sees what the rule left out.
"""

from __future__ import annotations

from typing import Any

from rightstrack.ingest.parsers.documents.cpt_report import (
    CptReport,
    is_cpt_text,
    parse_cpt_report,
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

__all__ = ["iachr_key", "parse_cpt_context", "parse_iachr_context"]


def iachr_key(report: IachrReport) -> str:
    """``"IACHR Report No. 11/15"``: the document key (the OAS prints no UN symbol)."""
    return f"IACHR Report No. {report.report_number}"


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
