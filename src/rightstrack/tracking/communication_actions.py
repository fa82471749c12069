"""State changes of individual communications, their follow-up and third-party interventions.

Verbs in the manner of ``tracking/actions.py``: each checks that the acting user is a
coordinator or admin (``PermissionDenied`` otherwise), runs in one transaction and
writes django-simple-history with the acting user and a reason; nothing is deleted
(``is_archived``). Tracked rows (follow-up steps, interventions) are edited against
the ``version`` the user saw (``StaleEdit``).

Confidentiality (``docs/communications.md``): a communication recorded by hand while
pending is restricted; so is an intervention on it. Publishing either is a
coordinator's decision (:func:`do_set_communication_visibility`,
:func:`do_decide_intervention_publication`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from rightstrack.accounts.models import Organisation
from rightstrack.accounts.types import Viewer, signed_in
from rightstrack.catalog.models import Communication, Country, Mechanism, Visibility
from rightstrack.tracking.actions import StaleEdit, _claim, _save
from rightstrack.tracking.evidence import check_upload
from rightstrack.tracking.grades import SCALES, GradeError, parse_grade
from rightstrack.tracking.models import ThirdPartyIntervention, ViewsFollowUp
from rightstrack.tracking.permissions import is_coordinator

__all__ = [
    "StaleEdit",
    "do_add_views_follow_up",
    "do_decide_intervention_publication",
    "do_record_communication",
    "do_record_intervention",
    "do_set_communication_visibility",
    "do_update_communication",
]

_EDITABLE = frozenset(
    {
        "country",
        "author",
        "anonymise_author",
        "status",
        "registered_on",
        "views_adopted_on",
        "transmitted_on",
        "reply_days",
        "reply_months",
    }
)


def _require_coordinator(user: Viewer | None) -> None:
    if not is_coordinator(user):
        raise PermissionDenied(_("Only coordinators can change communications."))


@transaction.atomic
def do_record_communication(
    user: Viewer,
    *,
    mechanism: Mechanism,
    number: str,
    country: Country | None = None,
    author: str = "",
    anonymise_author: bool = True,
    registered_on: dt.date | None = None,
) -> Communication:
    """Record a pending communication by hand: restricted, author shown as initials.

    Args:
        mechanism: the treaty body (``CCPR``...).
        number: registration number as the Committee gives it ("2836/2016").
        registered_on: date of registration, if known.

    Raises:
        PermissionDenied: ``user`` is not a coordinator or admin.
        ValidationError: the committee already has a communication with this number.
    """
    _require_coordinator(user)
    number = number.strip()
    if not number:
        raise ValidationError(_("Give the communication number."))
    if Communication.objects.filter(mechanism=mechanism, number=number).exists():
        raise ValidationError(_("This committee already has a communication with this number."))
    comm = Communication(
        mechanism=mechanism,
        number=number,
        country=country,
        author=author,
        anonymise_author=anonymise_author,
        registered_on=registered_on,
        status=Communication.Status.PENDING,
        visibility=Visibility.RESTRICTED,
    )
    _save(comm, user, "communication recorded")
    return comm


@transaction.atomic
def do_update_communication(user: Viewer, comm: Communication, **fields: Any) -> Communication:
    """Change the editable fields (``country``, ``author``, ``anonymise_author``,
    ``status``, ``registered_on``, ``views_adopted_on``, ``transmitted_on``,
    ``reply_days``, ``reply_months``) and recompute the reply deadline
    (``Communication.compute_reply_due``: from the transmittal once it is known).

    Raises:
        PermissionDenied: not a coordinator. TypeError: a field that is not editable.
    """
    _require_coordinator(user)
    unknown = set(fields) - _EDITABLE
    if unknown:
        raise TypeError(f"cannot set {sorted(unknown)} on a communication")
    fresh = Communication.objects.select_for_update().get(pk=comm.pk)
    for name, value in fields.items():
        setattr(fresh, name, value)
    fresh.compute_reply_due()
    _save(fresh, user, "communication updated")
    return fresh


@transaction.atomic
def do_set_communication_visibility(
    user: Viewer, comm: Communication, visibility: str
) -> Communication:
    """Make a communication public or restricted (a coordinator's decision).

    Raises:
        PermissionDenied: not a coordinator. ValidationError: unknown visibility.
    """
    _require_coordinator(user)
    if visibility not in Visibility.values:
        raise ValidationError(_("Unknown visibility."))
    fresh = Communication.objects.select_for_update().get(pk=comm.pk)
    fresh.visibility = visibility
    _save(fresh, user, f"visibility set to {visibility}")
    return fresh


@transaction.atomic
def do_add_views_follow_up(
    user: Viewer,
    comm: Communication,
    *,
    kind: str,
    date: dt.date,
    symbol: str = "",
    text: str = "",
    grade_label: str = "",
    grade_scale: str = "",
    dialogue: str = "",
    visibility: str = Visibility.PUBLIC,
) -> ViewsFollowUp:
    """Record one step of the follow-up dialogue on Views: the State's reply, the author's
    comments, or the Committee's assessment with its grade (``tracking.grades``, the
    same scales as follow-up to concluding observations: CCPR A–E...) and whether the
    dialogue stays ongoing or is closed.

    A step on a restricted communication is restricted too.

    Raises:
        PermissionDenied: not a coordinator.
        ValidationError: unknown kind; a grade or dialogue on a step that is not the
            Committee's assessment; a grade no scale knows.
    """
    _require_coordinator(user)
    if kind not in ViewsFollowUp.Kind.values:
        raise ValidationError(_("Unknown kind of follow-up step."))
    is_assessment = kind == ViewsFollowUp.Kind.COMMITTEE_ASSESSMENT
    if (grade_label or dialogue) and not is_assessment:
        raise ValidationError(
            _("Only the Committee's assessment has a grade and a dialogue status.")
        )
    if dialogue not in ViewsFollowUp.Dialogue.values:
        raise ValidationError(_("Unknown dialogue status."))
    step = ViewsFollowUp(
        communication=comm,
        kind=kind,
        date=date,
        symbol=symbol,
        text=text,
        grade_label=grade_label,
        dialogue=dialogue,
        visibility=Visibility.RESTRICTED if comm.visibility != Visibility.PUBLIC else visibility,
        created_by=signed_in(user),
    )
    if grade_label:
        try:
            grade = parse_grade(grade_label, grade_scale if grade_scale in SCALES else None)
        except GradeError as exc:
            raise ValidationError(str(exc)) from exc
        step.grade_ordinal, step.grade_scale = grade.ordinal, grade.scale
    _save(step, user, "follow-up of Views recorded")
    return step


@transaction.atomic
def do_record_intervention(
    user: Viewer,
    comm: Communication,
    *,
    organisation: Organisation,
    date: dt.date,
    title: str = "",
    upload: UploadedFile[bytes] | None = None,
) -> ThirdPartyIntervention:
    """Record a third-party intervention ``organisation`` made on ``comm``.

    Restricted (file and organisation's name included) while nobody decided to publish
    it; the file goes through ``tracking.evidence.check_upload`` (size, type by
    extension and content, SHA-256) as evidence files do.

    Raises:
        PermissionDenied: not a coordinator. ValidationError: the file fails the checks.
    """
    _require_coordinator(user)
    item = ThirdPartyIntervention(
        communication=comm,
        organisation=organisation,
        date=date,
        title=title,
        visibility=Visibility.RESTRICTED,
        created_by=signed_in(user),
    )
    if upload is not None:
        checked = check_upload(upload.name or "", upload, upload.size)
        item.sha256, item.size, item.content_type = (
            checked.sha256,
            checked.size,
            checked.content_type,
        )
        item.original_name = (upload.name or "")[:255]
        item.file.save(f"upload.{checked.extension}", upload, save=False)
    _save(item, user, "third-party intervention recorded")
    return item


@transaction.atomic
def do_decide_intervention_publication(
    user: Viewer, item: ThirdPartyIntervention, expected_version: int, *, publish: bool
) -> ThirdPartyIntervention:
    """Decide whether an intervention is published (ends its reminder either way).

    Raises:
        PermissionDenied: not a coordinator.
        ValidationError: publishing while the communication is still restricted.
        StaleEdit: someone changed the intervention in between.
    """
    _require_coordinator(user)
    if publish and item.communication.visibility != Visibility.PUBLIC:
        raise ValidationError(
            _("The communication is still confidential: publish the communication first.")
        )
    fresh = _claim(ThirdPartyIntervention, item.pk, expected_version)
    fresh.publication_decided = True
    fresh.visibility = Visibility.PUBLIC if publish else Visibility.RESTRICTED
    _save(fresh, user, "published" if publish else "kept restricted")
    return fresh
