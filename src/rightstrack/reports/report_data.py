"""What an outward report (follow-up report, mid-term report, briefing pack, press kit)
may contain, and how it writes dates.

Reports leave the system: they are sent to committees, ministries and the
press. So they show only what the *public* may see AND what the requesting
user may see: every query goes through the permission helpers
(``accounts.permissions``, ``tracking.permissions``) and is then narrowed to
public, published, non-archived records. A coordinator who can see restricted
records (SPT visit reports, embargoed assessments) still gets a report
without them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from django.db.models import Q, QuerySet

from rightstrack.accounts.permissions import (
    visible_documents,
    visible_follow_up_requests,
    visible_recommendations,
)
from rightstrack.catalog.models import (
    Document,
    DocumentQuerySet,
    FollowUpRequest,
    RecommendationQuerySet,
    Visibility,
)
from rightstrack.tracking.models import (
    Action,
    Assessment,
    AssessmentQuerySet,
    Evidence,
    PublicationState,
)
from rightstrack.tracking.permissions import visible_actions, visible_evidence

#: Babel locale used for each UI language ("en" → British order: "1 December 2023",
#: as UN documents print dates).
_LOCALES = {"en": "en_GB", "zh-hans": "zh_Hans"}


def long_date(day: dt.date | None, language: str = "en") -> str:
    """``day`` written out in ``language`` ("1 December 2023"); "" for ``None``."""
    if day is None:
        return ""
    try:
        locale = Locale.parse(_LOCALES.get(language, language).replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse("en_GB")
    return str(format_date(day, format="long", locale=locale))


def report_documents(user: Any) -> DocumentQuerySet:
    """Documents a report for ``user`` may name: visible to ``user`` and public."""
    return visible_documents(user).filter(visibility=Visibility.PUBLIC)


def report_recommendations(user: Any) -> RecommendationQuerySet:
    """Recommendations a report for ``user`` may show: visible to ``user`` and public."""
    return visible_recommendations(user).public()


def report_follow_ups(user: Any) -> QuerySet[FollowUpRequest]:
    """Follow-up requests of public documents whose recommendation (if any) is public."""
    public_recs = report_recommendations(user).values("pk")
    return (
        visible_follow_up_requests(user)
        .filter(document__in=report_documents(user).values("pk"))
        .filter(Q(recommendation__isnull=True) | Q(recommendation__in=public_recs))
    )


def report_assessments(user: Any) -> AssessmentQuerySet:
    """Published, public assessments of public recommendations that ``user`` may see."""
    from rightstrack.tracking.permissions import visible_assessments

    return visible_assessments(user).public()


def report_evidence(user: Any, assessment: Assessment) -> list[Evidence]:
    """Published evidence of a (public, published) assessment, oldest first."""
    return list(
        visible_evidence(user)
        .filter(assessment=assessment, publication_state=PublicationState.PUBLISHED)
        .order_by("created_at", "id")
    )


def report_actions(user: Any) -> Any:
    """Actions of public plans published at least once (render ``last_published()``)."""
    return visible_actions(user).filter(pk__in=Action.objects.public().values("pk"))


@dataclass(frozen=True)
class AssessmentLine:
    """One published assessment as a report prints it.

    Attributes:
        date: date of the assessment (``datetime.date``).
        source: translated source label ("Government", "Civil society").
        organisation: organisation name ("" when none).
        level: ``tracking.models.Level`` value ("" when none).
        level_label: its translated label.
        grade_label: committee grade as printed ("" when none).
        text: the assessment text.
        evidence: "title: link" or "title (file name, SHA-256 …)" lines.
        document: symbol of the source document ("" when none).
    """

    date: dt.date
    source: str
    organisation: str
    level: str
    level_label: str
    grade_label: str
    text: str
    evidence: list[str] = field(default_factory=list)
    document: str = ""


def assessment_line(user: Any, a: Assessment) -> AssessmentLine:
    """An :class:`AssessmentLine` of ``a`` with its published evidence."""
    evidence = []
    for ev in report_evidence(user, a):
        title = ev.title or ev.original_name or ev.url
        if ev.url:
            evidence.append(f"{title}: {ev.url}" if title != ev.url else ev.url)
        else:
            evidence.append(f"{title} (file, SHA-256 {ev.sha256[:12]}…)")
    return AssessmentLine(
        date=a.date,
        source=str(a.get_source_display()),
        organisation=a.organisation.name if a.organisation else "",
        level=a.level,
        level_label=str(a.get_level_display()) if a.level else "",
        grade_label=a.grade_label,
        text=a.text,
        evidence=evidence,
        document=a.document.symbol if a.document else "",
    )


def find_document(user: Any, symbol: str) -> Document:
    """The public document with this symbol (or natural key) that ``user`` may see.

    Raises:
        Document.DoesNotExist: none (restricted documents are "not found", never revealed).
    """
    qs = report_documents(user)
    doc = qs.filter(symbol=symbol).order_by("id").first() or qs.filter(key=symbol).first()
    if doc is None:
        raise Document.DoesNotExist(f"no public document with symbol {symbol!r}")
    return doc
