"""Treaty-body documents (PDF/DOCX/HTML/text/JSON) -> Document, Recommendations, FollowUpRequests.

Kinds (parsed by :mod:`rightstrack.ingest.parsers.documents`):

- **Concluding observations**: one :class:`Document` (key = symbol; type, adoption and
  distribution dates, session, next report fields) and its Recommendations.
  Granularity: one Recommendation per numbered concern or recommendation paragraph
  (natural key ``CERD/C/BRA/CO/18-20#36``, paragraph as printed ``"36"``) **and**, where
  the follow-up paragraph or a priority flag cites a lettered sub-paragraph, one more per
  cited sub-paragraph (``CERD/C/BRA/CO/18-20#36 (a)``: the chapeau plus that
  sub-paragraph). Cited sub-paragraphs thus get their own row to track and link, while
  uncited ones stay inside their paragraph, so a CO does not explode into hundreds of
  rows. Introduction, positive aspects and procedural paragraphs are not recommendations
  and are not stored as such.
  One :class:`FollowUpRequest` per expanded item: ``follow_up`` (with ``due_on`` and
  ``due_basis`` stated/computed), ``particular_importance`` (CERD) and
  ``urgent_measures`` (CRC), the last two without deadline; each linked to the
  Recommendation it cites.
- **Views**: one Document (type ``views``), one :class:`Communication` (committee and
  number, State, author, status, date of the Views, articles violated, remedies asked
  for, reply period and deadline; re-imports keep what a coordinator entered: the
  transmittal date, the anonymisation and visibility decisions) and, when the
  Committee found a violation, the remedy paragraph as a Recommendation and one
  ``views_reply`` FollowUpRequest with the reply period (due date computed from the
  adoption date when known).
- **Follow-up replies** (``…/FCO/n``, or ``…/CO/n/Add.1`` titled "Information received
  from ... on follow-up"): a Document of type ``follow_up_reply`` with ``received_on``
  and ``parent`` = the CO; the CO's ``follow_up`` requests get ``reply_received_on`` and
  ``reply_document``. Whichever of CO and reply is imported second makes the link.

Counts returned are those of the Recommendations; documents and follow-up requests are
created or updated alongside, with history, in the same transaction.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from rightstrack.catalog.models import (
    Communication,
    Document,
    FollowUpRequest,
    Recommendation,
    Visibility,
)
from rightstrack.ingest.importers import Counts, ImportContext, register
from rightstrack.ingest.parsers.archive import read_member
from rightstrack.ingest.parsers.documents.concluding_observations import (
    ConcludingObservations,
    Reference,
)
from rightstrack.ingest.parsers.documents.extract import first_page_text
from rightstrack.ingest.parsers.documents.follow_up_reply import FollowUpReply
from rightstrack.ingest.parsers.documents.kinds import (
    ParsedDocument,
    parse_document,
    treaty_document_score,
)
from rightstrack.ingest.parsers.documents.un_views import ViewsDecision
from rightstrack.ingest.store import RecordRow, upsert_document, upsert_records
from rightstrack.ingest.store import Reference as Lookup

__all__ = ["TreatyDocumentSource"]


def _first_text(path: Path, head: bytes) -> str:
    """Page 1 of a PDF, the start of a DOCX, or the decoded head of a text file ('' on error)."""
    try:
        if head.startswith(b"%PDF"):
            return first_page_text(path)  # cached: the importer reads the file again
        if head.startswith(b"PK\x03\x04"):
            # bounded: never more than 200 KB of the body, however much it claims to hold
            body = read_member(path, "word/document.xml", 200_000)
            if body is None:
                return ""
            return re.sub(r"<[^>]+>", " ", body.decode("utf-8", errors="replace"))
        return head.decode("utf-8", errors="replace")
    except Exception:  # a damaged file: let the parser report it, if nobody else claims it
        return ""


class TreatyDocumentSource:
    name = "treaty-body-document"
    label = (
        "Treaty-body concluding observations, Views or follow-up reply (PDF/DOCX/HTML/text/JSON)"
    )

    def score(self, path: Path, head: bytes) -> float:
        return treaty_document_score(_first_text(path, head))

    def run(self, path: Path, ctx: ImportContext) -> Counts:
        parsed = parse_document(path)
        if isinstance(parsed.result, ConcludingObservations):
            return _store_co(parsed, parsed.result, ctx)
        if isinstance(parsed.result, ViewsDecision):
            return _store_views(parsed, parsed.result, ctx)
        if isinstance(parsed.result, FollowUpReply):
            return _store_reply(parsed, parsed.result, ctx)
        raise ctx.fail(
            f"not a treaty-body document this source stores (detected: {parsed.kind})", page=1
        )


# --- shared --------------------------------------------------------------------------------


def _base_values(
    parsed: ParsedDocument, ctx: ImportContext, lookup: Lookup, doc_type: str
) -> dict[str, Any]:
    meta = parsed.metadata
    if meta.symbol is None:
        raise ctx.fail("no UN document symbol found on page 1", page=1)
    if not meta.committee:
        raise ctx.fail(
            "cannot tell the committee (no committee name on page 1, unknown symbol prefix)", page=1
        )
    country_id = lookup.country(meta.country) if meta.country else None
    if meta.country and country_id is None:
        raise ctx.fail(
            f"country {meta.country} is not in the reference table (run seed-reference)", page=1
        )
    return {
        "symbol": meta.symbol.raw,
        "doc_type": doc_type,
        "title": meta.title[:2000],
        "mechanism_id": lookup.mechanism(meta.committee),
        "country_id": country_id,
        "language": "en",
        "adopted_on": meta.adopted,
        "published_on": meta.distributed,
        "session": str(meta.session) if meta.session else "",
        "source_file": parsed.path.name,
        "checksum": ctx.checksum,
    }


def _upsert_request(document: Document, kind: str, item: str, values: dict[str, Any]) -> None:
    """Create or update one follow-up request (unique per document, kind, item); no write
    when nothing changed, so re-imports leave history alone."""
    request = FollowUpRequest.objects.filter(document=document, kind=kind, item=item).first()
    if request is None:
        FollowUpRequest(document=document, kind=kind, item=item, **values).save()
        return
    changed = [k for k, v in values.items() if getattr(request, k) != v]
    if changed:
        for k in changed:
            setattr(request, k, values[k])
        request.save()


def _reply_symbols(co_symbol: str) -> list[str]:
    """Symbols a State's follow-up reply to ``co_symbol`` can carry."""
    return [co_symbol.replace("/CO/", "/FCO/"), f"{co_symbol}/Add.1", f"{co_symbol}/Add.2"]


def _link_reply(co: Document, reply: Document) -> None:
    """Point the reply at its CO and mark the CO's follow-up requests as answered."""
    if reply.parent_id != co.pk:
        reply.parent = co
        reply.save()
    for request in FollowUpRequest.objects.filter(document=co, kind=FollowUpRequest.Kind.FOLLOW_UP):
        if request.reply_received_on != reply.received_on or request.reply_document_id != reply.pk:
            request.reply_received_on = reply.received_on
            request.reply_document = reply
            request.save()


# --- concluding observations ------------------------------------------------------------------


def _cited(co: ConcludingObservations) -> list[tuple[str, Reference]]:
    cited: list[tuple[str, Reference]] = []
    if co.follow_up:
        cited += [(FollowUpRequest.Kind.FOLLOW_UP, ref) for ref in co.follow_up.items]
    if co.particular_importance:
        cited += [
            (FollowUpRequest.Kind.PARTICULAR_IMPORTANCE, ref)
            for ref in co.particular_importance.items
        ]
    if co.urgent_measures:
        cited += [(FollowUpRequest.Kind.URGENT_MEASURES, ref) for ref in co.urgent_measures.items]
    return cited


def _store_co(parsed: ParsedDocument, co: ConcludingObservations, ctx: ImportContext) -> Counts:
    lookup = Lookup(ctx)
    values = _base_values(parsed, ctx, lookup, Document.Type.CONCLUDING_OBSERVATIONS)
    report = co.next_report
    if report is not None:
        status = (
            Document.NextReportStatus.TBD_PREDICTABLE_CYCLE
            if report.status == "tbd_predictable_cycle"
            else Document.NextReportStatus.FIXED
            if report.due
            else Document.NextReportStatus.YEAR
            if report.due_year
            else Document.NextReportStatus.UNKNOWN
        )
        values.update(
            next_report_label=(report.report or "")[:255],
            next_report_due=report.due,
            next_report_year=report.due_year,
            next_report_status=status,
        )
    symbol = values["symbol"]
    document = upsert_document(symbol, values, ctx)
    adopted: date | None = parsed.metadata.adopted
    common = {
        "document_id": document.pk,
        "mechanism_id": values["mechanism_id"],
        "country_id": values["country_id"],
        "date": adopted,
        "year": adopted.year if adopted else None,
        "language": "en",
    }
    rows: list[RecordRow] = []
    stored: set[str] = set()
    cited_subs = {(ref.paragraph, ref.sub) for _, ref in _cited(co) if ref.sub}
    for order, para in enumerate(co.paragraphs):
        if para.kind not in {"concern", "recommendation"}:
            continue
        section = (para.topic or para.section or "")[:255]
        rows.append(
            RecordRow(
                key=f"{symbol}#{para.number}",
                values={**common, "paragraph": str(para.number), "order": order * 100, "text": para.text,
                        "kind": para.kind, "section": section},
            )
        )  # fmt: skip
        stored.add(str(para.number))
        for index, sub in enumerate(para.subparagraphs, start=1):
            if (para.number, sub.letter) not in cited_subs:
                continue
            label = f"{para.number} ({sub.letter})"
            rows.append(
                RecordRow(
                    key=f"{symbol}#{label}",
                    values={**common, "paragraph": label, "order": order * 100 + index,
                            "text": f"{para.chapeau} ({sub.letter}) {sub.text}".strip(),
                            "kind": para.kind, "section": section},
                )
            )  # fmt: skip
            stored.add(label)
    counts = upsert_records(Recommendation, rows, tag_fields=(), ctx=ctx)
    recs = dict(Recommendation.objects.filter(document=document).values_list("paragraph", "id"))
    paragraph_of: dict[str, int | str] = {
        FollowUpRequest.Kind.FOLLOW_UP: co.follow_up.paragraph if co.follow_up else "",
        FollowUpRequest.Kind.PARTICULAR_IMPORTANCE: co.particular_importance.paragraph
        if co.particular_importance
        else "",
        FollowUpRequest.Kind.URGENT_MEASURES: co.urgent_measures.paragraph
        if co.urgent_measures
        else "",
    }
    for kind, ref in _cited(co):
        if ref.label not in stored:
            ctx.warn(
                f"{symbol} paragraph {ref.label} is cited for {kind} but is not a concern or recommendation"
            )
        follow_up = co.follow_up if kind == FollowUpRequest.Kind.FOLLOW_UP else None
        _upsert_request(
            document,
            kind,
            ref.label,
            {
                "recommendation_id": recs.get(ref.label),
                "period_text": ((follow_up.period or "") if follow_up else "")[:255],
                "due_on": follow_up.due if follow_up else None,
                "due_basis": (follow_up.due_basis or "") if follow_up else "",
                "source_paragraph": str(paragraph_of[kind]),
            },
        )
    for reply in Document.objects.filter(
        doc_type=Document.Type.FOLLOW_UP_REPLY, symbol__in=_reply_symbols(symbol)
    ):
        _link_reply(document, reply)
    for warning in co.warnings:
        ctx.warn(warning)
    return counts


# --- Views ------------------------------------------------------------------------------------


def _store_views(parsed: ParsedDocument, views: ViewsDecision, ctx: ImportContext) -> Counts:
    lookup = Lookup(ctx)
    if parsed.metadata.country is None and views.country:
        parsed.metadata.country = views.country
    values = _base_values(parsed, ctx, lookup, Document.Type.VIEWS)
    symbol = values["symbol"]
    document = upsert_document(symbol, values, ctx)
    comm = _upsert_communication(document, views, values, ctx)
    _warn_missing(comm, views, ctx)
    if views.outcome != "violation" and not views.optional_protocol_violation:
        return Counts()
    remedy = views.paragraph(views.remedy_paragraph) if views.remedy_paragraph else None
    counts = Counts()
    rec_id = None
    if remedy is not None:
        adopted = parsed.metadata.adopted
        counts = upsert_records(
            Recommendation,
            [
                RecordRow(
                    key=f"{symbol}#{remedy.id}",
                    values={"document_id": document.pk, "mechanism_id": values["mechanism_id"],
                            "country_id": values["country_id"], "paragraph": remedy.id, "order": 0,
                            "text": remedy.text, "kind": Recommendation.Kind.RECOMMENDATION,
                            "section": (remedy.section or "")[:255], "date": adopted,
                            "year": adopted.year if adopted else None, "language": "en"},
                )
            ],
            tag_fields=(),
            ctx=ctx,
        )  # fmt: skip
        rec_id = Recommendation.objects.get(natural_key=f"{symbol}#{remedy.id}").pk
    if views.reply_period:
        _upsert_request(
            document,
            FollowUpRequest.Kind.VIEWS_REPLY,
            views.remedy_paragraph or views.reply_paragraph or "",
            {
                "recommendation_id": rec_id,
                "period_text": views.reply_period,
                "due_on": views.reply_due or comm.reply_due,
                "due_basis": "computed" if views.reply_due or comm.reply_due else "",
                "source_paragraph": views.reply_paragraph or "",
            },
        )
    return counts


_STATUS = {
    "inadmissible": Communication.Status.INADMISSIBLE,
    "discontinued": Communication.Status.DISCONTINUED,
}


def _upsert_communication(
    document: Document, views: ViewsDecision, values: dict[str, Any], ctx: ImportContext
) -> Communication:
    """Create or update the communication the Views decide (key: committee and number).

    What the document says overwrites what an earlier import stored; what only a
    coordinator can know (transmittal date, anonymisation, visibility decided after
    the Views) is kept. A communication recorded as pending becomes public when its
    Views are imported, unless the import itself is restricted.

    Raises:
        ImportFailed: no communication number in the symbol or the text.
    """
    if not views.communication:
        raise ctx.fail("no communication number in the symbol or the text", page=1)
    comm = Communication.objects.filter(
        mechanism_id=values["mechanism_id"], number=views.communication
    ).first()
    status = _STATUS.get(views.outcome or "", Communication.Status.VIEWS_ADOPTED)
    outcome = views.outcome if views.outcome in Communication.Outcome.values else ""
    if views.outcome is None and views.optional_protocol_violation:
        outcome = Communication.Outcome.VIOLATION
    fields: dict[str, Any] = {
        "symbol": values["symbol"],
        "document_id": document.pk,
        "status": status,
        "outcome": outcome,
        "articles_violated": views.articles_violated,
        "remedies": views.remedies,
        "remedy_text": views.remedy_text,
        "remedy_paragraph": views.remedy_paragraph or "",
        "reply_period_text": (views.reply_period or "")[:64],
        "reply_days": views.reply_days,
        "reply_months": views.reply_months,
    }
    # A source that does not print the State or the date (the lszoszk paragraph files)
    # leaves what another source or a coordinator gave in place; what only the source's
    # metadata index gives (views_index) fills a blank and never overwrites.
    from_index = {
        "views_adopted_on": views.adopted_basis == "source_index",
        "country_id": views.state_party_basis == "source_index",
    }
    for name, value in (("views_adopted_on", values["adopted_on"]),
                        ("country_id", values["country_id"])):  # fmt: skip
        if value is None:
            continue
        if from_index[name] and comm is not None and getattr(comm, name) is not None:
            continue
        fields[name] = value
    if views.author:
        fields["author"] = views.author[:255]
    if comm is None:
        comm = Communication(mechanism_id=values["mechanism_id"], number=views.communication)
        comm.anonymise_author = False
        comm.visibility = document.visibility
    elif comm.status == Communication.Status.PENDING:
        comm.visibility = document.visibility
    if ctx.visibility == Visibility.RESTRICTED:
        comm.visibility = Visibility.RESTRICTED
    for name, value in fields.items():
        setattr(comm, name, value)
    comm.compute_reply_due()
    reason = f"imported from {ctx.path.name}"
    if views.index_source:
        reason += f" (State/date: source index {views.index_source.rsplit('@ ', 1)[-1]})"
    comm._change_reason = reason[:100]  # type: ignore[attr-defined]
    comm.save()
    return comm


def _warn_missing(comm: Communication, views: ViewsDecision, ctx: ImportContext) -> None:
    """One warning per thing the record still lacks after the import (State party, date
    of the Views, reply deadline), with the reason the parser gave (``views.gaps``).

    Nothing is warned about what an earlier import or a coordinator already supplied.
    The import command prints each warning after the file's name; the upload page and
    ``ImportRun.errors`` keep them.
    """
    page = f"/tracking/communications/{comm.pk}/"
    if comm.country_id is None:
        ctx.warn(f"{views.gaps.get('state_party', 'no State party')}; enter it at {page}")
    if comm.views_adopted_on is None:
        ctx.warn(f"{views.gaps.get('adopted', 'no date of the Views')}; enter it at {page}")
    if comm.reply_due is None and (comm.reply_days or comm.reply_months):
        ctx.warn(
            f"{views.gaps.get('reply_due', 'no reply deadline')}; enter the date of the Views "
            f"or of their transmittal at {page}"
        )


# --- follow-up replies ------------------------------------------------------------------------


def _store_reply(parsed: ParsedDocument, reply: FollowUpReply, ctx: ImportContext) -> Counts:
    lookup = Lookup(ctx)
    values = _base_values(parsed, ctx, lookup, Document.Type.FOLLOW_UP_REPLY)
    values["received_on"] = reply.received
    values["adopted_on"] = None
    co = Document.objects.filter(key=reply.parent_symbol).first() if reply.parent_symbol else None
    values["parent_id"] = co.pk if co else None
    document = upsert_document(values["symbol"], values, ctx)
    if co is None:
        ctx.warn(
            f"the concluding observations {reply.parent_symbol or '(unknown)'} are not in the catalogue yet; "
            "importing them will link this reply"
        )
    else:
        _link_reply(co, document)
    return Counts()


register(TreatyDocumentSource())
