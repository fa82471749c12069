"""Root URL configuration. Each app owns its own ``urls.py``; add new routes there."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("rightstrack.accounts.urls")),
    path("tracking/", include("rightstrack.tracking.urls")),
    path("reports/", include("rightstrack.reports.urls")),
    path("classify/", include("rightstrack.classify.urls")),
    path("ingest/", include("rightstrack.ingest.urls")),
    path("api/v1/", include("rightstrack.api.urls")),
    path("", include("rightstrack.catalog.urls")),
    path("", include("rightstrack.portal.urls")),
]
