"""The public subscription form. ``website`` is a honeypot: people never see it (as on
the sign-up form, ``accounts/forms.py``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from rightstrack.catalog.models import Country, Mechanism, Theme


class _NamedCountryField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class SubscribeForm(forms.Form):
    """Email, country, optional mechanism or theme, language of the messages."""

    email = forms.EmailField(
        label=_("Email address"),
        help_text=_(
            "We send a link to confirm it. It is never shown publicly and is erased when "
            "you unsubscribe."
        ),
    )
    country = _NamedCountryField(
        label=_("Country"), queryset=Country.objects.all(), to_field_name="iso3"
    )
    mechanism = forms.ModelChoiceField(
        label=_("Only from this mechanism (optional)"),
        queryset=Mechanism.objects.order_by("code"),
        to_field_name="code",
        required=False,
        empty_label=_("Every mechanism"),
    )
    theme = forms.ModelChoiceField(
        label=_("Only on this theme (optional)"),
        queryset=Theme.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("Every theme"),
    )
    language = forms.ChoiceField(label=_("Language of the messages"), choices=settings.LANGUAGES)
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean(self) -> dict[str, Any]:
        """A subscription follows a mechanism or a theme, not both (one filter keeps the
        digest's meaning plain)."""
        data = super().clean() or {}
        if data.get("mechanism") and data.get("theme"):
            raise forms.ValidationError(_("Choose a mechanism or a theme, not both."))
        return data

    @property
    def is_bot(self) -> bool:
        """True when the honeypot field was filled (people cannot see it; bots fill it)."""
        return bool(self.data.get("website"))
