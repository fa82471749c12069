"""Admin for users and organisations, and the no-hard-delete rule for every admin page.

Admins and coordinators manage users and organisations here (``is_staff`` is
kept in step with the role). Nothing is deleted from the admin: users are
deactivated and records archived, so their history stays.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from rightstrack.accounts.models import ROLE_RANK, Organisation, Role, User
from rightstrack.accounts.permissions import user_rank

# Bulk "delete selected" is off for every model on the site.
admin.site.disable_action("delete_selected")


@admin.action(description=_("Archive selected (kept in history)"))
def archive_selected(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet
) -> None:
    """Mark rows ``is_archived`` one by one so each change is written to history."""
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
        return False

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
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


def _is_manager(request: HttpRequest) -> bool:
    return user_rank(request.user) >= ROLE_RANK[Role.COORDINATOR]


class ManagersOnlyMixin:
    """Admin mixin: only admins and coordinators (role rank >= coordinator) see, add and
    change rows. Subclasses may narrow ``has_change_permission`` further."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _is_manager(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_manager(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _is_manager(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_manager(request)


@admin.action(description=_("Deactivate selected users (they can no longer log in)"))
def deactivate_users(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet
) -> None:
    """Deactivate instead of deleting: authorship and history stay attached."""
    for user in queryset.filter(is_active=True):
        user.is_active = False
        user.save(update_fields=["is_active"])


@admin.register(User)
class RightsTrackUserAdmin(ManagersOnlyMixin, UserAdmin):
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("RightsTrack", {"fields": ("role", "organisation", "language", "hide_name_publicly")}),
    )
    add_fieldsets = (
        *(UserAdmin.add_fieldsets or ()),
        ("RightsTrack", {"fields": ("role", "organisation", "language")}),
    )
    list_display = ("username", "email", "role", "organisation", "is_active")
    list_filter = ("role", "is_active", "organisation")
    actions = (deactivate_users,)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if not _is_manager(request):
            return False
        # A coordinator may not edit an admin account (no escalation through it).
        return not (obj is not None and obj.rank > user_rank(request.user))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        if request.user.is_superuser:
            return ()
        return (
            "is_superuser",
            "is_staff",
            "groups",
            "user_permissions",
            "last_login",
            "date_joined",
        )

    def formfield_for_choice_field(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "role" and not request.user.is_superuser:
            mine = user_rank(request.user)
            kwargs["choices"] = [(v, lbl) for v, lbl in Role.choices if ROLE_RANK[v] <= mine]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        # Admin-site access follows the role: admins and coordinators only.
        obj.is_staff = obj.is_superuser or ROLE_RANK.get(obj.role, 0) >= ROLE_RANK[Role.COORDINATOR]
        super().save_model(request, obj, form, change)


@admin.register(Organisation)
class OrganisationAdmin(ManagersOnlyMixin, ArchiveInsteadOfDeleteMixin, SimpleHistoryAdmin):
    list_display = ("name", "acronym", "org_type", "country", "is_archived")
    list_filter = ("org_type", "is_archived")
    search_fields = ("name", "acronym")


class NoDeleteModelAdmin(ArchiveInsteadOfDeleteMixin, admin.ModelAdmin):
    """``ModelAdmin`` without delete (for catalogue and tracking models)."""


class NoDeleteHistoryAdmin(ArchiveInsteadOfDeleteMixin, SimpleHistoryAdmin):
    """``SimpleHistoryAdmin`` (history page per object) without delete."""
