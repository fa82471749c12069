"""Pages render server-side without JavaScript, with lang/dir attributes and landmarks."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def urls(c) -> list[str]:
    return [
        "/",
        "/recommendations/",
        "/recommendations/?q=torture&country=SVN&theme=prohibition-of-torture",
        f"/recommendations/{c.r121_52.pk}/",
        f"/documents/{c.wg3.pk}/",
        "/countries/SVN/",
    ]


def test_every_page_renders_without_scripts_and_with_landmarks(svn_upr_catalogue):
    client = Client()
    for url in urls(svn_upr_catalogue):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        scripts = re.findall(r"<script[^>]*>", html)
        if "?" in url and url.startswith("/recommendations/"):
            # A first visit of a filtered list: its facet counts come after the page, by
            # one deferred script file (progressive enhancement: no inline script) or,
            # without JavaScript, by the plain link beside the filters.
            assert len(scripts) == 1, url
            assert 'src="/static/portal/facets' in scripts[0] and " defer" in scripts[0], url
            assert "facets=1#facets-h" in html, url
        else:
            assert scripts == [], url
        assert re.search(r'<html lang="en" dir="ltr">', html), url
        assert 'class="skip-link" href="#main"' in html
        assert '<main id="main"' in html and "<header" in html and "<footer" in html
        assert html.count("<h1") == 1, url
        assert 'action="/i18n/setlang/"' in html  # language switcher is a plain form


def test_arabic_pages_are_right_to_left(svn_upr_catalogue):
    client = Client(headers={"accept-language": "ar"})
    html = client.get("/recommendations/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "سلوفينيا" in html  # country facet label in Arabic
    assert "توصيات" in html  # "Recommendations", from the Arabic catalogue


def test_the_language_switcher_sets_the_language_without_javascript(svn_upr_catalogue):
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/recommendations/"})
    assert response.status_code == 302
    html = client.get("/recommendations/").content.decode()
    assert '<html lang="fr" dir="ltr">' in html


def test_the_recommendation_page_shows_source_tags_and_states(svn_upr_catalogue):
    html = Client().get(f"/recommendations/{svn_upr_catalogue.r140_7.pk}/").content.decode()
    assert "A/HRC/59/15, para. 140.7" in html
    assert "Maldives" in html and "Portugal" in html
    assert "Supported" in html
    html = Client().get(f"/recommendations/{svn_upr_catalogue.r122_153.pk}/").content.decode()
    assert "Prohibition of torture &amp; cruel, inhuman or degrading treatment" in html
    assert "refugees &amp; asylum seekers" in html
    assert "SDG 10: Reduced inequalities" in html
    assert "Noted" in html


def test_the_document_page_lists_recommendations_in_printed_order(svn_upr_catalogue):
    response = Client().get(f"/documents/{svn_upr_catalogue.wg3.pk}/")
    paragraphs = [r.paragraph for r in response.context["page_obj"].object_list]
    assert paragraphs == ["121.52", "121.57", "122.71", "122.153"]
    html = response.content.decode()
    assert html.index("121.57") < html.index("122.71") < html.index("122.153")
    assert "<caption>" in html and 'scope="col"' in html and 'scope="row"' in html


def test_the_country_page_counts_by_mechanism_theme_and_position(svn_upr_catalogue):
    response = Client().get("/countries/SVN/")
    ctx = response.context
    assert {v.value: v.count for v in ctx["by_mechanism"]} == {"UPR": 6}
    assert {v.value: v.count for v in ctx["by_position"]} == {"supported": 5, "noted": 1}
    assert {v.value: v.count for v in ctx["by_theme"]}["prohibition-of-torture"] == 3
    assert Client().get("/countries/XXX/").status_code == 404


def test_the_home_page_counts_visible_records(svn_upr_catalogue):
    ctx = Client().get("/").context
    assert ctx["total"] == 7
    assert ctx["documents"] == 4
    assert ctx["countries"] == 2
