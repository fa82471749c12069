"""URLs of the reports app (mounted at ``/reports/``)."""

from django.urls import path, re_path

from rightstrack.reports import views
from rightstrack.reports.feeds import CountryFeed, MechanismFeed, ThemeFeed

app_name = "reports"
urlpatterns = [
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
