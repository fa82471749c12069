"""Public email subscriptions: anyone follows a country (optionally one mechanism or one
theme) and gets a digest of the new public recommendations and documents.

An email address is personal data, and people who engage with the UN can face reprisals
(``docs/security.md``), so a subscription stores the address and nothing else about the
person: no name, no account, no IP address. The history table leaves the address out,
and unsubscribing (or a confirmation link left to expire) archives the row and blanks it
(``subscriptions/actions.py``). See ``docs/subscriptions.md``.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rightstrack.catalog.models import Country, Mechanism, Theme


class Subscription(models.Model):
    """One address following one country (and optionally one mechanism or theme).

    Life: created unconfirmed by :func:`~rightstrack.subscriptions.actions.do_subscribe`;
    active once confirmed (double opt-in); archived, with its address erased, by
    unsubscribing. ``since`` is the digest's watermark: the next digest lists the public
    records created after it.
    """

    email = models.EmailField(_("email address"), blank=True, db_index=True)
    language = models.CharField(_("language"), max_length=8, default="en")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    mechanism = models.ForeignKey(
        Mechanism, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    since = models.DateTimeField(_("new records after"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("last digest sent at"), null=True, blank=True)
    digests_sent = models.PositiveIntegerField(_("digests sent"), default=0)
    # The address stays out of the history table: one copy of personal data, erased once.
    history = HistoricalRecords(excluded_fields=["email"])

    class Meta:
        ordering: ClassVar = ["pk"]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")

    def __str__(self) -> str:
        return f"subscription {self.pk} ({self.country_id})"

    @property
    def is_active(self) -> bool:
        """Confirmed and not archived: digests go to it."""
        return self.confirmed_at is not None and self.archived_at is None
