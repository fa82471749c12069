"""The no-hard-delete rule for every admin page, shared by every app's ``admin.py``.

Nothing is deleted from the admin: records are archived (``is_archived``) and users
deactivated, so their history stays. Importing this module switches the site-wide bulk
"delete selected" action off; every app's admin imports it for its base classes.

Imports Django's admin and django-simple-history, never a RightsTrack app.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

__all__ = [
    "ArchiveInsteadOfDeleteMixin",
    "NoDeleteHistoryAdmin",
    "NoDeleteModelAdmin",
    "archive_selected",
]

# Bulk "delete selected" is off for every model on the site.
admin.site.disable_action("delete_selected")


@admin.action(description=_("Archive selected (kept in history)"))
def archive_selected(
    modeladmin: admin.ModelAdmin[Any], request: HttpRequest, queryset: QuerySet[Any]
) -> None:
    """Mark rows ``is_archived`` one by one so each change is written to history.

    Args:
        modeladmin: the admin the action runs from (for the success message).
        request: the admin request.
        queryset: the selected rows; the model must have ``is_archived``.

    Raises:
        django.core.exceptions.FieldError: the model has no ``is_archived`` field.
    """
    count = 0
    for obj in queryset.filter(is_archived=False):
        obj.is_archived = True
        obj.save(
            update_fields=["is_archived", *(["updated_at"] if hasattr(obj, "updated_at") else [])]
        )
        count += 1
    modeladmin.message_user(request, _("%(count)d archived.") % {"count": count}, messages.SUCCESS)


class ArchiveInsteadOfDeleteMixin:
    """Admin mixin: no delete button, no delete view; "Archive selected" where the
    model has ``is_archived``.

    Use on every admin of a catalogue or tracking model (a test checks this).
    """

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Always ``False``: nobody deletes from the admin, not even a superuser."""
        return False

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        """The admin's actions without "delete selected", plus "archive selected" when the
        model has ``is_archived``."""
        actions: dict[str, Any] = super().get_actions(request)  # type: ignore[misc]
        actions.pop("delete_selected", None)
        model = self.model  # type: ignore[attr-defined]
        if any(f.name == "is_archived" for f in model._meta.get_fields()):
            actions["archive_selected"] = (
                archive_selected,
                "archive_selected",
                archive_selected.short_description,  # type: ignore[attr-defined]
            )
        return actions


class NoDeleteModelAdmin(ArchiveInsteadOfDeleteMixin, admin.ModelAdmin[Any]):
    """``ModelAdmin`` without delete (for catalogue and tracking models)."""


class NoDeleteHistoryAdmin(ArchiveInsteadOfDeleteMixin, SimpleHistoryAdmin):  # type: ignore[misc]
    """``SimpleHistoryAdmin`` (history page per object) without delete."""
