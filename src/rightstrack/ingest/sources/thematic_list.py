"""OHCHR UPR thematic list (DOCX) → one recommendation per number, with UHRI labels.

The numbers are the paragraphs of the Working Group report whose symbol the
"Source of Position" lines give (A/HRC/59/15), so the recommendations are
stored under that report's document (key = symbol) with natural keys
``A/HRC/59/15#140.7``: importing the report itself later updates the same rows.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from rightstrack.catalog.models import Document, Recommendation
from rightstrack.ingest.importers import Counts, ImportContext, register
from rightstrack.ingest.parsers._text import session_year
from rightstrack.ingest.parsers.thematic_list import (
    ThematicItem,
    docx_opens,
    looks_like_thematic_list,
    parse_thematic_list,
)
from rightstrack.ingest.sources.common import TAG_FIELDS, recommendation_tags
from rightstrack.ingest.store import RecordRow, Reference, upsert_document, upsert_in_chunks

_HRC = re.compile(r"^A/HRC/(\d+)/")


class ThematicListSource:
    name = "ohchr-thematic-list"
    label = "OHCHR UPR thematic list (DOCX)"

    def score(self, path: Path, head: bytes) -> float:
        if looks_like_thematic_list(path, head):
            return 0.95
        # a .docx that does not open (truncated download): let the parser say so
        if path.suffix.lower() == ".docx" and not docx_opens(path):
            return 0.5
        return 0.0

    def run(self, path: Path, ctx: ImportContext) -> Counts:
        parsed = parse_thematic_list(path)
        if not parsed.report_symbol:
            raise ctx.fail("no 'Source of Position: A/HRC/...' line: cannot tell the WG report")
        if parsed.state_iso3 is None:
            raise ctx.fail(
                f"cannot tell the State under review from the page header "
                f"({parsed.state_name or 'no UPR of <State> (<n>th Cycle - <n>th Session) line'})"
            )
        ref = Reference(ctx)
        upr = ref.mechanism("UPR")
        country = ref.country(parsed.state_iso3)
        hrc = _HRC.match(parsed.report_symbol)
        doc = upsert_document(
            parsed.report_symbol,
            {
                "symbol": parsed.report_symbol,
                "doc_type": Document.Type.UPR_WG_REPORT,
                "title": f"Report of the Working Group on the Universal Periodic Review: "
                f"{parsed.state_name}",
                "mechanism_id": upr,
                "country_id": country,
                "session": str(parsed.session or ""),
                "upr_cycle": parsed.cycle,
                "hrc_session": int(hrc.group(1)) if hrc else None,
            },
            ctx,
            fill_only=True,
        )
        rows = [
            self._row(item, doc, upr, country, parsed.cycle, parsed.session, ref, ctx)
            for item in parsed.items
        ]
        for row_index, tail in parsed.unknown_states:
            ctx.warn(f"no recommending State found in {tail!r}", row=row_index)
        counts = upsert_in_chunks(Recommendation, rows, tag_fields=TAG_FIELDS, ctx=ctx)
        counts.rejected = ctx.rejected
        return counts

    def _row(
        self,
        item: ThematicItem,
        doc: Document,
        upr: int,
        country: int | None,
        cycle: int | None,
        session: int | None,
        ref: Reference,
        ctx: ImportContext,
    ) -> RecordRow:
        values: dict[str, Any] = {
            "document_id": doc.pk,
            "paragraph": item.number,
            "order": item.row,
            "mechanism_id": upr,
            "country_id": country,
            "year": session_year(session),
            "text": item.text,
            "kind": Recommendation.Kind.RECOMMENDATION,
            "section": item.section[:255],
            "position": item.position,
            "position_raw": item.position_raw,
            "position_source": item.position_source[:255],
            "upr_cycle": cycle,
            "upr_session": session,
        }
        goals = {pk for n in item.sdg_goals if (pk := ref.sdg_goal(n))}
        targets = set()
        for code in item.sdg_targets:
            pk = ref.sdg_target(code)
            if pk is None:
                ctx.warn(f"unknown SDG target {code!r} dropped", row=item.row)
            else:
                targets.add(pk)
        key = f"{doc.key}#{item.number}"
        tags = recommendation_tags(
            ref,
            states_iso3=item.state_iso3,
            themes=item.themes,
            affected=item.affected_persons,
            sdg_goals=goals,
            sdg_targets=targets,
            row=item.row,
        )
        return RecordRow(key, values, tags)


register(ThematicListSource())
