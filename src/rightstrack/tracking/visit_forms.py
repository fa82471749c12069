"""Forms of the visits and inquiries pages (plain Django forms; the verbs of
``tracking/visit_actions.py`` save)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rightstrack.catalog.models import Country, Mechanism, Visit
from rightstrack.tracking.forms import DATE

#: Mechanisms that visit or hold inquiries: the SPT and the treaty bodies, special
#: procedure mandates, regional bodies.
VISITING_KINDS = (
    Mechanism.Kind.TREATY_BODY,
    Mechanism.Kind.SPECIAL_PROCEDURE,
    Mechanism.Kind.REGIONAL,
)


class VisitFieldsForm(forms.Form):
    """What a coordinator edits on a visit or inquiry (``visit_actions.EDITABLE``)."""

    title = forms.CharField(
        label=_("Title"),
        max_length=255,
        required=False,
        help_text=_(
            "As the report is titled, e.g. “Report on the visit … to the Republic of Paraguay”."
        ),
    )
    started_on = forms.DateField(label=_("From"), required=False, widget=DATE)
    ended_on = forms.DateField(label=_("To"), required=False, widget=DATE)
    confidential_reference = forms.CharField(
        label=_("Reference of the confidential report"), max_length=128, required=False
    )
    transmitted_on = forms.DateField(
        label=_("Report or findings transmitted to the State on"), required=False, widget=DATE
    )
    national_preventive_mechanism = forms.CharField(
        label=_("National Preventive Mechanism"),
        max_length=255,
        required=False,
        help_text=_("For SPT visits: the NPM that also received the report, where relevant."),
    )
    publication_expected_on = forms.DateField(
        label=_("Publication expected on"),
        required=False,
        widget=DATE,
        help_text=_(
            "If a date is known; the record then shows on the dashboards until it is published."
        ),
    )
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea, required=False)


class VisitForm(VisitFieldsForm):
    """A new visit or inquiry (recorded confidential)."""

    field_order = ("kind", "mechanism", "country")

    kind = forms.ChoiceField(label=_("Kind"), choices=Visit.Kind.choices)
    mechanism = forms.ModelChoiceField(
        Mechanism.objects.filter(kind__in=VISITING_KINDS).order_by("code"),
        label=_("Mechanism"),
    )
    country = forms.ModelChoiceField(Country.objects.all(), label=_("State"))


class VisitRecommendationForm(forms.Form):
    """One recommendation of the report, entered by hand."""

    paragraph = forms.CharField(label=_("Paragraph"), max_length=64)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea)


class PublicationRequestForm(forms.Form):
    """The State's request for publication (or the Committee's decision to publish)."""

    requested_on = forms.DateField(label=_("Publication requested on"), widget=DATE)


class PublishedForm(forms.Form):
    """The report as published."""

    published_on = forms.DateField(label=_("Published on"), widget=DATE)
    symbol = forms.CharField(label=_("Symbol of the published report"), max_length=128)
