"""UPR Info database CSV export → recommendations (and voluntary pledges).

Documents: one synthetic :class:`Document` per State under review and UPR
Working Group session, key ``upr-info:SVN:WG7``, type ``database_export``.
Why not ``upr_wg_report``: the rows come from UPR Info's database, not from the
report, and carry no paragraph number or symbol; calling them the WG report
would make them look like a second copy of the report once the report itself
is imported (key ``A/HRC/14/15``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rightstrack.catalog.models import Document, Recommendation, VoluntaryPledge
from rightstrack.ingest.importers import Counts, ImportContext, register
from rightstrack.ingest.parsers.upr_info import (
    UprInfoRow,
    document_key,
    looks_like_upr_info,
    parse_upr_info,
)
from rightstrack.ingest.store import (
    RecordRow,
    Reference,
    upsert_documents,
    upsert_in_chunks,
)


class UprInfoSource:
    name = "upr-info-csv"
    label = "UPR Info database CSV"

    def score(self, path: Path, head: bytes) -> float:
        return 1.0 if looks_like_upr_info(head) else 0.0

    def run(self, path: Path, ctx: ImportContext) -> Counts:
        parsed = parse_upr_info(path)
        for bad in parsed.rejected:
            ctx.reject(bad.message, row=bad.row, cell=bad.cell)
        ref = Reference(ctx)
        recs = [r for r in parsed.rows if not r.is_pledge]
        pledges = [r for r in parsed.rows if r.is_pledge]
        counts = Counts()
        if recs:
            counts += self._store_recommendations(recs, path, ref, ctx)
        if pledges:
            counts += self._store_pledges(pledges, path, ref, ctx)
        counts.rejected = ctx.rejected
        return counts

    def _issues(self, row: UprInfoRow, ref: Reference, ctx: ImportContext) -> set[int]:
        ids = set()
        for name in row.issues:
            pk = ref.upr_issue(name)
            if pk is None:
                ctx.warn(f"unknown UPR Info issue {name!r} dropped", row=row.row, cell="Issue")
            else:
                ids.add(pk)
        return ids

    def _store_recommendations(
        self, recs: list[UprInfoRow], path: Path, ref: Reference, ctx: ImportContext
    ) -> Counts:
        upr = ref.mechanism("UPR")
        docs: dict[str, RecordRow] = {}
        for r in recs:
            key = document_key(r.to_iso3, r.session)
            if key not in docs:
                docs[key] = RecordRow(
                    key,
                    {
                        "symbol": "",
                        "doc_type": Document.Type.DATABASE_EXPORT,
                        "title": f"UPR Info database: {r.to_name}, UPR Working Group "
                        f"session {r.session}",
                        "mechanism_id": upr,
                        "country_id": ref.country(r.to_iso3),
                        "session": str(r.session),
                        "upr_cycle": r.cycle,
                        "source_file": path.name,
                        "checksum": ctx.checksum,
                    },
                )
        doc_ids = upsert_documents(list(docs.values()), ctx)
        rows = []
        for r in recs:
            country = ref.country(r.to_iso3)
            if country is None:
                ctx.reject(f"State {r.to_iso3} is not in the countries table", row=r.row)
                continue
            values: dict[str, Any] = {
                "document_id": doc_ids[document_key(r.to_iso3, r.session)],
                "paragraph": "",
                "order": r.row,
                "mechanism_id": upr,
                "country_id": country,
                "year": r.year,
                "text": r.text,
                "kind": Recommendation.Kind.RECOMMENDATION,
                "position": r.position,
                "position_raw": r.response,
                "position_source": "UPR Info database",
                "upr_cycle": r.cycle,
                "upr_session": r.session,
                "action_category_id": ref.action_category(r.action),
                "source_row": f"{path.name}:{r.row}",
            }
            from_id = ref.country(r.from_iso3)
            rows.append(
                RecordRow(
                    r.key,
                    values,
                    {
                        "recommending_states": {from_id} if from_id else set(),
                        "upr_issues": self._issues(r, ref, ctx),
                    },
                )
            )
        return upsert_in_chunks(
            Recommendation, rows, tag_fields=("recommending_states", "upr_issues"), ctx=ctx
        )

    def _store_pledges(
        self, pledges: list[UprInfoRow], path: Path, ref: Reference, ctx: ImportContext
    ) -> Counts:
        rows = []
        for r in pledges:
            country = ref.country(r.to_iso3)
            if country is None:
                ctx.reject(f"State {r.to_iso3} is not in the countries table", row=r.row)
                continue
            rows.append(
                RecordRow(
                    r.key,
                    {
                        "country_id": country,
                        "text": r.text,
                        "upr_session": r.session,
                        "upr_cycle": r.cycle,
                        "source_row": f"{path.name}:{r.row}",
                    },
                    {"upr_issues": self._issues(r, ref, ctx)},
                )
            )
        return upsert_in_chunks(VoluntaryPledge, rows, tag_fields=("upr_issues",), ctx=ctx)


register(UprInfoSource())
