"""Admin for users and organisations.

Admins and coordinators manage users and organisations here (``is_staff`` is
kept in step with the role). Nothing is deleted from the admin: users are
deactivated and organisations archived, so their history stays (the no-delete
base classes are in :mod:`rightstrack.core.admin`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from rightstrack.accounts.models import ROLE_RANK, Organisation, Role, User
from rightstrack.accounts.permissions import user_rank
from rightstrack.core.admin import NoDeleteHistoryAdmin


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
    modeladmin: admin.ModelAdmin[User], request: HttpRequest, queryset: QuerySet[User]
) -> None:
    """Deactivate instead of deleting: authorship and history stay attached."""
    for user in queryset.filter(is_active=True):
        user.is_active = False
        user.save(update_fields=["is_active"])


@admin.register(User)
class RightsTrackUserAdmin(ManagersOnlyMixin, UserAdmin[User]):
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
class OrganisationAdmin(ManagersOnlyMixin, NoDeleteHistoryAdmin):
    list_display = ("name", "acronym", "org_type", "country", "is_archived")
    list_filter = ("org_type", "is_archived")
    search_fields = ("name", "acronym")
