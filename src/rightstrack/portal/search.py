# ruff: noqa: S608, S611 -- SQL built from constant names; user input only as parameters.
"""Full-text search over recommendations: ``search(qs, q, lang) -> qs``.

Query syntax (the same on every engine):

* plain words, all required: ``torture prison``;
* quoted phrases: ``"national preventive mechanism"``;
* a leading ``-`` excludes a word or phrase: ``torture -police``.

Anything else (``C++``, an unclosed quote, ``AND``, ``NEAR(``, ``*``) is read
as plain words: user input never reaches the engine's query language, so it
cannot raise a syntax error.

Every query is first normalised (:func:`normalise_query`): control characters
(NUL included) and invisible format characters (zero-width space and joiners,
BOM, bidi marks) are removed. A query that is not blank but has no positive term
(only signs such as ``-``, ``*`` or ``"``, only invisible characters, or only
exclusions such as ``-torture``) matches nothing (:func:`matches_nothing`): the
same empty result on every engine, never an error.

SQLite runs an FTS5 ``MATCH`` on ``portal_recommendation_fts``; PostgreSQL
matches the weighted ``tsvector`` of ``portal_searchdocument`` (see
:mod:`rightstrack.portal.search_index`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from rightstrack.catalog.models import Recommendation
from rightstrack.portal.search_index import FTS_TABLE, PG_CONFIGS, SEARCH_TABLE

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class ParsedQuery:
    """A user query split into required and excluded terms.

    Each term is a list of words; a term of several words is a phrase.
    ``include_raw``/``exclude_raw`` keep each term as typed (without quotes), for
    PostgreSQL, whose parser keeps hyphenated words ("non-refoulement") whole.
    """

    include: list[list[str]] = field(default_factory=list)
    exclude: list[list[str]] = field(default_factory=list)
    include_raw: list[str] = field(default_factory=list, repr=False)
    exclude_raw: list[str] = field(default_factory=list, repr=False)

    def __bool__(self) -> bool:
        return bool(self.include)


def _removed(char: str) -> bool:
    """Control (Cc), format (Cf: zero-width, BOM, bidi marks), surrogate (Cs) and
    non-character code points are dropped from every query."""
    return unicodedata.category(char) in ("Cc", "Cf", "Cs") or char in "\ufffe\uffff"


def normalise_query(q: str | None) -> str:
    r"""``q`` without control or invisible characters, whitespace collapsed.

    Tab, newline and other whitespace controls become spaces; NUL, zero-width
    characters and the like are removed (so ``tor\u200bture`` is ``torture``).

    >>> normalise_query(" tor\u200bture\x00\tprison ")
    'torture prison'
    """
    if not q:
        return ""
    text = "".join(" " if c.isspace() else c for c in q if c.isspace() or not _removed(c))
    return " ".join(text.split())


def matches_nothing(q: str | None) -> bool:
    """True when ``q`` is not blank but has no positive term: its result is empty.

    Blank means nothing typed but whitespace (no restriction). Anything else
    (signs only, invisible characters only, exclusions only) with no word to
    look for matches nothing.
    """
    return bool(q and q.strip()) and not parse_query(q)


def parse_query(q: str | None) -> ParsedQuery:
    """Split the normalised ``q`` into words and quoted phrases; drop anything
    without a letter or digit. Falsy (no positive term) if nothing is left to include.

    >>> parse_query('torture "preventive mechanism" -police C++')
    ParsedQuery(include=[['torture'], ['preventive', 'mechanism'], ['C']], exclude=[['police']])
    """
    parsed = ParsedQuery()
    for m in _TOKEN.finditer(normalise_query(q)):
        if m.group(3) is not None:
            raw = m.group(3)
            negate = raw.startswith("-") and len(raw) > 1
            raw = raw[1:] if negate else raw
        else:
            negate = m.group(1) == "-"
            raw = m.group(2)
        # "foo-bar" outside quotes is a phrase of its words, as FTS5 tokenises it.
        words = _WORD.findall(raw)
        if not words:
            continue
        raw = " ".join(raw.replace('"', " ").split())
        if negate:
            parsed.exclude.append(words)
            parsed.exclude_raw.append(raw)
        else:
            parsed.include.append(words)
            parsed.include_raw.append(raw)
    return parsed


def fts5_match_expression(parsed: ParsedQuery) -> str:
    """The FTS5 query for ``parsed``: each term as a quoted string, ANDed; NOT for exclusions.

    Quoting every term makes FTS5 operators (AND, OR, NOT, NEAR, ``*``, ``^``,
    column filters) plain text.
    """

    def quote(term: list[str]) -> str:
        return '"' + " ".join(w.replace('"', '""') for w in term) + '"'

    expr = " AND ".join(quote(t) for t in parsed.include)
    for term in parsed.exclude:
        expr += f" NOT {quote(term)}"
    return expr


def pg_query_text(parsed: ParsedQuery) -> str:
    """The query for PostgreSQL's ``websearch_to_tsquery`` (which never raises on bad syntax)."""
    # Every term quoted, so that a word such as "or" is never read as an operator.
    parts = [f'"{t}"' for t in parsed.include_raw]
    parts += [f'-"{t}"' for t in parsed.exclude_raw]
    return " ".join(parts)


def pg_configs(lang: str | None) -> list[str]:
    """Text-search configurations to try: the query language's first, then the others and 'simple'.

    Each recommendation is indexed with the configuration of its own language,
    so the query is stemmed once per configuration and the results ORed.
    """
    first = PG_CONFIGS.get((lang or "en")[:2], "simple")
    rest = [c for c in [*PG_CONFIGS.values(), "simple"] if c != first]
    return [first, *rest]


def _pg_tsquery_sql(lang: str | None, text: str) -> tuple[str, list[str]]:
    configs = pg_configs(lang)
    sql = " || ".join(f"websearch_to_tsquery('{c}'::regconfig, %s)" for c in configs)
    return f"({sql})", [text] * len(configs)


def matching_ids_sql(
    q: str, lang: str | None = None, using: str = "default"
) -> tuple[str, list[Any]]:
    """SQL (and params) selecting the ids of recommendations matching ``q``, visible or not.

    Callers must intersect it with a visible queryset. Returns ``("", [])``
    when the query has no searchable term.

    Raises:
        ImproperlyConfigured: the database is neither SQLite (FTS5) nor PostgreSQL.
    """
    parsed = parse_query(q)
    if not parsed:
        return "", []
    vendor = connections[using].vendor
    if vendor == "sqlite":
        return (
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",
            [fts5_match_expression(parsed)],
        )
    if vendor == "postgresql":
        tsq, params = _pg_tsquery_sql(lang, pg_query_text(parsed))
        return (
            f"SELECT recommendation_id FROM {SEARCH_TABLE} WHERE vector @@ {tsq}",
            params,
        )
    raise ImproperlyConfigured(
        f"full-text search needs SQLite or PostgreSQL; DATABASE_URL points to {vendor}"
    )


#: PostgreSQL only: up to this many matches, the ids go to the next queries as a
#: list, beyond it as a subquery. With a subquery the planner misjudges skewed joins
#: (mechanism=UPR is 99% of the rows) and probes the index once per row: measured
#: worst case 7-8 s against 4-5 s with the list, on a loaded 2-core machine.
#: On SQLite the subquery is faster (FTS5 MATCH is cheap; measured 260 ms against
#: 560 ms median per list page), so SQLite always uses it.
MAX_ID_LIST = 10_000


def search(
    qs: QuerySet[Recommendation], q: str | None, lang: str | None = None
) -> QuerySet[Recommendation]:
    """Restrict ``qs`` to recommendations matching the query ``q``.

    On PostgreSQL the index query runs at once (see :data:`MAX_ID_LIST`).

    Args:
        qs: a queryset of visible recommendations (from ``visible_recommendations``).
        q: the user's query (syntax in the module docstring); blank means no restriction.
        lang: language of the query (``en``, ``fr``...), used for stemming on PostgreSQL.

    Returns:
        ``qs`` filtered; ``qs`` itself when ``q`` is blank; ``qs.none()`` when ``q``
        has no positive term (:func:`matches_nothing`).
    """
    if not q or not q.strip():
        return qs
    if matches_nothing(q):
        return qs.none()
    sql, params = matching_ids_sql(q, lang, qs.db)
    if not sql:
        return qs.none()
    if connections[qs.db].vendor != "postgresql":
        return qs.filter(Q(pk__in=RawSQL(sql, params)))
    with connections[qs.db].cursor() as cur:
        cur.execute(f"{sql} LIMIT {MAX_ID_LIST + 1}", params)
        ids = [row[0] for row in cur.fetchall()]
    if len(ids) <= MAX_ID_LIST:
        return qs.filter(pk__in=ids)
    return qs.filter(Q(pk__in=RawSQL(sql, params)))


def with_relevance(
    qs: QuerySet[Recommendation], q: str, lang: str | None = None
) -> QuerySet[Recommendation]:
    """Annotate ``relevance`` (higher is better) for ordering search results.

    The index is joined once (not queried per row), so ranking costs one pass
    over the matches. SQLite: FTS5 ``bm25`` with column weights 10 (symbol),
    10 (paragraph), 1 (text), 0.5 (tags), negated so that higher is better.
    PostgreSQL: ``ts_rank_cd`` over the A/B/C weighted vector.

    Use the result for ordering rows only, not as a subquery (it relies on
    ``extra()`` joins, whose table names are not re-aliased).

    A query with no positive term matches nothing: the result is then empty
    (and still has ``relevance``, so that ordering on it never fails).
    """
    parsed = parse_query(q)
    if not parsed:
        return qs.none().extra(select={"relevance": "0"})
    vendor = connections[qs.db].vendor
    table = Recommendation._meta.db_table
    if vendor == "sqlite":
        return qs.extra(  # noqa: S610 - constant SQL, the query is a parameter
            tables=[FTS_TABLE],
            where=[f"{FTS_TABLE}.rowid = {table}.id", f"{FTS_TABLE} MATCH %s"],
            params=[fts5_match_expression(parsed)],
            select={"relevance": f"-bm25({FTS_TABLE}, 10.0, 10.0, 1.0, 0.5)"},
        )
    tsq, params = _pg_tsquery_sql(lang, pg_query_text(parsed))
    return qs.extra(  # noqa: S610 - constant SQL, the query is a parameter
        tables=[SEARCH_TABLE],
        where=[f"{SEARCH_TABLE}.recommendation_id = {table}.id"],
        select={"relevance": f"ts_rank_cd({SEARCH_TABLE}.vector, {tsq})"},
        select_params=params,
    )
