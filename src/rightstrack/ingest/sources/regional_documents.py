"""Documents of regional bodies → catalogue: CoE CPT visit reports, IACHR merits reports,
African Commission decisions, European Committee of Social Rights merits decisions.

- **CPT visit report** (``cpt-visit-report``; parser :mod:`...documents.cpt_report`): one
  :class:`Document` (key = the CPT reference ``CPT/Inf(2024)01``, type ``visit_report``,
  mechanism ``CPT``, the visited State, ``adopted_on`` = last day of the CPT meeting that
  adopted it, ``session`` = that meeting) and one :class:`Recommendation` per
  recommendation of the executive summary, natural key ``CPT/Inf(2024)01#ES 10.1``
  (paragraph 10 of the executive summary, sentence 1), ``date`` = the date of the section
  header (the report's transmission to the State). A report is public (the CPT publishes
  it at the State's request), so no :class:`~rightstrack.catalog.models.Visit` record is
  made: that record follows *confidential* reports until publication (``docs/visits.md``).
- **IACHR merits report** (``iachr-merits-report``; :mod:`...documents.iachr_report`): one
  Document (key ``IACHR Report No. 11/15``, type ``other``, mechanism ``IACHR``, adopted
  on the date it was signed) and one Recommendation per numbered recommendation of the
  final section, natural key ``IACHR Report No. 11/15#1``.

- **African Commission decision** (``achpr-decision``; :mod:`...documents.achpr_decision`):
  one Document (key ``ACHPR Communication 286/04``, type ``other``, mechanism ``ACHPR``)
  and one Recommendation per item of the operative part that asks the State to act,
  natural key ``ACHPR Communication 286/04#op. 4`` (4th item of the operative part).
- **ECSR merits decision** (``ecsr-merits-decision``; :mod:`...documents.ecsr_decision`):
  one Document (key ``ECSR Complaint No. 213/2022``, type ``other``, mechanism ``ECSR``,
  adopted/published on the header's dates) and one record of kind ``concern`` per finding
  of violation of the conclusion (``ECSR Complaint No. 213/2022#1``): the decision makes no
  recommendation (the Committee of Ministers follows, Protocol Art. 9), but each violation
  is what the State must remedy and report on.

A file that yields nothing to follow up (a CPT file without executive summary, a CPT public
statement, an IACHR report finding full compliance, an inadmissible or dismissed
communication, a decision finding violations without asking anything of the State) is
refused, naming the reason. Counts returned are those of the Recommendations.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from rightstrack.catalog.models import Document, Recommendation
from rightstrack.ingest.importers import Counts, ImportContext, register
from rightstrack.ingest.parsers.documents.achpr_decision import AchprDecision, is_achpr_text
from rightstrack.ingest.parsers.documents.cpt_report import CptReport, is_cpt_text
from rightstrack.ingest.parsers.documents.ecsr_decision import EcsrDecision, is_ecsr_text
from rightstrack.ingest.parsers.documents.extract import decode_bytes, extract_text
from rightstrack.ingest.parsers.documents.iachr_report import IachrReport, is_iachr_text
from rightstrack.ingest.parsers.documents.kinds import build_context
from rightstrack.ingest.parsers.documents.regional import (
    achpr_key,
    ecsr_key,
    iachr_key,
    parse_achpr_context,
    parse_cpt_context,
    parse_ecsr_context,
    parse_iachr_context,
)
from rightstrack.ingest.store import RecordRow, Reference, upsert_document, upsert_records

__all__ = ["AchprDecisionSource", "CptReportSource", "EcsrDecisionSource", "IachrReportSource"]


def _head_text(path: Path, head: bytes) -> str:
    """The decoded head of a text file; '' for binaries or undecodable bytes (never raises)."""
    if head.startswith((b"%PDF", b"PK\x03\x04")):
        return ""
    try:
        return decode_bytes(head, path)[0]
    except Exception:  # the parser names the problem if this source is chosen
        return ""


def _country(ref: Reference, iso3: str | None, name: str, ctx: ImportContext) -> int:
    country = ref.country(iso3) if iso3 else None
    if country is None:
        raise ctx.fail(
            f"the State {name or '(none printed)'} is not in the reference table", page=1
        )
    return country


def _record(
    key: str,
    doc: Document,
    country: int | None,
    order: int,
    *,
    paragraph: str,
    dated: date | None,
    text: str,
    section: str,
    kind: str = Recommendation.Kind.RECOMMENDATION,
    language: str = "en",
) -> RecordRow:
    """One record of a regional body's document (the same columns for the four readers)."""
    values: dict[str, Any] = {
        "document_id": doc.pk,
        "paragraph": paragraph,
        "order": order,
        "mechanism_id": doc.mechanism_id,
        "country_id": country,
        "date": dated,
        "year": dated.year if dated else None,
        "language": language,
        "text": text,
        "kind": kind,
        "section": section,
    }
    return RecordRow(key, values)


class CptReportSource:
    name = "cpt-visit-report"
    label = "CoE CPT visit report (HUDOC-CPT sections: text or JSON record)"

    def score(self, path: Path, head: bytes) -> float:
        if head.lstrip().startswith(b"{") and b'"CoE/CPTReports"' in head:
            return 0.95
        return 0.9 if is_cpt_text(_head_text(path, head)) else 0.0

    def run(self, path: Path, ctx: ImportContext) -> Counts:
        report: CptReport = parse_cpt_context(build_context(path, extract_text(path)))
        if report.document_type == "ps":
            raise ctx.fail(
                f"{report.reference or 'this file'} is a CPT public statement, not a visit "
                "report: it makes no recommendations of its own to follow up",
                page=1,
            )
        if not report.has_executive_summary:
            raise ctx.fail(
                "this file holds no executive summary (sections: "
                f"{'; '.join(report.sections[:4])}): recommendations are read from the "
                "executive summary only, so there is nothing to import",
                page=1,
            )
        if not report.reference:
            raise ctx.fail("no CPT/Inf(...) reference in the section header", page=1)
        if not report.recommendations:
            raise ctx.fail("the executive summary holds no recommendation", page=1)
        ref = Reference(ctx)
        country = _country(ref, report.country, report.state_name, ctx)
        kind = f"{report.visit_kind} visit" if report.visit_kind else "visit"
        doc = upsert_document(
            report.reference,
            {
                "symbol": "",
                "doc_type": Document.Type.VISIT_REPORT,
                "title": f"Report to the Government of {report.state_name} on the {kind} "
                f"carried out by the CPT ({report.reference})",
                "mechanism_id": ref.mechanism("CPT"),
                "country_id": country,
                "language": "en",
                "adopted_on": report.adopted,
                "session": report.adopted_meeting,
                "source_file": ctx.file_name,
                "checksum": ctx.checksum,
            },
            ctx,
        )
        rows = []
        for order, rec in enumerate(report.recommendations):
            rows.append(
                _record(
                    f"{report.reference}#{rec.label}",
                    doc,
                    country,
                    order,
                    paragraph=rec.label,
                    dated=report.dated,
                    text=rec.text,
                    section=f"Executive summary: {rec.topic}" if rec.topic else "Executive summary",
                )
            )
        return upsert_records(Recommendation, rows, tag_fields=(), ctx=ctx)


class IachrReportSource:
    name = "iachr-merits-report"
    label = "IACHR merits report (text or worldwidelaw JSON record)"

    def score(self, path: Path, head: bytes) -> float:
        if head.lstrip().startswith(b"{") and b'"INTL/IACHR-Commission"' in head:
            return 0.95
        return 0.9 if is_iachr_text(_head_text(path, head)) else 0.0

    def run(self, path: Path, ctx: ImportContext) -> Counts:
        report: IachrReport = parse_iachr_context(build_context(path, extract_text(path)))
        key = iachr_key(report)
        if not report.recommendations:
            finding = report.finding[:200] or "(empty section)"
            raise ctx.fail(
                f"{key}: the final section makes no recommendation to follow up ({finding})",
                page=1,
            )
        ref = Reference(ctx)
        country = _country(ref, report.country, report.state_name, ctx)
        case = f", Case {report.case_number}" if report.case_number else ""
        doc = upsert_document(
            key,
            {
                "symbol": "",
                "doc_type": Document.Type.OTHER,
                "title": f"Inter-American Commission on Human Rights, Report No. "
                f"{report.report_number}{case}, {report.title} ({report.state_name})",
                "mechanism_id": ref.mechanism("IACHR"),
                "country_id": country,
                "language": report.language,
                "adopted_on": report.adopted,
                "source_file": ctx.file_name,
                "checksum": ctx.checksum,
            },
            ctx,
        )
        section = (
            "Recomendaciones de la CIDH al Estado"
            if report.language == "es"
            else "Final conclusions and recommendations"
        )
        rows = []
        for order, rec in enumerate(report.recommendations):
            rows.append(
                _record(
                    f"{key}#{rec.number}",
                    doc,
                    country,
                    order,
                    paragraph=rec.number,
                    dated=report.adopted,
                    text=rec.text,
                    section=section,
                    language=report.language,
                )
            )
        return upsert_records(Recommendation, rows, tag_fields=(), ctx=ctx)


_OUTCOMES = {
    "inadmissible": "the Commission declared the communication inadmissible",
    "no_violation": "the Commission found no violation and dismissed the communication",
    "closed": "the Commission closed the file (amicable settlement or withdrawal)",
    "violation": "the Commission found violations but asks nothing of the State in its "
    "operative part",
    "": "no operative part found",
}


class AchprDecisionSource:
    name = "achpr-decision"
    label = "African Commission decision on a communication (IHRDA text or JSON record)"

    def score(self, path: Path, head: bytes) -> float:
        if head.lstrip().startswith(b"{") and b'"INTL/IHRDA-AfricanCL"' in head:
            return 0.95
        return 0.9 if is_achpr_text(_head_text(path, head)) else 0.0

    def run(self, path: Path, ctx: ImportContext) -> Counts:
        decision: AchprDecision = parse_achpr_context(build_context(path, extract_text(path)))
        key = achpr_key(decision)
        recs = decision.recommendations
        if not recs:
            raise ctx.fail(f"{key}: nothing to follow up: {_OUTCOMES[decision.outcome]}")
        ref = Reference(ctx)
        country = _country(ref, decision.country, decision.state_name, ctx)
        doc = upsert_document(
            key,
            {
                "symbol": "",
                "doc_type": Document.Type.OTHER,
                "title": f"African Commission on Human and Peoples' Rights, Communication "
                f"{decision.title}",
                "mechanism_id": ref.mechanism("ACHPR"),
                "country_id": country,
                "language": "en",
                "adopted_on": decision.decided,
                "source_file": ctx.file_name,
                "checksum": ctx.checksum,
            },
            ctx,
        )
        rows = []
        for order, item in enumerate(recs):
            rows.append(
                _record(
                    f"{key}#op. {item.number}",
                    doc,
                    country,
                    order,
                    paragraph=f"op. {item.number}",
                    dated=decision.decided,
                    text=item.text,
                    section="Operative part",
                )
            )
        return upsert_records(Recommendation, rows, tag_fields=(), ctx=ctx)


class EcsrDecisionSource:
    name = "ecsr-merits-decision"
    label = "European Committee of Social Rights decision on the merits (HUDOC-ESC text or JSON)"

    def score(self, path: Path, head: bytes) -> float:
        if head.lstrip().startswith(b"{") and b'"CoE/HUDOC-ESC"' in head:
            return 0.95
        return 0.9 if is_ecsr_text(_head_text(path, head)) else 0.0

    def run(self, path: Path, ctx: ImportContext) -> Counts:
        decision: EcsrDecision = parse_ecsr_context(build_context(path, extract_text(path)))
        key = ecsr_key(decision)
        violations = [f for f in decision.findings if f.violation]
        if not violations:
            raise ctx.fail(
                f"{key}: the conclusion states no violation (findings read: "
                f"{len(decision.findings)}): nothing to follow up"
            )
        ref = Reference(ctx)
        country = _country(ref, decision.country, decision.state_name, ctx)
        doc = upsert_document(
            key,
            {
                "symbol": "",
                "doc_type": Document.Type.OTHER,
                "title": f"European Committee of Social Rights, decision on the merits: "
                f"{decision.title}, Complaint No. {decision.complaint}",
                "mechanism_id": ref.mechanism("ECSR"),
                "country_id": country,
                "language": "en",
                "adopted_on": decision.adopted,
                "published_on": decision.published,
                "source_file": ctx.file_name,
                "checksum": ctx.checksum,
            },
            ctx,
        )
        rows = []
        for order, finding in enumerate(violations):
            rows.append(
                _record(
                    f"{key}#{finding.number}",
                    doc,
                    country,
                    order,
                    paragraph=str(finding.number),
                    dated=decision.adopted,
                    text=f"The Committee concludes {finding.vote} that there is a {finding.text}",
                    section="Conclusion",
                    kind=Recommendation.Kind.CONCERN,
                )
            )
        return upsert_records(Recommendation, rows, tag_fields=(), ctx=ctx)


register(AchprDecisionSource())
register(EcsrDecisionSource())
register(CptReportSource())
register(IachrReportSource())
