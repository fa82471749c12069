"""Plain-language versions of official texts, and their translations.

Two records, both with history (django-simple-history) and never hard-deleted:

* :class:`PlainLanguageText`: an edited, simplified text of one recommendation
  in one language, beside the official one;
* :class:`PlainLanguageSummary`: the document-level parts of a plain-language
  summary of concluding observations in one language (introduction, what the
  Committee welcomed, what happens next).

Out of date: each row keeps ``source_hash``, the SHA-256 of the text it was
written from at the time of writing: the official text for an original
(``translated_from`` empty), or the plain-language text in
``translated_from`` for a translation. When that source changes, the row
reads "out of date" until someone edits or re-confirms it.
"""

from __future__ import annotations

import hashlib
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def text_hash(text: str) -> str:
    """SHA-256 (hex) of ``text`` with whitespace runs collapsed (re-wrapping is no change)."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


class EditorialStatus(models.TextChoices):
    """Where a plain-language text stands: only published texts reach public summaries."""

    DRAFT = "draft", _("Draft")
    REVIEWED = "reviewed", _("Reviewed")
    PUBLISHED = "published", _("Published")


class PlainLanguageText(models.Model):
    """An edited plain-language text of one recommendation in one language.

    ``status``: rows written before the web editor existed (command line, PO import)
    were shown at once, so the default stays "published"; the editor starts a new
    text as a draft.
    """

    recommendation = models.ForeignKey(
        "catalog.Recommendation", on_delete=models.PROTECT, related_name="plain_texts"
    )
    language = models.CharField(_("language"), max_length=8)
    text = models.TextField(_("plain-language text"))
    translated_from = models.CharField(
        _("translated from"),
        max_length=8,
        blank=True,
        help_text=_(
            "Language of the plain-language text this one translates; empty for an original."
        ),
    )
    source_hash = models.CharField(_("hash of the source text when written"), max_length=64)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=EditorialStatus.choices,
        default=EditorialStatus.PUBLISHED,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_archived = models.BooleanField(_("archived"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar = ["recommendation_id", "language"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["recommendation", "language"], name="uniq_plain_text_language"
            )
        ]
        verbose_name = _("plain-language text")
        verbose_name_plural = _("plain-language texts")

    def __str__(self) -> str:
        return f"{self.recommendation_id} [{self.language}]"


class PlainLanguageSummary(models.Model):
    """The document-level texts of a plain-language summary in one language.

    ``welcomed``: one item per line (what the Committee welcomed).
    ``welcomed_official``: the official positive-aspects text the items were
    written from (filled from the source document; its hash is ``source_hash``
    for an original).
    """

    document = models.ForeignKey(
        "catalog.Document", on_delete=models.PROTECT, related_name="plain_summaries"
    )
    language = models.CharField(_("language"), max_length=8)
    intro = models.TextField(_("introduction"), blank=True)
    welcomed = models.TextField(_("what the Committee welcomed (one item per line)"), blank=True)
    welcomed_official = models.TextField(_("positive aspects (official text)"), blank=True)
    next_steps = models.TextField(_("what happens next"), blank=True)
    translated_from = models.CharField(_("translated from"), max_length=8, blank=True)
    source_hash = models.CharField(
        _("hash of the source text when written"), max_length=64, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=EditorialStatus.choices,
        default=EditorialStatus.PUBLISHED,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_archived = models.BooleanField(_("archived"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar = ["document_id", "language"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["document", "language"], name="uniq_plain_summary_language"
            )
        ]
        verbose_name = _("plain-language summary")
        verbose_name_plural = _("plain-language summaries")

    def __str__(self) -> str:
        return f"{self.document_id} [{self.language}]"

    def source_text(self) -> str:
        """The text a translation of this summary is made from (all parts, in order)."""
        return "\n\n".join([self.intro, self.welcomed, self.next_steps])


class PressTemplate(models.Model):
    """An editable press-kit template (press release or article draft) in one language.

    ``body`` is a Django template (plain text, no HTML escaping) filled with
    the facts of ``reports.press.press_facts``. Coordinators edit it in the
    web UI; when no row exists for a kind and language, the default file
    ``reports/press_templates/<kind>.<language>.txt`` is used (and seeds the
    edit form).
    """

    class Kind(models.TextChoices):
        PRESS_RELEASE = "press_release", _("Press release")
        ARTICLE = "article", _("Article draft")
        VIEWS_ARTICLE = "views_article", _("Article on Views (six months since)")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=8, default="en")
    body = models.TextField(_("template"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar = ["kind", "language"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["kind", "language"], name="uniq_press_template")
        ]
        verbose_name = _("press template")
        verbose_name_plural = _("press templates")

    def __str__(self) -> str:
        return f"{self.kind} [{self.language}]"
