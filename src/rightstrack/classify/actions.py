"""Every state change of suggestions, as verb-named functions (like ``tracking/actions.py``).

Each verb checks the acting user's permission again (``PermissionDenied``), runs in one
transaction and writes django-simple-history with the acting user and a change reason:
on the suggestion (its status) and, when a label is accepted, on the recommendation
(whose history follows its themes and affected persons). Nothing is deleted: a rejected
suggestion stays, so that label is never suggested again for that recommendation.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rightstrack.accounts.permissions import user_rank
from rightstrack.accounts.types import Viewer, signed_in
from rightstrack.catalog.models import Recommendation
from rightstrack.classify.models import PublicationSetting, Suggestion
from rightstrack.classify.permissions import can_review
from rightstrack.classify.taxonomies import get as get_taxonomy


def _save(obj: models.Model, user: Viewer, reason: str) -> None:
    """Save with the acting user and a reason recorded in the history row."""
    obj._history_user = user if user_rank(user) else None  # type: ignore[attr-defined]
    obj._change_reason = reason  # type: ignore[attr-defined]
    obj.save()


def _check(user: Viewer) -> None:
    if not can_review(user):
        raise PermissionDenied(_("Only coordinators can review suggested labels."))


@transaction.atomic
def do_accept_suggestion(user: Viewer, suggestion: Suggestion) -> Suggestion:
    """Accept ``suggestion``: its label becomes a confirmed label of the recommendation.

    For the action category (one per recommendation) the label replaces the current one.
    History: the suggestion's status change, and the recommendation saved with reason
    ``"label accepted: <taxonomy> <label>"``.

    Raises:
        PermissionDenied: ``user`` is not a coordinator or administrator.
        ValidationError: the suggestion was already rejected, or its label no longer exists.
    """
    _check(user)
    fresh = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if fresh.status == Suggestion.Status.REJECTED:
        raise ValidationError(_("This suggestion was rejected."))
    tax = get_taxonomy(fresh.taxonomy)
    label = tax.model._default_manager.filter(pk=fresh.label_id).first()
    if label is None:
        raise ValidationError(_("This label no longer exists."))
    rec = Recommendation.objects.get(pk=fresh.recommendation_id)
    if tax.multi:
        getattr(rec, tax.field).add(label)
    else:
        rec.action_category = label  # type: ignore[assignment]
    _save(rec, user, f"label accepted: {tax.key} {tax.label_text(label)}")
    fresh.status = Suggestion.Status.ACCEPTED
    fresh.decided_by, fresh.decided_at = signed_in(user), timezone.now()
    _save(fresh, user, "accepted")
    return fresh


@transaction.atomic
def do_reject_suggestion(user: Viewer, suggestion: Suggestion) -> Suggestion:
    """Reject ``suggestion``: it stays, marked rejected, and the label is never suggested
    again for that recommendation. A label already confirmed is not removed (rejecting a
    suggestion says nothing about labels a source printed).

    Raises:
        PermissionDenied: ``user`` is not a coordinator or administrator.
    """
    _check(user)
    fresh = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    fresh.status = Suggestion.Status.REJECTED
    fresh.decided_by, fresh.decided_at = signed_in(user), timezone.now()
    _save(fresh, user, "rejected")
    return fresh


def do_review_suggestions(user: Viewer, suggestions: Iterable[Suggestion], *, accept: bool) -> int:
    """Accept (or reject) several suggestions at once, each with its own history.

    Returns:
        How many were changed (already rejected ones are skipped when accepting).

    Raises:
        PermissionDenied: ``user`` is not a coordinator or administrator.
    """
    _check(user)
    done = 0
    with transaction.atomic():
        for suggestion in suggestions:
            if accept and suggestion.status == Suggestion.Status.REJECTED:
                continue
            (do_accept_suggestion if accept else do_reject_suggestion)(user, suggestion)
            done += 1
    return done


@transaction.atomic
def do_set_publication(user: Viewer, *, publish: bool, threshold: float) -> PublicationSetting:
    """Choose whether public outputs show pending suggestions, and from which score.

    Raises:
        PermissionDenied: ``user`` is not a coordinator or administrator.
        ValidationError: ``threshold`` is outside 0-1.
    """
    _check(user)
    if not 0.0 <= threshold <= 1.0:
        raise ValidationError(_("The minimum score must be between 0 and 1."))
    setting = PublicationSetting.objects.select_for_update().filter(pk=1).first()
    setting = setting or PublicationSetting(pk=1)
    setting.publish, setting.threshold = publish, threshold
    _save(setting, user, "publication of suggestions changed")
    return setting
