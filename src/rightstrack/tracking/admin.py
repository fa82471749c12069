"""Admin for tracking records (read and fix; day-to-day work goes through the UI)."""

from django.contrib import admin

from rightstrack.core.admin import NoDeleteHistoryAdmin
from rightstrack.tracking.models import (
    Action,
    Assessment,
    Assignment,
    Evidence,
    ImplementationPlan,
    Indicator,
    Measurement,
    StatusChange,
    StatusMapping,
)


@admin.register(Assignment)
class AssignmentAdmin(NoDeleteHistoryAdmin):
    list_display = ("recommendation", "organisation", "role", "is_archived")
    list_filter = ("role", "is_archived")
    raw_id_fields = ("recommendation",)


@admin.register(ImplementationPlan)
class PlanAdmin(NoDeleteHistoryAdmin):
    list_display = ("title", "kind", "owner", "country", "visibility", "is_archived")
    list_filter = ("kind", "visibility", "is_archived")
    raw_id_fields = ("cluster",)


@admin.register(Action)
class ActionAdmin(NoDeleteHistoryAdmin):
    list_display = ("title", "plan", "responsible", "status", "publication_state", "target_date")
    list_filter = ("status", "publication_state", "is_archived")
    filter_horizontal = ()
    raw_id_fields = ("recommendations", "cluster")


@admin.register(Indicator)
class IndicatorAdmin(NoDeleteHistoryAdmin):
    list_display = ("name", "action", "unit", "frequency")
    raw_id_fields = ("cluster",)


@admin.register(Measurement)
class MeasurementAdmin(NoDeleteHistoryAdmin):
    list_display = ("indicator", "date", "value")


@admin.register(Assessment)
class AssessmentAdmin(NoDeleteHistoryAdmin):
    list_display = ("recommendation", "source", "date", "level", "grade_label", "publication_state")
    list_filter = ("source", "level", "publication_state", "visibility")
    raw_id_fields = ("recommendation", "document")


@admin.register(Evidence)
class EvidenceAdmin(NoDeleteHistoryAdmin):
    list_display = ("__str__", "assessment", "action", "size", "sha256")


@admin.register(StatusChange)
class StatusChangeAdmin(NoDeleteHistoryAdmin):
    list_display = ("recommendation", "date", "kind", "old_value", "new_value")
    raw_id_fields = ("recommendation",)


@admin.register(StatusMapping)
class StatusMappingAdmin(NoDeleteHistoryAdmin):
    """Coordinators fix how another tracker's statuses map to levels; re-imports use it."""

    list_display = ("tracker", "value", "level")
    list_filter = ("tracker", "level")
    list_editable = ("level",)
