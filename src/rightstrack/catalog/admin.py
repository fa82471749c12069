"""Django admin for staff: catalogue records with history."""

from django.contrib import admin

from rightstrack.catalog import models
from rightstrack.core.admin import NoDeleteHistoryAdmin, NoDeleteModelAdmin


@admin.register(models.Mechanism)
class MechanismAdmin(NoDeleteModelAdmin):
    list_display = ("code", "kind", "name")
    list_filter = ("kind",)


@admin.register(models.Country)
class CountryAdmin(NoDeleteModelAdmin):
    list_display = ("iso3", "name_en", "name_fr", "un_member")
    search_fields = ("iso3", "name_en")


@admin.register(models.Document)
class DocumentAdmin(NoDeleteHistoryAdmin):
    list_display = ("key", "doc_type", "mechanism", "country", "adopted_on", "visibility")
    list_filter = ("doc_type", "mechanism", "visibility")
    search_fields = ("symbol", "key", "title")
    raw_id_fields = ("parent", "country")


@admin.register(models.Recommendation)
class RecommendationAdmin(NoDeleteHistoryAdmin):
    list_display = ("natural_key", "paragraph", "mechanism", "country", "position", "visibility")
    list_filter = ("mechanism", "position", "visibility", "kind")
    search_fields = ("natural_key", "text")
    raw_id_fields = ("document", "country", "recommending_states")
    filter_horizontal = ("themes", "affected_groups", "sdg_goals", "upr_issues")


@admin.register(models.FollowUpRequest)
class FollowUpRequestAdmin(NoDeleteHistoryAdmin):
    list_display = ("document", "item", "kind", "due_on", "due_basis", "reply_received_on")
    list_filter = ("kind", "due_basis")
    raw_id_fields = ("document", "recommendation", "reply_document")


for m in (
    models.Theme,
    models.AffectedGroup,
    models.SdgGoal,
    models.SdgTarget,
    models.UprIssue,
    models.ActionCategory,
    models.VoluntaryPledge,
):
    admin.site.register(m, NoDeleteModelAdmin)
