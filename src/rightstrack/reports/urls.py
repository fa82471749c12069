"""URLs of the reports app (mounted at ``/reports/``)."""

from django.urls import path, re_path

from rightstrack.reports import views
from rightstrack.reports.feeds import CountryFeed, MechanismFeed, ThemeFeed

app_name = "reports"
urlpatterns = [
    path("", views.report_index, name="index"),
    re_path(
        r"^export/(?P<kind>[a-z_]+)\.(?P<fmt>csv|xlsx|json)$", views.export_list, name="export"
    ),
]

urlpatterns += [
    path("feeds/country/<str:iso3>.atom", CountryFeed(), name="feed_country"),
    path("feeds/mechanism/<str:code>.atom", MechanismFeed(), name="feed_mechanism"),
    path("feeds/theme/<slug:slug>.atom", ThemeFeed(), name="feed_theme"),
]

urlpatterns += [
    path("charts/", views.chart_index, name="charts"),
    path("charts/<slug:slug>/", views.chart_page, name="chart"),
    path("charts/<slug:slug>.svg", views.chart_svg, name="chart_svg"),
]

urlpatterns += [
    path("plain/<int:pk>/", views.plain_summary, name="plain_summary"),
    re_path(
        r"^plain/(?P<pk>[0-9]+)\.(?P<fmt>pdf|docx)$",
        views.plain_summary_file,
        name="plain_summary_file",
    ),
]

from rightstrack.reports import report_views  # noqa: E402 - generated reports (follow-up, press)

urlpatterns += [
    path("followup-report/", report_views.followup_report_view, name="followup_report"),
    path("midterm/", report_views.midterm_view, name="midterm"),
    path("briefing/", report_views.briefing_view, name="briefing"),
    path("press/", report_views.press_kit_index, name="press_index"),
    path("press/<int:pk>/", report_views.press_kit, name="press_kit"),
    path("press/templates/<slug:kind>/", report_views.press_template_edit, name="press_template"),
    path(
        "share/document/<int:pk>.png",
        report_views.share_image_document,
        name="share_image_document",
    ),
    path(
        "share/recommendation/<int:pk>.png",
        report_views.share_image_recommendation,
        name="share_image_recommendation",
    ),
]
