"""The write operations of ``/api/v1/``: what a focal point does every day, from a program.

* ``GET /actions/{id}`` and ``PATCH /actions/{id}``: read an action, change its status or
  progress (optimistic lock: the ``version`` read; a stale write is a 409 with the current
  action);
* ``POST /recommendations/{id}/assessments``: assess a recommendation (focal points: one
  assigned to their institution);
* ``POST /indicators/{id}/measurements``: record a measurement of an indicator;
* ``POST /actions/{id}/evidence``, ``POST /assessments/{id}/evidence``: attach a link.

Every write goes the way of the web forms (``tracking.views``): who may write at all
(:func:`api.auth.require_write_access`: a write token or a CSRF-checked session, else
401/403), the record fetched through ``tracking.permissions.get_*_for_user`` (a record the
requester may not see is a 404, the same as a missing one), the ``can_*`` helper (403),
then the ``do_*`` verb of ``tracking.actions``, which checks the permission again, writes
the history row with the requester as its user and applies the validation workflow (a
focal point's write is a draft or waits for a validator). Nothing here saves a model.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Status

from rightstrack.accounts.permissions import get_recommendation_for_user, visible_recommendations
from rightstrack.accounts.types import Viewer
from rightstrack.api import schemas
from rightstrack.api.auth import require_write_access
from rightstrack.api.errors import ERRORS, WRITE_ERRORS, ApiError
from rightstrack.api.params import reject_unknown
from rightstrack.tracking import actions as verbs
from rightstrack.tracking import permissions as perm
from rightstrack.tracking.models import Action, Assessment, Evidence, Measurement

router = Router(tags=["tracking"])

#: Marks an operation that needs a write token (or a signed-in session with its CSRF
#: token) in the OpenAPI document; ``api.main.RightsTrackAPI`` keeps "no token" off it.
WRITE = {"x-token-scope": "write"}


def _need(allowed: bool) -> None:
    """403 when the requester may see the record but not change it (as ``tracking.views``)."""
    if not allowed:
        raise ApiError(403, _("You may not change this record."))


def _absolute(request: HttpRequest, name: str, pk: int) -> str:
    return request.build_absolute_uri(reverse(name, args=[pk]))


# --------------------------------------------------------------------------- actions


def _action_out(request: HttpRequest, user: Viewer, action: Action) -> dict[str, Any] | None:
    """``action`` as ``user`` may see it (``perm.shown_action``), or ``None``."""
    shown = perm.shown_action(user, action)
    if shown is None:
        return None
    data = shown.data
    linked = visible_recommendations(user).filter(actions=action).order_by("pk")
    return {
        "id": action.pk,
        "title": data.title,
        "description": data.description,
        "plan": data.plan_id,
        "responsible": data.responsible.name if data.responsible_id else None,
        "status": data.status,
        "start_date": data.start_date,
        "target_date": data.target_date,
        "publication_state": shown.publication_state,
        "version": data.version,
        "recommendations": list(linked.values_list("pk", flat=True)),
        "url": _absolute(request, "tracking:action_detail", action.pk),
        "api_url": _absolute(request, "api:action_detail", action.pk),
    }


@router.get(
    "/actions/{int:pk}",
    response={200: schemas.ActionOut, **ERRORS},
    url_name="action_detail",
)
def action_detail(request: HttpRequest, pk: int) -> Any:
    """One action of an implementation plan, as the requester may see it: its
    institution's people and coordinators see the current version (drafts included),
    everyone else the last published one. Send its ``version`` back with a ``PATCH``."""
    reject_unknown(request, None)
    action = perm.get_action_for_user(request.user, pk)
    out = _action_out(request, request.user, action)
    if out is None:  # visible to the user, but never published: as if it did not exist
        raise ApiError(404, _("Not found."))
    return out


@router.patch(
    "/actions/{int:pk}",
    response={200: schemas.ActionOut, 409: schemas.ConflictOut, **WRITE_ERRORS},
    url_name="action_detail",
    openapi_extra=WRITE,
)
def action_update(request: HttpRequest, pk: int, payload: schemas.ActionPatch) -> Any:
    """Change an action's status or progress (``description``, dates) from ``version``.

    Who: coordinators; focal points and validators of the action's responsible
    institution (``tracking.permissions.can_edit_action``); anyone else who may see the
    action gets 403. A focal point's change is a draft (``submit: true``: waiting for
    validation) and the public keeps seeing the last published version; a coordinator's
    or the institution's validator's is published. History records the requester.
    A change made from an old ``version`` is refused with 409 and the current action."""
    user = require_write_access(request)
    reject_unknown(request, None)
    action = perm.get_action_for_user(user, pk)
    _need(perm.can_edit_action(user, action))
    fields = payload.model_dump(exclude_unset=True, exclude={"version", "submit"})
    if fields.get("status") is None:
        fields.pop("status", None)
    if "description" in fields:
        fields["description"] = fields["description"] or ""
    if not fields and not payload.submit:
        raise ApiError(400, _("Nothing to change: send at least one field."))
    try:
        fresh = verbs.do_update_action(
            user, action, payload.version, submit=payload.submit, **fields
        )
    except verbs.StaleEdit as stale:
        current = _action_out(request, user, stale.current)
        message = _(
            "This action was changed by someone else (now version %(now)s; your change "
            "was based on version %(yours)s)."
        ) % {"now": stale.current.version, "yours": stale.expected}
        body = {"error": {"code": "conflict", "message": message, "field": "version"}}
        return Status(409, {**body, "current_version": stale.current.version, "current": current})
    return _action_out(request, user, fresh)


# --------------------------------------------------------------------------- assessments


def _assessment_out(request: HttpRequest, a: Assessment) -> dict[str, Any]:
    return {
        "id": a.pk,
        "recommendation": a.recommendation_id,
        "source": a.source,
        "organisation": a.organisation.name if a.organisation is not None else None,
        "date": a.date,
        "level": a.level or None,
        "text": a.text,
        "visibility": a.visibility,
        "publication_state": a.publication_state,
        "version": a.version,
        "url": _absolute(request, "tracking:assessment_detail", a.pk),
    }


@router.post(
    "/recommendations/{int:pk}/assessments",
    response={201: schemas.AssessmentOut, **WRITE_ERRORS},
    url_name="recommendation_assessments",
    openapi_extra=WRITE,
)
def assessment_create(request: HttpRequest, pk: int, payload: schemas.AssessmentIn) -> Any:
    """Assess how far a recommendation is implemented, for the requester's organisation.

    Who: focal points and validators on a recommendation assigned to their institution,
    contributors (moderated), coordinators (``tracking.permissions.can_submit_assessment``).
    A focal point's assessment is a draft, or waits for validation when ``submit``."""
    user = require_write_access(request)
    reject_unknown(request, None)
    rec = get_recommendation_for_user(user, pk)
    _need(perm.can_submit_assessment(user, rec.pk))
    a = verbs.do_submit_assessment(
        user,
        rec,
        submit=payload.submit,
        date=payload.date,
        level=payload.level or "",
        text=payload.text,
        visibility=payload.visibility,
    )
    return Status(201, _assessment_out(request, a))


# --------------------------------------------------------------------------- measurements


def _measurement_out(m: Measurement) -> dict[str, Any]:
    return {
        "id": m.pk,
        "indicator": m.indicator_id,
        "date": m.date,
        "value": str(m.value),
        "note": m.note,
        "source": m.source,
        "publication_state": m.publication_state,
        "version": m.version,
    }


@router.post(
    "/indicators/{int:pk}/measurements",
    response={201: schemas.MeasurementOut, **WRITE_ERRORS},
    url_name="indicator_measurements",
    openapi_extra=WRITE,
)
def measurement_create(request: HttpRequest, pk: int, payload: schemas.MeasurementIn) -> Any:
    """Record a dated value of an indicator of an action the requester may edit (its
    institution's focal points and validators, coordinators). A focal point's
    measurement waits for validation."""
    user = require_write_access(request)
    reject_unknown(request, None)
    indicator = perm.get_indicator_for_user(user, pk)
    _need(perm.can_edit_action(user, indicator.action))
    m = verbs.do_record_measurement(
        user,
        indicator,
        date=payload.date,
        value=payload.value,
        note=payload.note,
        source=payload.source,
    )
    return Status(201, _measurement_out(m))


# --------------------------------------------------------------------------- evidence

_URL = URLValidator(schemes=["http", "https"])


def _evidence_out(ev: Evidence) -> dict[str, Any]:
    return {
        "id": ev.pk,
        "action": ev.action_id,
        "assessment": ev.assessment_id,
        "title": ev.title,
        "url": ev.url,
        "publication_state": ev.publication_state,
        "version": ev.version,
    }


def _checked_url(url: str) -> str:
    """``url`` if it is an ``http``/``https`` link (Django's ``URLValidator``, as the web
    form's ``URLField``), else a 400 naming ``url``."""
    try:
        _URL(url)
    except ValidationError:
        raise ApiError(400, _("Enter a valid http or https link."), "url") from None
    return url


@router.post(
    "/actions/{int:pk}/evidence",
    response={201: schemas.EvidenceOut, **WRITE_ERRORS},
    url_name="action_evidence",
    openapi_extra=WRITE,
)
def action_evidence_create(request: HttpRequest, pk: int, payload: schemas.EvidenceIn) -> Any:
    """Attach a link to an action the requester may edit. A focal point's evidence waits
    for validation, like their other changes to the action."""
    user = require_write_access(request)
    reject_unknown(request, None)
    action = perm.get_action_for_user(user, pk)
    _need(perm.can_attach_evidence(user, None, action))
    url = _checked_url(payload.url)
    ev = verbs.do_add_evidence(user, action=action, url=url, title=payload.title)
    return Status(201, _evidence_out(ev))


@router.post(
    "/assessments/{int:pk}/evidence",
    response={201: schemas.EvidenceOut, **WRITE_ERRORS},
    url_name="assessment_evidence",
    openapi_extra=WRITE,
)
def assessment_evidence_create(request: HttpRequest, pk: int, payload: schemas.EvidenceIn) -> Any:
    """Attach a link to an assessment the requester may edit (its author before
    publication, a validator of its organisation, coordinators)."""
    user = require_write_access(request)
    reject_unknown(request, None)
    a = perm.get_assessment_for_user(user, pk)
    _need(perm.can_attach_evidence(user, a, None))
    url = _checked_url(payload.url)
    ev = verbs.do_add_evidence(user, assessment=a, url=url, title=payload.title)
    return Status(201, _evidence_out(ev))
