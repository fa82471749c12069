"""Forms of the accounts pages."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from rightstrack.accounts.models import Role, User


class TokenForm(forms.Form):
    """A six-digit TOTP code from the user's authenticator app."""

    token = forms.RegexField(
        label=_("Six-digit code from your authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        max_length=12,
        error_messages={"invalid": _("Enter the six digits shown in your app.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self) -> str:
        return str(self.cleaned_data["token"]).strip()


class AccountPreferencesForm(forms.ModelForm[User]):
    """ "My account": preferred language, and for contributors the hidden-name choice."""

    language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=[("", _("The language chosen on the page")), *settings.LANGUAGES],
        required=False,
    )

    class Meta:
        model = User
        fields: ClassVar = ["first_name", "last_name", "email", "language", "hide_name_publicly"]
        help_texts: ClassVar = {
            "hide_name_publicly": _(
                "Your name will be shown as “Anonymous contributor” on every public "
                "page, download and feed. Coordinators still see it."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.role != Role.CONTRIBUTOR:
            del self.fields["hide_name_publicly"]


class ApiTokenForm(forms.Form):
    """A new personal API token: only its name (what it is for)."""

    name = forms.CharField(
        label=_("Name of the new token"),
        max_length=100,
        help_text=_("What the token is for, e.g. “reporting spreadsheet”."),
    )
