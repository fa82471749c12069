"""Generic CSV/XLSX kept by hand (``docs/import-generic.md``) → recommendations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rightstrack.catalog.models import Recommendation
from rightstrack.ingest.importers import Counts, ImportContext, register
from rightstrack.ingest.parsers.generic import (
    GenericRow,
    columns_look_generic,
    columns_partly_generic,
    parse_generic,
)
from rightstrack.ingest.parsers.tabular import head_columns, is_xlsx
from rightstrack.ingest.sources.common import (
    TAG_FIELDS,
    guess_doc_type,
    parse_date,
    recommendation_tags,
    sdg_ids,
)
from rightstrack.ingest.store import (
    RecordRow,
    Reference,
    document_visibility,
    upsert_document,
    upsert_in_chunks,
)


class GenericSource:
    """Hand-kept tables: unknown themes, affected persons and SDGs are refused unless the
    import says ``map`` or ``create`` (``vocabulary.default_policy``); a document takes
    its visibility from all its rows (``store.document_visibility``)."""

    name = "generic-table"
    label = "Generic CSV/XLSX (docs/import-generic.md)"

    def score(self, path: Path, head: bytes) -> float:
        if not (is_xlsx(path, head) or path.suffix.lower() in {".csv", ".tsv", ".txt"}):
            return 0.0
        columns = head_columns(path, head)
        if columns_look_generic(columns):
            return 0.8
        # symbol and text but not every required column: still this format, so the
        # person gets "missing required column(s) ..." rather than "unknown format"
        return 0.6 if columns_partly_generic(columns) else 0.0

    def run(self, path: Path, ctx: ImportContext) -> Counts:
        return store_rows(parse_generic(path), ctx)


def _document_key(r: GenericRow) -> str:
    return r.symbol or f"{r.key_prefix}{r.country_iso3}:{r.mechanism}"


def store_rows(
    parsed: list[GenericRow],
    ctx: ImportContext,
    *,
    mapping_name: str = "",
) -> Counts:
    """Store checked rows of the generic format (or of a sheet read through a column
    mapping, ``sources/mapped.py``) in the import's transaction.

    A row without a symbol (a mapped sheet identified by its own ids) goes into one
    document per mapping, State and mechanism, key ``mapped:<mapping key>:<ISO3>:<code>``.

    Raises:
        ImportFailure: an unknown mechanism, a State not loaded, a label refused by the
            import's policy (row and column named).
    """
    ref = Reference(ctx)
    docs: dict[str, int] = {}
    # a document's visibility comes from all its rows, not from whichever comes first
    row_visibilities: dict[str, list[str]] = {}
    for r in parsed:
        row_visibilities.setdefault(_document_key(r), []).append(r.visibility)
    rows = []
    for r in parsed:
        mechanism = ref.mechanism_or_none(r.mechanism)
        if mechanism is None:
            raise ctx.fail(
                f"unknown mechanism {r.mechanism!r}",
                row=r.row,
                cell=r.cells.get("mechanism", "mechanism"),
            )
        country = ref.country(r.country_iso3)
        if country is None:
            raise ctx.fail(
                f"country {r.country_iso3} is not loaded",
                row=r.row,
                cell=r.cells.get("country", "country"),
            )
        doc_key = _document_key(r)
        if doc_key not in docs:
            docs[doc_key] = upsert_document(
                doc_key,
                {
                    "symbol": r.symbol,
                    "doc_type": guess_doc_type(r.symbol, r.mechanism),
                    "title": r.symbol or f"{mapping_name}: {r.country_iso3}, {r.mechanism}",
                    "mechanism_id": mechanism,
                    "country_id": country,
                    "visibility": document_visibility(row_visibilities[doc_key], ctx),
                },
                ctx,
                fill_only=True,
            ).pk
        rows.append(_row(r, docs[doc_key], mechanism, country, ref, ctx))
    counts = upsert_in_chunks(Recommendation, rows, tag_fields=TAG_FIELDS, ctx=ctx)
    counts.rejected = ctx.rejected
    return counts


def _row(
    r: GenericRow,
    document_id: int,
    mechanism: int,
    country: int,
    ref: Reference,
    ctx: ImportContext,
) -> RecordRow:
    date = parse_date(r.date)
    values: dict[str, Any] = {
        "document_id": document_id,
        "paragraph": r.paragraph,
        "order": r.row,
        "mechanism_id": mechanism,
        "country_id": country,
        "date": date,
        "year": date.year if date else None,
        "text": r.text,
        "kind": r.kind,
        "position": r.position,
        "position_raw": r.position,
        "visibility": r.visibility,
    }
    if r.key_prefix:  # a mapped sheet: the fields only a mapping can fill
        values.update(
            upr_cycle=r.upr_cycle,
            upr_session=r.upr_session,
            language=r.language,
            source_row=r.source_id[:128],
        )
    goals, targets = sdg_ids(r.sdgs, ref, ctx, r.row)
    tags = recommendation_tags(
        ref,
        states_iso3=r.recommending_iso3,
        themes=r.themes,
        affected=r.affected_persons,
        sdg_goals=goals,
        sdg_targets=targets,
        row=r.row,
    )
    return RecordRow(r.key, values, tags)


register(GenericSource())
