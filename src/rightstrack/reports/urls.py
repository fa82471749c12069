"""URLs of the reports app (mounted at ``/reports/``); views in :mod:`rightstrack.reports.views`."""

from django.urls import path, re_path

from rightstrack.reports.feeds import CountryFeed, MechanismFeed, ThemeFeed
from rightstrack.reports.views import (
    charts,
    exports,
    followup,
    index,
    plain_editor,
    plain_language,
    press,
)

app_name = "reports"
urlpatterns = [
    path("", index.report_index, name="index"),
    re_path(
        r"^export/(?P<kind>[a-z_]+)\.(?P<fmt>csv|xlsx|json)$", exports.export_list, name="export"
    ),
]

urlpatterns += [
    path("feeds/country/<str:iso3>.atom", CountryFeed(), name="feed_country"),
    path("feeds/mechanism/<str:code>.atom", MechanismFeed(), name="feed_mechanism"),
    path("feeds/theme/<slug:slug>.atom", ThemeFeed(), name="feed_theme"),
]

urlpatterns += [
    path("charts/", charts.chart_index, name="charts"),
    path("charts/charts.css", charts.chart_css, name="chart_css"),
    path("charts/<slug:slug>/", charts.chart_page, name="chart"),
    path("charts/<slug:slug>.svg", charts.chart_svg, name="chart_svg"),
]

urlpatterns += [
    path("plain/<int:pk>/", plain_language.plain_summary, name="plain_summary"),
    path("plain/<int:pk>/edit/", plain_editor.plain_summary_edit, name="plain_summary_edit"),
    path(
        "plain/recommendations/<int:pk>/edit/",
        plain_editor.plain_text_edit,
        name="plain_text_edit",
    ),
    re_path(
        r"^plain/(?P<pk>[0-9]+)\.(?P<fmt>pdf|docx)$",
        plain_language.plain_summary_file,
        name="plain_summary_file",
    ),
]

urlpatterns += [
    path("followup-report/", followup.followup_report_view, name="followup_report"),
    path("parallel-report/", followup.parallel_report_view, name="parallel_report"),
    path("midterm/", followup.midterm_view, name="midterm"),
    path("briefing/", followup.briefing_view, name="briefing"),
    path("press/", press.press_kit_index, name="press_index"),
    path("press/<int:pk>/", press.press_kit, name="press_kit"),
    path("press/communications/<int:pk>/", press.press_communication, name="press_communication"),
    path("press/templates/<slug:kind>/", press.press_template_edit, name="press_template"),
    path("share/document/<int:pk>.png", press.share_image_document, name="share_image_document"),
    path(
        "share/recommendation/<int:pk>.png",
        press.share_image_recommendation,
        name="share_image_recommendation",
    ),
]
