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

Normalisation, the same on both engines (tested on each by
``tests/portal/test_search_normalisation.py``):

* characters: the query is folded by
  :func:`~rightstrack.portal.search_index.fold_search_text`, the rule the index
  applies to the indexed text (Arabic harakat and tatweel removed, hamza and other
  alef forms as bare alef, so ``الاطفال`` finds ``الأطفال``);
* accents: ignored (FTS5 ``remove_diacritics 2``; PostgreSQL ``unaccent``);
* English inflection: both engines stem (FTS5 Porter; PostgreSQL Snowball English),
  which joins regular forms only (``torture``/``tortures``). A stemmer cannot join
  irregular plurals (``woman``/``women``, ``child``/``children``), so each query word
  is expanded to the other forms of its noun from LemmInflect's lexicon
  (:func:`word_forms`); any indexed form then matches.

SQLite runs an FTS5 ``MATCH`` on ``portal_recommendation_fts``; PostgreSQL
matches the weighted ``tsvector`` of ``portal_searchdocument`` (see
:mod:`rightstrack.portal.search_index`).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import lemminflect
import snowballstemmer
from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from rightstrack.catalog.models import Recommendation
from rightstrack.portal.search_index import (
    FTS_TABLE,
    FTS_TEXT_COLUMNS,
    PG_CONFIGS,
    PG_FALLBACK_CONFIG,
    RESTRICTED_TOKEN,
    SEARCH_TABLE,
    fold_search_text,
    fts_key_token,
)

#: Facet keys a visitor's list asks the search rows for: one list per selected facet, its
#: values ORed (a row has any of them), the facets ANDed (``search_index.facet_key``:
#: lexemes of the rows' vectors on PostgreSQL, tokens of the FTS5 column ``keys`` on
#: SQLite, ``search_index.fts_key_token``).
FacetKeys = Sequence[Sequence[str]]

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
    #: Each term's forms (``include_raw``/``exclude_raw`` first, then the other
    #: inflections of its words, see :func:`term_variants`); a document matches a
    #: term when it matches one of its forms.
    include_variants: list[list[str]] = field(default_factory=list, repr=False)
    exclude_variants: list[list[str]] = field(default_factory=list, repr=False)

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


#: Snowball "porter" (the algorithm of FTS5's tokenizer) and "english" (PostgreSQL's).
_STEMMERS = [snowballstemmer.stemmer("porter"), snowballstemmer.stemmer("english")]
#: Most forms of one term (a phrase of several inflected words multiplies them).
MAX_TERM_VARIANTS = 8
#: Words shorter than this are not expanded ("a" is also a noun, plural "as").
_MIN_EXPANDED_LENGTH = 3


def _stems(word: str) -> tuple[str, ...]:
    return tuple(s.stemWord(word) for s in _STEMMERS)


_ARABIC_WORD = re.compile(r"[\u0621-\u064a]{3,}")
#: Prefixes carrying the definite article, longest first, as Lucene's ``ArabicStemmer``
#: strips them (after Larkey et al., SIGIR 2002): "and the", "with the", "like the",
#: "so the", "for the" (لل: لـ + الـ, the alef dropped), "the".
ARABIC_ARTICLE_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")


def arabic_forms(word: str) -> tuple[str, ...]:
    """An Arabic query word with and without the definite article and its attached
    prepositions, so that ``تعذيب`` finds ``التعذيب`` and ``بالتعذيب`` and the reverse.

    Arabic writes the article and some prepositions as part of the word, and neither
    engine has an Arabic stemmer (FTS5 none, PostgreSQL none built in): each form is a
    different token. The word's bare form is the word without the longest prefix of
    :data:`ARABIC_ARTICLE_PREFIXES` that leaves at least 2 letters; the forms are the word
    as typed, the bare form and the bare form with each prefix, at most
    :data:`MAX_TERM_VARIANTS`. Only the article is handled (a light stemmer's suffixes are
    not), since adding or removing it never changes the word's meaning.

    Args:
        word: one folded Arabic query word (:func:`fold_search_text` applied).

    Returns:
        ``word`` first, then the other forms.
    """
    bare = word
    for prefix in ARABIC_ARTICLE_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            bare = word[len(prefix) :]
            break
    forms = [word, bare, *(prefix + bare for prefix in reversed(ARABIC_ARTICLE_PREFIXES))]
    return tuple(dict.fromkeys(forms))[:MAX_TERM_VARIANTS]


@lru_cache(maxsize=4096)
def word_forms(word: str) -> tuple[str, ...]:
    """``word`` and the forms of its noun that a stemmer does not join to it.

    The forms come from LemmInflect (noun lemmas and inflections from the
    SPECIALIST Lexicon of the US National Library of Medicine): ``women`` gives
    ``("women", "woman")``, ``child`` gives ``("child", "children")``. A form is kept
    only when its stems (Snowball Porter, as FTS5's tokenizer, and Snowball English, as
    PostgreSQL's) differ from those of the forms already kept, so regular plurals,
    which both engines stem alike, add nothing (``torture`` gives ``("torture",)``).
    Arabic words get their article forms (:func:`arabic_forms`); other words that are not
    English letters, or shorter than 3 letters, are returned alone.

    Args:
        word: one query word (any case).

    Returns:
        ``word`` first, then the other forms in lower case.
    """
    lower = word.lower()
    if _ARABIC_WORD.fullmatch(word):
        return arabic_forms(word)
    if len(lower) < _MIN_EXPANDED_LENGTH or not (lower.isascii() and lower.isalpha()):
        return (word,)
    forms = [word]
    seen = {_stems(lower)}
    for lemma in lemminflect.getAllLemmas(lower, upos="NOUN").get("NOUN", ()):
        inflections = lemminflect.getAllInflections(lemma, upos="NOUN")
        for form in [lemma, *itertools.chain.from_iterable(inflections.values())]:
            stems = _stems(form)
            if stems not in seen:
                seen.add(stems)
                forms.append(form)
    return tuple(forms)


def term_variants(term: str) -> list[str]:
    """The forms of a term (a word or a phrase as typed): each of its words replaced by
    its :func:`word_forms`, at most :data:`MAX_TERM_VARIANTS`, ``term`` itself first.

    >>> term_variants("violence against women")
    ['violence against women', 'violence against woman']
    """
    pieces = re.split(r"(\w+)", term)
    choices = [word_forms(p) if i % 2 else (p,) for i, p in enumerate(pieces)]
    return ["".join(c) for c in itertools.islice(itertools.product(*choices), MAX_TERM_VARIANTS)]


def parse_query(q: str | None) -> ParsedQuery:
    """Split the normalised and folded ``q`` into words and quoted phrases; drop
    anything without a letter or digit. Falsy (no positive term) if nothing is left to
    include.

    The query is normalised (:func:`normalise_query`) and folded as the index is
    (:func:`~rightstrack.portal.search_index.fold_search_text`); each term gets its
    forms (:func:`term_variants`).

    >>> parse_query('torture "preventive mechanism" -police C++')
    ParsedQuery(include=[['torture'], ['preventive', 'mechanism'], ['C']], exclude=[['police']])
    """
    parsed = ParsedQuery()
    for m in _TOKEN.finditer(fold_search_text(normalise_query(q))):
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
            parsed.exclude_variants.append(term_variants(raw))
        else:
            parsed.include.append(words)
            parsed.include_raw.append(raw)
            parsed.include_variants.append(term_variants(raw))
    return parsed


def fts5_match_expression(parsed: ParsedQuery) -> str:
    """The FTS5 query for ``parsed``: each term as a quoted string, ANDed; NOT for exclusions.

    Quoting every term makes FTS5 operators (AND, OR, NOT, NEAR, ``*``, ``^``,
    column filters) plain text. A term with several forms is their OR in parentheses:
    ``("woman" OR "women")``.
    """

    def quote(words: list[str]) -> str:
        return '"' + " ".join(w.replace('"', '""') for w in words) + '"'

    def group(term: list[str], variants: list[str]) -> str:
        forms = [quote(_WORD.findall(v)) for v in variants[1:]]
        if not forms:
            return quote(term)
        return "(" + " OR ".join([quote(term), *forms]) + ")"

    include_variants = parsed.include_variants or [[]] * len(parsed.include)
    exclude_variants = parsed.exclude_variants or [[]] * len(parsed.exclude)
    expr = " AND ".join(group(t, v) for t, v in zip(parsed.include, include_variants, strict=True))
    for term, variants in zip(parsed.exclude, exclude_variants, strict=True):
        expr += f" NOT {group(term, variants)}"
    return expr


def fts5_index_query(parsed: ParsedQuery, *, public_only: bool = False, keys: str = "") -> str:
    """The FTS5 ``MATCH`` string of ``parsed`` for the index.

    The terms are confined to the text columns, so that no term matches the column
    ``restricted`` or the facet keys' column ``keys`` (a visitor's ``year2013`` is a word,
    not a facet). With ``public_only``, the rows that are not public are excluded inside
    the index (``NOT restricted : "restricted"``, see ``search_index``): a visitor's
    matches are then counted and ranked without reading ``catalog_recommendation``.
    ``keys``: only the rows with these facet values as well, read from the FTS5 column
    ``keys`` (the condition :func:`fts5_facet_keys` gives), in the same ``MATCH``.

    >>> fts5_index_query(parse_query("torture"), public_only=True)
    '({symbol paragraph text tags} : ("torture")) NOT restricted : "restricted"'
    >>> fts5_index_query(parse_query("torture"))
    '{symbol paragraph text tags} : ("torture")'
    >>> fts5_index_query(
    ...     parse_query("torture"), public_only=True, keys=fts5_facet_keys([["year 2013"]]) or ""
    ... )
    '({symbol paragraph text tags} : ("torture") AND keys : ("year2013")) NOT restricted : "restricted"'
    """
    expr = "{" + " ".join(FTS_TEXT_COLUMNS) + "} : (" + fts5_match_expression(parsed) + ")"
    if keys:
        expr = f"{expr} AND {keys}"
    if public_only:
        return f'({expr}) NOT restricted : "{RESTRICTED_TOKEN}"'
    return expr


def fts5_facet_keys(facet_keys: FacetKeys) -> str | None:
    """The FTS5 condition on the column ``keys`` of the search rows (SQLite) for
    ``facet_keys``: for each facet, one of its keys (``search_index.fts_key_token``, each a
    quoted string); ``""`` with no facet; ``None`` when a facet has no key at all (an
    unknown value: nothing matches).

    >>> fts5_facet_keys([["country 12", "country 13"], ["year 2013"]])
    'keys : ("country12" OR "country13") AND keys : ("year2013")'
    """
    if not facet_keys:
        return ""
    if not all(facet_keys):
        return None
    return " AND ".join(
        "keys : ("
        + " OR ".join('"' + fts_key_token(key).replace('"', '""') + '"' for key in keys)
        + ")"
        for keys in facet_keys
    )


def pg_configs(lang: str | None) -> list[str]:
    """Text-search configurations to try: the query language's first, then the others
    and the fallback (no stemming).

    Each recommendation is indexed with the configuration of its own language,
    so the query is stemmed once per configuration and the results ORed.
    """
    first = PG_CONFIGS.get((lang or "en")[:2], PG_FALLBACK_CONFIG)
    rest = [c for c in [*PG_CONFIGS.values(), PG_FALLBACK_CONFIG] if c != first]
    return [first, *rest]


def _pg_tsquery_clauses(lang: str | None, parsed: ParsedQuery) -> list[tuple[str, list[str]]]:
    """The ``tsquery`` of ``parsed`` as one SQL expression per configuration (SQL and params
    of each): the AND of the included terms and NOT of the excluded ones, each term the OR
    of its forms, each form read by ``websearch_to_tsquery`` (which never raises) as a
    quoted phrase, so that a word such as "or" is never an operator."""
    clauses: list[tuple[str, list[str]]] = []
    for config in pg_configs(lang):
        params: list[str] = []
        parts = []
        for negate, terms in ((False, parsed.include_variants), (True, parsed.exclude_variants)):
            for variants in terms:
                forms = " || ".join(
                    f"websearch_to_tsquery('{config}'::regconfig, %s)" for _ in variants
                )
                params.extend(f'"{v}"' for v in variants)
                parts.append(f"!!({forms})" if negate else f"({forms})")
        clauses.append(("(" + " && ".join(parts) + ")", params))
    return clauses


@lru_cache(maxsize=4096)
def _pg_clause_texts(
    using: str,
    lang: str | None,
    include: tuple[tuple[str, ...], ...],
    exclude: tuple[tuple[str, ...], ...],
) -> tuple[tuple[str, str], ...]:
    """(configuration, the query's ``tsquery`` in it, as text) for each configuration of
    :func:`pg_configs` (an empty text: every word a stop word there). Evaluated once per
    query text and process (one small ``SELECT``; the texts depend only on the text-search
    configurations, which migrations install)."""
    parsed = ParsedQuery(
        include_variants=[list(t) for t in include], exclude_variants=[list(t) for t in exclude]
    )
    clauses = _pg_tsquery_clauses(lang, parsed)
    select = ", ".join(f"({sql})::text" for sql, _ in clauses)
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT {select}", [p for _, ps in clauses for p in ps])
        row = cursor.fetchone()
    return tuple(zip(pg_configs(lang), (text or "" for text in (row or ())), strict=False))


def _pg_tsquery_text(
    using: str,
    lang: str | None,
    include: tuple[tuple[str, ...], ...],
    exclude: tuple[tuple[str, ...], ...],
) -> str:
    """The query's ``tsquery`` as text, each configuration's clause once.

    Each configuration stems the query its own way, and several give the same clause
    ("detention" is ``'detent'`` in English, French and Spanish): ORed as SQL, the
    duplicates stayed in the ``tsquery``, and PostgreSQL, which estimates an OR as the sum
    of its parts, expected three times the real matches (140,000 for "women" at 250,000
    recommendations, 46,608 real) and scanned the whole search table instead of its GIN
    index (``docs/scaling.md``). Passed as a constant, which the planner reads exactly.
    """
    texts = _pg_clause_texts(using, lang, include, exclude)
    unique = list(dict.fromkeys(text for _config, text in texts if text))
    return " | ".join(f"( {text} )" for text in unique)


def _pg_rank_sql(
    lang: str | None, parsed: ParsedQuery, using: str = "default", table: str = ""
) -> tuple[str, list[str]]:
    """The relevance of a search row (SQL and params): ``ts_rank_cd`` of its vector against
    the query as the row's own configuration reads it (``CASE language ...``, the choice
    ``search_index`` makes when it indexes the row), not against every configuration's
    clause ORed: a row's lexemes are its own configuration's stems, and ranking the ORed
    clauses cost a phrase query about three times as much (88 -> 30 ms for the 4,386
    matches of "national human rights institution" in cycle 2 at 250,000,
    ``docs/scaling.md``). A configuration whose clause is empty (only stop words) ranks
    with the whole query. ``table``: the search table's name or alias, when joined."""
    include = tuple(tuple(v) for v in parsed.include_variants)
    exclude = tuple(tuple(v) for v in parsed.exclude_variants)
    texts = dict(_pg_clause_texts(using, lang, include, exclude))
    whole = _pg_tsquery_text(using, lang, include, exclude)
    whens, params = [], []
    for code, config in PG_CONFIGS.items():
        whens.append(f"WHEN '{code}' THEN %s::tsquery")
        params.append(texts.get(config) or whole)
    params.append(texts.get(PG_FALLBACK_CONFIG) or whole)
    row = f"{table}." if table else ""
    return (
        f"ts_rank_cd({row}vector, CASE {row}language {' '.join(whens)} ELSE %s::tsquery END)",
        params,
    )


def _pg_tsquery_sql(
    lang: str | None, parsed: ParsedQuery, using: str = "default", *, fold: bool = True
) -> tuple[str, list[str]]:
    """The ``tsquery`` of ``parsed`` (SQL and params): per configuration, the AND of the
    included terms and NOT of the excluded ones, each term the OR of its forms; the
    configurations ORed. ``fold``: as a constant, each distinct clause once
    (:func:`_pg_tsquery_text`, one small query the first time a process meets the query);
    else as the SQL expression itself (no query first; for narrow internal searches, such
    as the same text elsewhere, where the planner's estimate does not matter). A query
    whose every word is a stop word in every configuration is the empty ``tsquery``, which
    matches nothing."""
    if not fold:
        clauses = _pg_tsquery_clauses(lang, parsed)
        return (
            "(" + " || ".join(sql for sql, _ in clauses) + ")",
            [p for _, ps in clauses for p in ps],
        )
    text = _pg_tsquery_text(
        using,
        lang,
        tuple(tuple(v) for v in parsed.include_variants),
        tuple(tuple(v) for v in parsed.exclude_variants),
    )
    return "%s::tsquery", [text]


def _tsquery_lexeme(text: str) -> str:
    """``text`` as one quoted lexeme of a ``tsquery``'s text (PostgreSQL manual, 8.11.2:
    quotes doubled, backslashes escaped)."""
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def facet_keys_tsquery(facet_keys: FacetKeys, vendor: str) -> str | None:
    """The ``tsquery`` (as text) of the facet keys that a search row's vector holds
    (``search_index.facet_key``): for each facet, one of its keys; ``""`` with no facet;
    ``None`` when a facet has no key at all (an unknown value: nothing matches, as the
    list's filter gives).

    >>> facet_keys_tsquery([["country 12", "country 13"], ["year 2013"]], "postgresql")
    "( 'country 12' | 'country 13' ) & ( 'year 2013' )"

    Raises:
        ImproperlyConfigured: asked of an engine other than PostgreSQL (SQLite's keys are
            FTS5 tokens: :func:`fts5_facet_keys`).
    """
    if not facet_keys:
        return ""
    if vendor != "postgresql":
        raise ImproperlyConfigured(f"a tsquery of facet keys is PostgreSQL's, not {vendor}'s")
    if not all(facet_keys):
        return None
    return " & ".join(
        "( " + " | ".join(_tsquery_lexeme(key) for key in keys) + " )" for keys in facet_keys
    )


def matching_ids_sql(
    q: str,
    lang: str | None = None,
    using: str = "default",
    *,
    fold: bool = True,
    public_only: bool = False,
    facet_keys: FacetKeys = (),
    columns: Sequence[str] = (),
) -> tuple[str, list[Any]]:
    """SQL (and params) selecting the ids of recommendations matching ``q``, visible or not.

    ``fold``: on PostgreSQL, pass the ``tsquery`` as a constant (see :func:`_pg_tsquery_sql`).
    ``public_only``: only public recommendations, read from the search row's own flag
    (SQLite: inside the FTS5 query, :func:`fts5_index_query`; PostgreSQL: ``AND is_public``,
    served by the partial GIN index); the ids are then exactly those of
    ``Recommendation.objects.public()`` that match.

    ``facet_keys``: the rows with these facet values as well (PostgreSQL:
    :func:`facet_keys_tsquery`, in the same ``@@``; SQLite: :func:`fts5_facet_keys`, in the
    same ``MATCH``).

    Otherwise callers must intersect it with a visible queryset. Returns ``("", [])``
    when the query has no searchable term.

    ``columns`` (PostgreSQL): more columns of the search row to select after the id (the
    rank's ``vector`` and ``language``, for a query that ranks the rows outside it).

    Raises:
        ImproperlyConfigured: the database is neither SQLite (FTS5) nor PostgreSQL.
    """
    parsed = parse_query(q)
    if not parsed:
        return "", []
    vendor = connections[using].vendor
    if vendor == "sqlite":
        fts_keys = fts5_facet_keys(facet_keys)
        match = fts5_index_query(parsed, public_only=public_only, keys=fts_keys or "")
        # A facet without a known value (``None``): a MATCH that keeps no row.
        never = " AND 0" if fts_keys is None else ""
        return f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s{never}", [match]
    if vendor == "postgresql":
        keys = facet_keys_tsquery(facet_keys, vendor)
        tsq, params = _pg_tsquery_sql(lang, parsed, using, fold=fold)
        public = " AND is_public" if public_only else ""
        if keys is None:
            public += " AND false"
        elif keys and fold:
            # One constant: the words and the facets, which the GIN index intersects.
            params = [f"( {params[0]} ) & {keys}" if params[0] else ""]
        elif keys:
            tsq, params = f"({tsq} && %s::tsquery)", [*params, keys]
        return (
            f"SELECT {', '.join(['recommendation_id', *columns])} FROM {SEARCH_TABLE} "
            f"WHERE vector @@ {tsq}{public}",
            params,
        )
    raise ImproperlyConfigured(
        f"full-text search needs SQLite or PostgreSQL; DATABASE_URL points to {vendor}"
    )


def search(
    qs: QuerySet[Recommendation], q: str | None, lang: str | None = None, *, fold: bool = True
) -> QuerySet[Recommendation]:
    """Restrict ``qs`` to recommendations matching the query ``q``.

    The index query is a subquery of the caller's query on both engines (``id IN
    (SELECT ... MATCH ...)``), never a list of ids pasted into the SQL: with the public
    flag on the recommendation row (``catalog/derived.py``) and the facet values turned
    into ids, PostgreSQL plans it from the index's own estimate (``docs/scaling.md``,
    "The list page").

    Args:
        qs: a queryset of visible recommendations (from ``visible_recommendations``).
        q: the user's query (syntax in the module docstring); blank means no restriction.
        lang: language of the query (``en``, ``fr``...), used for stemming on PostgreSQL.
        fold: on PostgreSQL, the ``tsquery`` as a constant the planner reads exactly
            (:func:`_pg_tsquery_sql`); ``False`` for narrow internal searches.

    Returns:
        ``qs`` filtered; ``qs`` itself when ``q`` is blank; ``qs.none()`` when ``q``
        has no positive term (:func:`matches_nothing`).
    """
    if not q or not q.strip():
        return qs
    if matches_nothing(q):
        return qs.none()
    sql, params = matching_ids_sql(q, lang, qs.db, fold=fold)
    if not sql:
        return qs.none()
    return qs.filter(Q(pk__in=RawSQL(sql, params)))


def with_relevance(
    qs: QuerySet[Recommendation],
    q: str,
    lang: str | None = None,
    *,
    public_only: bool = False,
    id_range: tuple[int | None, int | None] = (None, None),
) -> QuerySet[Recommendation]:
    """Annotate ``relevance`` (higher is better) for ordering search results.

    The index is joined once (not queried per row), so ranking costs one pass
    over the matches. SQLite: FTS5 ``bm25`` with column weights 10 (symbol),
    10 (paragraph), 1 (text), 0.5 (tags), negated so that higher is better.
    PostgreSQL: ``ts_rank_cd`` over the A/B/C weighted vector, against the query in the
    row's own configuration (:func:`_pg_rank_sql`), with the ``@@`` condition on
    the joined search row too, so that only matching rows are ranked (without it every
    row of ``portal_searchdocument`` was ranked, then joined: 1.2 s at 246,000 rows).

    ``public_only``: ``qs`` holds public recommendations only (a visitor's list); the index
    then drops the other rows itself (:func:`matching_ids_sql`), which gives the same rows.
    ``id_range``: ``(low, high)``, only recommendation ids ``>= low`` and ``< high`` (each
    ``None`` for no bound), applied to the index's own rows so that only those are ranked
    (:func:`rank_window_floor`).

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
    id_col = f"{FTS_TABLE}.rowid" if vendor == "sqlite" else f"{SEARCH_TABLE}.recommendation_id"
    low, high = id_range
    floor_where = [f"{id_col} >= %s"] * (low is not None) + [f"{id_col} < %s"] * (high is not None)
    floor_params = [b for b in (low, high) if b is not None]
    if vendor == "sqlite":
        return qs.extra(  # noqa: S610 - constant SQL, the query is a parameter
            tables=[FTS_TABLE],
            where=[f"{FTS_TABLE}.rowid = {table}.id", f"{FTS_TABLE} MATCH %s", *floor_where],
            params=[fts5_index_query(parsed, public_only=public_only), *floor_params],
            select={"relevance": f"-bm25({FTS_TABLE}, 10.0, 10.0, 1.0, 0.5, 0.0)"},
        )
    tsq, params = _pg_tsquery_sql(lang, parsed, qs.db)
    rank, rank_params = _pg_rank_sql(lang, parsed, qs.db, SEARCH_TABLE)
    public = [f"{SEARCH_TABLE}.is_public"] if public_only else []
    return qs.extra(  # noqa: S610 - constant SQL, the query is a parameter
        tables=[SEARCH_TABLE],
        where=[
            f"{SEARCH_TABLE}.recommendation_id = {table}.id",
            f"{SEARCH_TABLE}.vector @@ {tsq}",
            *public,
            *floor_where,
        ],
        params=[*params, *floor_params],
        select={"relevance": rank},
        select_params=rank_params,
    )


#: How many matches a broad query ranks for its first pages: the newest by id (see
#: :func:`rank_window_floor`). Ranking every match costs per match (FTS5 ``bm25`` reads
#: each match's column sizes; PostgreSQL's ``ts_rank_cd`` reads each ``tsvector``): 293 ms
#: and 744 ms for the 46,608 matches of ``q=women`` at 250,000 (``docs/scaling.md``).
RANK_WINDOW = 1000
#: The window of a list with filters other than the visitor's (a coordinator's list, or
#: ``repeated``; on SQLite, also facets) is used only above this many matches: below it,
#: finding the window through the list's own join and ranking it cost more than ranking
#: every match (``docs/scaling.md``: "corruption" with two facets, 1,330 matches, SQLite
#: 14 -> 48 ms). A visitor's list read from the search rows alone uses the window from
#: :data:`RANK_WINDOW` matches on, on both engines, so they give the same order: SQLite
#: finds it in FTS5's own order (under 1 ms); PostgreSQL by the primary key read backwards
#: above this many matches and through the GIN index below (:func:`_pg_newest_first`).
RANK_WINDOW_FROM = 10_000


def _pg_newest_first(matches: int | None) -> str:
    """The ``ORDER BY`` that finds a PostgreSQL query's newest matches on the search rows.

    With many matches (``matches`` above :data:`RANK_WINDOW_FROM`, or unknown), the
    primary key read backwards, ``@@`` tested on each row until enough match: the newest
    1,000 of "education" (25,594 matches at 250,000) in 2.0 ms against 16.6 ms by the
    index. With fewer, that read goes through most of the table ("journalists", 3,096
    matches: 24.2 ms), so every match is read through the GIN index and sorted (2.1 ms):
    ``+ 0`` makes the order an expression the primary key cannot give, which keeps the
    planner off it (its estimate of a query's matches is too rough to choose alone).
    Figures: ``docs/scaling.md``, "The window in one statement"."""
    if matches is None or matches > RANK_WINDOW_FROM:
        return "recommendation_id DESC"
    return "recommendation_id + 0 DESC"


def rank_window_floor(
    qs: QuerySet[Recommendation],
    q: str,
    lang: str | None = None,
    *,
    public_only: bool = False,
    window: int = RANK_WINDOW,
    facet_keys: FacetKeys = (),
    matches: int | None = None,
) -> int | None:
    """The lowest id of the ``window`` matches of ``q`` in ``qs`` with the highest ids, or
    ``None`` when fewer than ``window`` match (every match is then ranked).

    The relevance order of a broad query is: the ``window`` newest matches (ids at or
    above the floor) by relevance, then the other matches by relevance; its pages are the
    same set of matches as any other order, and the pages within the window rank
    ``window`` rows instead of every match.

    Args:
        qs: the visible recommendations with the list's other filters (not yet searched).
        q: the query (a query without a positive term has no floor).
        lang: the query's language (PostgreSQL stemming).
        public_only: ``qs`` is exactly ``Recommendation.objects.public()`` with no other
            filter: the floor is then read from the index alone (:func:`matching_ids_sql`).
        window: how many matches the window holds (at least 1).
        facet_keys: with ``public_only``: the facets of the list, read from the search
            rows (:func:`matching_ids_sql`); ``qs`` has no other filter.
        matches: with ``public_only``, how many matches there are, when counted: on
            PostgreSQL it chooses how the newest are found (:func:`_pg_newest_first`).

    Raises:
        ImproperlyConfigured: the database is neither SQLite nor PostgreSQL.
    """
    if matches_nothing(q) or not parse_query(q):
        return None
    if public_only:
        sql, params = matching_ids_sql(q, lang, qs.db, public_only=True, facet_keys=facet_keys)
        sqlite = connections[qs.db].vendor == "sqlite"
        order = "rowid DESC" if sqlite else _pg_newest_first(matches)
        with connections[qs.db].cursor() as cursor:
            cursor.execute(
                f"{sql} ORDER BY {order} LIMIT 1 OFFSET %s", [*params, max(window, 1) - 1]
            )
            row = cursor.fetchone()
        return int(row[0]) if row else None
    ids = search(qs, q, lang).order_by("-pk").values_list("pk", flat=True)
    found = list(ids[max(window, 1) - 1 : max(window, 1)])
    return int(found[0]) if found else None


def ranked_public_ids(
    q: str,
    lang: str | None,
    start: int,
    stop: int,
    using: str = "default",
    *,
    id_range: tuple[int | None, int | None] = (None, None),
    facet_keys: FacetKeys = (),
    newest: int | None = None,
    matches: int | None = None,
) -> list[int]:
    """Ids of the public matches ``start`` to ``stop`` of ``q`` by relevance (ties: the higher
    id first), read from the search rows alone: their public flag (and on PostgreSQL their
    facet keys) make the join to ``catalog_recommendation`` that :func:`with_relevance`
    does redundant for a visitor's list (on PostgreSQL it probed the primary key once per
    match before ranking: 4,386 probes for a phrase in cycle 2 at 250,000). The same rank
    as :func:`with_relevance`; ``id_range`` likewise.

    ``newest`` (PostgreSQL only): rank only the ``newest`` matches with the highest ids,
    the window of :func:`relevance_page_ids`, in one statement: those matches found (as
    :func:`_pg_newest_first` chooses by ``matches``), then ranked. The same rows as
    :func:`rank_window_floor` followed by ``id_range=(floor, None)``, which read the same
    rows twice (``children`` at 250,000: 2.1 + 3.9 ms, one statement 3.7 ms,
    ``docs/scaling.md``); with fewer matches than ``newest``, every match, as there.
    ``matches``: how many matches there are, when counted (:func:`_pg_newest_first`).

    Raises:
        ImproperlyConfigured: the database is neither SQLite nor PostgreSQL, or ``newest``
            is asked of SQLite (its rank, ``bm25``, reads the FTS5 table itself and cannot
            rank a subquery's rows).
    """
    parsed = parse_query(q)
    if not parsed or matches_nothing(q) or stop <= start:
        return []
    vendor = connections[using].vendor
    ranked_columns = ("vector", "language") if newest is not None else ()
    sql, params = matching_ids_sql(
        q, lang, using, public_only=True, facet_keys=facet_keys, columns=ranked_columns
    )
    rank_params: list[str] = []
    if vendor == "sqlite":
        if newest is not None:
            raise ImproperlyConfigured("SQLite's bm25 ranks FTS5 rows, not a subquery's")
        rank = f"-bm25({FTS_TABLE}, 10.0, 10.0, 1.0, 0.5, 0.0)"
    else:
        rank, rank_params = _pg_rank_sql(lang, parsed, using)
    if newest is not None:
        with connections[using].cursor() as cursor:
            cursor.execute(
                f"SELECT recommendation_id FROM ({sql}"
                f" ORDER BY {_pg_newest_first(matches)} LIMIT %s) AS newest"
                f" ORDER BY {rank} DESC, recommendation_id DESC LIMIT %s OFFSET %s",
                [*params, max(newest, 1), *rank_params, stop - start, start],
            )
            return [int(row[0]) for row in cursor.fetchall()]
    id_col = "rowid" if vendor == "sqlite" else "recommendation_id"
    low, high = id_range
    bounds = [f" AND {id_col} >= %s"] * (low is not None) + [f" AND {id_col} < %s"] * (
        high is not None
    )
    bound_params = [b for b in (low, high) if b is not None]
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"{sql}{''.join(bounds)} ORDER BY {rank} DESC, {id_col} DESC LIMIT %s OFFSET %s",
            [*params, *bound_params, *rank_params, stop - start, start],
        )
        return [int(row[0]) for row in cursor.fetchall()]


def count_matches(
    q: str, lang: str | None = None, using: str = "default", facet_keys: FacetKeys = ()
) -> int:
    """How many public recommendations match ``q``, counted on the index alone (the search
    row's public flag: no join to ``catalog_recommendation``); the same number as
    ``search(Recommendation.objects.public(), q).count()``. ``facet_keys``: only those with
    these facet values, the same number as the list's facet filters give
    (``portal.facets.Facet.index_keys``).

    Raises:
        ImproperlyConfigured: the database is neither SQLite nor PostgreSQL.
    """
    if matches_nothing(q):
        return 0
    sql, params = matching_ids_sql(q, lang, using, public_only=True, facet_keys=facet_keys)
    if not sql:
        return 0
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM ({sql}) AS matched", params)
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def relevance_page_ids(
    qs: QuerySet[Recommendation],
    q: str,
    lang: str | None,
    offset: int,
    limit: int,
    *,
    public_only: bool = False,
    unfiltered: bool = False,
    window: int = RANK_WINDOW,
    matches: int | None = None,
    facet_keys: FacetKeys = (),
) -> list[int]:
    """Ids of the rows ``offset`` to ``offset + limit`` of ``qs``'s matches of ``q`` in the
    relevance order, ranking only what the page needs.

    With more than ``window`` matches, the order is the ``window`` newest matches (by id,
    :func:`rank_window_floor`) by relevance, then the others by relevance; a page within
    the window ranks ``window`` rows, a page past it ranks the others. Ties: the higher id
    first. With fewer matches, every match is ranked, as before.

    Args:
        qs: the visible recommendations with the list's other filters (not yet searched).
        q: the query; lang: its language.
        offset: rows to skip (at least 0); limit: rows wanted.
        public_only: ``qs`` holds only public recommendations (a visitor's list): the
            index drops the other rows itself (:func:`with_relevance`).
        unfiltered: with ``public_only``, ``qs`` is ``Recommendation.objects.public()``
            itself, with no other filter: the window is found on the index alone.
        window: matches in the window.
        matches: how many matches there are, when already counted: no more than
            ``window`` (:data:`RANK_WINDOW_FROM` with filters other than a visitor's) spares the
            query for the window, and every match is ranked.
        facet_keys: with ``unfiltered``: the list's facets, read from the search rows
            (:func:`matching_ids_sql`) instead of ``qs``.
    """

    def ranked(low: int | None, high: int | None, start: int, stop: int) -> list[int]:
        if public_only and unfiltered:
            return ranked_public_ids(
                q, lang, start, stop, qs.db, id_range=(low, high), facet_keys=facet_keys
            )
        ordered = with_relevance(qs, q, lang, public_only=public_only, id_range=(low, high))
        ids = ordered.order_by("-relevance", "-id").values_list("pk", flat=True)  # type: ignore[misc]
        return [int(pk) for pk in ids[start:stop]]

    offset, limit = max(offset, 0), max(limit, 0)
    floor = None
    vendor = connections[qs.db].vendor
    on_index = public_only and unfiltered  # a visitor's list, read from the search rows
    windowed = matches is None or matches > (window if on_index else max(window, RANK_WINDOW_FROM))
    # A visitor's page within the window on PostgreSQL: one statement, no floor first.
    if windowed and on_index and vendor == "postgresql" and offset + limit <= window:
        return ranked_public_ids(
            q,
            lang,
            offset,
            offset + limit,
            qs.db,
            facet_keys=facet_keys,
            newest=window,
            matches=matches,
        )
    if windowed:
        floor = rank_window_floor(
            qs,
            q,
            lang,
            public_only=on_index,
            window=window,
            facet_keys=facet_keys,
            matches=matches,
        )
    if floor is None:
        return ranked(None, None, offset, offset + limit)
    ids: list[int] = []
    if offset < window:
        ids += ranked(floor, None, offset, min(offset + limit, window))
    if offset + limit > window:
        ids += ranked(None, floor, max(offset - window, 0), offset + limit - window)
    return ids
