"""What a report may read: every query the reports app makes of the catalogue and tracking.

Everything here starts from the permission helpers (``accounts.permissions``:
``visible_documents``, ``visible_recommendations``, ``visible_follow_up_requests``,
``get_document_for_user``, ``get_recommendation_for_user``, ``public_name``;
``tracking.permissions``: ``visible_actions``, ``visible_assessments``,
``visible_evidence``, ``visible_assignments``) and only narrows what they return;
no other module of the reports app calls them, and nothing else decides who may
see what. Two rules, by where the output goes:

Outward reports (``report_*``, :func:`assessment_line`, :func:`find_document`,
:func:`public_recommendations_of`)
    The follow-up report, the mid-term report, the briefing pack, the press kit,
    the share images and the translators' PO files leave the system: they are sent to committees,
    ministries and the press. They show only what the *public* may see AND
    what the requesting user may see: public, published, non-archived records.
    A coordinator who can see restricted records (SPT visit reports, embargoed
    assessments) still gets a report without them.

On-screen outputs and exports (``shown_*``, :func:`published_assessments`, ``*_export``)
    Charts, feeds, plain-language summaries and exports show what the
    requesting user may see, as the portal does: a coordinator's chart or
    export holds restricted records (never archived ones); drafts, restricted
    assessments and hidden contributor names never reach anyone else's. The
    recommendations export filters and orders exactly as the portal list
    (:func:`rightstrack.portal.filters.listed`) and reads rows with
    :func:`rightstrack.portal.rows.stream_rows` (its CSV: the cells of the same rows,
    :func:`rightstrack.portal.rows.stream_cells`).

``user`` is a request user, ``AnonymousUser`` or ``None`` (public data only).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from rightstrack.accounts.permissions import (
    can_see_restricted,
    get_document_for_user,
    get_recommendation_for_user,
    public_name,
    visible_communications,
    visible_documents,
    visible_follow_up_requests,
    visible_recommendations,
)
from rightstrack.accounts.types import Viewer
from rightstrack.catalog.models import (
    Communication,
    CommunicationQuerySet,
    Document,
    DocumentQuerySet,
    FollowUpRequest,
    Recommendation,
    RecommendationQuerySet,
    Theme,
    Visibility,
)
from rightstrack.portal.filters import ListParams, filtered, listed
from rightstrack.portal.rows import (
    CHUNK_SIZE,
    recommendation_url_maker,
    stream_cells,
    stream_rows,
)
from rightstrack.tracking.models import (
    Action,
    Assessment,
    AssessmentQuerySet,
    Assignment,
    Commitment,
    Engagement,
    EngagementQuerySet,
    Evidence,
    PublicationState,
    Selection,
    ViewsFollowUp,
)
from rightstrack.tracking.permissions import (
    get_selection_for_user,
    selection_recommendations,
    shown_action,
    visible_actions,
    visible_assessments,
    visible_assignments,
    visible_commitments,
    visible_engagements,
    visible_evidence,
    visible_selections,
    visible_views_follow_ups,
)

#: Rows of an export and a callable giving their number (counted only if asked).
ExportRows = tuple[Iterable[Any], Callable[[], int]]

# --------------------------------------------------------------------------- outward reports


def report_documents(user: Viewer | None) -> DocumentQuerySet:
    """Documents a report for ``user`` may name: visible to ``user`` and public."""
    return visible_documents(user).filter(visibility=Visibility.PUBLIC)


def report_communications(user: Viewer | None) -> CommunicationQuerySet:
    """Communications a report for ``user`` may name: visible to ``user`` and public
    (a pending communication is restricted by default, so never reaches a report)."""
    return visible_communications(user).filter(visibility=Visibility.PUBLIC)


def report_communication(user: Viewer | None, pk: int) -> Communication:
    """One public communication ``user`` may see.

    Raises:
        Http404: restricted, archived, not visible to ``user``, or no such communication.
    """
    comm = report_communications(user).select_related("mechanism", "country").filter(pk=pk)
    found = comm.first()
    if found is None:
        raise Http404("No such communication")
    return found


def report_views_follow_ups(user: Viewer | None) -> QuerySet[ViewsFollowUp]:
    """Follow-up steps of Views a report may show: visible to ``user`` and public."""
    return visible_views_follow_ups(user).filter(
        visibility=Visibility.PUBLIC, communication__visibility=Visibility.PUBLIC
    )


def report_recommendations(user: Viewer | None) -> RecommendationQuerySet:
    """Recommendations a report for ``user`` may show: visible to ``user`` and public."""
    return visible_recommendations(user).public()


def report_recommendation(user: Viewer | None, pk: int) -> Recommendation:
    """The recommendation ``pk`` if a report for ``user`` may show it (share images).

    Raises:
        Http404: no such recommendation, ``user`` may not see it, or it or its
            document is not public.
    """
    rec: Recommendation = get_recommendation_for_user(user, pk)
    if rec.visibility != Visibility.PUBLIC or rec.document.visibility != Visibility.PUBLIC:
        raise Http404("No such recommendation")
    return rec


def report_follow_ups(user: Viewer | None) -> QuerySet[FollowUpRequest]:
    """Follow-up requests of public documents whose recommendation (if any) is public."""
    public_recs = report_recommendations(user).values("pk")
    return (
        visible_follow_up_requests(user)
        .filter(document__in=report_documents(user).values("pk"))
        .filter(Q(recommendation__isnull=True) | Q(recommendation__in=public_recs))
    )


def report_assessments(user: Viewer | None) -> AssessmentQuerySet:
    """Published, public assessments of public recommendations that ``user`` may see."""
    return visible_assessments(user).public()


def report_evidence(user: Viewer | None, assessment: Assessment) -> list[Evidence]:
    """Published evidence of a (public, published) assessment, oldest first."""
    return list(
        visible_evidence(user)
        .filter(assessment=assessment, publication_state=PublicationState.PUBLISHED)
        .order_by("created_at", "id")
    )


def report_actions(user: Viewer | None) -> QuerySet[Action]:
    """Actions of public plans published at least once (show them through
    :func:`published_version`)."""
    return visible_actions(user).filter(pk__in=Action.objects.public().values("pk"))


def published_version(action: Action) -> Any:
    """The version of ``action`` a report prints: the last published one, as the public
    sees it (``tracking.permissions.shown_action`` for an anonymous reader), or ``None``."""
    shown = shown_action(None, action)
    return shown.data if shown is not None else None


@dataclass(frozen=True)
class ActionLine:
    """A plan action on a recommendation as reports print it: its last published version."""

    title: str
    status: str  # a ``tracking.Action.Status`` value
    status_label: str
    target_date: dt.date | None
    responsible: str

    @property
    def is_open(self) -> bool:
        """Neither completed nor cancelled."""
        return self.status not in (Action.Status.COMPLETED, Action.Status.CANCELLED)


def published_actions(user: Viewer | None, recommendation: Any) -> list[ActionLine]:
    """The public plans' actions on ``recommendation`` as last published, by target date
    (briefing packs, parallel reports); an action never published is left out."""
    lines = []
    qs = report_actions(user).filter(recommendations=recommendation).select_related("responsible")
    for action in qs.order_by("target_date", "id"):
        shown = published_version(action)
        if shown is None:
            continue
        lines.append(
            ActionLine(
                title=shown.title,
                status=shown.status,
                status_label=str(Action.Status(shown.status).label),
                target_date=shown.target_date,
                responsible=action.responsible.name if action.responsible else "",
            )
        )
    return lines


def public_symbol(document: Document | None) -> str:
    """The symbol of ``document`` if a report may cite it: public documents only ("" else).

    A report sent to a committee or published cites no restricted document, whoever
    builds it (a State's confidential reply stays unnamed).
    """
    if document is None or document.visibility != Visibility.PUBLIC:
        return ""
    return document.symbol


def report_assignments(user: Viewer | None, organisation: Any) -> QuerySet[Assignment]:
    """Assignments of public recommendations to ``organisation`` that ``user`` may see.

    Args:
        user: the requesting user.
        organisation: an ``accounts.Organisation``.

    Returns:
        The assignments, with their recommendation and its document joined.
    """
    return (
        visible_assignments(user)
        .filter(
            organisation=organisation, recommendation__in=report_recommendations(user).values("pk")
        )
        .select_related("recommendation__document")
    )


def report_engagements(user: Viewer | None) -> EngagementQuerySet:
    """Engagements a report may show: visible to ``user`` AND public. "Organisation
    only" and restricted engagements never enter a report, whoever builds it."""
    return visible_engagements(user).public()


def report_commitments(user: Viewer | None, engagements: Iterable[Engagement]) -> list[Commitment]:
    """Non-archived commitments of ``engagements`` (which come from
    :func:`report_engagements`), in the order they were recorded."""
    public = report_engagements(user).filter(pk__in=[e.pk for e in engagements])
    return list(
        visible_commitments(user)
        .filter(engagement__in=public.values("pk"))
        .select_related("by_whom")
        .order_by("engagement_id", "id")
    )


def report_selections(user: Viewer | None) -> QuerySet[Selection]:
    """Selections ``user`` may turn into a report: their own and their organisation's."""
    return visible_selections(user)


def report_selection(user: Viewer | None, pk: Any) -> Selection:
    """A selection ``user`` may see (briefing packs, exports).

    Raises:
        Http404: no such selection, or not ``user``'s nor shared with their organisation.
    """
    return get_selection_for_user(user, pk)


def report_selection_recommendations(
    user: Viewer | None, selection: Selection
) -> RecommendationQuerySet:
    """The public recommendations of ``selection`` that ``user`` may see, in document order."""
    public = report_recommendations(user).values("pk")
    return selection_recommendations(user, selection).filter(pk__in=public)


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


def assessment_line(user: Viewer | None, a: Assessment) -> AssessmentLine:
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


def find_document(user: Viewer | None, symbol: str) -> Document:
    """The public document with this symbol (or natural key) that ``user`` may see.

    Raises:
        Document.DoesNotExist: none (restricted documents are "not found", never revealed).
    """
    qs = report_documents(user)
    doc = qs.filter(symbol=symbol).order_by("id").first() or qs.filter(key=symbol).first()
    if doc is None:
        raise Document.DoesNotExist(f"no public document with symbol {symbol!r}")
    return doc


# --------------------------------------------------------------------------- on screen


def shown_document(user: Viewer | None, pk: int) -> Document:
    """The document ``pk`` if ``user`` may see it (plain-language summary pages).

    Raises:
        Http404: no such document, or ``user`` may not see it.
    """
    return get_document_for_user(user, pk)


def shown_recommendations(user: Viewer | None) -> RecommendationQuerySet:
    """Recommendations ``user`` may see (charts, feeds, plain-language summaries)."""
    return visible_recommendations(user)


def shown_theme(user: Viewer | None, slug: str) -> Theme:
    """The theme ``slug`` if ``user`` may know of it (theme feeds).

    A coordinator (who sees restricted records) may know of every theme; anyone
    else only of a theme that tags at least one recommendation they may see. A
    theme used only by restricted records is then "not found", like an unknown one.

    Raises:
        Http404: no such theme, or none of its recommendations is visible to ``user``.
    """
    theme = Theme.objects.filter(slug=slug).first()
    if theme is None or not (
        can_see_restricted(user) or shown_recommendations(user).filter(themes=theme).exists()
    ):
        raise Http404("no such theme")
    return theme


def shown_follow_ups(user: Viewer | None) -> QuerySet[FollowUpRequest]:
    """Follow-up requests ``user`` may see (deadline chart, feeds, plain-language summaries)."""
    return visible_follow_up_requests(user)


def shown_assignments(user: Viewer | None) -> QuerySet[Assignment]:
    """Assignments ``user`` may see (status-by-institution chart)."""
    return visible_assignments(user)


def public_recommendations_of(document: Document) -> RecommendationQuerySet:
    """The public recommendations of ``document`` if it is public, in printed order
    (the plain-language PO files sent to translators)."""
    return (
        visible_recommendations(None)
        .filter(document=document, document__visibility=Visibility.PUBLIC)
        .order_by("order", "id")
    )


@dataclass(frozen=True)
class AssessmentView:
    """A published assessment as feeds show it."""

    pk: int
    recommendation: Recommendation
    level_label: str
    text: str
    published_at: dt.datetime


def published_assessments(
    user: Viewer | None, recs: QuerySet[Recommendation]
) -> list[AssessmentView]:
    """Published assessments of ``recs`` that ``user`` may see, newest first (200 at most)."""
    qs = (
        visible_assessments(user)
        .filter(publication_state=PublicationState.PUBLISHED, recommendation__in=recs.values("pk"))
        .select_related("recommendation__document")
        .order_by("-date", "-id")
    )
    return [
        AssessmentView(
            pk=a.pk,
            recommendation=a.recommendation,
            level_label=str(a.get_level_display() or a.grade_label or _("assessed")),
            text=a.text,
            published_at=a.reviewed_at or a.updated_at,
        )
        for a in qs[:200]
    ]


# --------------------------------------------------------------------------- exports


def _export_recommendations(
    user: Viewer | None, params: QueryDict, *, ordered: bool
) -> QuerySet[Recommendation]:
    """Recommendations ``user`` may see, filtered by the portal's list parameters plus ``kind``.

    ``ordered``: in the list's order (:func:`~rightstrack.portal.filters.listed`), else
    unordered (for ``IN`` subqueries).
    """
    lang = get_language()
    listing = ListParams.from_querydict(params)
    visible = visible_recommendations(user)
    if params.get("selection"):
        chosen = selection_recommendations(user, report_selection(user, params["selection"]))
        visible = visible.filter(pk__in=chosen.values("pk"))
    qs = listed(visible, listing, lang) if ordered else filtered(visible, listing, lang)
    kinds = [k for k in params.getlist("kind") if k in Recommendation.Kind.values]
    return qs.filter(kind__in=kinds) if kinds else qs


def recommendation_export(
    user: Viewer | None, params: QueryDict, *, base_url: str = ""
) -> ExportRows:
    """Rows of the recommendations export (``portal.rows`` rows, every tag looked up).

    Args:
        user: the requesting user; restricted rows only for coordinators and above.
        params: the portal's list parameters (``q``, ``country``, ``mechanism``,
            ``theme``, ``affected``, ``issue``, ``sdg``, ``position``,
            ``recommending_state``, ``cycle``, ``year``, ``document``, ``sort``;
            see :mod:`rightstrack.portal.filters`), plus ``kind``
            (``recommendation`` | ``concern``). ``page`` is ignored: no row cap.
        base_url: scheme and host put before each row's ``url`` ("" for relative links).

    Returns:
        The rows, lazily, in the portal list's order for the same parameters (newest
        first by default, ``sort=document`` for printed order), and their count.
    """
    qs = _export_recommendations(user, params, ordered=True)
    rows = stream_rows(qs, url_for=recommendation_url_maker(base_url), chunk_size=CHUNK_SIZE)
    return rows, qs.count


def recommendation_cells(
    user: Viewer | None, params: QueryDict, *, base_url: str = ""
) -> ExportRows:
    """The cells (CSV and XLSX) of the recommendations export's ``default`` layout: the rows of
    :func:`recommendation_export` (same user, parameters, visibility and order), each as
    its cells in the columns of ``portal.rows.RECOMMENDATION_COLUMNS``
    (:func:`rightstrack.portal.rows.stream_cells`: no dictionary per row).

    Args:
        user, params, base_url: as for :func:`recommendation_export`.

    Returns:
        The rows' cells, lazily, and their count.
    """
    qs = _export_recommendations(user, params, ordered=True)
    cells = stream_cells(qs, url_for=recommendation_url_maker(base_url), chunk_size=CHUNK_SIZE)
    return cells, qs.count


def _has_rec_filter(params: QueryDict) -> bool:
    return any(k not in {"layout", "page", "sort", "status", "source", "level"} for k in params)


def _rec_ref(rec: Recommendation) -> str:
    return f"{rec.document.symbol} {rec.paragraph}".strip()


def action_export(user: Viewer | None, params: QueryDict) -> ExportRows:
    """Rows (dicts) of the actions export: each action as the public last saw it.

    Args:
        user: the requesting user (``tracking.permissions.shown_action`` picks the version
            they may see; a draft edit never shows to others).
        params: the recommendations export's parameters (actions addressing a
            matching recommendation) plus ``status`` (repeatable).

    Returns:
        Rows with keys ``id``, ``plan``, ``title``, ``description``, ``status``,
        ``responsible``, ``start_date``, ``target_date``, ``recommendations``
        (list of "symbol paragraph"), by id; and their count (before hiding
        actions with no version to show).
    """
    qs = visible_actions(user).select_related("plan", "responsible").order_by("id")
    if _has_rec_filter(params):
        recs = _export_recommendations(user, params, ordered=False)
        qs = qs.filter(recommendations__in=recs.values("pk")).distinct()
    if params.get("status"):
        qs = qs.filter(status__in=params.getlist("status"))
    return _shown_actions(qs, user), qs.count


def _shown_actions(qs: QuerySet[Action], user: Viewer | None) -> Iterator[dict[str, Any]]:
    visible = visible_recommendations(user).values("pk")
    for action in qs.iterator(chunk_size=500):
        view = shown_action(user, action)
        if view is None:
            continue
        shown = view.data
        recs = action.recommendations.filter(pk__in=visible).select_related("document")
        yield {
            "id": action.pk,
            "plan": action.plan.title,
            "title": shown.title,
            "description": shown.description,
            "status": shown.status,
            "responsible": action.responsible.name if action.responsible else "",
            "start_date": shown.start_date,
            "target_date": shown.target_date,
            "recommendations": [_rec_ref(r) for r in recs],
        }


def assessment_export(user: Viewer | None, params: QueryDict) -> ExportRows:
    """Rows (dicts) of the assessments export, author names as ``public_name`` shows them.

    Args:
        user: the requesting user.
        params: the recommendations export's parameters (assessments of a matching
            recommendation) plus ``source`` and ``level`` (repeatable).

    Returns:
        Rows with keys ``id``, ``recommendation`` ("symbol paragraph"),
        ``recommendation_id``, ``source``, ``organisation``, ``author``, ``date``,
        ``level``, ``grade``, ``text``, ``publication_state``, ``source_document``,
        by recommendation then newest first; and their count.
    """
    qs = (
        visible_assessments(user)
        .select_related("recommendation__document", "organisation", "author", "document")
        .order_by("recommendation_id", "-date", "-id")
    )
    if _has_rec_filter(params):
        recs = _export_recommendations(user, params, ordered=False)
        qs = qs.filter(recommendation__in=recs.values("pk"))
    for name in ("source", "level"):
        if params.get(name):
            qs = qs.filter(**{f"{name}__in": params.getlist(name)})
    rows = (
        {
            "id": a.pk,
            "recommendation": _rec_ref(a.recommendation),
            "recommendation_id": a.recommendation_id,
            "source": a.source,
            "organisation": a.organisation.name if a.organisation else "",
            "author": public_name(a.author, user),
            "date": a.date,
            "level": a.level,
            "grade": a.grade_label,
            "text": a.text,
            "publication_state": a.publication_state,
            "source_document": a.document.symbol if a.document else "",
        }
        for a in qs.iterator(chunk_size=500)
    )
    return rows, qs.count
