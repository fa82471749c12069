"""URLs of the reports app (mounted at ``/reports/``)."""

from django.urls import re_path

from rightstrack.reports import views

app_name = "reports"
urlpatterns = [
    re_path(
        r"^export/(?P<kind>[a-z_]+)\.(?P<fmt>csv|xlsx|json)$", views.export_list, name="export"
    ),
]
