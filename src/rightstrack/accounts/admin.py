"""Admin for users and organisations."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from rightstrack.accounts.models import Organisation, User


@admin.register(User)
class RightsTrackUserAdmin(UserAdmin):
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("RightsTrack", {"fields": ("role", "organisation", "language", "hide_name_publicly")}),
    )
    list_display = ("username", "email", "role", "organisation", "is_active")
    list_filter = ("role", "is_active")


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "acronym", "org_type", "country")
    list_filter = ("org_type",)
    search_fields = ("name", "acronym")
