"""Django admin: import runs are read-only records of what was imported."""

from django.contrib import admin

from rightstrack.core.admin import NoDeleteHistoryAdmin, NoDeleteModelAdmin
from rightstrack.ingest.models import ColumnMapping, ImportRun


@admin.register(ImportRun)
class ImportRunAdmin(NoDeleteModelAdmin):
    list_display = (
        "file_name",
        "format",
        "status",
        "unknown_labels",
        "column_mapping",
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


@admin.register(ColumnMapping)
class ColumnMappingAdmin(NoDeleteHistoryAdmin):
    """Saved column mappings: edited here or on the upload's mapping step; archived, never
    deleted (their key is part of the natural keys of the records they imported)."""

    list_display = ("name", "key", "organisation", "language", "is_archived", "updated_at")
    list_filter = ("is_archived", "language")
    search_fields = ("name", "key")
    readonly_fields = ("key", "created_by", "created_at", "updated_at")
