"""State changes of country visits and inquiries, and the publication of their reports.

Verbs in the manner of ``tracking/actions.py``: each checks that the acting user is a
coordinator or admin (``PermissionDenied`` otherwise), runs in one transaction and
writes django-simple-history with the acting user and a reason; nothing is deleted
(``is_archived``). Edits and transitions are made against the ``version`` the user saw
(``StaleEdit``).

Lifecycle (``docs/visits.md``): a visit or inquiry is recorded *confidential*, with a
restricted report document (:func:`do_record_visit`) whose recommendations are entered
by hand, restricted (:func:`do_add_visit_recommendation`); the State then asks for
publication (OP-CAT art. 16 (2)) or the Committee decides to publish a summary (CAT
art. 20 (5)) (:func:`do_request_visit_publication`); once the report is out,
:func:`do_mark_visit_published` makes the document and its recommendations public, and
the portal, its search and the API show them from then on.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rightstrack.accounts.types import Viewer
from rightstrack.catalog.models import (
    Country,
    Document,
    Mechanism,
    Recommendation,
    Visibility,
    Visit,
)
from rightstrack.tracking.actions import StaleEdit, _claim, _save
from rightstrack.tracking.permissions import is_coordinator

__all__ = [
    "StaleEdit",
    "do_add_visit_recommendation",
    "do_archive_visit",
    "do_mark_visit_published",
    "do_record_visit",
    "do_request_visit_publication",
    "do_update_visit",
]

#: Fields a coordinator edits on the record's form (status and publication go through
#: the transitions below).
EDITABLE = (
    "title",
    "started_on",
    "ended_on",
    "confidential_reference",
    "transmitted_on",
    "national_preventive_mechanism",
    "publication_expected_on",
    "notes",
)

_DOC_TYPE = {
    Visit.Kind.VISIT: Document.Type.VISIT_REPORT,
    Visit.Kind.INQUIRY: Document.Type.INQUIRY_REPORT,
}


def _require_coordinator(user: Viewer | None) -> None:
    if not is_coordinator(user):
        raise PermissionDenied(_("Only coordinators can change visits and inquiries."))


def _check_dates(started_on: dt.date | None, ended_on: dt.date | None) -> None:
    if started_on and ended_on and ended_on < started_on:
        raise ValidationError(_("The visit cannot end before it starts."))


def _report_year(visit: Visit) -> int | None:
    day = visit.transmitted_on or visit.started_on
    return day.year if day else None


@transaction.atomic
def do_record_visit(
    user: Viewer,
    *,
    mechanism: Mechanism,
    country: Country,
    kind: str = Visit.Kind.VISIT,
    **fields: Any,
) -> Visit:
    """Record a visit or an inquiry as confidential, with its (restricted) report document.

    Args:
        mechanism: the SPT, a special procedure mandate, or the treaty body that holds
            the inquiry (CAT, CEDAW, CRPD...).
        country: the State visited or concerned.
        kind: ``"visit"`` or ``"inquiry"``.
        fields: any of :data:`EDITABLE` (dates as ``datetime.date``).

    Returns:
        The saved record (status ``confidential``); its ``document`` is a restricted
        visit or inquiry report keyed ``visit:<pk>`` until publication.

    Raises:
        PermissionDenied: ``user`` is not a coordinator or admin.
        ValidationError: the visit ends before it starts.
        TypeError: a field that is not editable.
    """
    _require_coordinator(user)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"cannot set {sorted(unknown)} on a visit")
    _check_dates(fields.get("started_on"), fields.get("ended_on"))
    visit = Visit(mechanism=mechanism, country=country, kind=kind, **fields)
    visit.status = Visit.Status.CONFIDENTIAL
    _save(visit, user, "visit recorded")
    doc = Document(
        key=f"visit:{visit.pk}",
        symbol=visit.confidential_reference,
        doc_type=_DOC_TYPE[Visit.Kind(kind)],
        title=visit.title,
        mechanism=mechanism,
        country=country,
        adopted_on=visit.transmitted_on,
        visibility=Visibility.RESTRICTED,
    )
    _save(doc, user, "confidential report of a visit recorded")
    visit.document = doc
    _save(visit, user, "report attached")
    return visit


@transaction.atomic
def do_update_visit(user: Viewer, visit: Visit, expected_version: int, **fields: Any) -> Visit:
    """Change the editable fields (:data:`EDITABLE`) of a visit or inquiry; the report's
    title, and its symbol while it is unpublished, follow.

    Raises:
        PermissionDenied: not a coordinator. StaleEdit: someone saved in between.
        ValidationError: the visit ends before it starts. TypeError: a field not editable.
    """
    _require_coordinator(user)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"cannot set {sorted(unknown)} on a visit")
    fresh = _claim(Visit, visit.pk, expected_version)
    for name, value in fields.items():
        setattr(fresh, name, value)
    _check_dates(fresh.started_on, fresh.ended_on)
    _save(fresh, user, "visit updated")
    if fresh.document is not None:
        doc = fresh.document
        doc.title = fresh.title
        if fresh.status != Visit.Status.PUBLISHED:
            doc.symbol = fresh.confidential_reference
            doc.adopted_on = fresh.transmitted_on
        _save(doc, user, "report of a visit updated")
    return fresh


@transaction.atomic
def do_add_visit_recommendation(
    user: Viewer, visit: Visit, *, paragraph: str, text: str
) -> Recommendation:
    """Enter one recommendation of the report by hand (paragraph as printed).

    It is restricted while the report is unpublished and public once it is published,
    like the report itself.

    Raises:
        PermissionDenied: not a coordinator.
        ValidationError: no paragraph or text, or the report already has this paragraph.
    """
    _require_coordinator(user)
    paragraph, text = paragraph.strip(), text.strip()
    if not paragraph or not text:
        raise ValidationError(_("Give the paragraph number and the text."))
    doc = visit.document
    if doc is None:  # recorded before reports were attached: never by the verbs above
        raise ValidationError(_("This record has no report."))
    key = f"{doc.key}#{paragraph}"
    if Recommendation.objects.filter(natural_key=key).exists():
        raise ValidationError(_("The report already has a recommendation with this paragraph."))
    digits = re.match(r"\d+", paragraph)
    order = int(digits.group()) if digits else doc.recommendations.count() + 1
    year = _report_year(visit)
    rec = Recommendation(
        natural_key=key,
        document=doc,
        paragraph=paragraph,
        order=order,
        mechanism=visit.mechanism,
        country=visit.country,
        date=visit.transmitted_on or visit.started_on,
        year=year,
        text=text,
        language="en",
        visibility=(
            Visibility.PUBLIC if visit.status == Visit.Status.PUBLISHED else Visibility.RESTRICTED
        ),
    )
    _save(rec, user, "recommendation of a visit report entered")
    return rec


@transaction.atomic
def do_request_visit_publication(
    user: Viewer, visit: Visit, expected_version: int, *, requested_on: dt.date
) -> Visit:
    """Record that the State asked for the report's publication (OP-CAT art. 16 (2)), or
    that the Committee decided to publish a summary of an inquiry (CAT art. 20 (5)).

    Nothing becomes public: the report stays restricted until it is marked published.

    Raises:
        PermissionDenied: not a coordinator. StaleEdit: someone saved in between.
        ValidationError: the record is already published.
    """
    _require_coordinator(user)
    fresh = _claim(Visit, visit.pk, expected_version)
    if fresh.status == Visit.Status.PUBLISHED:
        raise ValidationError(_("This report is already published."))
    fresh.status = Visit.Status.PUBLICATION_REQUESTED
    fresh.publication_requested_on = requested_on
    _save(fresh, user, "publication requested")
    return fresh


@transaction.atomic
def do_mark_visit_published(
    user: Viewer,
    visit: Visit,
    expected_version: int,
    *,
    published_on: dt.date,
    symbol: str,
) -> Visit:
    """Mark the report published: the document takes the published symbol, and it and
    its recommendations become public (the portal list, search, pages and API show them).

    The document's and recommendations' natural keys become the symbol's
    (``CAT/OP/PRY/1``, ``CAT/OP/PRY/1#28``), as an import of the published report would
    key them.

    Raises:
        PermissionDenied: not a coordinator. StaleEdit: someone saved in between.
        ValidationError: no symbol, already published, or another document of the
            catalogue already has this symbol as its key.
    """
    _require_coordinator(user)
    symbol = symbol.strip()
    if not symbol:
        raise ValidationError(_("Give the symbol of the published report."))
    fresh = _claim(Visit, visit.pk, expected_version)
    if fresh.status == Visit.Status.PUBLISHED:
        raise ValidationError(_("This report is already published."))
    doc = fresh.document
    if doc is None:
        raise ValidationError(_("This record has no report."))
    if Document.objects.filter(key=symbol).exclude(pk=doc.pk).exists():
        raise ValidationError(_("Another document of the catalogue already has this symbol."))
    fresh.status = Visit.Status.PUBLISHED
    fresh.published_on = published_on
    fresh.published_symbol = symbol
    _save(fresh, user, "report published")
    for rec in doc.recommendations.filter(is_archived=False):
        rec.natural_key = f"{symbol}#{rec.paragraph}"
        rec.visibility = Visibility.PUBLIC
        _save(rec, user, "report of a visit published")
    doc.key = symbol
    doc.symbol = symbol
    doc.published_on = published_on
    doc.visibility = Visibility.PUBLIC
    _save(doc, user, "report of a visit published")
    return fresh


@transaction.atomic
def do_archive_visit(user: Viewer, visit: Visit, expected_version: int) -> Visit:
    """Archive a visit or inquiry (nothing is deleted). An unpublished report and its
    recommendations are archived with it; a published one stays in the catalogue (it is
    a public UN document).

    Raises:
        PermissionDenied: not a coordinator. StaleEdit: someone saved in between.
    """
    _require_coordinator(user)
    fresh = _claim(Visit, visit.pk, expected_version)
    fresh.is_archived = True
    _save(fresh, user, "visit archived")
    doc = fresh.document
    if doc is not None and fresh.status != Visit.Status.PUBLISHED:
        for rec in doc.recommendations.filter(is_archived=False):
            rec.is_archived = True
            _save(rec, user, "report of an archived visit")
        doc.is_archived = True
        _save(doc, user, "report of an archived visit")
    return fresh
