"""The read endpoints of ``/api/v1/``: thin; every queryset comes from the permission helpers.

Recommendations go through the portal's own list (``portal.pages.RecommendationList``:
the same parameters, search, facets, visibility and sort as ``/recommendations.json``) and
rows (``portal.pages.result_rows``). Documents and follow-up requests come from
``accounts.permissions.visible_*``; deadlines from ``tracking.deadlines.build_calendar``,
which applies ``tracking.permissions``. A hidden or restricted object is a 404 with the
same body as a missing one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router
from ninja.renderers import JSONRenderer

from rightstrack.accounts.permissions import (
    get_document_for_user,
    public_author,
    visible_communications,
    visible_documents,
    visible_follow_up_requests,
    visible_recommendations,
)
from rightstrack.api import schemas
from rightstrack.api.errors import ERRORS, ApiError
from rightstrack.api.pagination import decode_cursor, page_envelope
from rightstrack.api.params import PageQuery, RecommendationQuery, reject_unknown
from rightstrack.catalog.models import (
    Communication,
    CommunicationQuerySet,
    Country,
    Document,
    FollowUpRequest,
    Mechanism,
    Visibility,
)
from rightstrack.portal.filters import SORTS
from rightstrack.portal.pages import RecommendationList, recommendation_json, result_rows
from rightstrack.tracking import followup
from rightstrack.tracking.deadlines import KIND_LABELS, Filters, build_calendar
from rightstrack.tracking.permissions import visible_views_follow_ups

router = Router()


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _none_if_blank(value: Any) -> Any:
    return None if value == "" else value


# --------------------------------------------------------------------------- recommendations

#: Parameters of the recommendations list that are not the portal's list parameters.
_PAGING = ("cursor", "limit")


@router.get(
    "/recommendations",
    response={200: schemas.RecommendationPage, **ERRORS},
    url_name="recommendation_list",
    tags=["recommendations"],
)
def recommendation_list(request: HttpRequest, params: Query[RecommendationQuery]) -> Any:
    """Recommendations, filtered and searched as the portal list ``/recommendations.json``
    (same parameter names, same results and count), in pages of ``limit``."""
    reject_unknown(request, RecommendationQuery)
    if params.sort is not None and params.sort not in SORTS:
        raise ApiError(400, _("Unknown sort “%(sort)s”.") % {"sort": params.sort}, "sort")
    offset = decode_cursor(params.cursor)
    listing = RecommendationList(request)
    # The portal reads the same QueryDict; paging parameters are not list parameters.
    listing.params = type(listing.params).from_querydict(_without(request.GET, _PAGING))
    count = listing.total
    ids = listing.page_ids(offset, params.limit)
    rows = result_rows(listing.visible, ids, request) if ids else []
    # The rows are the portal's (``portal.rows``), already in the schema's shape: rendered
    # as they are rather than validated again field by field (ninja's response check cost
    # about 0.2 ms a row: 5 ms of a page of 25). Every response the tests get is checked
    # against the OpenAPI schema (``tests/api/conftest.py``, ``ApiClient``).
    envelope = page_envelope(request, count, offset, params.limit, rows)
    return HttpResponse(
        _JSON.render(request, envelope, response_status=200), content_type=_JSON_TYPE
    )


#: ninja's own JSON renderer and content type (what ``NinjaAPI.create_response`` writes).
_JSON = JSONRenderer()
_JSON_TYPE = f"{JSONRenderer.media_type}; charset=utf-8"


def _without(data: QueryDict, names: tuple[str, ...]) -> QueryDict:
    out = data.copy()
    for name in names:
        out.pop(name, None)
    return out


@router.get(
    "/recommendations/{int:pk}",
    response={200: schemas.RecommendationDetailOut, **ERRORS},
    url_name="recommendation_detail",
    tags=["recommendations"],
)
def recommendation_detail(request: HttpRequest, pk: int) -> Any:
    """One recommendation: the portal's ``/recommendations/{id}.json`` (the fields of a list
    result, ``same_text``: ids of the same text elsewhere that the requester may see, and
    ``texts``: the text by language code)."""
    reject_unknown(request, None)
    return recommendation_json(request, pk)


# --------------------------------------------------------------------------- documents


class DocumentQuery(PageQuery):
    country: list[str] = Field([], description="ISO3 code of the State concerned.")
    mechanism: list[str] = Field([], description="Mechanism code.")
    type: list[str] = Field([], description="Document type (concluding_observations...).")


def _document_row(request: HttpRequest, doc: Document, visible_ids: set[int]) -> dict[str, Any]:
    return {
        "id": doc.pk,
        "key": doc.key,
        "symbol": _none_if_blank(doc.symbol),
        "doc_type": doc.doc_type,
        "title": _none_if_blank(doc.title),
        "mechanism": doc.mechanism.code,
        "country": doc.country.iso3 if doc.country else None,
        "language": doc.language,
        "adopted_on": _iso(doc.adopted_on),
        "published_on": _iso(doc.published_on),
        "session": _none_if_blank(doc.session),
        "upr_cycle": doc.upr_cycle,
        "hrc_session": doc.hrc_session,
        # A parent the requester may not see is not named.
        "parent": doc.parent_id if doc.parent_id in visible_ids else None,
        "next_report_label": _none_if_blank(doc.next_report_label),
        "next_report_due": _iso(doc.next_report_due),
        "next_report_year": doc.next_report_year,
        "recommendations": getattr(doc, "n_recommendations", 0),
        "url": request.build_absolute_uri(reverse("portal:document_detail", args=[doc.pk])),
        "api_url": request.build_absolute_uri(reverse("api:document_detail", args=[doc.pk])),
    }


def _documents(request: HttpRequest) -> QuerySet[Document]:
    recs = visible_recommendations(request.user)
    return (
        visible_documents(request.user)
        .select_related("mechanism", "country")
        .annotate(
            n_recommendations=Count(
                "recommendations", filter=Q(recommendations__in=recs.values("pk"))
            )
        )
    )


def _parent_ids(request: HttpRequest, docs: list[Document]) -> set[int]:
    parents = {d.parent_id for d in docs if d.parent_id}
    if not parents:
        return set()
    return set(visible_documents(request.user).filter(pk__in=parents).values_list("pk", flat=True))


@router.get(
    "/documents",
    response={200: schemas.DocumentPage, **ERRORS},
    url_name="document_list",
    tags=["documents"],
)
def document_list(request: HttpRequest, params: Query[DocumentQuery]) -> Any:
    """Documents the requester may see, newest adoption first."""
    reject_unknown(request, DocumentQuery)
    offset = decode_cursor(params.cursor)
    qs = visible_documents(request.user)
    if params.country:
        qs = qs.filter(country__iso3__in=[c.upper() for c in params.country])
    if params.mechanism:
        qs = qs.filter(mechanism__code__in=[m.upper() for m in params.mechanism])
    if params.type:
        qs = qs.filter(doc_type__in=params.type)
    count = qs.count()
    ids = list(
        qs.order_by("-adopted_on", "-id").values_list("pk", flat=True)[
            offset : offset + params.limit
        ]
    )
    found = _documents(request).in_bulk(ids)
    docs = [found[pk] for pk in ids if pk in found]
    parents = _parent_ids(request, docs)
    rows = [_document_row(request, d, parents) for d in docs]
    return page_envelope(request, count, offset, params.limit, rows)


@router.get(
    "/documents/{int:pk}",
    response={200: schemas.DocumentOut, **ERRORS},
    url_name="document_detail",
    tags=["documents"],
)
def document_detail(request: HttpRequest, pk: int) -> Any:
    """One document the requester may see."""
    reject_unknown(request, None)
    doc = get_document_for_user(request.user, pk)
    doc = _documents(request).get(pk=doc.pk)
    return _document_row(request, doc, _parent_ids(request, [doc]))


# --------------------------------------------------------------------------- communications


class CommunicationQuery(PageQuery):
    country: list[str] = Field([], description="ISO3 code of the State party.")
    mechanism: list[str] = Field([], description="Committee code (CCPR, CAT...).")
    status: list[str] = Field([], description="views_adopted, inadmissible, discontinued.")


def _public_communications(request: HttpRequest) -> CommunicationQuerySet:
    """Public communications only, whoever asks (a pending one is restricted by default)."""
    return visible_communications(request.user).filter(visibility=Visibility.PUBLIC)


def _step_row(step: Any) -> dict[str, Any]:
    return {
        "kind": step.kind,
        "date": step.date.isoformat(),
        "symbol": _none_if_blank(step.symbol),
        "grade": _none_if_blank(step.grade_label),
        "dialogue": _none_if_blank(step.dialogue),
    }


def _communication_row(request: HttpRequest, comm: Communication) -> dict[str, Any]:
    steps = visible_views_follow_ups(None).filter(communication=comm)
    return {
        "id": comm.pk,
        "mechanism": comm.mechanism.code,
        "number": comm.number,
        "symbol": _none_if_blank(comm.symbol),
        "country": comm.country.iso3 if comm.country else None,
        "author": _none_if_blank(public_author(comm, None)),
        "status": comm.status,
        "outcome": _none_if_blank(comm.outcome),
        "views_adopted_on": _iso(comm.views_adopted_on),
        "articles_violated": list(comm.articles_violated),
        "remedies": list(comm.remedies),
        "reply_period": _none_if_blank(comm.reply_period_text),
        "reply_due": _iso(comm.reply_due),
        "reply_due_basis": _none_if_blank(comm.reply_due_basis),
        "follow_up": [_step_row(s) for s in steps],
        "url": request.build_absolute_uri(reverse("portal:communication_detail", args=[comm.pk])),
        "api_url": request.build_absolute_uri(reverse("api:communication_detail", args=[comm.pk])),
    }


@router.get(
    "/communications",
    response={200: schemas.CommunicationPage, **ERRORS},
    url_name="communication_list",
    tags=["communications"],
)
def communication_list(request: HttpRequest, params: Query[CommunicationQuery]) -> Any:
    """Public individual communications (Views), newest Views first."""
    reject_unknown(request, CommunicationQuery)
    offset = decode_cursor(params.cursor)
    qs = _public_communications(request)
    if params.country:
        qs = qs.filter(country__iso3__in=[c.upper() for c in params.country])
    if params.mechanism:
        qs = qs.filter(mechanism__code__in=[m.upper() for m in params.mechanism])
    if params.status:
        qs = qs.filter(status__in=params.status)
    count = qs.count()
    page = qs.select_related("mechanism", "country").order_by("-views_adopted_on", "-id")
    rows = [_communication_row(request, c) for c in page[offset : offset + params.limit]]
    return page_envelope(request, count, offset, params.limit, rows)


@router.get(
    "/communications/{int:pk}",
    response={200: schemas.CommunicationOut, **ERRORS},
    url_name="communication_detail",
    tags=["communications"],
)
def communication_detail(request: HttpRequest, pk: int) -> Any:
    """One public communication (404 for a restricted one, like a missing one)."""
    reject_unknown(request, None)
    comm = _public_communications(request).select_related("mechanism", "country").filter(pk=pk)
    found = comm.first()
    if found is None:
        raise Http404("No such communication")
    return _communication_row(request, found)


# --------------------------------------------------------------------------- countries


def _counts_by(request: HttpRequest, field: str) -> dict[Any, int]:
    rows = (
        visible_recommendations(request.user)
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values_list(field, "n")
    )
    return dict(rows)


def _country_row(request: HttpRequest, c: Country, counts: dict[Any, int]) -> dict[str, Any]:
    return {
        "iso3": c.iso3,
        "iso2": _none_if_blank(c.iso2),
        "m49": _none_if_blank(c.m49),
        "name": c.name,
        "name_en": c.name_en,
        "name_fr": _none_if_blank(c.name_fr),
        "name_es": _none_if_blank(c.name_es),
        "name_ru": _none_if_blank(c.name_ru),
        "name_zh": _none_if_blank(c.name_zh),
        "name_ar": _none_if_blank(c.name_ar),
        "region": _none_if_blank(c.region),
        "un_member": c.un_member,
        "recommendations": counts.get(c.pk, 0),
        "url": request.build_absolute_uri(reverse("portal:country_detail", args=[c.iso3])),
        "api_url": request.build_absolute_uri(reverse("api:country_detail", args=[c.iso3])),
    }


@router.get(
    "/countries",
    response={200: schemas.CountryPage, **ERRORS},
    url_name="country_list",
    tags=["countries"],
)
def country_list(request: HttpRequest, params: Query[PageQuery]) -> Any:
    """Every State of the reference list (ISO3 order) with its visible recommendations."""
    return _reference_page(
        request, params, Country.objects.order_by("iso3"), "country_id", _country_row
    )


@router.get(
    "/countries/{iso3}",
    response={200: schemas.CountryOut, **ERRORS},
    url_name="country_detail",
    tags=["countries"],
)
def country_detail(request: HttpRequest, iso3: str) -> Any:
    """One State by its ISO 3166 alpha-3 code (any case)."""
    reject_unknown(request, None)
    country = get_object_or_404(Country, iso3=iso3.upper())
    counts = {country.pk: visible_recommendations(request.user).filter(country=country).count()}
    return _country_row(request, country, counts)


def _reference_page(
    request: HttpRequest,
    params: PageQuery,
    qs: QuerySet[Any],
    count_field: str,
    row: Callable[[HttpRequest, Any, dict[Any, int]], dict[str, Any]],
) -> dict[str, Any]:
    """One page of a reference list (countries, mechanisms): every row of ``qs`` with the
    number of recommendations the requester may see (counted by ``count_field``)."""
    reject_unknown(request, PageQuery)
    offset = decode_cursor(params.cursor)
    counts = _counts_by(request, count_field)
    rows = [row(request, obj, counts) for obj in qs[offset : offset + params.limit]]
    return page_envelope(request, qs.count(), offset, params.limit, rows)


# --------------------------------------------------------------------------- mechanisms


def _mechanism_row(request: HttpRequest, m: Mechanism, counts: dict[Any, int]) -> dict[str, Any]:
    return {
        "code": m.code,
        "kind": m.kind,
        "name": m.name,
        "treaty": _none_if_blank(m.treaty),
        "symbol_prefix": _none_if_blank(m.symbol_prefix),
        "recommendations": counts.get(m.pk, 0),
        "api_url": request.build_absolute_uri(reverse("api:mechanism_detail", args=[m.code])),
    }


@router.get(
    "/mechanisms",
    response={200: schemas.MechanismPage, **ERRORS},
    url_name="mechanism_list",
    tags=["mechanisms"],
)
def mechanism_list(request: HttpRequest, params: Query[PageQuery]) -> Any:
    """Every mechanism (code order) with its visible recommendations."""
    return _reference_page(
        request, params, Mechanism.objects.order_by("code"), "mechanism_id", _mechanism_row
    )


@router.get(
    "/mechanisms/{code}",
    response={200: schemas.MechanismOut, **ERRORS},
    url_name="mechanism_detail",
    tags=["mechanisms"],
)
def mechanism_detail(request: HttpRequest, code: str) -> Any:
    """One mechanism by its code (``CCPR``, ``UPR``; any case)."""
    reject_unknown(request, None)
    mechanism = get_object_or_404(Mechanism, code=code.upper())
    counts = {
        mechanism.pk: visible_recommendations(request.user).filter(mechanism=mechanism).count()
    }
    return _mechanism_row(request, mechanism, counts)


# --------------------------------------------------------------------------- follow-up requests


class FollowUpQuery(PageQuery):
    country: list[str] = Field([], description="ISO3 code of the document's State.")
    mechanism: list[str] = Field([], description="Mechanism code of the document.")
    kind: list[str] = Field([], description="follow_up, particular_importance, ...")


def _follow_up_row(
    request: HttpRequest, fr: FollowUpRequest, today: dt.date, visible_docs: set[int]
) -> dict[str, Any]:
    doc = fr.document
    return {
        "id": fr.pk,
        "document": doc.pk,
        "symbol": _none_if_blank(doc.symbol),
        "recommendation": fr.recommendation_id,
        "item": fr.item,
        "kind": fr.kind,
        "period_text": _none_if_blank(fr.period_text),
        "due_on": _iso(fr.due_on),
        "due_basis": _none_if_blank(fr.due_basis),
        "source_paragraph": _none_if_blank(fr.source_paragraph),
        "reply_received_on": _iso(fr.reply_received_on),
        # A reply document the requester may not see is not named.
        "reply_document": fr.reply_document_id if fr.reply_document_id in visible_docs else None,
        "state": followup.state_of(fr, today),
        "country": doc.country.iso3 if doc.country else None,
        "mechanism": doc.mechanism.code,
        "api_url": request.build_absolute_uri(reverse("api:follow_up_detail", args=[fr.pk])),
    }


def _reply_docs(request: HttpRequest, items: list[FollowUpRequest]) -> set[int]:
    ids = {fr.reply_document_id for fr in items if fr.reply_document_id}
    if not ids:
        return set()
    return set(visible_documents(request.user).filter(pk__in=ids).values_list("pk", flat=True))


@router.get(
    "/follow-up-requests",
    response={200: schemas.FollowUpRequestPage, **ERRORS},
    url_name="follow_up_list",
    tags=["follow-up"],
)
def follow_up_list(request: HttpRequest, params: Query[FollowUpQuery]) -> Any:
    """Follow-up requests the requester may see, by due date (undated last)."""
    reject_unknown(request, FollowUpQuery)
    offset = decode_cursor(params.cursor)
    qs = visible_follow_up_requests(request.user)
    if params.country:
        qs = qs.filter(document__country__iso3__in=[c.upper() for c in params.country])
    if params.mechanism:
        qs = qs.filter(document__mechanism__code__in=[m.upper() for m in params.mechanism])
    if params.kind:
        qs = qs.filter(kind__in=params.kind)
    count = qs.count()
    page = list(
        qs.select_related("document__country", "document__mechanism").order_by(
            F("due_on").asc(nulls_last=True), "id"
        )[offset : offset + params.limit]
    )
    today = timezone.localdate()
    docs = _reply_docs(request, page)
    rows = [_follow_up_row(request, fr, today, docs) for fr in page]
    return page_envelope(request, count, offset, params.limit, rows)


@router.get(
    "/follow-up-requests/{int:pk}",
    response={200: schemas.FollowUpRequestOut, **ERRORS},
    url_name="follow_up_detail",
    tags=["follow-up"],
)
def follow_up_detail(request: HttpRequest, pk: int) -> Any:
    """One follow-up request the requester may see."""
    reject_unknown(request, None)
    try:
        fr = (
            visible_follow_up_requests(request.user)
            .select_related("document__country", "document__mechanism")
            .get(pk=pk)
        )
    except FollowUpRequest.DoesNotExist:
        raise Http404 from None
    return _follow_up_row(request, fr, timezone.localdate(), _reply_docs(request, [fr]))


# --------------------------------------------------------------------------- deadlines


class DeadlineQuery(PageQuery):
    """The parameters of ``rightstrack deadlines`` (``--from`` and ``--to`` are ``from``
    and ``to``)."""

    country: str | None = Field(None, description="ISO3 code, e.g. BRA.")
    mechanism: str | None = Field(None, description="Mechanism code, e.g. CERD.")
    start: dt.date | None = Field(None, alias="from", description="First day (YYYY-MM-DD).")
    end: dt.date | None = Field(None, alias="to", description="Last day (YYYY-MM-DD).")
    kind: list[str] = Field([], description="Only these kinds: " + ", ".join(KIND_LABELS))
    date: dt.date | None = Field(None, description="Judge states as of this day (default today).")


@router.get(
    "/deadlines",
    response={200: schemas.DeadlinePage, **ERRORS},
    url_name="deadline_list",
    tags=["deadlines"],
)
def deadline_list(request: HttpRequest, params: Query[DeadlineQuery]) -> Any:
    """Dated events of the calendar the requester may see (follow-up replies, periodic and
    UPR mid-term reports, action targets, indicator measurements, six months since), by
    date; each in the shape of ``rightstrack deadlines --json``."""
    reject_unknown(request, DeadlineQuery)
    unknown = sorted(set(params.kind) - set(KIND_LABELS))
    if unknown:
        raise ApiError(400, _("Unknown kind “%(kind)s”.") % {"kind": unknown[0]}, "kind")
    offset = decode_cursor(params.cursor)
    filters = Filters(
        country=(params.country or "").upper() or None,
        mechanism=(params.mechanism or "").upper() or None,
        start=params.start,
        end=params.end,
        kinds=frozenset(params.kind) if params.kind else None,
    )
    events = build_calendar(request.user, params.date or timezone.localdate(), filters)
    rows = [e.as_json() for e in events[offset : offset + params.limit]]
    return page_envelope(request, len(events), offset, params.limit, rows)
