"""Forms of the generated reports (follow-up report, mid-term report, briefing pack,
press templates). Choices come from the permission-checked report querysets."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from rightstrack.accounts.models import Organisation
from rightstrack.accounts.types import Viewer
from rightstrack.catalog.models import Country
from rightstrack.reports.data import report_selections
from rightstrack.reports.followup_report import documents_with_follow_up
from rightstrack.reports.models import EditorialStatus

FORMAT_CHOICES = [("docx", _("Word (DOCX, editable)")), ("pdf", "PDF")]


def _languages() -> list[tuple[str, Any]]:
    return [(code, name) for code, name in settings.LANGUAGES]


class FollowUpReportForm(forms.Form):
    """Document, submitting organisations, period, language and format."""

    document: Any = forms.ModelChoiceField(queryset=None, label=_("Concluding observations"))
    organisations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.filter(is_archived=False).order_by("name"),
        label=_("Submitting organisation(s)"),
        required=False,
    )
    period_start = forms.DateField(
        label=_("Period from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(
        label=_("Period to (judgement date)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    language = forms.ChoiceField(label=_("Language"), choices=_languages, initial="en")
    fmt = forms.ChoiceField(label=_("Format"), choices=FORMAT_CHOICES, initial="docx")

    def __init__(self, *args: Any, user: Viewer | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["document"]
        field.queryset = documents_with_follow_up(user)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and start > end:
            raise forms.ValidationError(_("The period starts after it ends."))
        return data


class MidTermForm(forms.Form):
    """Country and UPR cycle."""

    country = forms.ModelChoiceField(
        queryset=Country.objects.filter(recommendations__mechanism__kind="upr")
        .distinct()
        .order_by("name_en"),
        label=_("State under review"),
    )
    cycle = forms.IntegerField(label=_("UPR cycle"), min_value=1, max_value=9, initial=4)
    language = forms.ChoiceField(label=_("Language"), choices=_languages, initial="en")
    fmt = forms.ChoiceField(label=_("Format"), choices=FORMAT_CHOICES, initial="docx")


class BriefingForm(forms.Form):
    """Institution or selection, and briefing date."""

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(is_archived=False, assignments__is_archived=False)
        .distinct()
        .order_by("name"),
        label=_("Institution"),
        required=False,
    )
    selection: Any = forms.ModelChoiceField(
        queryset=None, label=_("or a selection of recommendations"), required=False
    )
    on = forms.DateField(
        label=_("Briefing date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    language = forms.ChoiceField(label=_("Language"), choices=_languages, initial="en")
    fmt = forms.ChoiceField(label=_("Format"), choices=FORMAT_CHOICES, initial="docx")

    def __init__(self, *args: Any, user: Viewer | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["selection"]
        field.queryset = report_selections(user)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("organisation")) == bool(data.get("selection")):
            raise forms.ValidationError(_("Choose an institution or a selection."))
        return data


class PressTemplateForm(forms.Form):
    """The body of one press template (a Django template, plain text)."""

    # dir="auto": an Arabic template is edited right to left, the others left to right.
    body = forms.CharField(
        label=_("Template"), widget=forms.Textarea(attrs={"rows": 24, "dir": "auto"})
    )


class PlainTextForm(forms.Form):
    """The plain-language text of one recommendation in one language, and its status."""

    text = forms.CharField(
        label=_("Plain-language text"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=10000,
        help_text=_("Short sentences, everyday words; say who must do what."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=EditorialStatus.choices)


class PlainSummaryForm(forms.Form):
    """The document-level parts of a plain-language summary in one language."""

    intro = forms.CharField(
        label=_("Introduction"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    welcomed = forms.CharField(
        label=_("What the Committee welcomed (one item per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    next_steps = forms.CharField(
        label=_("What happens next"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    status = forms.ChoiceField(label=_("Status"), choices=EditorialStatus.choices)
