"""Moving from another tracker: the DIDH database of Morocco (format ``didh-tracker``).

An importer of the ingest pipeline (the :class:`~rightstrack.ingest.importers.Source`
protocol) that belongs to the tracking app, because it writes what the other tracker
knew about implementation: statuses (as government assessments) and the government
bodies responsible (as assignments). :class:`~rightstrack.tracking.apps.TrackingConfig`
registers it, so ``rightstrack import Recommendations.csv`` detects it.

What one row of ``Recommendations.csv`` becomes (see
:mod:`rightstrack.ingest.parsers.didh_tracker` for the tables):

* a :class:`~rightstrack.catalog.models.Recommendation` of Morocco, natural key
  ``didh-mar#<Id>``, its French text as ``text`` (``language="fr"``) and its Arabic text,
  when the source has one, as a :class:`~rightstrack.catalog.models.RecommendationText`;
  the paragraph as printed from the source's code (``R18P5`` -> ``18 (5)``); the
  mechanism is the committee (``Organes.csv``), the UPR or Special Procedures. The source
  names no document symbols, so each committee, special-procedure mandate and UPR cycle
  is one document of type *database export* (key ``didh-mar:<table>-<id>``) titled as
  the source titles it;
* its status as a published government
  :class:`~rightstrack.tracking.models.Assessment` by the DIDH (organisation created if
  absent), dated :attr:`DidhExport.as_of`, the level taken from the editable
  :class:`~rightstrack.tracking.models.StatusMapping` of tracker ``didh-tracker`` (created
  on first import from :data:`DEFAULT_LEVELS`); the text says the status and progress as
  printed ("En cours (30 %)");
* one lead :class:`~rightstrack.tracking.models.Assignment` per government body of
  ``RecomOrgs.csv``; the 52 bodies of ``Organismes.csv`` become organisations of Morocco.

Rows filed twice under two sub-themes stay two records, as in the source (each has its
own id and status); the import reports every such group as a warning. Re-importing the
same export changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rightstrack.accounts.models import Organisation
from rightstrack.catalog.models import Document, Recommendation, RecommendationText
from rightstrack.ingest.importers import Counts, ImportContext
from rightstrack.ingest.parsers.didh_tracker import (
    DidhBody,
    DidhExport,
    DidhRecord,
    looks_like_didh_recommendations,
    parse_didh_export,
)
from rightstrack.ingest.store import Reference, upsert_document
from rightstrack.tracking.models import (
    Assessment,
    Assignment,
    Level,
    PublicationState,
    StatusMapping,
)

TRACKER = "didh-tracker"

#: First-import mapping of the DIDH statuses (``etats.json``: Réalisé / En cours / Non
#: réalisé, with progress 100 / 30 / 0) to implementation levels; editable afterwards.
DEFAULT_LEVELS = {
    "Réalisé": Level.IMPLEMENTED,
    "En cours": Level.PARTIAL,
    "Non réalisé": Level.NOT_IMPLEMENTED,
}

#: The organisation whose database this is (MANIFEST §12: Morocco's national mechanism
#: for reporting and follow-up).
DIDH_NAME = "Délégation interministérielle aux droits de l'homme"

#: ``Organismes.Type`` -> organisation type.
BODY_TYPES = {
    "PE": Organisation.Type.MINISTRY,
    "PJ": Organisation.Type.JUDICIARY,
}

_MECHANISM_CODES = {"upr": "UPR", "special_procedure": "SP"}


class DidhTrackerSource:
    """Importer of the DIDH tracking database export (``didh-tracker``).

    ``score`` is 0.95 for a CSV whose header is that of the DIDH ``Recommendations``
    table. ``run`` stores what the module docstring says and returns the counts of
    recommendations; it raises :class:`~rightstrack.ingest.errors.ImportFailure` for a
    missing or malformed table (naming file, row and column), an unknown committee or
    a status with no mapping.
    """

    name = TRACKER
    label = "Tracking database of Morocco's DIDH (Recommendations.csv and its tables)"

    def score(self, path: Path, head: bytes) -> float:
        if path.suffix.lower() != ".csv":
            return 0.0
        text = head.decode("utf-8", errors="replace")
        return 0.95 if looks_like_didh_recommendations(text) else 0.0

    def run(self, path: Path, ctx: ImportContext) -> Counts:
        export = parse_didh_export(path)
        ref = Reference(ctx)
        country = ref.country("MAR")
        if country is None:
            raise ctx.fail("Morocco (MAR) is not in the countries: run `rightstrack migrate`")
        levels = _levels(export, ctx)
        bodies = _organisations(export.bodies, country)
        didh, _ = Organisation.objects.get_or_create(
            name=DIDH_NAME,
            defaults={"acronym": "DIDH", "org_type": Organisation.Type.NMRF, "country_id": country},
        )
        for ids in export.duplicates:
            ctx.warn(
                "the same text and code are filed under "
                f"{len(ids)} records (ids {', '.join(map(str, ids))}); kept apart as in the "
                "source, which gives each its own sub-theme and status"
            )
        documents: dict[str, int] = {}
        known = _Known.load(didh)
        counts = Counts()
        total = len(export.records)
        for done, rec in enumerate(export.records, start=1):
            mechanism = ref.mechanism(rec.committee or _MECHANISM_CODES[rec.mechanism])
            if rec.group_key not in documents:
                documents[rec.group_key] = _document(rec, mechanism, country, path, ctx).pk
            obj, created, changed = _recommendation(
                rec, documents[rec.group_key], mechanism, country, known
            )
            changed |= _arabic(obj, rec, known)
            changed |= _status(obj, rec, levels, didh, export, ctx, known)
            changed |= _assignments(obj, rec, bodies, known)
            if created:
                counts.created += 1
            elif changed:
                counts.updated += 1
            else:
                counts.unchanged += 1
            ctx.report(done, total)
        return counts


@dataclass
class _Known:
    """What earlier imports stored, read in four queries (not four per row)."""

    recommendations: dict[str, Recommendation]
    arabic: dict[int, RecommendationText]
    statuses: dict[tuple[int, date], Assessment]
    assigned: dict[int, set[int]]

    @classmethod
    def load(cls, didh: Organisation) -> _Known:
        recs = {
            r.natural_key: r
            for r in Recommendation.objects.filter(natural_key__startswith="didh-mar#")
        }
        ids = [r.pk for r in recs.values()]
        assigned: dict[int, set[int]] = defaultdict(set)
        for rec_id, org_id in Assignment.objects.filter(
            recommendation_id__in=ids, is_archived=False
        ).values_list("recommendation_id", "organisation_id"):
            assigned[rec_id].add(org_id)
        return cls(
            recommendations=recs,
            arabic={
                t.recommendation_id: t
                for t in RecommendationText.objects.filter(recommendation_id__in=ids, language="ar")
            },
            statuses={
                (a.recommendation_id, a.date): a
                for a in Assessment.objects.filter(
                    recommendation_id__in=ids,
                    source=Assessment.Source.GOVERNMENT,
                    organisation=didh,
                    is_archived=False,
                )
            },
            assigned=assigned,
        )


def _levels(export: DidhExport, ctx: ImportContext) -> dict[str, str]:
    """The tracker's status mapping, created from :data:`DEFAULT_LEVELS` when absent.

    Raises:
        ImportFailure: a status of the file has no mapping (names the row and value).
    """
    for value, level in DEFAULT_LEVELS.items():
        if not StatusMapping.objects.filter(tracker=TRACKER, value=value).exists():
            StatusMapping(tracker=TRACKER, value=value, level=level).save()
    levels = dict(StatusMapping.objects.filter(tracker=TRACKER).values_list("value", "level"))
    for rec in export.records:
        if rec.status not in levels:
            raise ctx.fail(
                f"status {rec.status!r} has no mapping; known: {', '.join(sorted(levels))} "
                "(add it under Status mappings in the admin)",
                row=rec.row,
                cell="Etat",
            )
    return levels


def _organisations(bodies: dict[int, DidhBody], country: int) -> dict[int, Organisation]:
    """One organisation of Morocco per government body, matched by name."""
    found: dict[int, Organisation] = {}
    for body in bodies.values():
        org = Organisation.objects.filter(name=body.name_fr).first()
        if org is None:
            org = Organisation(
                name=body.name_fr,
                acronym=body.acronym[:32],
                org_type=BODY_TYPES.get(body.kind, Organisation.Type.OTHER),
                country_id=country,
            )
            org.save()
        found[body.id] = org
    return found


def _document(
    rec: DidhRecord, mechanism: int, country: int, path: Path, ctx: ImportContext
) -> Document:
    return upsert_document(
        f"didh-mar:{rec.group_key}",
        {
            "symbol": "",
            "doc_type": Document.Type.DATABASE_EXPORT,
            "title": rec.group_fr,
            "mechanism_id": mechanism,
            "country_id": country,
            "language": "fr",
            "source_file": path.name,
            "checksum": ctx.checksum,
        },
        ctx,
    )


def _recommendation(
    rec: DidhRecord, document: int, mechanism: int, country: int, known: _Known
) -> tuple[Recommendation, bool, bool]:
    """The record's recommendation, created or updated: ``(object, created, changed)``."""
    values = {
        "document_id": document,
        "paragraph": (rec.paragraph or rec.code)[:64],
        "order": rec.id,
        "mechanism_id": mechanism,
        "country_id": country,
        "text": rec.text_fr,
        "language": "fr",
        "section": rec.sub_theme_fr[:255],
        "source_row": str(rec.id),
    }
    key = f"didh-mar#{rec.id}"
    obj = known.recommendations.get(key)
    if obj is None:
        obj = Recommendation(natural_key=key, **values)
        obj.save()
        return obj, True, True
    changed = [k for k, v in values.items() if getattr(obj, k) != v]
    for k in changed:
        setattr(obj, k, values[k])
    if changed:
        obj.save()
    return obj, False, bool(changed)


def _arabic(obj: Recommendation, rec: DidhRecord, known: _Known) -> bool:
    if not rec.text_ar:
        return False
    existing = known.arabic.get(obj.pk)
    if existing is None:
        RecommendationText(
            recommendation=obj, language="ar", text=rec.text_ar, source="DIDH database"
        ).save()
        return True
    if existing.text != rec.text_ar:
        existing.text = rec.text_ar
        existing.save()
        return True
    return False


def _status(
    obj: Recommendation,
    rec: DidhRecord,
    levels: dict[str, str],
    didh: Organisation,
    export: DidhExport,
    ctx: ImportContext,
    known: _Known,
) -> bool:
    if export.as_of is None:
        raise ctx.fail("RecomOrgs.csv holds no date: the statuses cannot be dated")
    progress = f" ({rec.progress} %)" if rec.progress is not None else ""
    text = f"{rec.status}{progress}" + (f"\n{rec.observation}" if rec.observation else "")
    values = {"level": levels[rec.status], "text": text}
    existing = known.statuses.get((obj.pk, export.as_of))
    if existing is None:
        Assessment(
            recommendation=obj,
            source=Assessment.Source.GOVERNMENT,
            organisation=didh,
            date=export.as_of,
            publication_state=PublicationState.PUBLISHED,
            **values,
        ).save()
        return True
    if any(getattr(existing, k) != v for k, v in values.items()):
        for k, v in values.items():
            setattr(existing, k, v)
        existing.version += 1
        existing.save()
        return True
    return False


def _assignments(
    obj: Recommendation, rec: DidhRecord, bodies: dict[int, Organisation], known: _Known
) -> bool:
    present = known.assigned[obj.pk]
    changed = False
    for body_id in rec.bodies:
        org = bodies[body_id]
        if org.pk not in present:
            Assignment(recommendation=obj, organisation=org, role=Assignment.Role.LEAD).save()
            present.add(org.pk)
            changed = True
    return changed
