"""Every state change of suggestions, as verb-named functions (like ``tracking/actions.py``).

Each verb checks the acting user's permission again (``PermissionDenied``), runs in one
transaction and writes django-simple-history with the acting user and a change reason:
on the suggestion (its status) and, when a label is accepted, on the recommendation
(whose history follows its themes and affected persons). Nothing is deleted: a rejected
suggestion stays, so that label is never suggested again for that recommendation.

State changes of the classify app, as verb-named functions.

Each verb checks the acting user's permission again (``PermissionDenied``), runs in one
transaction, writes django-simple-history with the acting user and a change reason,
refuses an edit based on an old version (``StaleCluster``) and never deletes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from rightstrack.accounts.models import ROLE_RANK, Role
from rightstrack.accounts.permissions import user_rank
from rightstrack.accounts.types import Viewer, signed_in
from rightstrack.catalog.models import Recommendation
from rightstrack.classify.models import Cluster, ClusterMember, PublicationSetting, Suggestion
from rightstrack.classify.permissions import can_review
from rightstrack.classify.taxonomies import get as get_taxonomy


def _history(obj: models.Model, user: Viewer, reason: str) -> None:
    """Set who acts and why on ``obj``: its next save writes them in the history row."""
    obj._history_user = user if user_rank(user) else None  # type: ignore[attr-defined]
    obj._change_reason = reason  # type: ignore[attr-defined]


def _save(obj: models.Model, user: Viewer, reason: str) -> None:
    """Save with the acting user and a reason recorded in the history row."""
    _history(obj, user, reason)
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


# --------------------------------------------------------------------------- consolidation


class StaleCluster(Exception):
    """The cluster changed since the user saw it (``current`` is the cluster as it is now)."""

    def __init__(self, current: Cluster, expected: int) -> None:
        self.current = current
        self.expected = expected
        super().__init__(
            f"Cluster {current.pk} was changed by someone else "
            f"(now version {current.version}; your change was based on version {expected})"
        )


def can_review_clusters(user: Viewer | None) -> bool:
    """Whether ``user`` may confirm or split clusters: coordinators and administrators
    (the people who decide what the organisation publishes, ``docs/security.md``)."""
    return user_rank(user) >= ROLE_RANK[Role.COORDINATOR]


def _claim(cluster: Cluster, expected_version: int) -> Cluster:
    """Bump the cluster's version if it is still ``expected_version``; the fresh row."""
    updated = Cluster.objects.filter(pk=cluster.pk, version=expected_version).update(
        version=F("version") + 1
    )
    fresh = Cluster.objects.select_for_update().get(pk=cluster.pk)
    if not updated:
        raise StaleCluster(fresh, expected_version)
    if fresh.status not in (Cluster.Status.CANDIDATE, Cluster.Status.CONFIRMED):
        raise ValidationError(_("This cluster is no longer in force."))
    return fresh


def _confirm(cluster: Cluster, user: Viewer, reason: str) -> None:
    cluster.status = Cluster.Status.CONFIRMED
    cluster.confirmed_by = signed_in(user)
    cluster.confirmed_at = timezone.now()
    _history(cluster, user, reason)
    cluster.save()


def _reason(verb: str, note: str) -> str:
    return f"{verb}: {note}"[:100] if note else verb


@transaction.atomic
def do_confirm_cluster(
    user: Viewer, cluster: Cluster, expected_version: int, note: str = ""
) -> Cluster:
    """Confirm that the members of ``cluster`` ask for the same thing.

    A confirmed cluster is never changed by ``rightstrack classify cluster`` again.

    Args:
        user: the acting coordinator or administrator.
        cluster: a candidate or confirmed cluster.
        expected_version: ``cluster.version`` as the user saw it.
        note: why (kept in the history's change reason, 100 characters at most).

    Raises:
        PermissionDenied: ``user`` is below coordinator.
        StaleCluster: someone changed the cluster since ``expected_version``.
        ValidationError: the cluster was superseded or archived.
    """
    if not can_review_clusters(user):
        raise PermissionDenied(_("Only coordinators may confirm clusters."))
    fresh = _claim(cluster, expected_version)
    _confirm(fresh, user, _reason("confirmed", note))
    return fresh


@transaction.atomic
def do_split_cluster(
    user: Viewer,
    cluster: Cluster,
    recommendation_ids: Iterable[int],
    expected_version: int,
    note: str = "",
) -> Cluster:
    """Take the recommendations ``recommendation_ids`` out of ``cluster`` into a new one.

    Both parts are confirmed (a person looked at them); a part of one recommendation
    says "this one stands alone", so the next ``classify cluster`` run leaves it alone.
    The old memberships are kept, inactive, with their history.

    Args:
        user: the acting coordinator or administrator.
        cluster: a candidate or confirmed cluster.
        recommendation_ids: ids of some (not all) of its active members.
        expected_version: ``cluster.version`` as the user saw it.
        note: why (kept in the history's change reason).

    Returns:
        The new cluster holding ``recommendation_ids``.

    Raises:
        PermissionDenied: ``user`` is below coordinator.
        StaleCluster: someone changed the cluster since ``expected_version``.
        ValidationError: no id given, an id that is not an active member, or every member.
    """
    if not can_review_clusters(user):
        raise PermissionDenied(_("Only coordinators may split clusters."))
    fresh = _claim(cluster, expected_version)
    chosen = set(recommendation_ids)
    active = {m.recommendation_id: m for m in fresh.members.filter(is_active=True)}
    if not chosen or not chosen <= set(active) or chosen == set(active):
        raise ValidationError(
            _("Choose some, but not all, of the recommendations of this cluster.")
        )
    reason = _reason("split", note)
    new = Cluster(country_id=fresh.country_id, method="split", status=Cluster.Status.CONFIRMED)
    new.confirmed_by = signed_in(user)
    new.confirmed_at = timezone.now()
    _history(new, user, reason)
    new.save()
    for rec_id in sorted(chosen):
        old: Any = active[rec_id]
        old.is_active = False
        _history(old, user, reason)
        old.save()
        member = ClusterMember(cluster=new, recommendation_id=rec_id, score=old.score)
        _history(member, user, reason)
        member.save()
    _confirm(fresh, user, reason)
    return new
