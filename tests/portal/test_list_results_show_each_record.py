"""What each result of the recommendations list says, in the visitor's language.

The list builds each result once in Python (``portal.results``) instead of reading it
through the template engine; these are the facts a reader of the list relies on, checked
against the records typed by hand from Slovenia's UPR reports and Paraguay's CCPR
concluding observations (``tests/portal/conftest.py``).
"""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from rightstrack.catalog.models import Document, Recommendation

pytestmark = pytest.mark.django_db


def results(html: str) -> dict[str, str]:
    """``{reference: the result's <article>}`` of a list page."""
    found = {}
    for article in re.findall(r'<article class="result".*?</article>', html, re.S):
        ref = re.search(r"<h3 id=\"rec-\d+\"><a href=\"[^\"]+\">(.*?)</a></h3>", article)
        assert ref, article
        found[ref.group(1)] = article
    return found


def meta(article: str) -> dict[str, str]:
    """``{term: description}`` of a result's ``<dl class="meta">``, tags kept."""
    return dict(re.findall(r"<div><dt>(.*?)</dt><dd>(.*?)</dd></div>", article))


def test_each_result_names_its_source_country_position_states_and_themes(svn_upr_catalogue):
    c = svn_upr_catalogue
    html = Client().get("/recommendations/", {"country": "SVN", "sort": "document"}).text
    shown = results(html)
    cyprus = shown["A/HRC/43/15, para. 122.153"]
    assert f'<a href="/recommendations/{c.r122_153.pk}/">' in cyprus
    assert meta(cyprus) == {
        "Mechanism": "UPR",
        "Country": '<a href="/countries/SVN/">Slovenia</a>',
        "Year": "2019",  # no date of adoption typed: the year stands in
        "Position": '<span class="badge badge-noted">Noted</span>',
        "Recommended by": "Cyprus",
        # Theme names in alphabetical order, "&" escaped once.
        "Themes": "Prohibition of torture &amp; cruel, inhuman or degrading treatment; "
        "Right to effective remedy &amp; reparations",
    }
    assert 'lang="en" dir="auto">Strengthen the asylum system' in cyprus
    # Two recommending States (cycle 4, para. 140.7), in name order; no themes typed.
    cycle4 = meta(shown["A/HRC/59/15, para. 140.7"])
    assert cycle4["Recommended by"] == "Maldives, Portugal"
    assert "Themes" not in cycle4
    # The UPR Info row has no document symbol: named by State, session and number.
    assert f"Slovenia, UPR Working Group session 34 (no. {c.r_upr_info.pk})" in shown
    # Restricted records stay out of a visitor's list.
    assert "A/HRC/43/15, para. 999.1" not in shown
    assert len(shown) == 6


def test_a_dated_result_shows_its_date_and_a_long_text_is_cut_at_70_words(svn_upr_catalogue):
    c = svn_upr_catalogue
    html = Client().get("/recommendations/", {"country": "PRY"}).text
    article = results(html)["CCPR/C/PRY/CO/4, para. 25 (c)"]
    # Adopted 20 August 2019 (CCPR/C/PRY/CO/4): machine-readable and as English writes it.
    assert meta(article)["Date"] == '<time datetime="2019-08-20">Aug. 20, 2019</time>'
    assert "Year" not in meta(article) and "Position" not in meta(article)
    assert "(Istanbul Protocol); that the perpetrators are prosecuted" in article  # 62 words
    long_text = " ".join(f"w{i}" for i in range(80))
    Recommendation.objects.filter(pk=c.r_pry_25c.pk).update(text=long_text)
    cache.clear()
    article = results(Client().get("/recommendations/", {"country": "PRY"}).text)[
        "CCPR/C/PRY/CO/4, para. 25 (c)"
    ]
    assert "w68 w69 …</p>" in article and "w70" not in article


def test_references_without_a_paragraph_or_a_symbol(svn_upr_catalogue):
    c = svn_upr_catalogue
    no_para = Recommendation.objects.create(
        document=c.co_pry,
        natural_key="CCPR/C/PRY/CO/4#intro",
        text="Introduction",
        mechanism=c.ccpr,
        country=c.pry,
        year=2019,
    )
    unnamed_doc = Document.objects.create(
        key="ccpr-pry-follow-up", mechanism=c.ccpr, country=c.pry, doc_type=Document.Type.OTHER
    )
    no_symbol = Recommendation.objects.create(
        document=unnamed_doc,
        natural_key="ccpr-pry-follow-up#1",
        text="Follow-up",
        mechanism=c.ccpr,
        country=c.pry,
        year=2019,
    )
    shown = results(Client().get("/recommendations/", {"country": "PRY"}).text)
    assert "CCPR/C/PRY/CO/4" in shown
    assert f"CCPR Paraguay, recommendation {no_symbol.pk}" in shown
    assert len(shown) == 3
    french = results(Client().get("/fr/recommendations/", {"country": "PRY"}).text)
    assert f"CCPR Paraguay, recommandation {no_symbol.pk}" in french
    assert no_para.pk  # the bare symbol is its reference


def test_results_in_spanish_and_arabic_use_the_un_names(svn_upr_catalogue):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        html = Client().get("/es/recommendations/", {"country": "SVN"}).text
    shown = results(html)
    article = shown["A/HRC/43/15, párr. 122.153"]
    assert meta(article)["País"] == '<a href="/es/countries/SVN/">Eslovenia</a>'
    assert meta(article)["Recomendada por"] == "Cyprus"  # no Spanish name typed: English
    assert '<span class="badge badge-noted">' in article
    # The States' names come with the page's rows, never read back one by one.
    assert not [
        q
        for q in queries
        if re.search(r'FROM "catalog_country" WHERE "catalog_country"."id" =', q["sql"])
    ]
    arabic = Client().get("/ar/recommendations/", {"country": "SVN"}).text
    assert '<a href="/ar/countries/SVN/">سلوفينيا</a>' in arabic


def test_coordinators_tick_each_result_and_see_restricted_ones(
    svn_upr_catalogue, coordinator, client_for
):
    html = client_for(coordinator).get("/recommendations/", {"country": "SVN"}).text
    shown = results(html)
    assert "A/HRC/43/15, para. 999.1" in shown
    assert meta(shown["A/HRC/43/15, para. 999.1"])["Position"] == (
        '<span class="badge badge-pending">Pending</span>'
    )
    for pk in re.findall(r'<article class="result" aria-labelledby="rec-(\d+)"', html):
        assert re.search(
            rf'<input type="checkbox" name="recommendation" value="{pk}" '
            rf'form="add-to-selection" id="pick-{pk}" class="pick"> '
            rf'<label for="pick-{pk}" class="visually-hidden">Tick to add to a selection</label>',
            html,
        )


def test_every_filter_checkbox_has_its_own_label(svn_upr_catalogue):
    html = Client().get("/recommendations/").text
    ids = re.findall(r'<input type="checkbox" name="[a-z_]+" value="[^"]*" id="(f-[^"]+)"', html)
    assert ids and len(ids) == len(set(ids))
    labels = set(re.findall(r'<label for="(f-[^"]+)">', html))
    assert set(ids) <= labels
    # Slovenia: 6 public recommendations, Paraguay 1 (restricted ones not counted).
    assert re.search(r'Slovenia <span class="count">6</span>', html)
    assert re.search(r'Paraguay <span class="count">1</span>', html)


def test_templates_are_compiled_once_per_process():
    """Every page is rendered from templates parsed once per process (Django's cached
    loader; without it each ``{% include %}`` of each request reads and parses its file)."""
    from django.template import engines

    (loader,) = engines["django"].engine.template_loaders
    assert type(loader).__module__ == "django.template.loaders.cached"
    assert {type(inner).__module__ for inner in loader.loaders} == {
        "django.template.loaders.filesystem",
        "django.template.loaders.app_directories",
    }
