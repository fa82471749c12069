"""Suggested labels, kept apart from the confirmed ones, and the publication setting.

The confirmed labels of a recommendation are the catalogue's own fields (``themes``,
``sdg_goals``..., see ``classify/taxonomies.py``); a :class:`Suggestion` is only a
proposal, with its score and reason, until a coordinator accepts it
(``classify/actions.py``). A rejected suggestion stays, so the same label is never
suggested again for that recommendation.

Models of the classify app.

Consolidation: a :class:`Cluster` groups recommendations to one State that ask for the
same thing, across mechanisms and cycles. ``rightstrack classify cluster`` proposes
*candidate* clusters from text similarity (``classify/consolidation/``); a coordinator
confirms or splits them (``classify/actions.py``). Confirmed clusters are never changed
by the command again.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rightstrack.catalog.models import Country, Recommendation


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


# --------------------------------------------------------------------------- consolidation


class ClusterQuerySet(models.QuerySet["Cluster"]):
    """Query helpers for clusters."""

    def current(self) -> ClusterQuerySet:
        """Clusters in force: candidates and confirmed ones (not superseded or archived)."""
        return self.filter(status__in=[Cluster.Status.CANDIDATE, Cluster.Status.CONFIRMED])


class Cluster(models.Model):
    """Recommendations to one State that ask for the same thing.

    ``status``: a *candidate* was proposed by ``rightstrack classify cluster`` and may be
    replaced (*superseded*) by the next run; a *confirmed* cluster was checked by a
    coordinator and stays as it is until a person changes it; *archived* ones are kept
    for history (no hard deletes).
    """

    class Status(models.TextChoices):
        CANDIDATE = "candidate", _("Candidate (suggested by text similarity)")
        CONFIRMED = "confirmed", _("Confirmed by a coordinator")
        SUPERSEDED = "superseded", _("Superseded by a later run")
        ARCHIVED = "archived", _("Archived")

    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="clusters", verbose_name=_("country")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.CANDIDATE
    )
    #: How the candidate was found (e.g. ``tfidf-average-0.55``), for audit.
    method = models.CharField(_("method"), max_length=64, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = ClusterQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["id"]
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")
        indexes: ClassVar = [models.Index(fields=["country", "status"])]

    def __str__(self) -> str:
        return f"{self.country_id}/{self.pk}"


class ClusterMember(models.Model):
    """One recommendation in one cluster; ``is_active`` False once it left (split)."""

    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="members")
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="cluster_memberships"
    )
    #: Average cosine similarity to the other members when proposed (0-1).
    score = models.FloatField(_("score"), default=0.0)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar = ["cluster_id", "id"]
        verbose_name = _("cluster member")
        verbose_name_plural = _("cluster members")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["cluster", "recommendation"], name="uniq_cluster_member"
            )
        ]
        indexes: ClassVar = [models.Index(fields=["recommendation", "is_active"])]

    def __str__(self) -> str:
        return f"{self.cluster_id}:{self.recommendation_id}"
