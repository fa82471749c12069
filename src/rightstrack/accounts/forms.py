"""Forms of the accounts pages."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from rightstrack.accounts.models import ApiToken, Contact, Organisation, Role, User


class LoginForm(AuthenticationForm):
    """Django's login form, its first field named as on the sign-up and invitation forms
    ("Login name"), which is what those forms tell people to choose and to log in with."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Login name")


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
    """A new personal API token: its name (what it is for) and its access (read only, or
    read and write)."""

    name = forms.CharField(
        label=_("Name of the new token"),
        max_length=100,
        help_text=_("What the token is for, e.g. “reporting spreadsheet”."),
    )
    scope = forms.ChoiceField(
        label=_("Access"),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        required=False,  # not sent (a script posting only a name): read only
        widget=forms.RadioSelect,
        help_text=_(
            "Read only is enough to download data. Read and write also lets the program "
            "change what you may change yourself (an action’s status, measurements, "
            "assessments, evidence links)."
        ),
    )

    def clean_scope(self) -> str:
        """The chosen scope, ``read`` when none was sent."""
        return str(self.cleaned_data.get("scope") or ApiToken.Scope.READ)


_PUBLISHING_HELP = _(
    "Coordinators, validators and focal points publish information: they also set up a "
    "second login step with an authenticator app when they accept."
)
_HIDE_HELP = _(
    "People who engage with the UN can face reprisals. With this option the name is never "
    "shown on a public page, download, feed or report: the public sees “Anonymous "
    "contributor”. Coordinators still see it."
)


class OrganisationForm(forms.ModelForm[Organisation]):
    """An organisation of the actors map, with the product's words for each field."""

    class Meta:
        model = Organisation
        fields: ClassVar = [
            "name",
            "acronym",
            "org_type",
            "country",
            "parent",
            "mandate",
            "contact_name",
            "contact_email",
            "website",
        ]
        labels: ClassVar = {
            "name": _("Name"),
            "acronym": _("Acronym"),
            "org_type": _("Kind of actor"),
            "country": _("Country"),
            "parent": _("Part of"),
            "mandate": _("Mandate"),
            "contact_name": _("General contact point"),
            "contact_email": _("General contact email"),
            "website": _("Website"),
        }
        help_texts: ClassVar = {
            "parent": _("For a committee, the parliament; for an agency, its ministry."),
            "mandate": _("What the organisation does for human rights, in a few sentences."),
            "contact_name": _("Shown to the public on the actors map (an office, not a person)."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parents = Organisation.objects.filter(is_archived=False)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
        self.fields["country"].label_from_instance = lambda c: c.name  # type: ignore[attr-defined]


class ContactForm(forms.ModelForm[Contact]):
    """A contact or focal point of an organisation."""

    class Meta:
        model = Contact
        fields: ClassVar = ["kind", "name", "position", "email", "phone"]
        labels: ClassVar = {
            "kind": _("Contact or focal point"),
            "name": _("Name"),
            "position": _("Position"),
            "email": _("Email"),
            "phone": _("Telephone"),
        }


def _language_choices() -> list[tuple[str, Any]]:
    return [(code, name) for code, name in settings.LANGUAGES]


class InvitationForm(forms.Form):
    """Invite a person by email: role, organisation, language, hidden-name choice."""

    email = forms.EmailField(label=_("Email address"))
    name = forms.CharField(label=_("Name (used to greet them)"), max_length=255, required=False)
    role = forms.ChoiceField(label=_("Role"), help_text=_PUBLISHING_HELP)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    language = forms.ChoiceField(label=_("Language of the invitation and of the account"))
    hide_name_publicly = forms.BooleanField(
        label=_("Hide their name in public pages"), required=False, help_text=_HIDE_HELP
    )

    def __init__(self, *args: Any, roles: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(Role.choices)
        self.fields["role"].choices = [(r, labels[r]) for r in roles]  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = Organisation.objects.filter(is_archived=False)  # type: ignore[attr-defined]
        self.fields["language"].choices = _language_choices()  # type: ignore[attr-defined]


class AccountChangeForm(forms.ModelForm[User]):
    """A coordinator changes a person's account (never the password or the login name)."""

    class Meta:
        model = User
        fields: ClassVar = [
            "first_name",
            "last_name",
            "role",
            "organisation",
            "language",
            "hide_name_publicly",
        ]
        labels: ClassVar = {
            "first_name": _("First name"),
            "last_name": _("Last name"),
            "role": _("Role"),
            "organisation": _("Organisation"),
            "language": _("Preferred language"),
            "hide_name_publicly": _("Hide their name in public pages"),
        }
        help_texts: ClassVar = {"hide_name_publicly": _HIDE_HELP}

    def __init__(self, *args: Any, roles: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(Role.choices)
        self.fields["role"] = forms.ChoiceField(
            label=_("Role"), choices=[(r, labels[r]) for r in roles], help_text=_PUBLISHING_HELP
        )
        self.fields["language"] = forms.ChoiceField(
            label=_("Preferred language"),
            choices=[("", _("The language chosen on the page")), *_language_choices()],
            required=False,
        )
        self.fields["organisation"].queryset = Organisation.objects.filter(is_archived=False)  # type: ignore[attr-defined]


class _NewPasswordMixin(forms.Form):
    """A login name and a password typed twice, checked by Django's password validators."""

    username = forms.RegexField(
        label=_("Login name"),
        regex=r"^[\w.@+-]{3,150}$",
        max_length=150,
        help_text=_(
            "Used only to log in; never shown to anyone else. Letters, digits and . @ + - _"
        ),
        error_messages={"invalid": _("Use 3 to 150 letters, digits and . @ + - _ only.")},
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters; not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_username(self) -> str:
        username = str(self.cleaned_data["username"])
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This login name is taken; choose another."))
        return username

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            try:
                validate_password(first, User(username=data.get("username") or ""))
            except forms.ValidationError as err:
                self.add_error("password1", err)
        return data


class AcceptInvitationForm(_NewPasswordMixin):
    """What an invitee chooses: names (shown publicly unless hidden), login name, password."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    field_order = ["first_name", "last_name", "username", "password1", "password2"]


class SignUpForm(_NewPasswordMixin):
    """Public sign-up of a contributor. ``website`` is a honeypot: people never see it."""

    display_name = forms.CharField(
        label=_("Your name as the public may see it"),
        max_length=150,
        help_text=_("Shown with what you publish, unless you hide it below."),
    )
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We send a link to confirm it. It is never shown publicly."),
    )
    hide_name_publicly = forms.BooleanField(
        label=_("Hide my name in public pages"), required=False, help_text=_HIDE_HELP
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    field_order = [
        "display_name",
        "email",
        "username",
        "password1",
        "password2",
        "hide_name_publicly",
        "website",
    ]

    @property
    def is_bot(self) -> bool:
        """True when the honeypot field was filled (people cannot see it; bots fill it)."""
        return bool(self.data.get("website"))
