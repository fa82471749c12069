"""Users, organisations and roles.

Roles follow the practice of national tracking tools (SIMORE Plus, Paraguay;
SADATA / IMPACT OSS, Samoa):
focal points of an institution upload updates, a validator of the same
institution approves them before they are published; civil-society
contributors' submissions are moderated.
"""

from __future__ import annotations

from typing import ClassVar

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Organisation(models.Model):
    """An institution or stakeholder: ministry, parliament, NHRI, NMRF, NGO...

    Organisations of government type are the *institutions* that
    recommendations are assigned to (see ``tracking``).
    """

    class Type(models.TextChoices):
        MINISTRY = "ministry", _("Ministry or agency")
        PARLIAMENT = "parliament", _("Parliament or parliamentary committee")
        JUDICIARY = "judiciary", _("Judiciary")
        NHRI = "nhri", _("National human rights institution")
        NMRF = "nmrf", _("National mechanism for reporting and follow-up")
        NGO = "ngo", _("Non-governmental organisation")
        COALITION = "coalition", _("Coalition")
        UN_AGENCY = "un_agency", _("UN agency")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=255, unique=True)
    acronym = models.CharField(_("acronym"), max_length=32, blank=True)
    org_type = models.CharField(_("type"), max_length=32, choices=Type.choices)
    country = models.ForeignKey(
        "catalog.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children"
    )
    mandate = models.TextField(_("mandate"), blank=True)
    contact_name = models.CharField(_("contact point"), max_length=255, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    is_archived = models.BooleanField(_("archived"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """What a user may do. Ordered from most to least powerful (see ``ROLE_RANK``)."""

    ADMIN = "admin", _("Administrator")
    COORDINATOR = "coordinator", _("Coordinator")
    VALIDATOR = "validator", _("Validator")
    FOCAL_POINT = "focal_point", _("Focal point")
    CONTRIBUTOR = "contributor", _("Contributor")
    VIEWER = "viewer", _("Viewer")


#: Higher is more powerful. Anonymous visitors rank 0.
ROLE_RANK: dict[str, int] = {
    Role.ADMIN: 60,
    Role.COORDINATOR: 50,
    Role.VALIDATOR: 40,
    Role.FOCAL_POINT: 30,
    Role.CONTRIBUTOR: 20,
    Role.VIEWER: 10,
}


class User(AbstractUser):
    """A RightsTrack user: one role, usually in one organisation.

    ``hide_name_publicly``: a contributor may ask that their name never be
    shown in public outputs; public pages then show "Anonymous contributor".
    """

    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.VIEWER)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="members"
    )
    # "" = no preference: the interface stays in the language the visitor chose on the
    # page (logging in does not switch it); e-mails then go in settings.LANGUAGE_CODE.
    language = models.CharField(_("preferred language"), max_length=8, default="", blank=True)
    hide_name_publicly = models.BooleanField(_("hide my name in public pages"), default=False)
    history = HistoricalRecords()

    @property
    def rank(self) -> int:
        """The numeric rank of the user's role (superusers rank as admin)."""
        if self.is_superuser:
            return ROLE_RANK[Role.ADMIN]
        return ROLE_RANK.get(self.role, 0)


class ApiToken(models.Model):
    """A personal API token: ``Authorization: Bearer <token>`` on ``/api/v1/``.

    Only the SHA-256 hex digest of the token is stored (``key_hash``), with its first
    characters (``prefix``) so that the owner can tell their tokens apart; the token
    itself is shown once, when it is created. A token is never deleted: revoking sets
    ``revoked_at`` (history in ``ApiToken.history``). Created, listed and revoked by their
    owner on "My account" (``accounts.actions.do_create_api_token`` /
    ``do_revoke_api_token``); checked by ``accounts.tokens.user_for_token``. Its
    ``scope``, chosen when it is created and never changed, says whether it may write.
    """

    class Scope(models.TextChoices):
        """What a token may do: ``read`` (GET only), or ``write`` (also the write
        operations, within what its owner's role may change)."""

        READ = "read", _("Read only")
        WRITE = "write", _("Read and write")

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    # Existing tokens were made for reading (the API had no writes): "read" by default.
    scope = models.CharField(_("access"), max_length=8, choices=Scope.choices, default=Scope.READ)
    prefix = models.CharField(_("first characters"), max_length=16)
    key_hash = models.CharField(_("SHA-256 of the token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["last_used_at"])

    class Meta:
        ordering: ClassVar = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        """True until the token is revoked."""
        return self.revoked_at is None

    @property
    def can_write(self) -> bool:
        """True for a token created with write access (``Scope.WRITE``)."""
        return self.scope == self.Scope.WRITE


class Contact(models.Model):
    """A person to reach in an organisation: a contact, or its focal point for follow-up.

    Not an account: a contact may never log in (an account is a :class:`User`; the focal
    points who work in RightsTrack are invited, see :class:`Invitation`). Shown on the
    actor's page to signed-in users who work on follow-up (focal points and above), never
    to the public: officials' and defenders' direct details stay inside the product.
    Archived, never deleted (``accounts.actions.do_archive_contact``).
    """

    class Kind(models.TextChoices):
        FOCAL_POINT = "focal_point", _("Focal point")
        CONTACT = "contact", _("Contact")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="contacts"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.CONTACT)
    name = models.CharField(_("name"), max_length=255)
    position = models.CharField(_("position"), max_length=255, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("telephone"), max_length=64, blank=True)
    is_archived = models.BooleanField(_("archived"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar = ["organisation", "kind", "name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.name


class Invitation(models.Model):
    """An invitation by email to join RightsTrack with a role in an organisation.

    The invitee follows a signed, expiring link (``accounts.invitations``), chooses a
    login name and a password and, for publishing roles, enrols two-factor in the same
    flow. Used once: ``accepted_at`` and ``user`` are set on acceptance; a coordinator
    may withdraw it (``withdrawn_at``). Never deleted.
    """

    email = models.EmailField(_("email"))
    name = models.CharField(_("name"), max_length=255, blank=True)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="invitations"
    )
    language = models.CharField(_("language"), max_length=8, blank=True)
    hide_name_publicly = models.BooleanField(_("hide the name in public pages"), default=False)
    invited_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, related_name="invitations_sent"
    )
    user = models.OneToOneField(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="invitation"
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar = ["-created_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return self.email
