"""The committee-grades importer: Committee follow-up evaluations with grades → assessments.

An importer of the ingest pipeline (the :class:`~rightstrack.ingest.importers.Source`
protocol, format name ``committee-grades``) that belongs to the tracking app, since it
writes assessments and timeline entries and records follow-up replies through a
tracking verb. :class:`~rightstrack.tracking.apps.TrackingConfig` registers it with
:func:`rightstrack.ingest.importers.register` when the app is ready, so
``rightstrack import``, ``rightstrack import-shared`` and the web upload detect it
like the importers of ``ingest/sources/``.

Formats (parsed by :mod:`rightstrack.ingest.parsers.followup_grades`):

* CCPR follow-up reports as text: ``CCPR/C/<session>/2`` (cover report: the
  A–E criteria are checked against ``tracking.grades.SCALES["ccpr"]``, the
  document is catalogued) and ``CCPR/C/<session>/2/Add.n`` (one State);
* the RolandCCPR tracker's JSON (``hrc_all.json`` or an excerpt).

For each evaluation: the CO, the State's reply and the evaluation are
catalogued (filling only empty fields of documents already there); each graded
limb becomes a published :class:`~rightstrack.tracking.models.Assessment` of
source *committee*, with the grade as printed, its scale and ordinals
(``tracking.grades.parse_grade``), the implied level and the Committee's
evaluation text, plus a timeline entry. A limb covering sub-paragraphs
("(a)-(e)") is attached to those sub-paragraph recommendations when the CO
import created them, else to the paragraph's recommendation (created from the
evaluation's text when the CO is not in the catalogue yet, with the natural key
``<CO symbol>#<paragraph>``). Re-importing changes nothing.

Grades printed without evaluation text or date (the tracker's ``history`` of
older rounds, header-only records) are not imported: each is reported as a
warning on the import run. If the CO's follow-up requests exist, the reply's
date is recorded on them (``tracking.followup.do_record_follow_up_reply``).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from rightstrack.catalog.models import Document, FollowUpRequest, Recommendation
from rightstrack.ingest.importers import Counts, ImportContext
from rightstrack.ingest.parsers.followup_grades import (
    FollowUpEvaluation,
    GradedLimb,
    GradeLegend,
    looks_like_ccpr_followup_report,
    looks_like_rolandccpr_json,
    parse_ccpr_followup_text,
    parse_rolandccpr_json,
)
from rightstrack.ingest.store import Reference, upsert_document
from rightstrack.tracking.followup import do_record_follow_up_reply
from rightstrack.tracking.grades import SCALES, GradeError, level_for, parse_grade
from rightstrack.tracking.models import Assessment, PublicationState, StatusChange


class CommitteeGradesSource:
    """Importer of CCPR follow-up reports (text) and RolandCCPR JSON (``committee-grades``).

    ``score`` is 0.95 for a ``.json`` file that looks like the RolandCCPR tracker's records
    and for a text file that looks like a CCPR follow-up report, else 0.0. ``run`` stores
    the documents, recommendations and committee assessments (see the module docstring) and
    returns the counts of committee assessments (created, unchanged; rejected limbs); it
    raises :class:`~rightstrack.ingest.errors.ImportFailure` for a file it cannot parse or
    when reference data (the CCPR mechanism, the State's country) is not loaded.
    """

    name = "committee-grades"
    label = "Committee follow-up evaluations with grades (CCPR/C/n/2 text, RolandCCPR JSON)"

    def score(self, path: Path, head: bytes) -> float:
        text = head.decode("utf-8", errors="replace")
        suffix = path.suffix.lower()
        if suffix == ".json" and looks_like_rolandccpr_json(text):
            return 0.95
        if suffix in {".txt", ".text", ""} and looks_like_ccpr_followup_report(text):
            return 0.95
        return 0.0

    def run(self, path: Path, ctx: ImportContext) -> Counts:
        try:
            if path.suffix.lower() == ".json":
                parsed: list[FollowUpEvaluation] | FollowUpEvaluation | GradeLegend = (
                    parse_rolandccpr_json(path)
                )
            else:
                parsed = parse_ccpr_followup_text(path)
        except ValueError as exc:
            raise ctx.fail(str(exc)) from None
        ref = Reference(ctx)
        if isinstance(parsed, GradeLegend):
            return _store_legend(parsed, ref, ctx)
        evaluations = parsed if isinstance(parsed, list) else [parsed]
        counts = Counts()
        for evaluation in evaluations:
            counts = counts + _store_evaluation(evaluation, ref, ctx)
        counts.rejected = ctx.rejected
        return counts


def _store_legend(legend: GradeLegend, ref: Reference, ctx: ImportContext) -> Counts:
    for letter, meaning in legend.meanings.items():
        if SCALES["ccpr"].get(letter) != meaning:
            ctx.warn(f"grade {letter} reads {meaning!r}, not {SCALES['ccpr'].get(letter)!r}")
    upsert_document(
        legend.symbol,
        {
            "symbol": legend.symbol,
            "doc_type": Document.Type.FOLLOW_UP_ASSESSMENT,
            "title": "Report on follow-up to the concluding observations of the Human Rights "
            "Committee",
            "mechanism_id": ref.mechanism("CCPR"),
            "session": str(legend.session or ""),
            "source_file": ctx.file_name,
            "checksum": ctx.checksum,
        },
        ctx,
        fill_only=True,
    )
    return Counts()


def _documents(e: FollowUpEvaluation, ref: Reference, ctx: ImportContext) -> tuple[Document, ...]:
    mechanism = ref.mechanism("CCPR")
    country = ref.country(e.country_iso3)
    if country is None:
        raise ctx.fail(f"{e.co_symbol}: country {e.country_iso3!r} is not loaded")
    common = {"mechanism_id": mechanism, "country_id": country}
    co_values: dict[str, Any] = {
        "symbol": e.co_symbol,
        "doc_type": Document.Type.CONCLUDING_OBSERVATIONS,
        "adopted_on": e.co_date,
        **common,
    }
    if m := re.match(r"^(\d{4})\b", e.next_report):
        co_values.update(
            next_report_year=int(m.group(1)),
            next_report_status=Document.NextReportStatus.YEAR,
            next_report_label=e.next_report,
        )
    co = upsert_document(e.co_symbol, co_values, ctx, fill_only=True)
    reply = None
    if e.fco_symbol:
        reply = upsert_document(
            e.fco_symbol,
            {
                "symbol": e.fco_symbol,
                "doc_type": Document.Type.FOLLOW_UP_REPLY,
                "received_on": e.fco_date,
                "parent_id": co.pk,
                **common,
            },
            ctx,
            fill_only=True,
        )
    assessment_doc = upsert_document(
        e.assessment_symbol,
        {
            "symbol": e.assessment_symbol,
            "doc_type": Document.Type.FOLLOW_UP_ASSESSMENT,
            "title": f"Evaluation of the information on follow-up to {e.co_symbol}",
            "adopted_on": e.assessment_date,
            "session": str(e.assessment_session or ""),
            "parent_id": co.pk,
            "source_file": ctx.file_name,
            "checksum": ctx.checksum,
            **common,
        },
        ctx,
        fill_only=True,
    )
    return co, reply, assessment_doc  # type: ignore[return-value]


def _store_evaluation(e: FollowUpEvaluation, ref: Reference, ctx: ImportContext) -> Counts:
    co, reply, assessment_doc = _documents(e, ref, ctx)
    _record_reply(co, reply, e, ctx)
    counts = Counts()
    for para in e.paragraphs:
        printed = e.header_grades.get(para.number)
        if printed and tuple(limb.grade for limb in para.limbs) != printed:
            ctx.warn(
                f"{e.assessment_symbol}: paragraph {para.number} graded {printed} in the header"
            )
        for limb in para.limbs:
            if e.assessment_date is None:
                ctx.reject(f"{e.assessment_symbol}: no adoption date for the evaluation")
                continue
            try:
                grade = parse_grade(limb.grade)
            except GradeError as exc:
                ctx.reject(f"{e.assessment_symbol} paragraph {para.number}: {exc}")
                continue
            for rec in _targets(co, para.number, para.title, para.recommendation, limb):
                created = _assessment(rec, assessment_doc, e.assessment_date, limb, grade, ctx)
                counts.created += created
                counts.unchanged += not created
    if not e.paragraphs:
        for number, grades in e.header_grades.items():
            ctx.warn(
                f"{e.assessment_symbol}: grades {', '.join(grades)} of {e.co_symbol} paragraph "
                f"{number} not imported (no evaluation text or date in this file)"
            )
    for old in e.history:
        for number, grades in old.grades.items():
            ctx.warn(
                f"{old.co_symbol} paragraph {number} ({old.year}): grades {', '.join(grades)} "
                "not imported (history without evaluation text or date)"
            )
    return counts


def _record_reply(
    co: Document, reply: Document | None, e: FollowUpEvaluation, ctx: ImportContext
) -> None:
    if reply is None or e.fco_date is None:
        return
    requests = FollowUpRequest.objects.filter(document=co, kind=FollowUpRequest.Kind.FOLLOW_UP)
    if requests.exists() and not requests.filter(reply_received_on__isnull=False).exists():
        do_record_follow_up_reply(None, co, e.fco_date, reply)


def _targets(
    co: Document, number: str, title: str, text: str, limb: GradedLimb
) -> list[Recommendation]:
    """The recommendations a limb grades: its sub-paragraphs when all are catalogued,
    else the paragraph (created from the evaluation's text when missing)."""
    letters = limb.letters
    if letters:
        wanted = [f"{number} ({letter})" for letter in letters]
        found = list(Recommendation.objects.filter(document=co, paragraph__in=wanted))
        if len(found) == len(wanted):
            return sorted(found, key=lambda r: wanted.index(r.paragraph))
    rec = Recommendation.objects.filter(document=co, paragraph=number).first()
    if rec is None:
        rec = Recommendation(
            natural_key=f"{co.symbol}#{number}",
            document=co,
            paragraph=number,
            order=int(number) if number.isdigit() else 0,
            mechanism_id=co.mechanism_id,
            country_id=co.country_id,
            date=co.adopted_on,
            year=co.adopted_on.year if co.adopted_on else None,
            text=text,
            section=title[:255],
        )
        rec._change_reason = "created from the Committee's follow-up evaluation"  # type: ignore[attr-defined]
        rec.save()
    return [rec]


def _assessment(
    rec: Recommendation,
    document: Document,
    day: date,
    limb: GradedLimb,
    grade: Any,
    ctx: ImportContext,
) -> bool:
    """Create the committee assessment of ``rec`` for ``limb`` unless it exists; True if created."""
    text = f"{limb.label}: {limb.evaluation}" if limb.label else limb.evaluation
    existing = Assessment.objects.filter(
        recommendation=rec,
        source=Assessment.Source.COMMITTEE,
        document=document,
        grade_label=limb.grade,
        text=text,
    )
    if existing.exists():
        return False
    previous = (
        Assessment.objects.published()
        .filter(recommendation=rec, source=Assessment.Source.COMMITTEE)
        .order_by("-date", "-id")
        .first()
    )
    a = Assessment(
        recommendation=rec,
        source=Assessment.Source.COMMITTEE,
        date=day,
        level=level_for(grade),
        text=text,
        publication_state=PublicationState.PUBLISHED,
        grade_label=limb.grade,
        grade_scale=grade.scale,
        grade_ordinal=grade.ordinal,
        grade_ordinal_max=grade.high,
        document=document,
    )
    a._history_user = ctx.user  # type: ignore[attr-defined]
    a._change_reason = f"imported from {ctx.file_name}"  # type: ignore[attr-defined]
    a.save()
    StatusChange.objects.create(
        recommendation=rec,
        date=day,
        kind=StatusChange.Kind.ASSESSMENT,
        old_value=(previous.level or previous.grade_label) if previous else "",
        new_value=a.level or a.grade_label,
        assessment=a,
    )
    return True
