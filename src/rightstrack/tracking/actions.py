"""Every state change of tracking records, as verb-named functions.

Each verb:

* checks the acting user's permission again (``PermissionDenied``), even if
  the view already did;
* runs in one transaction and writes django-simple-history with the acting
  user (``_history_user``) and a change reason;
* for edits, takes the ``expected_version`` the user saw and refuses the
  write with :class:`StaleEdit` if someone saved in between (optimistic
  locking: a conditional ``UPDATE ... WHERE version = expected``), so no
  update is silently lost;
* never deletes: archiving sets ``is_archived`` and the history keeps the rest.

Publication (as in Paraguay's SIMORE Plus, where each institution has a
validating authority): coordinators, and validators
for their own institution, publish directly; focal points' updates are drafts
(or pending validation once submitted) until a validator of the same
institution approves them; contributors' submissions wait for moderation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from rightstrack.accounts.models import Organisation
from rightstrack.accounts.permissions import user_rank, visible_recommendations
from rightstrack.accounts.types import Viewer, signed_in
from rightstrack.catalog.models import Recommendation, Visibility
from rightstrack.tracking import permissions as perm
from rightstrack.tracking.evidence import check_upload
from rightstrack.tracking.grades import SCALES, GradeError, parse_grade
from rightstrack.tracking.models import (
    Action,
    Assessment,
    Assignment,
    Batch,
    Commitment,
    Engagement,
    Evidence,
    ImplementationPlan,
    Indicator,
    Measurement,
    PublicationState,
    Selection,
    StatusChange,
)

M = TypeVar("M", bound=models.Model)


class StaleEdit(Exception):
    """An edit was based on an old version of the record.

    Attributes:
        current: the record as it is now in the database (show it to the user).
        expected: the version the user's edit was based on.
    """

    def __init__(self, current: Any, expected: int) -> None:
        self.current = current
        self.expected = expected
        super().__init__(
            f"{type(current).__name__} {current.pk} was changed by someone else "
            f"(now version {current.version}; your edit was based on version {expected})"
        )


# --------------------------------------------------------------------------- internals


def _deny(message: str) -> PermissionDenied:
    return PermissionDenied(message)


def _review_reason(approve: bool, note: str) -> str:
    """History change reason of a review: "approved" / "rejected", with the reviewer's note."""
    verdict = "approved" if approve else "rejected"
    return f"{verdict}: {note}" if note else verdict


def _save(obj: models.Model, user: Viewer, reason: str) -> None:
    """Save with the acting user and a reason recorded in the history row."""
    obj._history_user = user if user_rank(user) else None  # type: ignore[attr-defined]
    obj._change_reason = reason  # type: ignore[attr-defined]
    obj.save()


def _claim(model: type[M], pk: Any, expected_version: int) -> M:
    """Bump ``version`` if it still equals ``expected_version`` and return the fresh row.

    Raises:
        StaleEdit: the row's version moved on (someone else saved).
    """
    updated = model._default_manager.filter(pk=pk, version=expected_version).update(
        version=F("version") + 1
    )
    fresh = model._default_manager.get(pk=pk)
    if not updated:
        raise StaleEdit(fresh, expected_version)
    return fresh


def _apply(obj: models.Model, fields: dict[str, Any], allowed: Iterable[str]) -> None:
    allowed = set(allowed)
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"cannot set {sorted(unknown)} on {type(obj).__name__}")
    for name, value in fields.items():
        setattr(obj, name, value)


def _today() -> dt.date:
    return timezone.localdate()


# --------------------------------------------------------------------------- assignments


@transaction.atomic
def do_assign_recommendation(
    user: Viewer,
    recommendation: Recommendation,
    organisation: Organisation,
    role: str = Assignment.Role.LEAD,
    note: str = "",
) -> Assignment:
    """Assign ``recommendation`` to ``organisation`` as lead or supporting.

    If an active assignment to that organisation exists, its role and note
    are updated instead (one active assignment per pair). Logs an
    ``assignment`` entry in the recommendation's timeline.

    Raises:
        PermissionDenied: ``user`` is not a coordinator or admin.
    """
    if not perm.can_assign(user):
        raise _deny(_("Only coordinators can assign recommendations."))
    if role not in Assignment.Role.values:
        raise ValidationError(_("Unknown role."))
    existing = (
        Assignment.objects.active()
        .select_for_update()
        .filter(recommendation=recommendation, organisation=organisation)
        .first()
    )
    if existing is not None:
        old_role = existing.role
        existing.role, existing.note = role, note
        existing.version += 1
        _save(existing, user, "assignment updated")
        if old_role != role:
            _log_assignment(recommendation, organisation, old_role, role)
        return existing
    assignment = Assignment(
        recommendation=recommendation,
        organisation=organisation,
        role=role,
        note=note,
        assigned_by=signed_in(user),
    )
    _save(assignment, user, "assigned")
    _log_assignment(recommendation, organisation, "", role)
    return assignment


def _log_assignment(rec: Recommendation, org: Organisation, old: str, new: str) -> None:
    StatusChange.objects.create(
        recommendation=rec,
        date=_today(),
        kind=StatusChange.Kind.ASSIGNMENT,
        old_value=old,
        new_value=new,
        organisation=org,
    )


@transaction.atomic
def do_archive_assignment(
    user: Viewer, assignment: Assignment, expected_version: int
) -> Assignment:
    """Archive (end) an assignment; it stays in history.

    Raises:
        PermissionDenied: not a coordinator. StaleEdit: version moved on.
    """
    if not perm.can_assign(user):
        raise _deny(_("Only coordinators can change assignments."))
    fresh = _claim(Assignment, assignment.pk, expected_version)
    fresh.is_archived = True
    _save(fresh, user, "assignment archived")
    _log_assignment(fresh.recommendation, fresh.organisation, fresh.role, "")
    return fresh


# --------------------------------------------------------------------------- bulk changes


def _bulk_targets(user: Viewer, recommendations: models.QuerySet[Recommendation]) -> list[Any]:
    """The recommendations of ``recommendations`` that ``user`` may see, in printed order."""
    return list(
        visible_recommendations(user)
        .filter(pk__in=recommendations.values("pk"))
        .order_by("document_id", "order", "id")
    )


@transaction.atomic
def do_bulk_assign(
    user: Viewer,
    recommendations: models.QuerySet[Recommendation],
    organisation: Organisation,
    role: str = Assignment.Role.LEAD,
    note: str = "",
) -> Batch:
    """Assign every recommendation of ``recommendations`` to ``organisation``, in one batch.

    Recommendations already actively assigned to ``organisation`` are left as they are
    (the confirmation page counts them apart). Each new assignment gets its own history
    entry (linked to the returned :class:`Batch`) and timeline entry; all or nothing.

    Args:
        user: the acting coordinator or admin.
        recommendations: any queryset; only the rows ``user`` may see are changed.
        organisation: the institution; role: ``Assignment.Role``; note: free text.

    Returns:
        The batch; ``batch.count`` is the number of assignments created.

    Raises:
        PermissionDenied: ``user`` is not a coordinator or admin.
        ValidationError: unknown role.
    """
    if not perm.can_assign(user):
        raise _deny(_("Only coordinators can assign recommendations."))
    if role not in Assignment.Role.values:
        raise ValidationError(_("Unknown role."))
    targets = _bulk_targets(user, recommendations)
    already = set(
        Assignment.objects.active()
        .filter(organisation=organisation, recommendation__in=[r.pk for r in targets])
        .values_list("recommendation_id", flat=True)
    )
    batch = Batch.objects.create(
        kind=Batch.Kind.ASSIGN,
        description=organisation.name,
        created_by=signed_in(user) if user_rank(user) else None,
    )
    for rec in targets:
        if rec.pk in already:
            continue
        assignment = Assignment(
            recommendation=rec,
            organisation=organisation,
            role=role,
            note=note,
            assigned_by=signed_in(user),
        )
        assignment._history_batch = batch  # type: ignore[attr-defined]
        _save(assignment, user, f"assigned (bulk change {batch.pk})")
        _log_assignment(rec, organisation, "", role)
        batch.count += 1
    batch.save(update_fields=["count"])
    return batch


@transaction.atomic
def do_bulk_end_assignments(
    user: Viewer, recommendations: models.QuerySet[Recommendation], organisation: Organisation
) -> Batch:
    """End (archive) the active assignments of ``recommendations`` to ``organisation``.

    One history entry per assignment, linked to the returned :class:`Batch`; all or nothing.

    Raises:
        PermissionDenied: ``user`` is not a coordinator or admin.
    """
    if not perm.can_assign(user):
        raise _deny(_("Only coordinators can change assignments."))
    targets = [r.pk for r in _bulk_targets(user, recommendations)]
    batch = Batch.objects.create(
        kind=Batch.Kind.END_ASSIGNMENT,
        description=organisation.name,
        created_by=signed_in(user) if user_rank(user) else None,
    )
    active = (
        Assignment.objects.active()
        .select_for_update()
        .filter(organisation=organisation, recommendation__in=targets)
        .select_related("recommendation", "organisation")
    )
    for assignment in active:
        assignment.is_archived = True
        assignment.version += 1
        assignment._history_batch = batch  # type: ignore[attr-defined]
        _save(assignment, user, f"assignment archived (bulk change {batch.pk})")
        _log_assignment(assignment.recommendation, organisation, assignment.role, "")
        batch.count += 1
    batch.save(update_fields=["count"])
    return batch


@transaction.atomic
def do_undo_batch(user: Viewer, batch: Batch) -> Batch:
    """Undo a bulk change in one step; the undo is itself a batch with its own history.

    Assignments the batch created are archived; assignments it ended are restored
    (unless the same recommendation has meanwhile been assigned to that institution
    again, which is left alone and not counted).

    Returns:
        The undo batch (``undoes`` = ``batch``; ``count`` = records changed back).

    Raises:
        PermissionDenied: ``user`` is not a coordinator or admin.
        ValidationError: ``batch`` is itself an undo, or was already undone.
    """
    if not perm.can_assign(user):
        raise _deny(_("Only coordinators can change assignments."))
    batch = Batch.objects.select_for_update().get(pk=batch.pk)
    if batch.kind == Batch.Kind.UNDO or Batch.objects.filter(undoes=batch).exists():
        raise ValidationError(_("This bulk change cannot be undone (again)."))
    undo = Batch.objects.create(
        kind=Batch.Kind.UNDO,
        undoes=batch,
        description=batch.description,
        created_by=signed_in(user) if user_rank(user) else None,
    )
    ids = Assignment.history.filter(batch=batch).values_list("id", flat=True)
    rows = (
        Assignment.objects.select_for_update()
        .filter(pk__in=list(ids))
        .select_related("recommendation", "organisation")
    )
    restore = batch.kind == Batch.Kind.END_ASSIGNMENT
    for assignment in rows:
        if assignment.is_archived != restore:
            continue
        if restore and (
            Assignment.objects.active()
            .filter(
                recommendation=assignment.recommendation_id,
                organisation=assignment.organisation_id,
            )
            .exists()
        ):
            continue
        assignment.is_archived = not restore
        assignment.version += 1
        assignment._history_batch = undo  # type: ignore[attr-defined]
        _save(assignment, user, f"undo of bulk change {batch.pk}")
        old, new = ("", assignment.role) if restore else (assignment.role, "")
        _log_assignment(assignment.recommendation, assignment.organisation, old, new)
        undo.count += 1
    undo.save(update_fields=["count"])
    return undo


@transaction.atomic
def do_restore_assignment(
    user: Viewer, assignment: Assignment, expected_version: int
) -> Assignment:
    """Undo the end of an assignment (from its history page).

    Raises:
        PermissionDenied: not a coordinator. StaleEdit: version moved on.
        ValidationError: not archived, or the recommendation is again assigned to
            the same institution.
    """
    if not perm.can_assign(user):
        raise _deny(_("Only coordinators can change assignments."))
    fresh = _claim(Assignment, assignment.pk, expected_version)
    duplicate = (
        Assignment.objects.active()
        .filter(recommendation=fresh.recommendation_id, organisation=fresh.organisation_id)
        .exists()
    )
    if not fresh.is_archived or duplicate:
        raise ValidationError(_("This assignment is active already."))
    fresh.is_archived = False
    _save(fresh, user, "assignment restored")
    _log_assignment(fresh.recommendation, fresh.organisation, "", fresh.role)
    return fresh


# --------------------------------------------------------------------------- plans

PLAN_FIELDS = (
    "title",
    "kind",
    "owner",
    "country",
    "period_start",
    "period_end",
    "description",
    "visibility",
    "cluster",
)


@transaction.atomic
def do_create_plan(user: Viewer, **fields: Any) -> ImplementationPlan:
    """Create an implementation plan (fields: see ``PLAN_FIELDS``).

    Raises:
        PermissionDenied: not a coordinator.
    """
    if not perm.can_manage_plans(user):
        raise _deny(_("Only coordinators can create plans."))
    plan = ImplementationPlan()
    _apply(plan, fields, PLAN_FIELDS)
    _save(plan, user, "plan created")
    return plan


@transaction.atomic
def do_update_plan(
    user: Viewer, plan: ImplementationPlan, expected_version: int, **fields: Any
) -> ImplementationPlan:
    """Edit a plan. Raises ``PermissionDenied`` or :class:`StaleEdit`."""
    if not perm.can_manage_plans(user):
        raise _deny(_("Only coordinators can edit plans."))
    fresh = _claim(ImplementationPlan, plan.pk, expected_version)
    _apply(fresh, fields, PLAN_FIELDS)
    _save(fresh, user, "plan edited")
    return fresh


@transaction.atomic
def do_archive_plan(
    user: Viewer, plan: ImplementationPlan, expected_version: int
) -> ImplementationPlan:
    """Archive a plan (its actions disappear from lists; everything stays in history)."""
    if not perm.can_manage_plans(user):
        raise _deny(_("Only coordinators can archive plans."))
    fresh = _claim(ImplementationPlan, plan.pk, expected_version)
    fresh.is_archived = True
    _save(fresh, user, "plan archived")
    return fresh


# --------------------------------------------------------------------------- actions

#: ``cluster``: a ``classify.Cluster`` of recommendations asking the same thing; the
#: action then shows on the page of every member.
ACTION_FIELDS = (
    "title",
    "description",
    "responsible",
    "start_date",
    "target_date",
    "status",
    "cluster",
)


def _state_after_edit(user: Viewer, organisation_id: int | None, submit: bool) -> str:
    if perm.publishes_directly(user, organisation_id):
        return PublicationState.PUBLISHED
    return PublicationState.PENDING if submit else PublicationState.DRAFT


def _check_action_fields(user: Viewer, action: Action) -> None:
    if action.start_date and action.target_date and action.target_date < action.start_date:
        raise ValidationError(_("The target date cannot be before the start date."))
    if not perm.is_coordinator(user) and action.responsible_id != signed_in(user).organisation_id:
        raise _deny(_("You can only manage actions of your own institution."))


def _publish_action(user: Viewer, action: Action) -> None:
    """Mark published and log a timeline entry per recommendation if the public status changed."""
    previous = (
        action.history.filter(publication_state=PublicationState.PUBLISHED)
        .order_by("-history_date", "-history_id")
        .first()
    )
    old_status = previous.status if previous is not None else ""
    action.publication_state = PublicationState.PUBLISHED
    if action.first_published_at is None:
        action.first_published_at = timezone.now()
    if old_status != action.status:
        for rec_id in action.recommendations.values_list("pk", flat=True):
            StatusChange.objects.create(
                recommendation_id=rec_id,
                date=_today(),
                kind=StatusChange.Kind.ACTION,
                old_value=old_status,
                new_value=action.status,
                action=action,
                organisation=action.responsible,
            )


def _linkable(user: Viewer, action: Action, chosen: Iterable[Recommendation]) -> list[Any]:
    """The recommendations to link: ``chosen`` (all must be visible to ``user``) plus the
    links ``user`` cannot see, which are kept (a focal point's form never lists restricted
    recommendations, so saving it must not drop them)."""
    visible = visible_recommendations(user)
    chosen = list(chosen)
    seen = set(visible.filter(pk__in=[r.pk for r in chosen]).values_list("pk", flat=True))
    if any(r.pk not in seen for r in chosen):
        raise _deny(_("You cannot link this recommendation."))
    hidden: list[Any] = []
    if action.pk:
        hidden = list(action.recommendations.exclude(pk__in=visible.values("pk")))
    return chosen + hidden


@transaction.atomic
def do_create_action(
    user: Viewer,
    plan: ImplementationPlan,
    *,
    recommendations: Iterable[Recommendation] = (),
    submit: bool = False,
    **fields: Any,
) -> Action:
    """Create an action in ``plan`` (fields: see ``ACTION_FIELDS``).

    Focal points and validators may only create actions their own
    institution is responsible for (``responsible`` defaults to it).
    ``submit`` sends a focal point's draft for validation.

    Raises:
        PermissionDenied, ValidationError (target before start).
    """
    if not perm.can_add_action(user, plan):
        raise _deny(_("You cannot add actions to this plan."))
    if not perm.is_coordinator(user) and "responsible" not in fields:
        fields["responsible"] = signed_in(user).organisation
    action = Action(plan=plan, created_by=signed_in(user))
    _apply(action, fields, ACTION_FIELDS)
    _check_action_fields(user, action)
    state = _state_after_edit(user, action.responsible_id, submit)
    action.publication_state = (
        PublicationState.DRAFT if state == PublicationState.PUBLISHED else state
    )
    _save(action, user, "action created")
    action.recommendations.set(_linkable(user, action, recommendations))
    if state == PublicationState.PUBLISHED:
        _publish_action(user, action)
        _save(action, user, "action published")
    return action


@transaction.atomic
def do_update_action(
    user: Viewer,
    action: Action,
    expected_version: int,
    *,
    recommendations: Iterable[Recommendation] | None = None,
    submit: bool = False,
    **fields: Any,
) -> Action:
    """Edit an action made from version ``expected_version``.

    A focal point's edit becomes a draft (or pending validation when
    ``submit``); the public keeps seeing the last published version.

    Raises:
        PermissionDenied: not allowed to edit this action (or moving it to
            another institution).
        StaleEdit: someone saved the action since ``expected_version``;
            nothing is written.
    """
    if not perm.can_edit_action(user, action):
        raise _deny(_("You cannot edit this action."))
    fresh = _claim(Action, action.pk, expected_version)
    _apply(fresh, fields, ACTION_FIELDS)
    _check_action_fields(user, fresh)
    if recommendations is not None:
        fresh.recommendations.set(_linkable(user, fresh, recommendations))
    state = _state_after_edit(user, fresh.responsible_id, submit)
    if state == PublicationState.PUBLISHED:
        _publish_action(user, fresh)
    else:
        fresh.publication_state = state
    _save(fresh, user, "action edited")
    return fresh


@transaction.atomic
def do_review_action(
    user: Viewer, action: Action, expected_version: int, *, approve: bool, note: str = ""
) -> Action:
    """Approve (publish) or reject a pending or draft action.

    Raises:
        PermissionDenied: not a coordinator nor a validator of the action's
            institution. StaleEdit: the action changed since it was reviewed.
    """
    if not perm.can_review_action(user, action):
        raise _deny(_("You cannot validate this action."))
    fresh = _claim(Action, action.pk, expected_version)
    if approve:
        _publish_action(user, fresh)
    else:
        fresh.publication_state = PublicationState.REJECTED
    _save(fresh, user, _review_reason(approve, note))
    return fresh


@transaction.atomic
def do_archive_action(user: Viewer, action: Action, expected_version: int) -> Action:
    """Archive an action (hidden from lists, kept in history)."""
    if not perm.can_edit_action(user, action):
        raise _deny(_("You cannot archive this action."))
    fresh = _claim(Action, action.pk, expected_version)
    fresh.is_archived = True
    _save(fresh, user, "action archived")
    return fresh


# --------------------------------------------------------------------------- indicators

INDICATOR_FIELDS = (
    "name",
    "unit",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
    "frequency",
    "cluster",
)


@transaction.atomic
def do_add_indicator(user: Viewer, action: Action, **fields: Any) -> Indicator:
    """Add an indicator to ``action`` (fields: ``INDICATOR_FIELDS``)."""
    if not perm.can_edit_action(user, action):
        raise _deny(_("You cannot edit this action."))
    indicator = Indicator(action=action)
    _apply(indicator, fields, INDICATOR_FIELDS)
    _save(indicator, user, "indicator added")
    return indicator


@transaction.atomic
def do_update_indicator(
    user: Viewer, indicator: Indicator, expected_version: int, **fields: Any
) -> Indicator:
    """Edit an indicator. Raises ``PermissionDenied`` or :class:`StaleEdit`."""
    if not perm.can_edit_action(user, indicator.action):
        raise _deny(_("You cannot edit this action."))
    fresh = _claim(Indicator, indicator.pk, expected_version)
    _apply(fresh, fields, INDICATOR_FIELDS)
    _save(fresh, user, "indicator edited")
    return fresh


@transaction.atomic
def do_archive_indicator(user: Viewer, indicator: Indicator, expected_version: int) -> Indicator:
    """Archive an indicator."""
    if not perm.can_edit_action(user, indicator.action):
        raise _deny(_("You cannot edit this action."))
    fresh = _claim(Indicator, indicator.pk, expected_version)
    fresh.is_archived = True
    _save(fresh, user, "indicator archived")
    return fresh


@transaction.atomic
def do_record_measurement(
    user: Viewer,
    indicator: Indicator,
    *,
    date: dt.date,
    value: Any,
    note: str = "",
    source: str = "",
) -> Measurement:
    """Record a dated value of ``indicator``.

    Published at once when ``user`` publishes directly for the action's
    institution (coordinators, its validator); a focal point's measurement
    waits for validation (:func:`do_review_measurement`).
    """
    if not perm.can_edit_action(user, indicator.action):
        raise _deny(_("You cannot edit this action."))
    m = Measurement(
        indicator=indicator,
        date=date,
        value=value,
        note=note,
        source=source,
        recorded_by=signed_in(user),
    )
    m.publication_state = _state_after_edit(user, indicator.action.responsible_id, submit=True)
    _save(m, user, "measurement recorded")
    return m


@transaction.atomic
def do_review_measurement(
    user: Viewer, measurement: Measurement, expected_version: int, *, approve: bool, note: str = ""
) -> Measurement:
    """Approve (publish) or reject a focal point's measurement.

    Raises:
        PermissionDenied: not a coordinator nor a validator of the action's
            institution. StaleEdit.
    """
    if not perm.can_review_action(user, measurement.indicator.action):
        raise _deny(_("You cannot validate this action."))
    fresh = _claim(Measurement, measurement.pk, expected_version)
    fresh.publication_state = PublicationState.PUBLISHED if approve else PublicationState.REJECTED
    _save(fresh, user, _review_reason(approve, note))
    return fresh


@transaction.atomic
def do_archive_measurement(
    user: Viewer, measurement: Measurement, expected_version: int
) -> Measurement:
    """Archive a measurement (e.g. entered by mistake); it stays in history."""
    if not perm.can_edit_action(user, measurement.indicator.action):
        raise _deny(_("You cannot edit this action."))
    fresh = _claim(Measurement, measurement.pk, expected_version)
    fresh.is_archived = True
    _save(fresh, user, "measurement archived")
    return fresh


# --------------------------------------------------------------------------- assessments

ASSESSMENT_FIELDS = (
    "source",
    "organisation",
    "date",
    "level",
    "text",
    "visibility",
    "grade_label",
    "grade_scale",
    "document",
)

_SOURCE_BY_ORG_TYPE = {
    Organisation.Type.NHRI: Assessment.Source.NHRI,
    Organisation.Type.NGO: Assessment.Source.CIVIL_SOCIETY,
    Organisation.Type.COALITION: Assessment.Source.CIVIL_SOCIETY,
}


def default_source_for(user: Viewer) -> str:
    """The assessment source implied by ``user``'s organisation type
    (NHRI → NHRI; NGO or coalition → civil society; contributors → civil
    society; other institutions → government)."""
    org = getattr(user, "organisation", None)
    if org is not None and org.org_type in _SOURCE_BY_ORG_TYPE:
        return _SOURCE_BY_ORG_TYPE[org.org_type]
    if user_rank(user) == perm.CONTRIBUTOR:
        return Assessment.Source.CIVIL_SOCIETY
    return Assessment.Source.GOVERNMENT


def _fill_grade(assessment: Assessment) -> None:
    """Map the native grade label to ordinals with ``tracking.grades.parse_grade``.

    ``grade_ordinal`` is the Grade's ``ordinal`` (the worse end of a range,
    1 = E ... 5 = A) and ``grade_ordinal_max`` its better end. An unknown
    scale name is ignored (the scale is guessed); a label no scale knows
    (e.g. CAT's wording) keeps its native label only, without ordinals.
    """
    assessment.grade_ordinal = assessment.grade_ordinal_max = None
    if not assessment.grade_label:
        return
    scale = assessment.grade_scale if assessment.grade_scale in SCALES else None
    try:
        grade = parse_grade(assessment.grade_label, scale)
    except GradeError:
        return
    assessment.grade_ordinal, assessment.grade_ordinal_max = grade.ordinal, grade.high
    assessment.grade_scale = assessment.grade_scale or grade.scale


def _publish_assessment(user: Viewer, assessment: Assessment) -> None:
    previous = (
        Assessment.objects.published()
        .filter(recommendation_id=assessment.recommendation_id, source=assessment.source)
        .exclude(pk=assessment.pk)
        .order_by("-date", "-id")
        .first()
    )
    assessment.publication_state = PublicationState.PUBLISHED
    StatusChange.objects.create(
        recommendation_id=assessment.recommendation_id,
        date=assessment.date,
        kind=StatusChange.Kind.ASSESSMENT,
        old_value=previous.level if previous is not None else "",
        new_value=assessment.level or assessment.grade_label,
        assessment=assessment,
        organisation=assessment.organisation,
    )


@transaction.atomic
def do_submit_assessment(
    user: Viewer,
    recommendation: Recommendation,
    *,
    submit: bool = True,
    **fields: Any,
) -> Assessment:
    """Record an assessment of ``recommendation`` by ``user``.

    Who publishes what:

    * coordinators: any source (the committee included), published at once;
    * validators: their institution's source, published at once;
    * focal points: draft, or pending validation when ``submit``;
    * contributors: always pending moderation; source civil society (or
      NHRI for an NHRI member); organisation forced to their own.

    Raises:
        PermissionDenied: viewers, anonymous users, focal points on a
            recommendation not assigned to their institution, or a
            non-coordinator claiming another source or organisation.
    """
    if not perm.can_submit_assessment(user, recommendation.pk):
        raise _deny(_("You cannot submit an assessment of this recommendation."))
    a = Assessment(recommendation=recommendation, author=signed_in(user))
    _apply(a, fields, ASSESSMENT_FIELDS)
    if not perm.is_coordinator(user):
        a.source = a.source or default_source_for(user)
        if a.source not in (default_source_for(user),) or (
            a.organisation_id not in (None, signed_in(user).organisation_id)
        ):
            raise _deny(_("You can only submit assessments for your own organisation."))
        a.organisation = signed_in(user).organisation
        if a.document_id is not None:
            a.document = None  # only coordinators attach committee documents
    elif not a.source:
        a.source = Assessment.Source.GOVERNMENT
    _fill_grade(a)
    if perm.publishes_directly(user, a.organisation_id):
        _save(a, user, "assessment created")
        _publish_assessment(user, a)
        _save(a, user, "assessment published")
        return a
    if user_rank(user) == perm.CONTRIBUTOR:
        a.publication_state = PublicationState.PENDING
    else:
        a.publication_state = PublicationState.PENDING if submit else PublicationState.DRAFT
    _save(a, user, "assessment submitted" if submit else "assessment drafted")
    return a


@transaction.atomic
def do_update_assessment(
    user: Viewer,
    assessment: Assessment,
    expected_version: int,
    *,
    submit: bool = False,
    **fields: Any,
) -> Assessment:
    """Edit an assessment (the author before publication, or a coordinator).

    Raises:
        PermissionDenied, StaleEdit.
    """
    if not perm.can_edit_assessment(user, assessment):
        raise _deny(_("You cannot edit this assessment."))
    fresh = _claim(Assessment, assessment.pk, expected_version)
    if not perm.is_coordinator(user):
        fields.pop("source", None)
        fields.pop("organisation", None)
        fields.pop("document", None)
    _apply(fresh, fields, ASSESSMENT_FIELDS)
    _fill_grade(fresh)
    if fresh.publication_state != PublicationState.PUBLISHED:
        if user_rank(user) == perm.CONTRIBUTOR or submit:
            fresh.publication_state = PublicationState.PENDING
        elif fresh.publication_state == PublicationState.REJECTED:
            fresh.publication_state = PublicationState.DRAFT
    _save(fresh, user, "assessment edited")
    return fresh


@transaction.atomic
def do_review_assessment(
    user: Viewer, assessment: Assessment, expected_version: int, *, approve: bool, note: str = ""
) -> Assessment:
    """Approve (publish) or reject an assessment waiting for validation or moderation.

    Raises:
        PermissionDenied: not allowed to review it (see
            ``permissions.can_review_assessment``). StaleEdit.
    """
    if not perm.can_review_assessment(user, assessment):
        raise _deny(_("You cannot review this assessment."))
    fresh = _claim(Assessment, assessment.pk, expected_version)
    fresh.reviewed_by, fresh.reviewed_at, fresh.review_note = (
        signed_in(user),
        timezone.now(),
        note,
    )
    if approve:
        _publish_assessment(user, fresh)
    else:
        fresh.publication_state = PublicationState.REJECTED
    _save(fresh, user, _review_reason(approve, note))
    return fresh


@transaction.atomic
def do_archive_assessment(
    user: Viewer, assessment: Assessment, expected_version: int
) -> Assessment:
    """Archive an assessment (kept in history; its timeline entry disappears from public view)."""
    if not (perm.is_coordinator(user) or perm.can_edit_assessment(user, assessment)):
        raise _deny(_("You cannot archive this assessment."))
    fresh = _claim(Assessment, assessment.pk, expected_version)
    fresh.is_archived = True
    _save(fresh, user, "assessment archived")
    return fresh


@transaction.atomic
def do_restrict_assessment(
    user: Viewer, assessment: Assessment, expected_version: int
) -> Assessment:
    """Make an assessment restricted (e.g. embargo); coordinators only."""
    if not perm.is_coordinator(user):
        raise _deny(_("Only coordinators can restrict records."))
    fresh = _claim(Assessment, assessment.pk, expected_version)
    fresh.visibility = Visibility.RESTRICTED
    _save(fresh, user, "restricted")
    return fresh


# --------------------------------------------------------------------------- evidence


@transaction.atomic
def do_add_evidence(
    user: Viewer,
    *,
    assessment: Assessment | None = None,
    action: Action | None = None,
    engagement: Engagement | None = None,
    url: str = "",
    upload: UploadedFile[bytes] | None = None,
    title: str = "",
) -> Evidence:
    """Attach a link or a file to an assessment, an action or an engagement.

    The file is checked (``tracking.evidence.check_upload``: size limit,
    allowed type by extension and content) and stored under
    ``MEDIA_ROOT/evidence/`` with its SHA-256.

    Raises:
        PermissionDenied: cannot edit the parent.
        ValidationError: no link and no file, or a file that fails the checks.
    """
    if sum(p is not None for p in (assessment, action, engagement)) != 1:
        raise TypeError("give exactly one of assessment=, action= or engagement=")
    if not perm.can_attach_evidence(user, assessment, action, engagement):
        raise _deny(_("You cannot add evidence here."))
    if not url and upload is None:
        raise ValidationError(_("Give a link or a file."))
    ev = Evidence(
        assessment=assessment,
        action=action,
        engagement=engagement,
        url=url,
        title=title,
        uploaded_by=signed_in(user),
    )
    if upload is not None:
        checked = check_upload(upload.name or "", upload, upload.size)
        ev.sha256, ev.size, ev.content_type = checked.sha256, checked.size, checked.content_type
        ev.original_name = (upload.name or "")[:255]
        ev.file.save(f"upload.{checked.extension}", upload, save=False)
    if action is not None:
        ev.publication_state = _state_after_edit(user, action.responsible_id, submit=True)
    _save(ev, user, "evidence added")
    return ev


@transaction.atomic
def do_review_evidence(
    user: Viewer, evidence: Evidence, expected_version: int, *, approve: bool, note: str = ""
) -> Evidence:
    """Approve (publish) or reject evidence a focal point added to an action.

    Raises:
        PermissionDenied: not a coordinator nor a validator of the action's
            institution (evidence of assessments follows the assessment's own
            review). StaleEdit.
    """
    if evidence.action is None or not perm.can_review_action(user, evidence.action):
        raise _deny(_("You cannot validate this action."))
    fresh = _claim(Evidence, evidence.pk, expected_version)
    fresh.publication_state = PublicationState.PUBLISHED if approve else PublicationState.REJECTED
    _save(fresh, user, _review_reason(approve, note))
    return fresh


@transaction.atomic
def do_archive_evidence(user: Viewer, evidence: Evidence, expected_version: int) -> Evidence:
    """Archive a piece of evidence (the file stays on disk and in history)."""
    if not perm.can_attach_evidence(
        user, evidence.assessment, evidence.action, evidence.engagement
    ):
        raise _deny(_("You cannot change this evidence."))
    fresh = _claim(Evidence, evidence.pk, expected_version)
    fresh.is_archived = True
    _save(fresh, user, "evidence archived")
    return fresh


# --------------------------------------------------------------------------- engagements

ENGAGEMENT_FIELDS = (
    "kind",
    "title",
    "date",
    "place",
    "country",
    "people",
    "summary",
    "follow_up_on",
    "visibility",
)


@dataclass(frozen=True)
class CommitmentRow:
    """A commitment as a form gives it: text, by whom (an ``Organisation`` or
    ``None``), by when (``datetime.date`` or ``None``); ``pk`` of an existing row."""

    text: str
    by_whom: Organisation | None = None
    due_on: dt.date | None = None
    pk: int | None = None


def _check_engagement(user: Viewer, engagement: Engagement) -> None:
    if engagement.visibility not in perm.engagement_visibilities(user):
        raise _deny(_("You cannot publish this engagement; choose organisation only."))
    if engagement.follow_up_on and engagement.follow_up_on < engagement.date:
        raise ValidationError(_("The follow-up date cannot be before the engagement."))


def _link_engagement(
    user: Viewer,
    engagement: Engagement,
    organisations: Iterable[Organisation] | None,
    recommendations: Iterable[Recommendation] | None,
) -> None:
    if organisations is not None:
        engagement.organisations.set(list(organisations))
    if recommendations is not None:
        engagement.recommendations.set(_linkable_to(user, engagement, recommendations))


def _linkable_to(user: Viewer, obj: Any, chosen: Iterable[Recommendation]) -> list[Any]:
    """``chosen`` (all visible to ``user``) plus the links of ``obj`` that ``user``
    cannot see, which are kept (see :func:`_linkable`)."""
    visible = visible_recommendations(user)
    chosen = list(chosen)
    seen = set(visible.filter(pk__in=[r.pk for r in chosen]).values_list("pk", flat=True))
    if any(r.pk not in seen for r in chosen):
        raise _deny(_("You cannot link this recommendation."))
    hidden = list(obj.recommendations.exclude(pk__in=visible.values("pk"))) if obj.pk else []
    return chosen + hidden


def _save_commitments(user: Viewer, engagement: Engagement, rows: Iterable[CommitmentRow]) -> None:
    """Add new rows, update changed ones and archive the rows no longer given."""
    current = {c.pk: c for c in engagement.commitments.filter(is_archived=False)}
    kept: set[int] = set()
    for row in rows:
        if not row.text.strip():
            continue
        existing = current.get(row.pk) if row.pk else None
        if existing is None:
            c = Commitment(
                engagement=engagement, text=row.text, by_whom=row.by_whom, due_on=row.due_on
            )
            _save(c, user, "commitment recorded")
            continue
        kept.add(existing.pk)
        if (existing.text, existing.by_whom, existing.due_on) != (
            row.text,
            row.by_whom,
            row.due_on,
        ):
            existing.text, existing.by_whom, existing.due_on = row.text, row.by_whom, row.due_on
            existing.version += 1
            _save(existing, user, "commitment edited")
    for pk, c in current.items():
        if pk not in kept:
            c.is_archived = True
            c.version += 1
            _save(c, user, "commitment archived")


@transaction.atomic
def do_record_engagement(
    user: Viewer,
    *,
    organisations: Iterable[Organisation] = (),
    recommendations: Iterable[Recommendation] = (),
    commitments: Iterable[CommitmentRow] = (),
    **fields: Any,
) -> Engagement:
    """Record an engagement (fields: ``ENGAGEMENT_FIELDS``) with the organisations and
    people involved, the recommendations discussed and the commitments made.

    The engagement belongs to ``user``'s organisation (its members see it when it is
    "organisation only"). Focal points cannot make it public
    (``permissions.engagement_visibilities``).

    Raises:
        PermissionDenied: ``user`` may not record engagements, may not publish, or
            links a recommendation they cannot see.
        ValidationError: follow-up date before the engagement.
    """
    if not perm.can_record_engagement(user):
        raise _deny(_("You cannot record engagements."))
    e = Engagement(created_by=signed_in(user), organisation=signed_in(user).organisation)
    _apply(e, fields, ENGAGEMENT_FIELDS)
    _check_engagement(user, e)
    _save(e, user, "engagement recorded")
    _link_engagement(user, e, organisations, recommendations)
    _save_commitments(user, e, commitments)
    return e


@transaction.atomic
def do_update_engagement(
    user: Viewer,
    engagement: Engagement,
    expected_version: int,
    *,
    organisations: Iterable[Organisation] | None = None,
    recommendations: Iterable[Recommendation] | None = None,
    commitments: Iterable[CommitmentRow] | None = None,
    **fields: Any,
) -> Engagement:
    """Edit an engagement made from version ``expected_version``; ``commitments``
    replaces the list (rows left out are archived, rows turned into actions keep
    their link).

    Raises:
        PermissionDenied, ValidationError, StaleEdit.
    """
    if not perm.can_edit_engagement(user, engagement):
        raise _deny(_("You cannot edit this engagement."))
    fresh = _claim(Engagement, engagement.pk, expected_version)
    _apply(fresh, fields, ENGAGEMENT_FIELDS)
    _check_engagement(user, fresh)
    _save(fresh, user, "engagement edited")
    _link_engagement(user, fresh, organisations, recommendations)
    if commitments is not None:
        _save_commitments(user, fresh, commitments)
    return fresh


@transaction.atomic
def do_archive_engagement(
    user: Viewer, engagement: Engagement, expected_version: int
) -> Engagement:
    """Archive an engagement (hidden everywhere, kept in history).

    Raises:
        PermissionDenied, StaleEdit.
    """
    if not perm.can_edit_engagement(user, engagement):
        raise _deny(_("You cannot edit this engagement."))
    fresh = _claim(Engagement, engagement.pk, expected_version)
    fresh.is_archived = True
    _save(fresh, user, "engagement archived")
    return fresh


@transaction.atomic
def do_turn_commitment_into_action(
    user: Viewer, commitment: Commitment, plan: ImplementationPlan
) -> Action:
    """Make ``commitment`` an action of ``plan``, linked both ways.

    The action takes the commitment's text as title, its organisation as the
    responsible institution (a focal point's action is their own institution's), its
    date as target date and the engagement's recommendations (those ``user`` may see).

    Raises:
        PermissionDenied: ``user`` may not edit the engagement or add to ``plan``.
        ValidationError: the commitment is already an action.
    """
    if not perm.can_edit_engagement(user, commitment.engagement):
        raise _deny(_("You cannot edit this engagement."))
    locked = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if locked.action_id is not None:
        raise ValidationError(_("This commitment is already an action."))
    fields: dict[str, Any] = {
        "title": locked.text[:255],
        "target_date": locked.due_on,
        "status": Action.Status.PLANNED,
    }
    if perm.is_coordinator(user) and locked.by_whom is not None:
        fields["responsible"] = locked.by_whom
    recs = visible_recommendations(user).filter(engagements=locked.engagement_id)
    action = do_create_action(user, plan, recommendations=list(recs), **fields)
    locked.action = action
    locked.version += 1
    _save(locked, user, "commitment turned into an action")
    return action


# --------------------------------------------------------------------------- selections


@transaction.atomic
def do_create_selection(
    user: Viewer,
    name: str,
    *,
    shared: bool = True,
    recommendations: Iterable[Recommendation] = (),
) -> Selection:
    """Create a selection owned by ``user`` (shared with their organisation unless
    ``shared`` is false; a user without organisation keeps it private).

    Raises:
        PermissionDenied: below contributor, or a recommendation ``user`` cannot see.
        ValidationError: empty name.
    """
    if not perm.can_keep_selections(user):
        raise _deny(_("You cannot keep selections."))
    if not name.strip():
        raise ValidationError(_("Give the selection a name."))
    owner = signed_in(user)
    sel = Selection(
        name=name.strip()[:200],
        owner=owner,
        organisation=owner.organisation,
        shared=shared and owner.organisation_id is not None,
    )
    _save(sel, user, "selection created")
    sel.recommendations.set(_linkable_to(user, sel, recommendations))
    return sel


@transaction.atomic
def do_add_to_selection(
    user: Viewer, selection: Selection, recommendations: Iterable[Recommendation]
) -> int:
    """Add recommendations to ``selection``; returns how many were new.

    Raises:
        PermissionDenied: not allowed to change it, or a recommendation ``user``
            cannot see.
    """
    if not perm.can_edit_selection(user, selection):
        raise _deny(_("You cannot change this selection."))
    chosen = _linkable_to(user, Selection(), recommendations)
    before = set(selection.recommendations.values_list("pk", flat=True))
    new = [r for r in chosen if r.pk not in before]
    if new:
        selection.recommendations.add(*new)
        selection.version += 1
        _save(selection, user, "recommendations added")
    return len(new)


@transaction.atomic
def do_remove_from_selection(
    user: Viewer, selection: Selection, recommendations: Iterable[Recommendation]
) -> None:
    """Remove recommendations from ``selection`` (the selection's history keeps them).

    Raises:
        PermissionDenied: not allowed to change it.
    """
    if not perm.can_edit_selection(user, selection):
        raise _deny(_("You cannot change this selection."))
    selection.recommendations.remove(*list(recommendations))
    selection.version += 1
    _save(selection, user, "recommendations removed")


@transaction.atomic
def do_update_selection(
    user: Viewer, selection: Selection, expected_version: int, *, name: str, shared: bool
) -> Selection:
    """Rename a selection or change whether it is shared with the organisation.

    Raises:
        PermissionDenied, ValidationError (empty name), StaleEdit.
    """
    if not perm.can_edit_selection(user, selection):
        raise _deny(_("You cannot change this selection."))
    if not name.strip():
        raise ValidationError(_("Give the selection a name."))
    fresh = _claim(Selection, selection.pk, expected_version)
    fresh.name = name.strip()[:200]
    fresh.shared = shared and fresh.organisation_id is not None
    _save(fresh, user, "selection edited")
    return fresh


@transaction.atomic
def do_archive_selection(user: Viewer, selection: Selection, expected_version: int) -> Selection:
    """Archive a selection (kept in history).

    Raises:
        PermissionDenied, StaleEdit.
    """
    if not perm.can_edit_selection(user, selection):
        raise _deny(_("You cannot change this selection."))
    fresh = _claim(Selection, selection.pk, expected_version)
    fresh.is_archived = True
    _save(fresh, user, "selection archived")
    return fresh
