"""Another language version of UN documents, whole or as excerpts: UPR Working Group
reports and treaty-body concluding observations (format ``document-excerpts``; parser
:mod:`rightstrack.ingest.parsers.excerpts`).

For each document of the file, by its symbol:

* the document is in the catalogue (its English text imported first): each item is
  matched by its number as printed (``A/HRC/17/18`` item ``84.11``, a concluding
  observation's paragraph ``26``) and its text is added as a
  :class:`~rightstrack.catalog.models.RecommendationText` in the file's language, not as
  a new recommendation. An item whose number the document does not have is reported
  and not stored; so is a UPR item whose recommending States differ from the stored
  ones (a sign that the numbers do not match);
* the document is not in the catalogue: it and its items are created with the file's
  language as their text; UPR recommending States are read from the closing brackets
  (names in any UN language; a name that is no State is reported), the State reviewed
  from the file's front matter.

Headings the parser left out (no symbol, a list of issues, a regional body's report)
are reported. Re-importing the same file changes nothing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from rightstrack.catalog.models import Document, Recommendation, RecommendationText
from rightstrack.ingest.importers import Counts, ImportContext, register
from rightstrack.ingest.parsers.countries import to_iso3
from rightstrack.ingest.parsers.documents.symbols import parse_symbol
from rightstrack.ingest.parsers.excerpts import (
    ExcerptItem,
    ReportExcerpt,
    looks_like_excerpts,
    parse_excerpts,
)
from rightstrack.ingest.store import Reference, upsert_document


class ExcerptsSource:
    """Importer of UN document texts in another language (``document-excerpts``).

    ``score`` is 0.9 for a Markdown/text file that quotes UPR reports or concluding
    observations with numbered items and notes giving their symbols. ``run`` stores what the module docstring says
    and returns the counts of items (created texts or recommendations, unchanged,
    rejected); it raises :class:`~rightstrack.ingest.errors.ImportFailure` for a file it
    cannot read or a new report whose State it cannot tell.
    """

    name = "document-excerpts"
    label = (
        "UPR reports and concluding observations in another language, whole or excerpts "
        "(Markdown, text)"
    )

    def score(self, path: Path, head: bytes) -> float:
        if path.suffix.lower() not in {".md", ".markdown", ".txt", ".text"}:
            return 0.0
        return 0.9 if looks_like_excerpts(head.decode("utf-8", errors="replace")) else 0.0

    def run(self, path: Path, ctx: ImportContext) -> Counts:
        parsed = parse_excerpts(path)
        language = parsed.language
        for line, reason in parsed.skipped:
            ctx.warn(f"heading left out: {reason}", row=line)
        ref = Reference(ctx)
        state = _front_matter_state(path)
        counts = Counts()
        for excerpt in parsed.documents:
            doc = Document.objects.filter(key=excerpt.symbol).first()
            if doc is None:
                counts += _new_report(excerpt, language, state, ref, path, ctx)
            else:
                counts += _add_texts(excerpt, doc, language, ref, ctx)
        return counts


def _front_matter_state(path: Path) -> str | None:
    """The State of a Jekyll file's ``categories`` (CLADEM files name one), as ISO3."""
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    m = re.search(r"^categories:\s*\n\s*-\s*\"?([^\"\n]+)\"?", text, re.M)
    return to_iso3(m.group(1).strip()) if m else None


def _add_texts(
    excerpt: ReportExcerpt, doc: Document, language: str, ref: Reference, ctx: ImportContext
) -> Counts:
    counts = Counts()
    recs = {r.paragraph: r for r in Recommendation.objects.filter(document=doc, is_archived=False)}
    for item in excerpt.items:
        rec = recs.get(item.number)
        if rec is None:
            ctx.warn(
                f"{excerpt.symbol} has no recommendation {item.number}: its {language} text "
                "is not stored",
                row=item.line,
            )
            counts.rejected += 1
            continue
        stored = set(rec.recommending_states.values_list("iso3", flat=True))
        if item.states and stored and set(item.states) != stored:
            ctx.warn(
                f"{excerpt.symbol} {item.number}: the {language} text names "
                f"{', '.join(item.states)}, the stored recommendation {', '.join(sorted(stored))}; "
                "not stored (do the numbers match?)",
                row=item.line,
            )
            counts.rejected += 1
            continue
        if rec.language == language:
            counts.unchanged += 1
            continue
        counts += _upsert_text(rec, language, item.text, ctx)
    return counts


def _upsert_text(rec: Recommendation, language: str, text: str, ctx: ImportContext) -> Counts:
    existing = RecommendationText.objects.filter(recommendation=rec, language=language).first()
    if existing is None:
        RecommendationText(
            recommendation=rec, language=language, text=text, source=ctx.file_name
        ).save()
        return Counts(created=1)
    if existing.text == text:
        return Counts(unchanged=1)
    existing.text = text
    existing.source = ctx.file_name
    existing.save()
    return Counts(updated=1)


def _new_report(
    excerpt: ReportExcerpt,
    language: str,
    state: str | None,
    ref: Reference,
    path: Path,
    ctx: ImportContext,
) -> Counts:
    country = ref.country(state)
    if country is None:
        raise ctx.fail(
            f"{excerpt.symbol} is not in the catalogue and the file names no State "
            "(front matter 'categories'): import the report's English text first",
            row=excerpt.line,
        )
    values: dict[str, Any] = {
        "symbol": excerpt.symbol,
        "title": excerpt.heading[:500],
        "country_id": country,
        "language": language,
        "source_file": path.name,
        "checksum": ctx.checksum,
    }
    if excerpt.kind == "upr":
        m = re.match(r"A/HRC/(\d+)/", excerpt.symbol)
        values.update(
            doc_type=Document.Type.UPR_WG_REPORT,
            mechanism_id=ref.mechanism("UPR"),
            hrc_session=int(m.group(1)) if m else None,
        )
    else:
        parsed = parse_symbol(excerpt.symbol)
        body = parsed.body if parsed else None
        if body is None:
            raise ctx.fail(f"{excerpt.symbol}: no treaty body in the symbol", row=excerpt.line)
        values.update(
            doc_type=Document.Type.CONCLUDING_OBSERVATIONS, mechanism_id=ref.mechanism(body)
        )
    doc = upsert_document(excerpt.symbol, values, ctx, fill_only=True)
    counts = Counts()
    for order, item in enumerate(excerpt.items):
        counts += _recommendation(doc, order, item, language, ref, ctx)
    return counts


def _recommendation(
    doc: Document,
    order: int,
    item: ExcerptItem,
    language: str,
    ref: Reference,
    ctx: ImportContext,
) -> Counts:
    if item.unknown_states:
        ctx.warn(
            f"{doc.symbol} {item.number}: not a State: {', '.join(item.unknown_states)}",
            row=item.line,
        )
    key = f"{doc.key}#{item.number}"
    values: dict[str, Any] = {
        "document_id": doc.pk,
        "paragraph": item.number,
        "order": order,
        "mechanism_id": doc.mechanism_id,
        "country_id": doc.country_id,
        "language": language,
        "text": item.text,
        "kind": Recommendation.Kind.RECOMMENDATION
        if item.is_recommendation
        else Recommendation.Kind.CONCERN,
    }
    rec = Recommendation.objects.filter(natural_key=key).first()
    states = {pk for code in item.states if (pk := ref.country(code))}
    if rec is None:
        rec = Recommendation(natural_key=key, **values)
        rec.save()
        rec.recommending_states.set(states)
        return Counts(created=1)
    if rec.text == item.text:
        return Counts(unchanged=1)
    rec.text = item.text
    rec.save()
    return Counts(updated=1)


register(ExcerptsSource())
