"""UHRI records (JSON, or the Excel export columns) → recommendations and concerns.

Natural key ``<symbol>#<paragraph>`` (``E/C.12/AUS/CO/6#7``), the key a
concluding-observations parser builds for the same paragraph; ``uhri_id`` keeps
the AnnotationId. A record whose text has no paragraph number is keyed
``uhri:<AnnotationId>``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rightstrack.catalog.models import Recommendation
from rightstrack.ingest.importers import Counts, ImportContext, register
from rightstrack.ingest.parsers.tabular import head_columns, is_xlsx
from rightstrack.ingest.parsers.uhri import (
    UhriRecord,
    columns_look_like_uhri,
    json_looks_like_uhri,
    parse_uhri_json,
    parse_uhri_table,
)
from rightstrack.ingest.sources.common import (
    TAG_FIELDS,
    guess_doc_type,
    parse_date,
    recommendation_tags,
    sdg_ids,
)
from rightstrack.ingest.store import RecordRow, Reference, upsert_document, upsert_in_chunks


class UhriJsonSource:
    name = "uhri-json"
    label = "UHRI records (JSON)"

    def score(self, path: Path, head: bytes) -> float:
        return 0.95 if json_looks_like_uhri(head) else 0.0

    def run(self, path: Path, ctx: ImportContext) -> Counts:
        return store_uhri(parse_uhri_json(path), ctx)


class UhriTableSource:
    name = "uhri-xlsx"
    label = "UHRI Excel export (XLSX/CSV)"

    def score(self, path: Path, head: bytes) -> float:
        if not (is_xlsx(path, head) or path.suffix.lower() == ".csv"):
            return 0.0
        return 0.9 if columns_look_like_uhri(head_columns(path, head)) else 0.0

    def run(self, path: Path, ctx: ImportContext) -> Counts:
        return store_uhri(parse_uhri_table(path), ctx)


def store_uhri(records: list[UhriRecord], ctx: ImportContext) -> Counts:
    """Store parsed UHRI records (documents first, then the paragraphs)."""
    ref = Reference(ctx)
    docs: dict[str, int] = {}
    rows: list[RecordRow] = []
    for rec in records:
        mechanism = ref.mechanism_or_none(rec.body)
        if mechanism is None:
            ctx.reject(f"unknown body {rec.body!r}", row=rec.row, cell="body")
            continue
        country = ref.country(rec.country_iso3)
        if country is None:
            ctx.reject(
                f"no known country in {list(rec.countries)!r}", row=rec.row, cell="countries"
            )
            continue
        date = parse_date(rec.date)
        if rec.symbol not in docs:
            docs[rec.symbol] = upsert_document(
                rec.symbol,
                {
                    "symbol": rec.symbol,
                    "doc_type": guess_doc_type(rec.symbol, rec.body),
                    "title": rec.symbol,
                    "mechanism_id": mechanism,
                    "country_id": country,
                    "published_on": date,
                },
                ctx,
                fill_only=True,
            ).pk
        values: dict[str, Any] = {
            "document_id": docs[rec.symbol],
            "paragraph": rec.paragraph,
            "order": int(rec.paragraph) if rec.paragraph.isdigit() else 0,
            "mechanism_id": mechanism,
            "country_id": country,
            "date": date,
            "year": date.year if date else None,
            "text": rec.text,
            "kind": (
                Recommendation.Kind.CONCERN
                if rec.kind == "concern"
                else Recommendation.Kind.RECOMMENDATION
            ),
            "section": rec.section,
            "uhri_id": rec.uhri_id,
            "upr_cycle": rec.upr_cycle,
        }
        goals, targets = sdg_ids(rec.sdgs, ref, ctx, rec.row)
        key = f"{rec.symbol}#{rec.paragraph}" if rec.paragraph else f"uhri:{rec.uhri_id}"
        tags = recommendation_tags(
            ref,
            states_iso3=rec.upr_recommending_iso3,
            themes=rec.themes,
            affected=rec.affected_persons,
            sdg_goals=goals,
            sdg_targets=targets,
            row=rec.row,
        )
        rows.append(RecordRow(key, values, tags))
    counts = upsert_in_chunks(Recommendation, rows, tag_fields=TAG_FIELDS, ctx=ctx)
    counts.rejected = ctx.rejected
    return counts


register(UhriJsonSource())
register(UhriTableSource())
