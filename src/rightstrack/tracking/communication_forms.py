"""Forms of the communications pages (plain Django forms; the verbs of
``tracking/communication_actions.py`` save)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rightstrack.accounts.models import Organisation
from rightstrack.catalog.models import Country, Mechanism, Visibility
from rightstrack.tracking.forms import DATE
from rightstrack.tracking.models import ViewsFollowUp


class CommunicationForm(forms.Form):
    """A pending communication recorded by hand (restricted by default)."""

    mechanism = forms.ModelChoiceField(
        Mechanism.objects.filter(kind=Mechanism.Kind.TREATY_BODY), label=_("Committee")
    )
    number = forms.CharField(label=_("Communication number"), max_length=32)
    country = forms.ModelChoiceField(Country.objects.all(), label=_("State party"), required=False)
    author = forms.CharField(label=_("Author"), max_length=255, required=False)
    anonymise_author = forms.BooleanField(
        label=_("Show only the author's initials in public"), required=False, initial=True
    )
    registered_on = forms.DateField(label=_("Registered on"), required=False, widget=DATE)


class CommunicationSettingsForm(forms.Form):
    """What a coordinator enters or decides on a communication: the State party and the
    date of the Views when the Views text does not print them (the import names what is
    missing), the transmittal date, anonymity, visibility."""

    country = forms.ModelChoiceField(Country.objects.all(), label=_("State party"), required=False)
    views_adopted_on = forms.DateField(
        label=_("Date of the Views"),
        required=False,
        widget=DATE,
        help_text=_("Without a transmittal date, the reply deadline is counted from this date."),
    )
    transmitted_on = forms.DateField(
        label=_("Views transmitted to the State on"),
        required=False,
        widget=DATE,
        help_text=_("The reply deadline is then counted from this date."),
    )
    anonymise_author = forms.BooleanField(
        label=_("Show only the author's initials in public"), required=False
    )
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices)


class ViewsFollowUpForm(forms.Form):
    """One step of the follow-up dialogue on Views."""

    kind = forms.ChoiceField(label=_("Step"), choices=ViewsFollowUp.Kind.choices)
    date = forms.DateField(label=_("Date"), widget=DATE)
    symbol = forms.CharField(label=_("Document symbol"), max_length=128, required=False)
    text = forms.CharField(label=_("Summary"), widget=forms.Textarea, required=False)
    grade_label = forms.CharField(
        label=_("Committee grade (as printed)"), max_length=64, required=False
    )
    dialogue = forms.ChoiceField(
        label=_("Dialogue"), choices=ViewsFollowUp.Dialogue.choices, required=False
    )


class InterventionForm(forms.Form):
    """A third-party intervention (restricted until a coordinator decides to publish it)."""

    organisation = forms.ModelChoiceField(
        Organisation.objects.filter(is_archived=False).order_by("name"), label=_("Organisation")
    )
    date = forms.DateField(label=_("Date submitted"), widget=DATE)
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    file = forms.FileField(label=_("Submission file"), required=False)
