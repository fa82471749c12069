"""Forms of the tracking UI (plain Django forms; they never save, the verbs do).

Edit forms carry the record's ``version`` in a hidden field: the verb refuses
the save if the record moved on (optimistic locking, see
``tracking.actions.StaleEdit``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rightstrack.accounts.models import Organisation
from rightstrack.catalog.models import Country, Document, Recommendation, Visibility
from rightstrack.tracking.models import (
    Action,
    Assessment,
    Assignment,
    Engagement,
    EngagementVisibility,
    ImplementationPlan,
    Indicator,
    Level,
)
from rightstrack.tracking.picker import RecommendationPickerField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _orgs() -> Any:
    return Organisation.objects.filter(is_archived=False).order_by("name")


class VersionedForm(forms.Form):
    """A form that carries the version of the record it edits."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ActorFilterForm(forms.Form):
    """Filters of the actors map (all optional; GET)."""

    q = forms.CharField(label=_("Name contains"), required=False, max_length=100)
    org_type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *Organisation.Type.choices]
    )
    country = forms.CharField(label=_("Country (ISO3)"), required=False, max_length=3)


class AssignmentForm(forms.Form):
    """Assign a recommendation to an institution."""

    organisation = forms.ModelChoiceField(
        label=_("Institution"), queryset=Organisation.objects.none()
    )
    role = forms.ChoiceField(label=_("Role"), choices=Assignment.Role.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _orgs()  # type: ignore[attr-defined]


class PlanForm(VersionedForm):
    """Create or edit an implementation plan."""

    title = forms.CharField(label=_("Title"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=ImplementationPlan.Kind.choices)
    owner = forms.ModelChoiceField(
        label=_("Owner"), queryset=Organisation.objects.none(), required=False
    )
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.all(), required=False
    )
    period_start = forms.DateField(label=_("Period start"), required=False, widget=DATE)
    period_end = forms.DateField(label=_("Period end"), required=False, widget=DATE)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _orgs()  # type: ignore[attr-defined]
        self.fields["version"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return data


class ActionForm(VersionedForm):
    """Create or edit an action. ``recommendations`` lists only those the user may see."""

    title = forms.CharField(label=_("Title"), max_length=255)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    recommendations = RecommendationPickerField(label=_("Recommendations addressed"))
    responsible = forms.ModelChoiceField(
        label=_("Responsible institution"), queryset=Organisation.objects.none(), required=False
    )
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DATE)
    target_date = forms.DateField(label=_("Target date"), required=False, widget=DATE)
    status = forms.ChoiceField(label=_("Status"), choices=Action.Status.choices)

    def __init__(
        self,
        *args: Any,
        recommendations: Any = None,
        lock_responsible: bool = False,
        query: str = "",
        scope_params: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        """``recommendations``: the picker's scope (a queryset); ``query``: what was typed
        into its search box; ``scope_params``: the scope as ``tracking:picker`` reads it."""
        super().__init__(*args, **kwargs)
        self.fields["version"].required = False
        if recommendations is not None:
            picker: RecommendationPickerField = self.fields["recommendations"]  # type: ignore[assignment]
            picker.set_scope(recommendations, query=query, params=scope_params)
        self.fields["responsible"].queryset = _orgs()  # type: ignore[attr-defined]
        if lock_responsible:
            self.fields["responsible"].disabled = True
            self.fields["responsible"].help_text = _("Your institution.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, target = data.get("start_date"), data.get("target_date")
        if start and target and target < start:
            self.add_error("target_date", _("The target date cannot be before the start date."))
        return data


class IndicatorForm(VersionedForm):
    """Create or edit an indicator."""

    name = forms.CharField(label=_("Name"), max_length=255)
    unit = forms.CharField(label=_("Unit"), max_length=64, required=False)
    baseline_value = forms.DecimalField(
        label=_("Baseline value"), required=False, max_digits=18, decimal_places=4
    )
    baseline_date = forms.DateField(label=_("Baseline date"), required=False, widget=DATE)
    target_value = forms.DecimalField(
        label=_("Target value"), required=False, max_digits=18, decimal_places=4
    )
    target_date = forms.DateField(label=_("Target date"), required=False, widget=DATE)
    frequency = forms.ChoiceField(
        label=_("Measurement frequency"), choices=Indicator.Frequency.choices
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].required = False


class MeasurementForm(forms.Form):
    """Record a measurement."""

    date = forms.DateField(label=_("Date"), widget=DATE)
    value = forms.DecimalField(label=_("Value"), max_digits=18, decimal_places=4)
    source = forms.CharField(label=_("Source"), required=False, max_length=500)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AssessmentForm(VersionedForm):
    """Submit or edit an assessment. Coordinators see source, organisation, grade and
    document; other users' source and organisation follow from their organisation."""

    date = forms.DateField(label=_("Date"), widget=DATE)
    level = forms.ChoiceField(
        label=_("Level of implementation"),
        choices=[("", _("Not stated")), *Level.choices],
        required=False,
    )
    text = forms.CharField(label=_("Assessment"), widget=forms.Textarea(attrs={"rows": 6}))
    visibility = forms.ChoiceField(
        label=_("Visibility"),
        choices=Visibility.choices,
        help_text=_("Restricted (e.g. an embargoed submission): seen by coordinators only."),
    )
    source = forms.ChoiceField(label=_("Source"), choices=Assessment.Source.choices, required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    grade_label = forms.CharField(
        label=_("Committee grade (as printed)"),
        max_length=64,
        required=False,
        help_text=_("For example “B”, “C2 to D1”."),
    )
    grade_scale = forms.CharField(label=_("Grade scale"), max_length=32, required=False)
    document = forms.ModelChoiceField(
        label=_("Source document"), queryset=Document.objects.none(), required=False
    )

    COORDINATOR_ONLY = ("source", "organisation", "grade_label", "grade_scale", "document")

    def __init__(
        self, *args: Any, coordinator: bool = False, documents: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].required = False
        if coordinator:
            self.fields["organisation"].queryset = _orgs()  # type: ignore[attr-defined]
            if documents is not None:
                self.fields["document"].queryset = documents  # type: ignore[attr-defined]
        else:
            for name in self.COORDINATOR_ONLY:
                del self.fields[name]


class EvidenceForm(forms.Form):
    """A link or a file (checked by ``tracking.evidence.check_upload`` in the verb)."""

    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    url = forms.URLField(label=_("Link"), required=False, max_length=1000, assume_scheme="https")
    file = forms.FileField(label=_("File"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("url") and not data.get("file"):
            raise forms.ValidationError(_("Give a link or a file."))
        return data


class ReviewForm(VersionedForm):
    """Approve or reject an item waiting for validation or moderation."""

    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Reject"))], widget=forms.HiddenInput
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


# --------------------------------------------------------------------------- engagements


class RecommendationChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Recommendations as checkboxes labelled "symbol, para. N: first words".

    The queryset is always a *scoped* list (one document, one selection, the
    record's own links), never the whole catalogue; rendered by
    ``tracking/includes/recommendation_choices.html``.
    """

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Any) -> str:
        words = " ".join(obj.text.split()[:14])
        symbol = obj.document.symbol or obj.document.key
        return _("%(symbol)s, para. %(paragraph)s: %(words)s…") % {
            "symbol": symbol,
            "paragraph": obj.paragraph,
            "words": words,
        }


class EngagementForm(VersionedForm):
    """Record or edit an engagement; ``recommendations`` is a scoped list (see
    :class:`RecommendationChoiceField`), ``visibilities`` the levels the user may give."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Engagement.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=255)
    date = forms.DateField(label=_("Date"), widget=DATE)
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.all(), required=False
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations involved"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    people = forms.CharField(
        label=_("People involved"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Names and functions. Think of their safety before making this public."),
    )
    recommendations = RecommendationChoiceField(
        label=_("Recommendations discussed"), queryset=Recommendation.objects.none(), required=False
    )
    summary = forms.CharField(
        label=_("What was said"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    follow_up_on = forms.DateField(label=_("Follow-up date"), required=False, widget=DATE)
    visibility = forms.ChoiceField(
        label=_("Visibility"),
        choices=EngagementVisibility.choices,
        # Reports read public engagements only (reports/data.py report_engagements).
        help_text=_(
            "Only public engagements appear in briefing packs, follow-up reports, "
            "feeds and calendar files."
        ),
    )

    def __init__(
        self,
        *args: Any,
        recommendations: Any = None,
        visibilities: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].required = False
        self.fields["organisations"].queryset = _orgs()  # type: ignore[attr-defined]
        if recommendations is not None:
            self.fields["recommendations"].queryset = recommendations  # type: ignore[attr-defined]
        if visibilities is not None:
            self.fields["visibility"].choices = [  # type: ignore[attr-defined]
                (v, label) for v, label in EngagementVisibility.choices if v in visibilities
            ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, follow = data.get("date"), data.get("follow_up_on")
        if day and follow and follow < day:
            self.add_error("follow_up_on", _("The follow-up date cannot be before the engagement."))
        return data


class CommitmentForm(forms.Form):
    """One commitment row: what, by whom, by when."""

    pk = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(
        label=_("Commitment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    by_whom = forms.ModelChoiceField(
        label=_("By whom"), queryset=Organisation.objects.none(), required=False
    )
    due_on = forms.DateField(label=_("By when"), required=False, widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["by_whom"].queryset = _orgs()  # type: ignore[attr-defined]


CommitmentFormSet = forms.formset_factory(CommitmentForm, extra=2)


class CommitmentActionForm(forms.Form):
    """The plan a commitment becomes an action of."""

    plan = forms.ModelChoiceField(label=_("Plan"), queryset=ImplementationPlan.objects.none())

    def __init__(self, *args: Any, plans: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if plans is not None:
            self.fields["plan"].queryset = plans  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- selections


class SelectionForm(VersionedForm):
    """Name a selection and say whether the organisation shares it."""

    name = forms.CharField(label=_("Name"), max_length=200)
    shared = forms.BooleanField(label=_("Shared with my organisation"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].required = False
