"""History pages: who changed what, when (django-simple-history records).

A history page shows unapproved drafts and reviewers' names, so it is open
only to those who may edit the object and to coordinators; the object itself
is fetched through the ``tracking.permissions`` helper of its model (404 if
hidden). Archived objects keep their history, and coordinators can still
open it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.urls import reverse

from rightstrack.accounts.models import Contact, Organisation
from rightstrack.accounts.permissions import public_name
from rightstrack.accounts.types import Viewer
from rightstrack.tracking import permissions as perm
from rightstrack.tracking.models import (
    Action,
    Assessment,
    Assignment,
    Engagement,
    Evidence,
    ImplementationPlan,
    Indicator,
    Measurement,
    Selection,
)

MODELS: dict[str, type[models.Model]] = {
    "plan": ImplementationPlan,
    "action": Action,
    "indicator": Indicator,
    "measurement": Measurement,
    "assessment": Assessment,
    "assignment": Assignment,
    "evidence": Evidence,
    # Actors: their history is open to coordinators only (who alone may change them).
    "organisation": Organisation,
    "contact": Contact,
    "engagement": Engagement,
    "selection": Selection,
}
#: Archived records a coordinator may restore from the history page: URL name.
RESTORE_URLS = {
    "organisation": "tracking:actor_restore",
    "contact": "tracking:contact_restore",
    "assignment": "tracking:assignment_restore",
}
HIDDEN_FIELDS = {"version", "updated_at", "created_at"}


@dataclass
class Change:
    """One field change between two consecutive history records."""

    field: str
    old: Any
    new: Any


@dataclass
class Entry:
    """One history record: when, who, what kind (created/changed), reason, changes."""

    date: Any
    user: str
    kind: str
    reason: str
    version: int
    changes: list[Change]


def _fetch(user: Viewer | None, model: str, pk: int) -> Any:
    """The object, if ``user`` may read its history (coordinators: archived ones too)."""
    if perm.is_coordinator(user) and model in MODELS:
        obj = MODELS[model]._default_manager.filter(pk=pk).first()
        if obj is None:
            raise Http404
        return obj
    getters = {
        "plan": perm.get_plan_for_user,
        "action": perm.get_action_for_user,
        "indicator": perm.get_indicator_for_user,
        "measurement": perm.get_measurement_for_user,
        "assessment": perm.get_assessment_for_user,
        "assignment": perm.get_assignment_for_user,
        "evidence": perm.get_evidence_for_user,
        "engagement": perm.get_engagement_for_user,
        "selection": perm.get_selection_for_user,
    }
    if model not in getters:
        raise Http404
    obj = getters[model](user, pk)
    if not _may_read_history(user, model, obj):
        raise PermissionDenied
    return obj


def _may_read_history(user: Viewer | None, model: str, obj: Any) -> bool:
    if model == "action":
        return perm.can_edit_action(user, obj)
    if model == "indicator":
        return perm.can_edit_action(user, obj.action)
    if model == "measurement":
        return perm.can_edit_action(user, obj.indicator.action)
    if model == "assessment":
        return perm.can_edit_assessment(user, obj) or obj.author_id == getattr(user, "pk", None)
    if model == "engagement":
        return perm.can_edit_engagement(user, obj)
    if model == "selection":
        return perm.can_edit_selection(user, obj)
    return False


def _show(field: Any, value: Any, viewer: Viewer | None) -> Any:
    """A history value as people read it: choice labels, related objects by name, users
    through :func:`public_name` (hidden names stay hidden)."""
    if value in (None, ""):
        return value
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        if related is None:
            return value
        if related._meta.label == "accounts.User":
            return public_name(related, viewer)
        return str(related)
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    return value


def history_context(user: Viewer | None, model: str, pk: int) -> dict[str, Any]:
    """Context of ``tracking/history.html``: the object and its entries, newest first.

    Raises:
        Http404: unknown model or object hidden from ``user``.
        PermissionDenied: visible but ``user`` may not read its history.
    """
    obj = _fetch(user, model, pk)
    records = list(
        obj.history.select_related("history_user").order_by("history_date", "history_id")
    )
    fields = {f.name: f for f in type(obj)._meta.fields if f.name not in HIDDEN_FIELDS}
    entries: list[Entry] = []
    previous = None
    for rec in records:
        changes: list[Change] = []
        if previous is not None:
            delta = rec.diff_against(previous)
            changes = [
                Change(
                    str(fields[c.field].verbose_name),
                    _show(fields[c.field], c.old, user),
                    _show(fields[c.field], c.new, user),
                )
                for c in delta.changes
                if c.field in fields
            ]
        else:
            changes = [
                Change(str(f.verbose_name), None, _show(f, getattr(rec, f.attname), user))
                for name, f in fields.items()
                if name != "id" and getattr(rec, f.attname) not in (None, "")
            ]
        entries.append(
            Entry(
                date=rec.history_date,
                user=public_name(rec.history_user, user),
                kind=rec.get_history_type_display(),
                reason=rec.history_change_reason or "",
                version=getattr(rec, "version", 0),
                changes=changes,
            )
        )
        previous = rec
    entries.reverse()
    restore = RESTORE_URLS.get(model) if obj.is_archived and perm.is_coordinator(user) else None
    return {
        "object": obj,
        "model": model,
        "entries": entries,
        "restore_url": reverse(restore, args=[obj.pk]) if restore else "",
    }
