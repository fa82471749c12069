"""Django admin: import runs are read-only records of what was imported."""

from django.contrib import admin

from rightstrack.core.admin import NoDeleteModelAdmin
from rightstrack.ingest.models import ImportRun


@admin.register(ImportRun)
class ImportRunAdmin(NoDeleteModelAdmin):
    list_display = (
        "file_name",
        "format",
        "status",
        "unknown_labels",
        "created",
        "updated",
        "unchanged",
        "rejected",
        "started_at",
        "user",
    )
    list_filter = ("status", "format", "unknown_labels")
    search_fields = ("file_name", "checksum")
    readonly_fields = [f.name for f in ImportRun._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
