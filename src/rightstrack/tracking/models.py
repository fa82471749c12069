"""Tracking: who does what by when, with what result and evidence.

The vocabulary follows national mechanisms for reporting and follow-up (OHCHR,
National Mechanisms for Reporting and Follow-up: A Practical Guide, HR/PUB/16/1, 2016;
SIMORE Plus, Paraguay; SADATA / IMPACT OSS, Samoa):

* the *actors* are ``accounts.Organisation`` rows (mandate and contact point
  live there); recommendations concern them through :class:`Assignment`;
* an :class:`ImplementationPlan` (national plan or NGO advocacy plan) has
  :class:`Action` rows with real start and target dates, a status and
  :class:`Indicator` rows measured by dated :class:`Measurement` rows;
* :class:`Assessment` rows keep each source's view of a recommendation's
  implementation apart (government, NHRI, civil society, the committee), with
  :class:`Evidence` (links or checked files);
* :class:`StatusChange` is the append-only timeline of a recommendation.

Workflow (as in SIMORE Plus, Paraguay, Decree 4368 of 2015): a focal point's
update is a draft until a validator of the same institution approves it;
civil-society contributors' submissions wait for moderation; coordinators publish
directly.
Nothing is hard-deleted (``is_archived``) and every change is kept by
django-simple-history. ``version`` is bumped by every write through
``tracking.actions`` and a write made against an older version is refused
(:class:`tracking.actions.StaleEdit`).

Every state change goes through ``tracking.actions``; views and commands
never ``.save()`` these models directly.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rightstrack.catalog.models import Visibility
from rightstrack.core.periods import add_months


class PublicationState(models.TextChoices):
    """Where an update stands in the validation / moderation workflow."""

    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Pending validation or moderation")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")


class Batch(models.Model):
    """One bulk change (or the undo of one): the history entries it wrote point to it.

    Every history row written by a bulk verb of ``tracking.actions`` carries this batch
    (``batch`` on the historical models that inherit :class:`BatchedHistory`), so the
    whole change can be listed and undone in one step; the undo is itself a batch
    (``undoes``) whose history rows point to it.
    """

    class Kind(models.TextChoices):
        ASSIGN = "assign", _("Assign to an institution")
        END_ASSIGNMENT = "end_assignment", _("End the assignments to an institution")
        UNDO = "undo", _("Undo")

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=500, blank=True)
    count = models.PositiveIntegerField(_("records changed"), default=0)
    undoes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="undone_by",
        verbose_name=_("undoes"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["-created_at", "-id"]
        verbose_name = _("bulk change")
        verbose_name_plural = _("bulk changes")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.count})"

    @property
    def is_undone(self) -> bool:
        """An undo batch points to this one."""
        return Batch.objects.filter(undoes=self).exists()


class BatchedHistory(models.Model):
    """Base of historical models whose rows may belong to a :class:`Batch`.

    The batch is taken from the saved instance's ``_history_batch`` attribute (set by
    the bulk verbs) in :func:`tracking.apps` ``pre_create_historical_record`` receiver.
    """

    batch = models.ForeignKey(
        Batch,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bulk change"),
    )

    class Meta:
        abstract = True


class Tracked(models.Model):
    """Fields shared by every tracked record: soft delete, optimistic lock, timestamps."""

    is_archived = models.BooleanField(_("archived"), default=False)
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        help_text=_("Bumped by every change; an edit made on an older version is refused."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


# --------------------------------------------------------------------------- assignments


class AssignmentQuerySet(models.QuerySet["Assignment"]):
    """Query helpers for assignments."""

    def active(self) -> AssignmentQuerySet:
        """Assignments not archived."""
        return self.filter(is_archived=False)


class Assignment(Tracked):
    """A recommendation assigned to an institution, as lead or supporting (a national
    mechanism identifies the responsible ministries or agencies: OHCHR Practical Guide,
    HR/PUB/16/1)."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        SUPPORTING = "supporting", _("Supporting")

    recommendation = models.ForeignKey(
        "catalog.Recommendation", on_delete=models.PROTECT, related_name="assignments"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="assignments"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.LEAD)
    note = models.TextField(_("note"), blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords(bases=[BatchedHistory])

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["recommendation_id", "role", "organisation__name"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["recommendation", "organisation"],
                condition=Q(is_archived=False),
                name="uniq_active_assignment",
            )
        ]

    def __str__(self) -> str:
        return f"{self.recommendation_id} → {self.organisation} ({self.role})"


# --------------------------------------------------------------------------- plans and actions


class PlanQuerySet(models.QuerySet["ImplementationPlan"]):
    """Query helpers for plans."""

    def public(self) -> PlanQuerySet:
        """Plans anyone may see."""
        return self.filter(visibility=Visibility.PUBLIC, is_archived=False)


class ImplementationPlan(Tracked):
    """A national implementation plan or an NGO advocacy plan.

    Plans with timelines and indicators belong to a national mechanism's information
    management (OHCHR Practical Guide, HR/PUB/16/1).
    """

    class Kind(models.TextChoices):
        NATIONAL = "national", _("National implementation plan")
        ADVOCACY = "advocacy", _("NGO advocacy plan")
        OTHER = "other", _("Other plan")

    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.NATIONAL)
    owner = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="plans",
        null=True,
        blank=True,
        verbose_name=_("owner"),
    )
    country = models.ForeignKey(
        "catalog.Country",
        on_delete=models.PROTECT,
        related_name="plans",
        null=True,
        blank=True,
        verbose_name=_("country"),
    )
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    cluster = models.ForeignKey(
        "classify.Cluster",
        on_delete=models.PROTECT,
        related_name="plans",
        null=True,
        blank=True,
        verbose_name=_("cluster of the same ask"),
        help_text=_(
            "Optional: the group of recommendations asking for the same thing that this "
            "addresses; it then shows on the page of every recommendation of the group."
        ),
    )
    history = HistoricalRecords()

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["-period_start", "title"]
        verbose_name = _("implementation plan")
        verbose_name_plural = _("implementation plans")

    def __str__(self) -> str:
        return self.title


class ActionQuerySet(models.QuerySet["Action"]):
    """Query helpers for actions."""

    def public(self) -> ActionQuerySet:
        """Non-archived actions of public, non-archived plans that have been published
        at least once (show them through :meth:`Action.last_published`)."""
        return self.filter(
            is_archived=False,
            first_published_at__isnull=False,
            plan__visibility=Visibility.PUBLIC,
            plan__is_archived=False,
        )


class Action(Tracked):
    """One action of a plan, addressing one or more recommendations.

    ``start_date`` and ``target_date`` are real dates (``datetime.date``).
    The target date feeds the deadlines calendar.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        DELAYED = "delayed", _("Delayed")
        CANCELLED = "cancelled", _("Cancelled")

    plan = models.ForeignKey(
        ImplementationPlan, on_delete=models.PROTECT, related_name="actions", verbose_name=_("plan")
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    recommendations = models.ManyToManyField(
        "catalog.Recommendation",
        related_name="actions",
        blank=True,
        verbose_name=_("recommendations addressed"),
    )
    responsible = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="responsible_actions",
        null=True,
        blank=True,
        verbose_name=_("responsible institution"),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    publication_state = models.CharField(
        _("publication state"),
        max_length=16,
        choices=PublicationState.choices,
        default=PublicationState.DRAFT,
    )
    first_published_at = models.DateTimeField(
        _("first published at"),
        null=True,
        blank=True,
        help_text=_(
            "Set on first publication; the public then keeps seeing the last "
            "published version while a later edit waits for validation."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cluster = models.ForeignKey(
        "classify.Cluster",
        on_delete=models.PROTECT,
        related_name="actions",
        null=True,
        blank=True,
        verbose_name=_("cluster of the same ask"),
        help_text=_(
            "Optional: the group of recommendations asking for the same thing that this "
            "addresses; it then shows on the page of every recommendation of the group."
        ),
    )
    history = HistoricalRecords(m2m_fields=[recommendations])

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["target_date", "title"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.title

    def last_published(self) -> Any:
        """The latest *published* version of this action (a history record) or ``None``.

        While a focal point's edit waits for validation the public keeps
        seeing this version, so an unapproved draft never leaks.
        """
        if self.publication_state == PublicationState.PUBLISHED and not self.is_archived:
            return self
        return (
            self.history.filter(publication_state=PublicationState.PUBLISHED, is_archived=False)
            .order_by("-history_date", "-history_id")
            .first()
        )


class Indicator(Tracked):
    """An indicator of an action, with baseline, target and a measurement frequency.

    ``frequency`` drives "indicator measurements due" in the deadlines
    calendar: the next measurement is due one period after the latest one
    (or after the baseline date).
    """

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")
        SEMIANNUAL = "semiannual", _("Every six months")
        ANNUAL = "annual", _("Yearly")
        ONCE = "once", _("Once, at the target date")

    #: Months per period, for :meth:`next_measurement_due`.
    MONTHS: ClassVar[dict[str, int]] = {
        "monthly": 1,
        "quarterly": 3,
        "semiannual": 6,
        "annual": 12,
    }

    action = models.ForeignKey(
        Action, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("action")
    )
    name = models.CharField(_("name"), max_length=255)
    unit = models.CharField(_("unit"), max_length=64, blank=True)
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    target_value = models.DecimalField(
        _("target value"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    frequency = models.CharField(
        _("measurement frequency"),
        max_length=16,
        choices=Frequency.choices,
        default=Frequency.ANNUAL,
    )
    cluster = models.ForeignKey(
        "classify.Cluster",
        on_delete=models.PROTECT,
        related_name="indicators",
        null=True,
        blank=True,
        verbose_name=_("cluster of the same ask"),
        help_text=_(
            "Optional: the group of recommendations asking for the same thing that this "
            "addresses; it then shows on the page of every recommendation of the group."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar = ["action_id", "name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name

    def next_measurement_due(self) -> dt.date | None:
        """Date (``datetime.date``) the next measurement is due, or ``None`` if unknown.

        One period (``MONTHS[frequency]`` months, day clamped to the month's
        end) after the latest measurement (not archived, not rejected), else after the
        baseline date; ``once`` means the target date.
        """
        if self.frequency == self.Frequency.ONCE:
            return self.target_date
        last = (
            self.measurements.filter(is_archived=False)
            .exclude(publication_state=PublicationState.REJECTED)
            .order_by("-date")
            .values_list("date", flat=True)
            .first()
        )
        start = last or self.baseline_date
        if start is None:
            return None
        return add_months(start, self.MONTHS.get(self.frequency, 12))


class Measurement(Tracked):
    """A dated value of an indicator, with its source."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="measurements")
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4)
    note = models.TextField(_("note"), blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    publication_state = models.CharField(
        _("publication state"),
        max_length=16,
        choices=PublicationState.choices,
        default=PublicationState.PUBLISHED,
        help_text=_("A focal point's measurement waits for a validator of the institution."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar = ["indicator_id", "-date"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.date})"


# --------------------------------------------------------------------------- assessments


class Level(models.TextChoices):
    """Implementation level of a recommendation (ISHR's "fully / partially / not
    implemented" family, plus "measures contrary" from CCPR grade E)."""

    NOT_STARTED = "not_started", _("Not started")
    PARTIAL = "partial", _("Partially implemented")
    IMPLEMENTED = "implemented", _("Implemented")
    NOT_IMPLEMENTED = "not_implemented", _("Not implemented")
    CONTRARY = "contrary", _("Measures contrary")


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    """Query helpers for assessments."""

    def public(self) -> AssessmentQuerySet:
        """Published, public, non-archived assessments of public recommendations."""
        return self.filter(
            is_archived=False,
            publication_state=PublicationState.PUBLISHED,
            visibility=Visibility.PUBLIC,
            recommendation__visibility=Visibility.PUBLIC,
            recommendation__is_archived=False,
            recommendation__document__visibility=Visibility.PUBLIC,
        )

    def published(self) -> AssessmentQuerySet:
        """Published and not archived (whatever their visibility)."""
        return self.filter(is_archived=False, publication_state=PublicationState.PUBLISHED)


class Assessment(Tracked):
    """One source's assessment of how far a recommendation is implemented.

    Sources are kept apart (government, NHRI, civil society, the committee)
    so they can be shown side by side. Committee grades keep their native
    label (``grade_label``: "B", "C2 to D1"...) and, once parsed, an ordinal
    (``grade_ordinal``; for ranges ``grade_ordinal_max`` holds the upper
    end) for comparison; see ``tracking.grades``.

    ``author`` may ask not to be named publicly
    (``User.hide_name_publicly``): show it through
    ``accounts.permissions.public_name``.
    """

    class Source(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        NHRI = "nhri", _("National human rights institution")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        COMMITTEE = "committee", _("Committee")

    recommendation = models.ForeignKey(
        "catalog.Recommendation", on_delete=models.PROTECT, related_name="assessments"
    )
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="assessments",
        null=True,
        blank=True,
        verbose_name=_("organisation"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="assessments",
        null=True,
        blank=True,
    )
    date = models.DateField(_("date"))
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, blank=True)
    text = models.TextField(_("assessment"), blank=True)
    publication_state = models.CharField(
        _("publication state"),
        max_length=16,
        choices=PublicationState.choices,
        default=PublicationState.DRAFT,
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=16,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=_("Restricted: e.g. an embargoed submission; shown to coordinators only."),
    )
    grade_label = models.CharField(_("committee grade (as printed)"), max_length=64, blank=True)
    grade_scale = models.CharField(_("grade scale"), max_length=32, blank=True)
    grade_ordinal = models.SmallIntegerField(_("grade ordinal"), null=True, blank=True)
    grade_ordinal_max = models.SmallIntegerField(
        _("grade ordinal (upper end)"), null=True, blank=True
    )
    document = models.ForeignKey(
        "catalog.Document",
        on_delete=models.SET_NULL,
        related_name="assessments",
        null=True,
        blank=True,
        verbose_name=_("source document"),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    history = HistoricalRecords()

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["recommendation_id", "-date", "-id"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        indexes: ClassVar = [
            models.Index(fields=["recommendation", "source", "publication_state"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.date}: {self.get_level_display()}"


# --------------------------------------------------------------------------- evidence


def evidence_upload_to(instance: Evidence, filename: str) -> str:
    """Store under ``MEDIA_ROOT/evidence/<sha256[:2]>/<sha256>.<ext>`` (no user-chosen names)."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    digest = instance.sha256 or "unknown"
    return f"evidence/{digest[:2]}/{digest}.{ext}"


class Evidence(Tracked):
    """A link or an uploaded file supporting an assessment or an action, or attached to
    an engagement.

    Files are checked by ``tracking.evidence.check_upload`` (size limit
    ``RIGHTSTRACK_EVIDENCE_MAX_BYTES``, allowed extension AND sniffed
    content) and stored with their SHA-256. Visibility follows the parent.
    """

    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="evidence", null=True, blank=True
    )
    action = models.ForeignKey(
        Action, on_delete=models.PROTECT, related_name="evidence", null=True, blank=True
    )
    engagement = models.ForeignKey(
        "Engagement", on_delete=models.PROTECT, related_name="evidence", null=True, blank=True
    )
    title = models.CharField(_("title"), max_length=255, blank=True)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    file = models.FileField(_("file"), upload_to=evidence_upload_to, blank=True, max_length=255)
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=128, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64, blank=True, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    publication_state = models.CharField(
        _("publication state"),
        max_length=16,
        choices=PublicationState.choices,
        default=PublicationState.PUBLISHED,
        help_text=_(
            "Evidence a focal point adds to an action waits for a validator; evidence of an "
            "assessment follows the assessment."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar = ["created_at"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(assessment__isnull=False)
                | Q(action__isnull=False)
                | Q(engagement__isnull=False),
                name="evidence_has_parent",
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.original_name or self.url


# --------------------------------------------------------------------------- timeline


class StatusChangeQuerySet(models.QuerySet["StatusChange"]):
    """Query helpers for the timeline."""

    def public(self) -> StatusChangeQuerySet:
        """Entries whose source is public now (checked at read time, so restricting
        or archiving an assessment later also hides its timeline entry)."""
        return self.filter(
            Q(assessment__isnull=True)
            | Q(
                assessment__is_archived=False,
                assessment__visibility=Visibility.PUBLIC,
                assessment__publication_state=PublicationState.PUBLISHED,
            ),
            Q(action__isnull=True)
            | Q(
                action__is_archived=False,
                action__plan__visibility=Visibility.PUBLIC,
                action__plan__is_archived=False,
            ),
        )


class StatusChange(models.Model):
    """One entry of a recommendation's timeline (append-only log).

    Design choice: an explicit log, written by ``tracking.actions`` when an
    assessment is *published* (kind ``assessment``: its level and grade) and
    when a *published* action changes status (kind ``action``). Deriving the
    timeline from history tables would show unapproved drafts and cost one
    query per model; a log is cheap to read and to filter for the public
    (:meth:`StatusChangeQuerySet.public`). Follow-up deadlines and replies are
    read from ``catalog.FollowUpRequest`` directly.
    """

    class Kind(models.TextChoices):
        ASSESSMENT = "assessment", _("Assessment published")
        ACTION = "action", _("Action status")
        ASSIGNMENT = "assignment", _("Assignment")

    recommendation = models.ForeignKey(
        "catalog.Recommendation", on_delete=models.PROTECT, related_name="status_changes"
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    old_value = models.CharField(_("from"), max_length=64, blank=True)
    new_value = models.CharField(_("to"), max_length=64, blank=True)
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.ForeignKey(
        Action, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = StatusChangeQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["date", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.date} {self.kind}: {self.old_value} → {self.new_value}"


# --------------------------------------------------------------------------- other trackers


class StatusMapping(models.Model):
    """How a status word of another tracker maps to an implementation :class:`Level`.

    One row per (``tracker``, ``value`` as the tracker prints it), e.g. ("didh-tracker",
    "En cours") -> ``partial``. The first import of a tracker's data creates the
    mapping from the importer's defaults; coordinators edit it in the admin, and later
    imports use the edited mapping. A value with no row refuses the import, naming it.
    """

    tracker = models.CharField(_("tracker"), max_length=64)
    value = models.CharField(_("status as printed"), max_length=128)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar = ["tracker", "value"]
        verbose_name = _("status mapping")
        verbose_name_plural = _("status mappings")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["tracker", "value"], name="uniq_status_mapping")
        ]

    def __str__(self) -> str:
        return f"{self.tracker}: {self.value} → {self.level}"


# --------------------------------------------------------------------------- engagement log


class EngagementVisibility(models.TextChoices):
    """Who may see an engagement (``tracking.permissions.visible_engagements``).

    Meetings with officials can expose the people who attend them: an engagement is
    public only when its author chose so; "organisation only" is seen by the members
    of the organisation that recorded it (and coordinators); "restricted" by
    coordinators and its author only. Reports, feeds and calendars that leave the
    system carry public engagements only.
    """

    PUBLIC = "public", _("Public")
    ORGANISATION = "organisation", _("Organisation only")
    RESTRICTED = "restricted", _("Restricted")


class EngagementQuerySet(models.QuerySet["Engagement"]):
    """Query helpers for engagements."""

    def public(self) -> EngagementQuerySet:
        """Non-archived public engagements."""
        return self.filter(is_archived=False, visibility=EngagementVisibility.PUBLIC)


class Engagement(Tracked):
    """One advocacy or engagement event: a meeting, a hearing, a press conference...

    Follow-up is made of such events (OHCHR, National Mechanisms for Reporting and
    Follow-up: A Practical Guide, HR/PUB/16/1, 2016: engagement with parliament,
    the NHRI and civil society). ``organisation`` is the organisation that recorded
    it (its members see "organisation only" engagements); ``organisations`` are
    those involved (the ministry met, the committee heard). Commitments made are
    :class:`Commitment` rows; attachments are :class:`Evidence` rows.
    """

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Meeting with government officials")
        PARLIAMENTARIANS = "parliamentarians", _("Meeting with members of parliament")
        HEARING = "hearing", _("Parliamentary committee hearing")
        NHRI = "nhri", _("Meeting with the NHRI or NMRF")
        TREATY_BODY = "treaty_body", _("Meeting with treaty-body members")
        PRESS = "press", _("Press conference")
        MEDIA = "media", _("Media coverage")
        SCREENING = "screening", _("Public screening of the dialogue")
        WORKSHOP = "workshop", _("Workshop")
        LETTER = "letter", _("Letter or submission")
        SOCIAL_MEDIA = "social_media", _("Social-media campaign")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=255)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    country = models.ForeignKey(
        "catalog.Country",
        on_delete=models.PROTECT,
        related_name="engagements",
        null=True,
        blank=True,
        verbose_name=_("country"),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="recorded_engagements",
        null=True,
        blank=True,
        verbose_name=_("recorded by"),
    )
    organisations = models.ManyToManyField(
        "accounts.Organisation",
        related_name="engagements",
        blank=True,
        verbose_name=_("organisations involved"),
    )
    people = models.TextField(_("people involved"), blank=True)
    recommendations = models.ManyToManyField(
        "catalog.Recommendation",
        related_name="engagements",
        blank=True,
        verbose_name=_("recommendations discussed"),
    )
    summary = models.TextField(_("what was said"), blank=True)
    follow_up_on = models.DateField(_("follow-up date"), null=True, blank=True)
    visibility = models.CharField(
        _("visibility"),
        max_length=16,
        choices=EngagementVisibility.choices,
        default=EngagementVisibility.ORGANISATION,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords(m2m_fields=[organisations, recommendations])

    objects = EngagementQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["-date", "-id"]
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")

    def __str__(self) -> str:
        return self.title


class Commitment(Tracked):
    """Something promised during an engagement ("the Ministry will present a bill by June").

    ``action`` links it to the plan action it became
    (``tracking.actions.do_turn_commitment_into_action``); the action links back
    through ``Action.commitments``. ``due_on`` feeds the deadlines calendar.
    """

    engagement = models.ForeignKey(Engagement, on_delete=models.PROTECT, related_name="commitments")
    text = models.TextField(_("commitment"))
    by_whom = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="commitments",
        null=True,
        blank=True,
        verbose_name=_("by whom"),
    )
    due_on = models.DateField(_("by when"), null=True, blank=True)
    action = models.ForeignKey(
        Action,
        on_delete=models.PROTECT,
        related_name="commitments",
        null=True,
        blank=True,
        verbose_name=_("action"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar = ["engagement_id", "id"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self) -> str:
        return self.text[:80]


# --------------------------------------------------------------------------- selections


class Selection(Tracked):
    """A named, saved set of recommendations ("basket") a user builds from lists.

    Private to its ``owner``, or shared with the owner's ``organisation``
    (``shared``). It becomes a briefing pack, an export or an engagement's agenda.
    Recommendations a viewer may not see are never shown from it
    (``tracking.permissions.selection_recommendations``).
    """

    name = models.CharField(_("name"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="selections"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="selections",
        null=True,
        blank=True,
    )
    shared = models.BooleanField(_("shared with my organisation"), default=True)
    recommendations = models.ManyToManyField(
        "catalog.Recommendation", related_name="selections", blank=True
    )
    history = HistoricalRecords(m2m_fields=[recommendations])

    class Meta:
        ordering: ClassVar = ["name", "id"]
        verbose_name = _("selection")
        verbose_name_plural = _("selections")

    def __str__(self) -> str:
        return self.name


# --------------------------------------------------------------------------- Views follow-up


class ViewsFollowUpQuerySet(models.QuerySet["ViewsFollowUp"]):
    def public(self) -> ViewsFollowUpQuerySet:
        """Public entries of public communications, not archived."""
        return self.filter(
            visibility=Visibility.PUBLIC,
            is_archived=False,
            communication__visibility=Visibility.PUBLIC,
            communication__is_archived=False,
        )


class ViewsFollowUp(Tracked):
    """One step of the follow-up dialogue on Views (``catalog.Communication``).

    Kinds: the State's reply, the author's comments on it, and the Committee's
    follow-up assessment, graded on the same scales as follow-up to concluding
    observations (``tracking.grades``: CCPR A–E, e.g. the follow-up progress reports
    CCPR/C/141/2) with the dialogue then ``ongoing`` or ``closed`` (closed with a
    satisfactory or unsatisfactory resolution, ``docs/domain`` §3.4).
    """

    class Kind(models.TextChoices):
        STATE_REPLY = "state_reply", _("State party's reply")
        AUTHOR_COMMENTS = "author_comments", _("Author's comments")
        COMMITTEE_ASSESSMENT = "committee_assessment", _("Committee's follow-up assessment")

    class Dialogue(models.TextChoices):
        ONGOING = "ongoing", _("Dialogue ongoing")
        CLOSED_SATISFACTORY = "closed_satisfactory", _("Dialogue closed: satisfactory")
        CLOSED_UNSATISFACTORY = "closed_unsatisfactory", _("Dialogue closed: unsatisfactory")
        NONE = "", _("Not stated")

    communication = models.ForeignKey(
        "catalog.Communication", on_delete=models.PROTECT, related_name="follow_ups"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    date = models.DateField(_("date"))
    symbol = models.CharField(_("document symbol"), max_length=128, blank=True)
    text = models.TextField(_("summary"), blank=True)
    grade_label = models.CharField(_("committee grade (as printed)"), max_length=64, blank=True)
    grade_scale = models.CharField(_("grade scale"), max_length=32, blank=True)
    grade_ordinal = models.SmallIntegerField(_("grade ordinal"), null=True, blank=True)
    dialogue = models.CharField(_("dialogue"), max_length=32, choices=Dialogue.choices, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    objects = ViewsFollowUpQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["communication_id", "date", "id"]
        verbose_name = _("follow-up of Views")
        verbose_name_plural = _("follow-up of Views")

    def __str__(self) -> str:
        return f"{self.communication_id} {self.kind} {self.date}"


# --------------------------------------------------------------------------- interventions


def intervention_upload_to(instance: ThirdPartyIntervention, filename: str) -> str:
    """Store under ``MEDIA_ROOT/interventions/<sha256[:2]>/<sha256>.<ext>`` (no user names)."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    digest = instance.sha256 or "unknown"
    return f"interventions/{digest[:2]}/{digest}.{ext}"


class ThirdPartyIntervention(Tracked):
    """A third-party intervention (amicus submission) an organisation made on a communication.

    Restricted while the communication is pending (so are its file and the
    organisation's name); once the Views are published the deadlines calendar and the
    dashboard remind coordinators to decide whether to publish it
    (``publication_decided``). The file goes through the evidence checks
    (``tracking.evidence.check_upload``: size, type by extension and content,
    SHA-256) and is served only through ``tracking:intervention_file``.
    """

    communication = models.ForeignKey(
        "catalog.Communication", on_delete=models.PROTECT, related_name="interventions"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="interventions"
    )
    date = models.DateField(_("date submitted"))
    title = models.CharField(_("title"), max_length=255, blank=True)
    file = models.FileField(
        _("submission file"), upload_to=intervention_upload_to, blank=True, max_length=255
    )
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=128, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.RESTRICTED
    )
    publication_decided = models.BooleanField(_("publication decided"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar = ["-date", "id"]
        verbose_name = _("third-party intervention")
        verbose_name_plural = _("third-party interventions")

    def __str__(self) -> str:
        return self.title or f"{self.communication_id} {self.date}"
