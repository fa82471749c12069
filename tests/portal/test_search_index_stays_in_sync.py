"""Triggers keep the search index in step with recommendations, documents and tags."""

from __future__ import annotations

import pytest

from rightstrack.accounts.permissions import visible_recommendations
from rightstrack.catalog.models import Theme
from rightstrack.portal.models import SearchDocument
from rightstrack.portal.search import search

pytestmark = pytest.mark.django_db


def ids(q: str) -> set[int]:
    return set(search(visible_recommendations(None), q).values_list("pk", flat=True))


def test_every_recommendation_has_a_search_row(svn_upr_catalogue):
    row = SearchDocument.objects.get(pk=svn_upr_catalogue.r122_71.pk)
    assert row.symbol == "A/HRC/43/15"
    assert row.paragraph == "122.71"
    assert "Domestic violence" in row.tags and "older persons" in row.tags


def test_it_follows_text_edits(svn_upr_catalogue):
    rec = svn_upr_catalogue.r140_7
    rec.text = "Ratify the Optional Protocol to the Convention against Torture"
    rec.save()
    assert rec.pk in ids("torture")
    assert rec.pk not in ids("cultural")


def test_it_follows_tags_added_removed_and_renamed(svn_upr_catalogue):
    rec = svn_upr_catalogue.r140_7
    theme = Theme.objects.create(name="Scope of international obligations", slug="scope")
    rec.themes.add(theme)
    assert rec.pk in ids("obligations")
    theme.name = "International instruments"
    theme.save()
    assert rec.pk in ids("instruments") and rec.pk not in ids("obligations")
    rec.themes.remove(theme)
    assert rec.pk not in ids("instruments")


def test_it_follows_document_symbols_and_deletions(svn_upr_catalogue):
    doc = svn_upr_catalogue.wg4
    doc.symbol = "A/HRC/59/15/Corr.1"
    doc.save()
    assert svn_upr_catalogue.r140_7.pk in ids("Corr")
    pk = svn_upr_catalogue.r140_7.pk
    svn_upr_catalogue.r140_7.recommending_states.clear()
    svn_upr_catalogue.r140_7.delete()
    assert not SearchDocument.objects.filter(pk=pk).exists()
    assert pk not in ids("Corr")


def test_symbols_and_paragraphs_are_searchable(svn_upr_catalogue):
    assert svn_upr_catalogue.r_pry_25c.pk in ids('"CCPR/C/PRY/CO/4"')
