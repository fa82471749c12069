"""Root URL configuration. Each app owns its own ``urls.py``; add new routes there."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path

from rightstrack.core.locale import set_language


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Send ``/favicon.ico``, which browsers and feed readers ask for whatever a page
    says, to the icon the pages link to. Resolved per request, so a hashed static name works."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


#: Outside the language prefix: the API speaks JSON, the admin and the language switcher
#: (which turns /es/page into /fr/page) need no language of their own.
BASE = [
    path("favicon.ico", favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", include("rightstrack.api.urls")),
]
#: Every page, feed, calendar and share image.
PAGES = [
    path("accounts/", include("rightstrack.accounts.urls")),
    path("tracking/", include("rightstrack.tracking.urls")),
    path("reports/", include("rightstrack.reports.urls")),
    path("classify/", include("rightstrack.classify.urls")),
    path("ingest/", include("rightstrack.ingest.urls")),
    path("subscriptions/", include("rightstrack.subscriptions.urls")),
    path("", include("rightstrack.catalog.urls")),
    path("", include("rightstrack.portal.urls")),
]
# Each page also answers under a language prefix (/es/recommendations/,
# /ar/tracking/deadlines/PRY.ics): one shareable address per language. Addresses without
# a prefix are served in the visitor's language through ``urls_unprefixed`` (core/locale.py).
urlpatterns = BASE + i18n_patterns(*PAGES, prefix_default_language=False)
