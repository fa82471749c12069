"""Root URL configuration. Each app owns its own ``urls.py``; add new routes there."""

from django.contrib import admin
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Send ``/favicon.ico``, which browsers and feed readers ask for whatever a page
    says, to the icon the pages link to. Resolved per request, so a hashed static name works."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


urlpatterns = [
    path("favicon.ico", favicon, name="favicon"),
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
