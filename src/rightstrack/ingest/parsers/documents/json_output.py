"""Parse results shaped as JSON: :func:`to_json` and the keys it returns (pure Python).

``rightstrack parse FILE --json``, the upload preview and other tools read this
shape; :data:`JSON_KEYS` are its keys, in order. A document kind registered with a
``to_json`` converter (:mod:`.kinds`) supplies its own values for those keys.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from rightstrack.ingest.parsers.documents.concluding_observations import ConcludingObservations
from rightstrack.ingest.parsers.documents.follow_up_reply import FollowUpReply
from rightstrack.ingest.parsers.documents.kinds import ParsedDocument, registered_kinds
from rightstrack.ingest.parsers.documents.un_views import ViewsDecision

__all__ = ["JSON_KEYS", "to_json"]

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
    "communication",
)


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
        "communication": {
            "number": views.communication,
            "committee": views.metadata.committee,
            "state_party": views.state_party,
            "country": views.country,
            "state_party_basis": views.state_party_basis,
            "state_party_evidence": views.state_party_evidence,
            "adopted": _iso(views.metadata.adopted),
            "adoption_session": views.adoption_session,
            "adopted_basis": views.adopted_basis,
            "adopted_field": views.adopted_field,
            "index_source": views.index_source,
            "author": views.author,
            "outcome": views.outcome,
            "articles_violated": views.articles_violated,
            "remedies": views.remedies,
            "reply_period": views.reply_period,
            "period_basis": views.period_basis,
            "period_source": views.period_source,
            "reply_due": _iso(views.reply_due),
            "due_basis": views.due_basis,
            "missing": dict(views.gaps),
        },
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
    ``communication`` (Views only, else ``None``): ``number``, ``committee``,
    ``state_party``, ``country`` (ISO3), ``state_party_basis`` (``header``/``record``/
    ``text``) and ``state_party_evidence``, ``adopted`` and ``adoption_session``,
    ``author``, ``outcome``, ``articles_violated``, ``remedies``, ``reply_period``,
    ``period_basis`` (``stated``/``committee_rule``), ``period_source`` (the rule),
    ``reply_due`` and ``due_basis``, and ``missing``: what could not be read
    (``state_party``, ``adopted``, ``reply_due``) with the reason.
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
        "communication": None,
    }
    kind = registered_kinds().get(parsed.kind)
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
