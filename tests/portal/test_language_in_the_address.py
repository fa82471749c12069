"""Every page has an address per language (``/es/recommendations/``), the switcher keeps
the page and its filters, and addresses without a language keep the visitor's choice.

Issue "Every language, all the way through": language in the URL so that every page,
feed, calendar and share image has a shareable URL per language.
"""

from __future__ import annotations

import re

from django.test import Client

from rightstrack.core.locale import url_in_language


def _lang(html: str) -> str:
    m = re.search(r'<html lang="([^"]+)"', html)
    assert m, html[:300]
    return m.group(1)


def test_a_prefixed_address_is_served_in_its_language_whatever_the_cookie(svn_upr_catalogue):
    client = Client(headers={"accept-language": "ru"})
    client.cookies["django_language"] = "fr"
    for language in ("es", "ar", "zh-hans", "ru", "fr"):
        response = client.get(f"/{language}/recommendations/", {"country": "SVN"})
        assert response.status_code == 200
        assert _lang(response.content.decode()) == language
        assert response["Content-Language"] == language


def test_links_on_a_prefixed_page_stay_in_its_language(svn_upr_catalogue):
    html = Client().get("/es/countries/SVN/").content.decode()
    assert 'href="/es/recommendations/' in html
    assert 'href="/recommendations/' not in html


def test_an_address_without_a_language_keeps_the_visitors_choice(svn_upr_catalogue):
    client = Client()
    client.cookies["django_language"] = "ar"
    html = client.get("/recommendations/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    # ... and links without a prefix, as before addresses carried a language.
    assert 'href="/ar/' not in html
    english = Client().get("/recommendations/").content.decode()
    assert _lang(english) == "en"


def test_the_switcher_keeps_the_page_and_its_filters(svn_upr_catalogue):
    client = Client()
    response = client.post(
        "/i18n/setlang/", {"language": "fr", "next": "/es/recommendations/?country=SVN&q=torture"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/fr/recommendations/?country=SVN&q=torture"
    back = client.post("/i18n/setlang/", {"language": "en", "next": response["Location"]})
    assert back["Location"] == "/recommendations/?country=SVN&q=torture"


def test_feeds_and_calendars_have_an_address_per_language(svn_upr_catalogue):
    feed = Client().get("/es/reports/feeds/country/SVN.atom")
    assert feed.status_code == 200
    assert 'xml:lang="es"' in feed.content.decode()[:500]
    calendar = Client().get("/ar/tracking/deadlines/SVN.ics")
    assert calendar.status_code == 200
    assert calendar.content.startswith(b"BEGIN:VCALENDAR")


def test_url_in_language_leaves_the_api_and_other_sites_alone():
    assert url_in_language("/api/v1/recommendations?q=x", "es") == "/api/v1/recommendations?q=x"
    assert url_in_language("https://example.org/es/", "fr") == "https://example.org/es/"
    assert url_in_language("/ru/tracking/deadlines/#next", "zh-hans") == (
        "/zh-hans/tracking/deadlines/#next"
    )
