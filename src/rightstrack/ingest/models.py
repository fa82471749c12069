"""Import runs: one row per file import, kept even when the import fails."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rightstrack.ingest.errors import Problem
from rightstrack.ingest.parsers.mapped import MappingSpec


class ImportRun(models.Model):
    """One attempt to import one file.

    Written outside the import's transaction, so a failed import leaves this
    row (status ``failed`` and the error naming file and row) while every
    catalogue change of that file is rolled back. Counts are of the records
    the file holds (recommendations, pledges); documents created on the way
    are not counted.
    """

    class UnknownLabels(models.TextChoices):
        """What the import did with theme, affected-persons and SDG values it did not know
        (``ingest/vocabulary.py``)."""

        REFUSE = "refuse", _("Refuse the file")
        MAP = "map", _("Map to the closest known label")
        CREATE = "create", _("Create new labels")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    file_name = models.CharField(_("file name"), max_length=255)
    path = models.CharField(_("path"), max_length=1000, blank=True)
    checksum = models.CharField(_("SHA-256 checksum"), max_length=64, blank=True, db_index=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    format = models.CharField(_("format"), max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    rejected = models.PositiveIntegerField(_("rejected"), default=0)
    unknown_labels = models.CharField(
        _("unknown labels"),
        max_length=8,
        choices=UnknownLabels.choices,
        blank=True,
        help_text=_(
            "Policy for theme, affected-persons and SDG values not in the reference lists "
            "(empty for runs made before the policy was recorded)."
        ),
    )
    column_mapping = models.CharField(
        _("column mapping"),
        max_length=120,
        blank=True,
        help_text=_("Name of the saved column mapping the file was read through, if any."),
    )
    errors = models.JSONField(
        _("errors"),
        default=list,
        blank=True,
        help_text=_("List of {file, message, row, cell, page}: the failure or rejected rows."),
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_runs",
    )

    class Meta:
        ordering: ClassVar = ["-started_at", "-id"]
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.format or '?'}): {self.status}"

    @property
    def seconds(self) -> float | None:
        """Duration in seconds, or ``None`` while running."""
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None

    @property
    def message(self) -> str:
        """The first error as one line (the failure of a failed run), or ``""``."""
        if not self.errors:
            return ""
        first = self.errors[0]
        return str(
            Problem(
                file=first.get("file", self.file_name),
                message=first.get("message", ""),
                row=first.get("row"),
                cell=first.get("cell"),
                page=first.get("page"),
            )
        )


class ColumnMappingQuerySet(models.QuerySet["ColumnMapping"]):
    def active(self) -> ColumnMappingQuerySet:
        """Mappings not archived."""
        return self.filter(is_archived=False)


class ColumnMapping(models.Model):
    """How the columns of another tracker's spreadsheet become RightsTrack fields.

    Saved under a name and reused for the next file of the same layout (proposed
    automatically when its columns are all in the file). What the fields mean is
    :class:`~rightstrack.ingest.parsers.mapped.MappingSpec`; changed only through
    ``ingest/actions.py`` (history kept, archived rather than deleted).
    """

    name = models.CharField(_("name"), max_length=120, unique=True)
    key = models.SlugField(
        _("key"),
        max_length=64,
        unique=True,
        help_text=_(
            "Stable identifier, part of the natural key of records identified by the "
            "source's own ids; never changes once saved."
        ),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="column_mappings",
        verbose_name=_("owner organisation"),
    )
    columns = models.JSONField(
        _("columns"), default=dict, blank=True, help_text=_("Field → the source's column headers.")
    )
    constants = models.JSONField(
        _("fixed values"), default=dict, blank=True, help_text=_("Field → one value for every row.")
    )
    value_maps = models.JSONField(
        _("value maps"),
        default=dict,
        blank=True,
        help_text=_("Field → {the source's value: the RightsTrack value}."),
    )
    date_format = models.CharField(_("date format"), max_length=32, blank=True)
    list_separator = models.CharField(_("list separator"), max_length=1, blank=True)
    language = models.CharField(_("language of the texts"), max_length=8, default="en")
    headers = models.JSONField(_("headers of the file it was made for"), default=list, blank=True)
    is_archived = models.BooleanField(_("archived"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = ColumnMappingQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["name"]
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")

    def __str__(self) -> str:
        return self.name

    def spec(self) -> MappingSpec:
        """The mapping as the pure parser reads it."""
        return MappingSpec(
            name=self.name,
            key=self.key,
            columns={f: tuple(cols) for f, cols in (self.columns or {}).items() if cols},
            constants=dict(self.constants or {}),
            value_maps={f: dict(m) for f, m in (self.value_maps or {}).items()},
            date_format=self.date_format,
            list_separator=self.list_separator,
            language=self.language or "en",
        )
