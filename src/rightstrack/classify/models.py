"""Suggested labels, kept apart from the confirmed ones, and the publication setting.

The confirmed labels of a recommendation are the catalogue's own fields (``themes``,
``sdg_goals``..., see ``classify/taxonomies.py``); a :class:`Suggestion` is only a
proposal, with its score and reason, until a coordinator accepts it
(``classify/actions.py``). A rejected suggestion stays, so the same label is never
suggested again for that recommendation.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rightstrack.catalog.models import Recommendation


class SuggestionQuerySet(models.QuerySet["Suggestion"]):
    """Query helpers for suggestions."""

    def pending(self) -> SuggestionQuerySet:
        """Suggestions waiting for a decision."""
        return self.filter(status=Suggestion.Status.SUGGESTED)

    def for_taxonomy(self, key: str) -> SuggestionQuerySet:
        """Suggestions of one taxonomy (``"theme"``, ``"upr_issue"``...)."""
        return self.filter(taxonomy=key)


class Suggestion(models.Model):
    """A label proposed for a recommendation by a keyword rule or a learned model."""

    class Taxonomy(models.TextChoices):
        THEME = "theme", _("Theme")
        AFFECTED_GROUP = "affected_group", _("Affected persons")
        SDG_GOAL = "sdg_goal", _("SDG goal")
        SDG_TARGET = "sdg_target", _("SDG target")
        UPR_ISSUE = "upr_issue", _("UPR Info issue")
        ACTION_CATEGORY = "action_category", _("UPR Info action category")

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="suggestions"
    )
    taxonomy = models.CharField(_("taxonomy"), max_length=32, choices=Taxonomy.choices)
    label_id = models.PositiveIntegerField(_("label"))
    score = models.FloatField(_("score"))
    reason = models.CharField(_("reason"), max_length=255)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUGGESTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["recommendation_id", "taxonomy", "-score"]
        verbose_name = _("suggested label")
        verbose_name_plural = _("suggested labels")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["recommendation", "taxonomy", "label_id"],
                name="classify_one_suggestion_per_label",
            )
        ]
        indexes: ClassVar = [models.Index(fields=["taxonomy", "status", "score"])]

    def __str__(self) -> str:
        return f"{self.recommendation_id} {self.taxonomy} {self.label_id} ({self.score:.2f})"


class PublicationSetting(models.Model):
    """Whether public outputs show suggestions, and from which score (one row, id 1).

    Public pages, facets and outputs use confirmed labels; when ``publish`` is on they
    also show pending suggestions with ``score >= threshold``, marked "suggested".
    """

    publish = models.BooleanField(_("publish suggestions"), default=False)
    threshold = models.FloatField(_("minimum score"), default=0.8)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("publication of suggestions")
        verbose_name_plural = _("publication of suggestions")

    def __str__(self) -> str:
        return f"publish={self.publish} threshold={self.threshold}"

    @classmethod
    def current(cls) -> PublicationSetting:
        """The one row, or an unsaved one with the defaults when none was saved yet (reading
        never writes)."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)
