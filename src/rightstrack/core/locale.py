"""The page's language: from the URL when it names one, else as before.

Every page has a shareable address per language: ``/es/recommendations/?q=prisión``
(Django's ``i18n_patterns``, with English unprefixed: ``prefix_default_language=False``).
An address without a language prefix keeps serving the visitor's choice (the
``django_language`` cookie set by the language switcher, else ``Accept-Language``), as it
did before addresses carried a language: links already shared and bookmarked keep working,
and the links on such a page carry the visitor's language (``reverse`` adds it).

Django's own ``LocaleMiddleware`` would serve every unprefixed address in English when the
default language is unprefixed (and resolve no unprefixed address at all in another
language); :class:`LocaleMiddleware` changes only that case.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation

UNPREFIXED_URLCONF = "rightstrack.urls_unprefixed"
#: Paths outside the language prefix (``rightstrack.urls.BASE``).
UNPREFIXED_PATHS = ("/admin/", "/api/", "/i18n/", "/favicon.ico", "/static/")


def strip_language_prefix(path: str) -> str:
    """``path`` without a leading language code of :setting:`LANGUAGES`
    (``"/es/recommendations/"`` → ``"/recommendations/"``); other paths unchanged."""
    language = translation.get_language_from_path(path)
    if language is None:
        return path
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if path.lower().startswith(prefix.lower()):
            return "/" + path[len(prefix) :]
    return path


def url_in_language(url: str, language: str) -> str:
    """``url`` (a local path with its query) as the address of the same page in
    ``language``: ``("/es/recommendations/?q=x", "fr")`` → ``"/fr/recommendations/?q=x"``;
    English has no prefix; addresses outside the pages (API, admin) and other sites'
    addresses are returned unchanged."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return url
    path = strip_language_prefix(parts.path)
    if path.startswith(UNPREFIXED_PATHS):
        return url
    if language != settings.LANGUAGE_CODE:
        path = f"/{language}{path}"
    return urlunsplit(("", "", path, parts.query, parts.fragment))


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's ``set_language`` (cookie, then back to ``next``), sending the visitor to
    ``next`` in the chosen language: Django's own translation of ``next`` resolves it in
    the language of the switcher's address, which has none, and so kept ``/es/…``."""
    from django.views.i18n import set_language as django_set_language

    response = django_set_language(request)
    language = request.POST.get("language", "")
    if response.status_code in (301, 302) and translation.check_for_language(language):
        response["Location"] = url_in_language(response["Location"], language)
    return response


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, except that an address without a language prefix is resolved by
    ``rightstrack.urls_unprefixed`` (no ``i18n_patterns``): Django then takes the language
    from the cookie or ``Accept-Language`` and ``reverse`` links without a prefix. The
    language switcher (``/i18n/``) keeps the root configuration, so that it can turn
    ``/es/page`` into ``/fr/page``."""

    def process_request(self, request: HttpRequest) -> None:
        path = request.path_info
        if translation.get_language_from_path(path) is None and not path.startswith("/i18n/"):
            request.urlconf = UNPREFIXED_URLCONF
        super().process_request(request)
