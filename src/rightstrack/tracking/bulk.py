"""Bulk changes on a filtered list of recommendations: the form, the preview counts, the run.

A list page (the portal's filtered list, a document page) hands its recommendations as a
queryset; :class:`BulkForm` says what to do; :func:`preview` counts how many records will
change (the confirmation page shows it); :func:`run` calls the bulk verb of
``tracking.actions`` (one transaction, one history entry per record, one
:class:`~rightstrack.tracking.models.Batch` that can be undone).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from rightstrack.accounts.models import Organisation
from rightstrack.accounts.types import Viewer
from rightstrack.catalog.models import Recommendation
from rightstrack.tracking import actions as verbs
from rightstrack.tracking.models import Assignment, Batch

#: Most recommendations one bulk change may touch: each gets its own history and timeline
#: entry in one transaction, so a web request stays within seconds (a document or a
#: country's cycle is well below this; the whole catalogue is not).
MAX_RECORDS = 2000
ASSIGN = Batch.Kind.ASSIGN.value
END = Batch.Kind.END_ASSIGNMENT.value


class BulkForm(forms.Form):
    """What to do with every recommendation of the list."""

    operation = forms.ChoiceField(
        label=_("Change"),
        choices=[(ASSIGN, Batch.Kind.ASSIGN.label), (END, Batch.Kind.END_ASSIGNMENT.label)],
    )
    organisation = forms.ModelChoiceField(
        label=_("Institution"), queryset=Organisation.objects.none()
    )
    role = forms.ChoiceField(label=_("Role"), choices=Assignment.Role.choices, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            is_archived=False
        ).order_by("name")


@dataclass(frozen=True)
class Preview:
    """What a bulk change will do: ``listed`` recommendations, ``changed`` records."""

    listed: int
    changed: int

    @property
    def too_many(self) -> bool:
        """More than :data:`MAX_RECORDS` recommendations: the list must be narrowed first."""
        return self.listed > MAX_RECORDS

    @property
    def unchanged(self) -> int:
        """Recommendations of the list left as they are (already so)."""
        return self.listed - self.changed if self.changed <= self.listed else 0


def preview(
    recommendations: QuerySet[Recommendation], operation: str, org: Organisation
) -> Preview:
    """Counts for the confirmation page (two queries; ``recommendations`` already visible).

    ``assign``: recommendations not yet actively assigned to ``org``; ``end_assignment``:
    active assignments of these recommendations to ``org``.
    """
    listed = recommendations.count()
    active = Assignment.objects.active().filter(
        organisation=org, recommendation__in=recommendations.values("pk")
    )
    n_active = active.count()
    return Preview(listed=listed, changed=listed - n_active if operation == ASSIGN else n_active)


def run(user: Viewer, recommendations: QuerySet[Recommendation], data: dict[str, Any]) -> Batch:
    """Run the bulk change of a valid :class:`BulkForm` (``cleaned_data``); returns its batch.

    Raises:
        PermissionDenied: the verb refused the user.
        ValidationError: bad role, or more than :data:`MAX_RECORDS` recommendations.
    """
    if recommendations.count() > MAX_RECORDS:
        raise ValidationError(
            _("A bulk change may touch at most %(max)s recommendations: narrow the list first.")
            % {"max": MAX_RECORDS}
        )
    org = data["organisation"]
    if data["operation"] == ASSIGN:
        role = data.get("role") or Assignment.Role.LEAD
        return verbs.do_bulk_assign(user, recommendations, org, role=role)
    return verbs.do_bulk_end_assignments(user, recommendations, org)
