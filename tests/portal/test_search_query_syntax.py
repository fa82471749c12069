"""Query syntax: words, phrases, exclusions; engine operators are plain text and never crash."""

from __future__ import annotations

import pytest

from rightstrack.accounts.permissions import visible_recommendations
from rightstrack.portal.search import fts5_match_expression, parse_query, search


def paragraphs(q: str) -> set[str]:
    return set(search(visible_recommendations(None), q).values_list("paragraph", flat=True))


def test_it_splits_words_phrases_and_exclusions():
    parsed = parse_query('torture "preventive mechanism" -police C++ "unclosed')
    assert parsed.include == [["torture"], ["preventive", "mechanism"], ["C"], ["unclosed"]]
    assert parsed.exclude == [["police"]]


def test_it_quotes_every_term_so_fts5_operators_are_words():
    assert fts5_match_expression(parse_query("AND OR NEAR")) == '"AND" AND "OR" AND "NEAR"'
    # A quote inside a word joins its parts as a phrase, as FTS5 would tokenise them.
    assert fts5_match_expression(parse_query('a"b')) == '"a b"'


@pytest.mark.django_db
@pytest.mark.parametrize(
    "q", ["C++", '"unclosed', "-", "AND", "OR", "NOT", "NEAR(", "*", "^a", "col:x", "'", "(", "\\"]
)
def test_special_characters_never_crash(svn_upr_catalogue, q):
    assert isinstance(len(search(visible_recommendations(None), q)), int)


@pytest.mark.django_db
def test_a_query_without_letters_matches_nothing(svn_upr_catalogue):
    assert paragraphs("-") == set()
    assert paragraphs("  ") != set()  # blank: no restriction


@pytest.mark.django_db
def test_a_phrase_must_appear_in_order(svn_upr_catalogue):
    assert paragraphs('"principle of non-refoulement"') == {"121.52", "122.153", ""}
    assert paragraphs('"non-refoulement principle"') == set()


@pytest.mark.django_db
def test_all_words_are_required_and_minus_excludes(svn_upr_catalogue):
    assert paragraphs("asylum non-refoulement") == {"122.153"}
    assert paragraphs("non-refoulement -asylum") == {"121.52", ""}


@pytest.mark.django_db
def test_words_are_stemmed(svn_upr_catalogue):
    # "investigated" (25 (c)) and "investigate" (122.71) share the English stem.
    assert paragraphs("investigating") == {"25 (c)", "122.71"}
