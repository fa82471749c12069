"""UPR Working Group report (``A/HRC/{n}/{m}``) and its addendum (``/Add.1``) → catalogue.

- **Working Group report**: one :class:`Document` (key = symbol, type ``upr_wg_report``,
  ``upr_cycle`` from the WG session: sessions 1–12, 13–26, 27–40 and from 41 are cycles
  1 to 4; ``hrc_session`` from the symbol)
  and one :class:`Recommendation` per number, natural key ``A/HRC/59/15#140.7`` — the
  key the OHCHR thematic-list source uses for the same numbers, so importing the list and
  the report, in either order, updates one row. ``text`` is the item as printed without
  its number (recommending States included), like the thematic list's. The report's own
  position ("enjoy the support" / "did not enjoy") is stored with ``position_source``
  ``"A/HRC/43/15 - Para 121"``; "will be examined" is stored as ``pending`` only when the
  row has no position yet, so a later report import never erases the addendum's answer.
- **Addendum**: one Document (type ``upr_addendum``, ``parent`` = the report) and, on the
  report's recommendations, ``position``/``position_raw``/``position_source``
  (``"A/HRC/59/15/Add.1 - Para.3"``, the thematic list's form). The report (or its
  thematic list) must be imported first: an addendum whose numbers match no stored
  recommendation is refused, and stores nothing.

Counts returned are those of the Recommendations.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

from rightstrack.catalog.models import Document, Recommendation
from rightstrack.ingest.importers import Counts, ImportContext, register
from rightstrack.ingest.parsers._text import session_year, upr_cycle
from rightstrack.ingest.parsers.documents.extract import decode_bytes, first_page_text
from rightstrack.ingest.parsers.documents.upr_report import (
    NOTED,
    PENDING,
    SUPPORTED,
    UprAddendum,
    UprReport,
    is_upr_addendum_text,
    is_upr_report_text,
    parse_upr_addendum,
    parse_upr_report,
)
from rightstrack.ingest.store import RecordRow, Reference, upsert_document, upsert_records

__all__ = ["UprAddendumSource", "UprReportSource"]

_RAW = {SUPPORTED: "Supported", NOTED: "Noted", PENDING: "Pending"}


def _first_text(path: Path, head: bytes) -> str:
    """Page 1 of a PDF or the decoded head of a text file; '' when unreadable (never raises)."""
    try:
        if head.startswith(b"%PDF"):
            return first_page_text(path)  # cached: the importer reads the file again
        if head.startswith(b"PK\x03\x04"):
            return ""
        return decode_bytes(head, path)[0]
    except Exception:  # a damaged file: the parser will name the problem if it is chosen
        return ""


def _source(symbol: str, paragraph: str, *, addendum: bool) -> str:
    """``"A/HRC/59/15/Add.1 - Para.3"`` / ``"A/HRC/43/15 - Para 121"`` (thematic-list forms)."""
    if not paragraph:
        return symbol
    return f"{symbol} - Para.{paragraph}" if addendum else f"{symbol} - Para {paragraph}"


_WG_SYMBOL = re.compile(r"^A/HRC/(\d{1,2})/(\d{1,3})$")


def _with_given_symbol(report: UprReport, ctx: ImportContext) -> UprReport:
    """``report`` with the symbol the user gave (``rightstrack import --symbol``) when its
    text prints none.

    Raises:
        ImportFailure: the given symbol is not a Working Group report's (``A/HRC/n/m``),
            or the text prints another symbol.
    """
    given = ctx.symbol.strip()
    if not given:
        return report
    m = _WG_SYMBOL.match(given)
    if m is None:
        raise ctx.fail(f"{given!r} is not the symbol of a Working Group report (A/HRC/n/m)")
    if report.symbol and report.symbol != given:
        raise ctx.fail(
            f"the report prints the symbol {report.symbol}, not {given}: import it without "
            "--symbol",
            page=1,
        )
    return dataclasses.replace(report, symbol=given, hrc_session=int(m.group(1)))


def _report_document(report: UprReport, ctx: ImportContext, ref: Reference) -> Document:
    if not report.symbol:
        raise ctx.fail(
            "no A/HRC/... symbol found on page 1; if the text lost it, give it with "
            "--symbol (upload: the Symbol field)",
            page=1,
        )
    if not report.country:
        raise ctx.fail(
            f"cannot tell the State under review ({report.state_name or 'no name after the title'})",
            page=1,
        )
    country = ref.country(report.country)
    if country is None:
        raise ctx.fail(f"country {report.country} is not in the reference table", page=1)
    return upsert_document(
        report.symbol,
        {
            "symbol": report.symbol,
            "doc_type": Document.Type.UPR_WG_REPORT,
            "title": f"Report of the Working Group on the Universal Periodic Review: "
            f"{report.state_name}",
            "mechanism_id": ref.mechanism("UPR"),
            "country_id": country,
            "language": "en",
            "adopted_on": report.adopted,
            "published_on": report.distributed,
            "session": str(report.wg_session or ""),
            "upr_cycle": upr_cycle(report.wg_session) if report.wg_session else None,
            "hrc_session": report.hrc_session,
            "source_file": ctx.file_name,
            "checksum": ctx.checksum,
        },
        ctx,
    )


class UprReportSource:
    name = "upr-wg-report"
    label = "UPR Working Group report A/HRC/n/m (PDF/DOCX/text)"

    def score(self, path: Path, head: bytes) -> float:
        return 0.9 if is_upr_report_text(_first_text(path, head)) else 0.0

    def run(self, path: Path, ctx: ImportContext) -> Counts:
        report = _with_given_symbol(parse_upr_report(path), ctx)
        ref = Reference(ctx)
        doc = _report_document(report, ctx, ref)
        keys = [f"{doc.key}#{rec.number}" for rec in report.recommendations]
        stored = dict(
            Recommendation.objects.filter(natural_key__in=keys).values_list(
                "natural_key", "position"
            )
        )
        session = report.wg_session
        rows = []
        for order, rec in enumerate(report.recommendations):
            key = f"{doc.key}#{rec.number}"
            values: dict[str, Any] = {
                "document_id": doc.pk,
                "paragraph": rec.number,
                "order": order,
                "mechanism_id": doc.mechanism_id,
                "country_id": doc.country_id,
                "date": report.adopted,
                "year": session_year(session) or (report.adopted.year if report.adopted else None),
                "language": "en",
                "text": rec.full_text,
                "kind": Recommendation.Kind.RECOMMENDATION,
                "section": "II. Conclusions and/or recommendations",
                "upr_cycle": upr_cycle(session) if session else None,
                "upr_session": session,
            }
            if rec.position in (SUPPORTED, NOTED) or stored.get(key, "") in ("", PENDING):
                values.update(
                    position=rec.position,
                    position_raw=_RAW.get(rec.position, ""),
                    position_source=_source(report.symbol, rec.position_paragraph, addendum=False)
                    if rec.position in (SUPPORTED, NOTED)
                    else "",
                )
            if rec.unknown_states:
                ctx.warn(
                    f"{rec.number}: recommending State not recognised: {', '.join(rec.unknown_states)}"
                )
            states = {pk for code in rec.recommending_states if (pk := ref.country(code))}
            rows.append(RecordRow(key, values, {"recommending_states": states}))
            ctx.report(order + 1, len(report.recommendations))
        return upsert_records(Recommendation, rows, tag_fields=("recommending_states",), ctx=ctx)


class UprAddendumSource:
    name = "upr-addendum"
    label = "UPR addendum A/HRC/n/m/Add.1: the State's positions (PDF/DOCX/text)"

    def score(self, path: Path, head: bytes) -> float:
        return 0.9 if is_upr_addendum_text(_first_text(path, head)) else 0.0

    def run(self, path: Path, ctx: ImportContext) -> Counts:
        addendum = parse_upr_addendum(path)
        if not addendum.symbol:
            raise ctx.fail("no A/HRC/.../Add.1 symbol found on page 1", page=1)
        parent = Document.objects.filter(key=addendum.parent_symbol).first()
        recs = {
            rec.paragraph: rec
            for rec in Recommendation.objects.filter(document=parent).only(
                "id", "paragraph", "natural_key", "position", "position_source"
            )
        } if parent else {}  # fmt: skip
        positions = self._resolve(addendum, recs)
        if parent is None or not positions:
            raise ctx.fail(
                f"import the Working Group report {addendum.parent_symbol} (or its thematic "
                f"list) first: none of the {len(addendum.positions)} recommendations listed "
                f"in {addendum.symbol} is in the catalogue"
            )
        doc = upsert_document(
            addendum.symbol,
            {
                "symbol": addendum.symbol,
                "doc_type": Document.Type.UPR_ADDENDUM,
                "title": f"Views on conclusions and/or recommendations: {addendum.state_name}",
                "mechanism_id": parent.mechanism_id,
                "country_id": parent.country_id,
                "language": "en",
                "published_on": addendum.distributed,
                "session": parent.session,
                "upr_cycle": parent.upr_cycle,
                "hrc_session": parent.hrc_session,
                "parent_id": parent.pk,
                "source_file": ctx.file_name,
                "checksum": ctx.checksum,
            },
            ctx,
        )
        for ref_ in addendum.conflicts:
            ctx.warn(f"{ref_} is listed both as supported and as noted; kept the first")
        rows = []
        for rec, position, paragraph in positions.values():
            rows.append(
                RecordRow(
                    rec.natural_key,
                    {
                        "position": position,
                        "position_raw": _RAW[position],
                        "position_source": _source(doc.symbol, paragraph, addendum=True),
                    },
                )
            )  # fmt: skip
        missing = sorted(set(recs) - set(positions))
        if missing:
            ctx.warn(f"{addendum.symbol} gives no position for {', '.join(missing[:20])}")
        return upsert_records(Recommendation, rows, tag_fields=(), ctx=ctx)

    @staticmethod
    def _resolve(
        addendum: UprAddendum, recs: dict[str, Recommendation]
    ) -> dict[str, tuple[Recommendation, str, str]]:
        """Addendum references → (recommendation, position, addendum paragraph).

        Bare second-cycle numbers ("6") match the item number of the only paragraph that
        has it (A/HRC/28/15/Add.1 note 1: "The serial numbers of recommendations follow
        the list in paragraph 115").
        """
        by_item: dict[str, list[Recommendation]] = {}
        for paragraph, stored in recs.items():
            by_item.setdefault(paragraph.rpartition(".")[2], []).append(stored)
        found: dict[str, tuple[Recommendation, str, str]] = {}
        for number, position in addendum.positions.items():
            rec: Recommendation | None = recs.get(number)
            if rec is None and "." not in number:
                candidates = by_item.get(number, [])
                pending = [r for r in candidates if r.position in ("", PENDING)]
                if len(pending) == 1:
                    rec = pending[0]
                elif len(candidates) == 1:
                    rec = candidates[0]
            if rec is not None:
                found[rec.paragraph] = (
                    rec,
                    position,
                    addendum.position_paragraphs.get(number, ""),
                )
        return found


register(UprReportSource())
register(UprAddendumSource())
