"""On PostgreSQL the list's ``tsquery`` is one constant with each configuration's clause
once (``portal/search.py`` ``_pg_tsquery_sql``): the same matches as the SQL expression it
replaces, which repeated a clause once per configuration that stemmed it alike and made
the planner expect several times the real matches (``docs/scaling.md``)."""

from __future__ import annotations

import pytest
from django.db import connection

from rightstrack.accounts.permissions import visible_recommendations
from rightstrack.portal.search import _pg_tsquery_sql, parse_query, search

pytestmark = pytest.mark.django_db


def needs_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL text search: SQLite's FTS5 query is one MATCH string already")


def test_detention_is_its_english_stem_and_the_unstemmed_word_once_each():
    needs_postgresql()
    # English Snowball stems "detention" to "detent"; the fallback configuration keeps
    # the word. Six configurations gave five clauses, three of them 'detent'.
    sql, params = _pg_tsquery_sql("en", parse_query("detention"))
    assert sql == "%s::tsquery"
    assert params == ["( 'detent' ) | ( 'detention' )"]


@pytest.mark.parametrize(
    "q",
    ["torture", "non-refoulement", '"human rights"', "torture -prison", "women children", "the"],
)
def test_the_constant_matches_what_the_expression_matched(svn_upr_catalogue, q):
    # On SQLite ``fold`` changes nothing (one MATCH string): the same matches either way.
    visible = visible_recommendations(None)
    folded = set(search(visible, q, "en").values_list("pk", flat=True))
    expression = set(search(visible, q, "en", fold=False).values_list("pk", flat=True))
    assert folded == expression
    if q == "torture":
        # 121.52, 122.71, 122.153 (Slovenia, UPR) and CCPR/C/PRY/CO/4 25 (c): test_facets.py
        assert len(folded) == 4
