# ruff: noqa: S608 -- DDL built from constant table names only; no user input.
"""Database-side full-text index of recommendations, kept in sync by triggers.

Layout (same on both engines):

* ``portal_searchdocument`` (model :class:`~rightstrack.portal.models.SearchDocument`):
  one row per recommendation with its document symbol, paragraph, text (followed by
  its texts in other languages, ``catalog_recommendationtext``) and tag names,
  rewritten by triggers whenever a recommendation, its document symbol, one of its
  texts, its tags (themes, affected persons, UPR Info issues) or a tag name changes.
* SQLite: ``portal_recommendation_fts``, an FTS5 *external content* table over
  ``portal_searchdocument`` (``rowid`` = recommendation id), with the classic
  insert/delete/update triggers of the FTS5 documentation (section 4.4.3),
  tokenizer ``porter unicode61 remove_diacritics 2`` (Porter stemming; Latin
  accents removed, so ``education`` finds ``éducation``). Its fifth column,
  ``restricted``, holds the word :data:`RESTRICTED_TOKEN` when the row is not public and
  nothing otherwise (written by the triggers from ``is_public``; the index's content is
  the view :data:`FTS_CONTENT_VIEW`, which computes it the same way), so that a visitor's
  query is ``(terms) NOT restricted:restricted``, counted and ranked inside the index;
  users' terms are confined to the four text columns (``search.fts5_match_expression``).
  Its sixth column, ``keys`` (migration ``portal.0008``), holds the recommendation's facet
  keys as FTS5 tokens (:func:`fts_key_token`: ``country187``, ``year2013``), copied from
  the search row's ``fts_keys``, which the refresh statements write: a visitor's query
  with facets is then one ``MATCH``, which intersects the words and the facets inside the
  index, as PostgreSQL's vector does below.
* PostgreSQL: a generated, weighted ``tsvector`` column ``vector`` on
  ``portal_searchdocument`` (A = symbol and paragraph, B = text, C = tags)
  with a GIN index, and a partial GIN index on the public rows (``WHERE is_public``) for
  visitors' searches; the text-search configuration follows the
  recommendation's language (see :data:`PG_CONFIGS`). Each configuration is a
  copy of PostgreSQL's own with the ``unaccent`` dictionary before its stemmer
  (the set-up of the PostgreSQL manual, F.47 "unaccent"), so that accents are
  ignored as on SQLite: :func:`postgresql_statements` runs
  ``CREATE EXTENSION IF NOT EXISTS unaccent`` (a trusted contrib extension since
  PostgreSQL 13: the database owner may create it). The vector also holds its
  recommendation's facet keys as lexemes (:func:`facet_key`: :data:`FACET_KEY_COLUMNS`,
  :data:`FACET_KEY_TAGS`, migration ``portal.0007``), so that a visitor's query with
  facets is one ``@@`` on the public GIN index, which intersects the words and the facets
  before any row is read; the vector is then written by the refresh statements (it can
  no longer be a generated column: the keys come from other tables), and the
  recommendation's facet columns and every tag table refresh the row.

Public flag: ``portal_searchdocument.is_public`` copies ``Recommendation.is_public``
(which ``catalog/derived.py`` keeps by triggers on every write path). The refresh
statements write it with the row; a trigger on ``catalog_recommendation``
(``portal_search_rec_public``, never suspended by a bulk load) copies every change of the
flag (a publish, a restriction, an archive, a document's visibility) to the search row.

Normalised copy: the search row holds the paragraph, text and tag names *folded*
by :data:`SEARCH_FOLDS` (Arabic harakat and tatweel removed, alef, yeh and teh
marbuta forms unified, Russian ``ё`` as ``е``); the original text stays in
``catalog_recommendation`` for display. The rule has one home, :data:`SEARCH_FOLDS`:
:func:`fold_search_text` applies it in Python (to the query, in
:func:`rightstrack.portal.search.parse_query`) and :func:`fold_sql` writes the same
mapping as SQL for the triggers that fill the search rows.

:func:`install` is called by the portal migration and, through
``post_migrate``, after every migrate: SQLite drops a table's triggers when a
later migration rebuilds ``catalog_recommendation``, so missing triggers are
recreated and the index rebuilt.

Bulk loads: :func:`suspend_refresh_triggers` and :func:`resume_refresh_triggers`
drop the per-row refresh triggers for the length of a large import and then
rewrite the search rows of exactly the records it wrote (the portal calls them on
the ingest app's ``bulk_load_started`` / ``bulk_load_finished`` signals).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

SEARCH_TABLE = "portal_searchdocument"
FTS_TABLE = "portal_recommendation_fts"
TRIGGER_PREFIX = "portal_search_"
#: The word in the FTS5 column ``restricted`` of a row that is not public (SQLite).
RESTRICTED_TOKEN = "restricted"  # noqa: S105 - a word of the index, not a secret
#: FTS5 columns holding the searchable text (users' terms are confined to these).
FTS_TEXT_COLUMNS = ("symbol", "paragraph", "text", "tags")
#: SQLite: the FTS5 table's content, the search rows with the column ``restricted``
#: computed from ``is_public`` (FTS5 reads its columns from the content when it scans the
#: table without ``MATCH``, e.g. ``count(*)``, and when it rebuilds).
FTS_CONTENT_VIEW = "portal_searchdocument_fts_content"
#: Name of PostgreSQL's partial GIN index over the public rows.
PG_PUBLIC_INDEX = f"{SEARCH_TABLE}_vector_public_gin"
#: Recommendation ids per ``IN (...)`` list when search rows are refreshed after a bulk load.
REFRESH_CHUNK = 900
#: Between a facet key's name and its value (:func:`facet_key`): a space, which PostgreSQL's
#: text-search parser never leaves inside a lexeme, so that no word of a text or of a query
#: is ever read as a facet key, whatever the text says ("country 12" is two lexemes).
FACET_KEY_SEPARATOR = " "
#: Facet keys from the recommendation's own columns: key name -> column. A key is
#: ``name value`` (``country 12``, ``position supported``, ``year 2013``): the id of a
#: foreign key, the value of a plain column, so that a renamed label changes no key.
FACET_KEY_COLUMNS: dict[str, str] = {
    "country": "country_id",
    "mechanism": "mechanism_id",
    "document": "document_id",
    "position": "position",
    "year": "year",
    "cycle": "upr_cycle",
}
#: Facet keys from the recommendation's tags: key name -> many-to-many field (the tag's id).
FACET_KEY_TAGS: dict[str, str] = {
    "theme": "themes",
    "affected": "affected_groups",
    "issue": "upr_issues",
    "sdg": "sdg_goals",
    "state": "recommending_states",
}

#: Recommendation.language -> PostgreSQL text-search configuration (created by
#: :func:`postgresql_statements`: PostgreSQL's configuration of that language with
#: ``unaccent`` first); other languages use :data:`PG_FALLBACK_CONFIG`.
PG_CONFIGS: dict[str, str] = {
    "en": "rightstrack_english",
    "fr": "rightstrack_french",
    "es": "rightstrack_spanish",
    "ru": "rightstrack_russian",
}
#: Configuration of the other languages (Arabic, Chinese...): no stemming, accents removed.
PG_FALLBACK_CONFIG = "rightstrack_simple"
#: Our configuration -> (PostgreSQL configuration it copies, its dictionary for words).
_PG_CONFIG_BASES: dict[str, tuple[str, str]] = {
    "rightstrack_english": ("english", "english_stem"),
    "rightstrack_french": ("french", "french_stem"),
    "rightstrack_spanish": ("spanish", "spanish_stem"),
    "rightstrack_russian": ("russian", "russian_stem"),
    PG_FALLBACK_CONFIG: ("simple", "simple"),
}

#: Character folds applied to the indexed text and to the query (one character to
#: zero or one character), the same on both engines.
#:
#: Arabic, as Lucene's ``ArabicNormalizer`` (``org.apache.lucene.analysis.ar``), which
#: follows Larkey, Ballesteros and Connell, "Improving Stemming for Arabic Information
#: Retrieval: Light Stemming and Co-occurrence Analysis" (SIGIR 2002):
#:
#: * harakat (tashkeel, U+064B fathatan to U+0652 sukun) and tatweel (U+0640) are
#:   removed, and so is the superscript (dagger) alef U+0670, a vowel mark too: they are
#:   optional in writing (UN texts have them only here and there: ``يُمنَحوا``);
#: * alef with hamza above or below, with madda, and alef wasla (أ إ آ ٱ) become bare
#:   alef ا: writers drop the hamza freely (``الاطفال`` for ``الأطفال``);
#: * alef maqsura ى becomes yeh ي and teh marbuta ة becomes heh ه: at the end of a word
#:   both pairs are written for one another (Egyptian usage writes ي as ى; ة is often
#:   written without its dots). Folding merges very few distinct words, and Lucene and
#:   Larkey et al. found the fold improves retrieval; without it a query typed with
#:   the other letter finds nothing.
#:
#: Hamza on waw or yeh (ؤ ئ) and the lone hamza ء stay: ``مسؤول`` and ``مسئول`` are
#: two spellings of one word, but folding the carriers would not make them equal.
#:
#: Russian: ``ё`` is written ``е`` in ordinary print (its dots are optional), so both
#: become ``е``; PostgreSQL's ``unaccent`` does the same, FTS5 does not (it removes
#: diacritics from Latin letters only), hence the fold here.
#:
#: PostgreSQL has no Arabic configuration and FTS5 no Arabic rule: without these folds
#: each engine indexes the letters as written.
SEARCH_FOLDS: dict[str, str] = {
    **{chr(code): "" for code in range(0x064B, 0x0653)},  # fathatan ... sukun
    "\u0670": "",  # superscript alef
    "\u0640": "",  # tatweel
    "\u0623": "\u0627",  # alef with hamza above -> alef
    "\u0625": "\u0627",  # alef with hamza below -> alef
    "\u0622": "\u0627",  # alef with madda above -> alef
    "\u0671": "\u0627",  # alef wasla -> alef
    "\u0649": "\u064a",  # alef maqsura -> yeh
    "\u0629": "\u0647",  # teh marbuta -> heh
    "\u0451": "\u0435",  # ё -> е
    "\u0401": "\u0415",  # Ё -> Е
}
_FOLD_TABLE = str.maketrans(SEARCH_FOLDS)


def fold_search_text(text: str) -> str:
    """``text`` with the character folds of :data:`SEARCH_FOLDS` applied.

    The same rule as :func:`fold_sql`, which the index triggers run in the database.

    >>> fold_search_text("الأَطْفَال") == "الاطفال"
    True
    """
    return text.translate(_FOLD_TABLE)


def fold_sql(vendor: str, expr: str) -> str:
    """SQL applying :data:`SEARCH_FOLDS` to the SQL expression ``expr`` (a text).

    SQLite: nested ``replace()`` calls (code points written with ``char()``);
    PostgreSQL: one ``translate()`` (characters of its second argument without a
    counterpart in the third are deleted).

    Raises:
        ValueError: ``vendor`` is neither ``sqlite`` nor ``postgresql``.
    """
    if vendor == "sqlite":
        return reduce(
            lambda acc, kv: (
                f"replace({acc}, char({ord(kv[0])}), "
                + (f"char({ord(kv[1])}))" if kv[1] else "'')")
            ),
            SEARCH_FOLDS.items(),
            expr,
        )
    if vendor == "postgresql":
        mapped = [(k, v) for k, v in SEARCH_FOLDS.items() if v]
        removed = [k for k, v in SEARCH_FOLDS.items() if not v]
        source = "".join(k for k, _ in mapped) + "".join(removed)
        target = "".join(v for _, v in mapped)
        return f"translate({expr}, '{source}', '{target}')"
    raise ValueError(f"no search fold for the {vendor} engine")


@dataclass(frozen=True)
class _Tables:
    rec: str = "catalog_recommendation"
    doc: str = "catalog_document"
    texts: str = "catalog_recommendationtext"


def _tag_sources() -> list[tuple[str, str, str, str]]:
    """(through table, recommendation column, tag column, tag table) of each tag M2M."""
    from rightstrack.catalog.models import Recommendation

    out = []
    for name in ("themes", "affected_groups", "upr_issues"):
        field: Any = Recommendation._meta.get_field(name)
        through = field.remote_field.through._meta
        out.append(
            (
                through.db_table,
                field.m2m_column_name(),
                field.m2m_reverse_name(),
                field.related_model._meta.db_table,
            )
        )
    return out


def _m2m_source(name: str) -> tuple[str, str, str]:
    """(through table, recommendation column, tag column) of the many-to-many field ``name``
    of Recommendation."""
    from rightstrack.catalog.models import Recommendation

    field: Any = Recommendation._meta.get_field(name)
    return (
        field.remote_field.through._meta.db_table,
        field.m2m_column_name(),
        field.m2m_reverse_name(),
    )


def facet_key(name: str, value: object) -> str:
    """The facet key of value ``value`` (an id, a year, a position) of facet ``name`` (a key
    of :data:`FACET_KEY_COLUMNS` or :data:`FACET_KEY_TAGS`): the lexeme that a search row's
    vector holds when its recommendation has that value (PostgreSQL).

    >>> facet_key("country", 12)
    'country 12'
    """
    return f"{name}{FACET_KEY_SEPARATOR}{value}"


def fts_key_token(key: str) -> str:
    """SQLite: the FTS5 token of facet key ``key`` (:func:`facet_key`): the key without its
    separator, one token for FTS5's ``unicode61`` tokenizer, which splits on the space. No
    facet name is the start of another, and the values are ids, years and position words,
    so two keys never give one token.

    >>> fts_key_token(facet_key("year", 2013))
    'year2013'
    """
    return key.replace(FACET_KEY_SEPARATOR, "")


def _sqlite_fts_keys_expr() -> str:
    """SQLite: the FTS5 tokens of the facet keys of recommendation ``r`` (alias), separated
    by spaces (:func:`fts_key_token`), from :data:`FACET_KEY_COLUMNS` and
    :data:`FACET_KEY_TAGS`; an empty column gives no token, as :func:`facet_keys_sql`."""
    parts = [f"coalesce('{name}' || r.{col}, '')" for name, col in FACET_KEY_COLUMNS.items()]
    for name, m2m in FACET_KEY_TAGS.items():
        through, rec_col, tag_col = _m2m_source(m2m)
        parts.append(
            f"coalesce((SELECT group_concat('{name}' || x.{tag_col}, ' ') FROM {through} x "
            f"WHERE x.{rec_col} = r.id), '')"
        )
    return " || ' ' || ".join(parts)


def facet_keys_sql() -> str:
    """PostgreSQL: the ``text[]`` of the facet keys (:func:`facet_key`) of recommendation
    ``r`` (alias), from :data:`FACET_KEY_COLUMNS` and :data:`FACET_KEY_TAGS`; an empty
    column gives no key."""
    sep = FACET_KEY_SEPARATOR
    own = ", ".join(f"'{name}{sep}' || r.{col}" for name, col in FACET_KEY_COLUMNS.items())
    parts = [f"array_remove(ARRAY[{own}]::text[], NULL)"]
    for name, m2m in FACET_KEY_TAGS.items():
        through, rec_col, tag_col = _m2m_source(m2m)
        parts.append(
            f"ARRAY(SELECT '{name}{sep}' || x.{tag_col} FROM {through} x WHERE x.{rec_col} = r.id)"
        )
    return " || ".join(parts)


def _tags_expr(vendor: str) -> str:
    parts = []
    for through, rec_col, tag_col, tag_table in _tag_sources():
        agg = "group_concat(t.name, ' | ')" if vendor == "sqlite" else "string_agg(t.name, ' | ')"
        parts.append(
            f"COALESCE((SELECT {agg} FROM {through} x JOIN {tag_table} t ON t.id = x.{tag_col} "
            f"WHERE x.{rec_col} = r.id), '')"
        )
    return " || ' | ' || ".join(parts)


def _text_expr(vendor: str) -> str:
    """The recommendation's text followed by its texts in other languages
    (``catalog_recommendationtext``), so a query in any imported language finds it."""
    agg = "group_concat(o.text, ' ')" if vendor == "sqlite" else "string_agg(o.text, ' ')"
    others = f"(SELECT {agg} FROM {_Tables().texts} o WHERE o.recommendation_id = r.id)"
    # ' ' || NULL is NULL on both engines: no trailing space without other texts.
    return f"r.text || COALESCE(' ' || {others}, '')"


def _search_columns(connection: BaseDatabaseWrapper) -> dict[str, bool]:
    """The columns the search table has in the database (the model's, and on PostgreSQL
    ``vector``), each with whether it is a generated column (PostgreSQL)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute(
                "SELECT attname, attgenerated <> '' FROM pg_attribute "
                "WHERE attrelid = to_regclass(%s) AND attnum > 0 AND NOT attisdropped",
                [SEARCH_TABLE],
            )
            return {name: bool(generated) for name, generated in cur.fetchall()}
    with connection.cursor() as cur:
        return {
            c.name: False for c in connection.introspection.get_table_description(cur, SEARCH_TABLE)
        }


def has_public_flag(connection: BaseDatabaseWrapper) -> bool:
    """Whether the search rows carry the public flag (``portal`` migration 0005 applied).

    The earlier migrations install the index with this code too, before the column
    exists: they get the index without the flag, and 0005 reinstalls it with the flag."""
    return _layout(connection)[0]


def has_facet_keys(connection: BaseDatabaseWrapper) -> bool:
    """Whether the search rows hold the facet keys: PostgreSQL, in their vectors (``portal``
    migration 0007 applied: ``vector`` is then a plain column, written with the keys);
    SQLite, in their column ``fts_keys``, which the FTS5 column ``keys`` indexes (0008)."""
    return _layout(connection)[1]


#: SQLite: the search row's column of its facet keys as FTS5 tokens (``portal`` 0008).
SQLITE_KEYS_COLUMN = "fts_keys"


def _layout(connection: BaseDatabaseWrapper) -> tuple[bool, bool]:
    """(:func:`has_public_flag`, :func:`has_facet_keys`), from one look at the table."""
    columns = _search_columns(connection)
    if connection.vendor == "postgresql":
        keys = columns.get("vector") is False
    else:
        keys = SQLITE_KEYS_COLUMN in columns
    return "is_public" in columns, keys


def _refresh_sql(vendor: str, where: str, flag: bool = True, keys: bool = False) -> list[str]:
    """Statements that rewrite the search rows of the recommendations matching ``where``
    (an SQL condition on alias ``r``, may use NEW/OLD inside triggers); ``flag``: with the
    public flag (:func:`has_public_flag`); ``keys``: with the facet keys
    (:func:`has_facet_keys`: PostgreSQL's vector, SQLite's column ``fts_keys``)."""
    t = _Tables()
    ids = f"SELECT r.id FROM {t.rec} r WHERE {where}"
    flag_col, flag_value = (", is_public", ", r.is_public") if flag else ("", "")
    if keys and vendor == "sqlite":
        flag_col += f", {SQLITE_KEYS_COLUMN}"
        flag_value += f", {_sqlite_fts_keys_expr()}"
    columns = f"recommendation_id, symbol, paragraph, text, tags, language{flag_col}"
    select = (
        f"SELECT r.id AS recommendation_id, COALESCE(d.symbol, '') AS symbol, "
        f"{fold_sql(vendor, 'r.paragraph')} AS paragraph, "
        f"{fold_sql(vendor, _text_expr(vendor))} AS text, "
        f"{fold_sql(vendor, _tags_expr(vendor))} AS tags, r.language{flag_value}"
    )
    source = f"FROM {t.rec} r JOIN {t.doc} d ON d.id = r.document_id WHERE {where}"
    if keys and vendor == "postgresql":
        # The vector written here, from the row's texts and its facet keys as lexemes.
        # ``OFFSET 0`` keeps the subquery whole: flattened into the outer SELECT, each text
        # (with its subqueries over the other texts and the tags) was computed twice, for
        # its column and for the vector (an import of the UPR Info files: 90 -> 118 s).
        names = ", ".join(f"s.{c.strip()}" for c in columns.split(","))
        insert = (
            f"INSERT INTO {SEARCH_TABLE} ({columns}, vector) "
            f"SELECT {names}, {_pg_vector_expr('s.')} || array_to_tsvector(s.keys) "
            f"FROM ({select}, {facet_keys_sql()} AS keys {source} OFFSET 0) s"
        )
    else:
        insert = f"INSERT INTO {SEARCH_TABLE} ({columns}) {select} {source}"
    return [f"DELETE FROM {SEARCH_TABLE} WHERE recommendation_id IN ({ids})", insert]


def _trigger_specs(keys: bool = False) -> list[tuple[str, str, str, str]]:
    """(name, event, table, condition on r) for every trigger that refreshes search rows;
    ``keys``: with the facet keys (:func:`has_facet_keys`), whose other
    sources also refresh the row: the recommendation's facet columns and its SDGs and
    recommending States."""
    t = _Tables()
    columns = "text, paragraph, document_id, language"
    if keys:
        columns += ", " + ", ".join(c for c in FACET_KEY_COLUMNS.values() if c != "document_id")
    specs = [
        ("rec_ins", "AFTER INSERT", t.rec, "r.id = NEW.id"),
        ("rec_upd", f"AFTER UPDATE OF {columns}", t.rec, "r.id = NEW.id"),
        ("doc_upd", "AFTER UPDATE OF symbol", t.doc, "r.document_id = NEW.id"),
        ("text_ins", "AFTER INSERT", t.texts, "r.id = NEW.recommendation_id"),
        ("text_upd", "AFTER UPDATE OF text", t.texts, "r.id = NEW.recommendation_id"),
    ]
    for through, rec_col, tag_col, tag_table in _tag_sources():
        short = through.removeprefix("catalog_recommendation_")
        specs.append((f"{short}_ins", "AFTER INSERT", through, f"r.id = NEW.{rec_col}"))
        specs.append((f"{short}_del", "AFTER DELETE", through, f"r.id = OLD.{rec_col}"))
        cond = f"r.id IN (SELECT x.{rec_col} FROM {through} x WHERE x.{tag_col} = NEW.id)"
        specs.append(
            (f"{tag_table.removeprefix('catalog_')}_upd", "AFTER UPDATE OF name", tag_table, cond)
        )
    if keys:
        texts = {through for through, *_ in _tag_sources()}
        for m2m in FACET_KEY_TAGS.values():
            through, rec_col, _tag_col = _m2m_source(m2m)
            if through in texts:
                continue  # refreshed above (its names are searched too)
            short = through.removeprefix("catalog_recommendation_")
            specs.append((f"{short}_ins", "AFTER INSERT", through, f"r.id = NEW.{rec_col}"))
            specs.append((f"{short}_del", "AFTER DELETE", through, f"r.id = OLD.{rec_col}"))
    return specs


def sqlite_statements(flag: bool = True, keys: bool = False) -> list[str]:
    """DDL for SQLite: FTS5 table, its content-sync triggers, and the refresh triggers;
    ``flag``: with the public flag (:func:`has_public_flag`); ``keys``: with the FTS5
    column ``keys`` of the facet keys (:func:`has_facet_keys`; only with ``flag``)."""
    t = _Tables()
    keys = keys and flag
    cols = ", ".join(
        [*FTS_TEXT_COLUMNS, "restricted", *(["keys"] if keys else [])] if flag else FTS_TEXT_COLUMNS
    )

    def values(row: str) -> str:
        restricted = f", {_sqlite_restricted_expr(row)}" if flag else ""
        if keys:
            restricted += f", {row}.{SQLITE_KEYS_COLUMN}"
        return (
            f"{row}.recommendation_id, {row}.symbol, {row}.paragraph, {row}.text, {row}.tags"
            f"{restricted}"
        )

    content = FTS_CONTENT_VIEW if flag else SEARCH_TABLE
    stmts = [
        # With the flag, the content is a view adding the column ``restricted`` to the search
        # rows, computed as the triggers below compute it.
        *(
            [
                f"CREATE VIEW IF NOT EXISTS {FTS_CONTENT_VIEW} AS SELECT recommendation_id, "
                f"symbol, paragraph, text, tags, {_sqlite_restricted_expr(SEARCH_TABLE)} "
                f"AS restricted{f', {SQLITE_KEYS_COLUMN} AS keys' if keys else ''} "
                f"FROM {SEARCH_TABLE}"
            ]
            if flag
            else []
        ),
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
        f"{cols}, content='{content}', content_rowid='recommendation_id', "
        "tokenize='porter unicode61 remove_diacritics 2')",
        # FTS5 docs 4.4.3: keep an external content table in sync.
        f"CREATE TRIGGER IF NOT EXISTS {TRIGGER_PREFIX}fts_ai AFTER INSERT ON {SEARCH_TABLE} BEGIN "
        f"INSERT INTO {FTS_TABLE}(rowid, {cols}) VALUES ({values('new')}); END",
        f"CREATE TRIGGER IF NOT EXISTS {TRIGGER_PREFIX}fts_ad AFTER DELETE ON {SEARCH_TABLE} BEGIN "
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {cols}) VALUES "
        f"('delete', {values('old')}); END",
        f"CREATE TRIGGER IF NOT EXISTS {TRIGGER_PREFIX}fts_au AFTER UPDATE ON {SEARCH_TABLE} BEGIN "
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {cols}) VALUES "
        f"('delete', {values('old')}); "
        f"INSERT INTO {FTS_TABLE}(rowid, {cols}) VALUES ({values('new')}); END",
        f"CREATE TRIGGER IF NOT EXISTS {TRIGGER_PREFIX}rec_del AFTER DELETE ON {t.rec} BEGIN "
        f"DELETE FROM {SEARCH_TABLE} WHERE recommendation_id = OLD.id; END",
    ]
    if flag:
        # Every change of the public flag reaches the search row (not suspended by bulk
        # loads).
        stmts.append(
            f"CREATE TRIGGER IF NOT EXISTS {TRIGGER_PREFIX}rec_public AFTER UPDATE OF is_public "
            f"ON {t.rec} WHEN NEW.is_public IS NOT OLD.is_public BEGIN "
            f"UPDATE {SEARCH_TABLE} SET is_public = NEW.is_public "
            "WHERE recommendation_id = NEW.id AND is_public IS NOT NEW.is_public; END"
        )
    for name, event, table, cond in _trigger_specs(keys):
        body = "; ".join(_refresh_sql("sqlite", cond, flag, keys))
        stmts.append(
            f"CREATE TRIGGER IF NOT EXISTS {TRIGGER_PREFIX}{name} {event} ON {table} "
            f"BEGIN {body}; END"
        )
    return stmts


def _sqlite_restricted_expr(row: str) -> str:
    """The FTS5 column ``restricted`` of a search row ``row`` (``new``, ``old`` or an alias):
    :data:`RESTRICTED_TOKEN` when the row is not public, else empty."""
    return f"CASE WHEN {row}.is_public THEN '' ELSE '{RESTRICTED_TOKEN}' END"


def _pg_config_expr(row: str = "") -> str:
    """The text-search configuration of a search row (``row``: its alias and a dot, or empty)."""
    whens = " ".join(f"WHEN '{code}' THEN '{cfg}'::regconfig" for code, cfg in PG_CONFIGS.items())
    return f"(CASE {row}language {whens} ELSE '{PG_FALLBACK_CONFIG}'::regconfig END)"


def _pg_vector_expr(row: str = "") -> str:
    """The weighted ``tsvector`` of a search row's texts (``row``: its alias and a dot, or
    empty): A = symbol and paragraph, B = text, C = tags."""
    cfg = _pg_config_expr(row)
    symbol = f"coalesce({row}symbol, '')"
    return (
        # The symbol twice: whole (the parser reads "A/HRC/59/15" as one path token) and
        # split on "/" and "." so that its parts ("Corr", "Add") are words too.
        f"setweight(to_tsvector({cfg}, {symbol} || ' ' || "
        f"translate({symbol}, '/.', '  ') || ' ' || coalesce({row}paragraph, '')), 'A')"
        f" || setweight(to_tsvector({cfg}, coalesce({row}text, '')), 'B')"
        f" || setweight(to_tsvector({cfg}, coalesce({row}tags, '')), 'C')"
    )


def _pg_config_statements() -> list[str]:
    """The ``unaccent`` extension and our text-search configurations (if missing)."""
    stmts = ["CREATE EXTENSION IF NOT EXISTS unaccent"]
    for name, (base, words) in _PG_CONFIG_BASES.items():
        stmts.append(
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_ts_config "
            f"WHERE cfgname = '{name}' AND cfgnamespace = current_schema()::regnamespace) THEN "
            f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{base}); "
            f"ALTER TEXT SEARCH CONFIGURATION {name} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {words}; "
            "END IF; END $$"
        )
    return stmts


def postgresql_statements(flag: bool = True, keys: bool = False) -> list[str]:
    """DDL for PostgreSQL: unaccent and the configurations, the weighted tsvector, its GIN
    index, refresh triggers; ``flag``: with the public flag (:func:`has_public_flag`):
    the partial GIN index of the public rows and the flag's trigger; ``keys``: with the
    facet keys in the vector (:func:`has_facet_keys`): the vector a plain column that the
    refresh statements write, and refresh triggers on each source of the keys. Without
    them, the vector is generated from the row's texts."""
    t = _Tables()
    column = "tsvector" if keys else f"tsvector GENERATED ALWAYS AS ({_pg_vector_expr()}) STORED"
    stmts = [
        *_pg_config_statements(),
        f"ALTER TABLE {SEARCH_TABLE} ADD COLUMN IF NOT EXISTS vector {column}",
        f"CREATE INDEX IF NOT EXISTS {SEARCH_TABLE}_vector_gin ON {SEARCH_TABLE} USING gin (vector)",
        f"CREATE OR REPLACE FUNCTION {TRIGGER_PREFIX}rec_del() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN DELETE FROM {SEARCH_TABLE} WHERE recommendation_id = OLD.id; RETURN NULL; END $$",
        f"CREATE OR REPLACE TRIGGER {TRIGGER_PREFIX}rec_del AFTER DELETE ON {t.rec} "
        f"FOR EACH ROW EXECUTE FUNCTION {TRIGGER_PREFIX}rec_del()",
    ]
    flagged = [
        # Visitors' searches (``vector @@ q AND is_public``) read this one alone.
        f"CREATE INDEX IF NOT EXISTS {PG_PUBLIC_INDEX} ON {SEARCH_TABLE} USING gin (vector) "
        "WHERE is_public",
        # Every change of the public flag reaches the search row (not suspended by bulk
        # loads). Any UPDATE: the flag is set by a BEFORE trigger (catalog/derived.py), which
        # an "UPDATE OF is_public" trigger would not see.
        f"CREATE OR REPLACE FUNCTION {TRIGGER_PREFIX}rec_public() RETURNS trigger "
        f"LANGUAGE plpgsql AS $$ BEGIN UPDATE {SEARCH_TABLE} SET is_public = NEW.is_public "
        "WHERE recommendation_id = NEW.id AND is_public IS DISTINCT FROM NEW.is_public; "
        "RETURN NULL; END $$",
        f"CREATE OR REPLACE TRIGGER {TRIGGER_PREFIX}rec_public AFTER UPDATE ON {t.rec} "
        "FOR EACH ROW WHEN (OLD.is_public IS DISTINCT FROM NEW.is_public) "
        f"EXECUTE FUNCTION {TRIGGER_PREFIX}rec_public()",
    ]
    if flag:
        stmts += flagged
    for name, event, table, cond in _trigger_specs(keys):
        body = "; ".join(_refresh_sql("postgresql", cond, flag, keys))
        fn = f"{TRIGGER_PREFIX}{name}"
        stmts.append(
            f"CREATE OR REPLACE FUNCTION {fn}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN {body}; RETURN NULL; END $$"
        )
        stmts.append(
            f"CREATE OR REPLACE TRIGGER {fn} {event} ON {table} FOR EACH ROW EXECUTE FUNCTION {fn}()"
        )
    return stmts


def _sqlite_missing_triggers(connection: BaseDatabaseWrapper, flag: bool, keys: bool) -> bool:
    expected = {f"{TRIGGER_PREFIX}{name}" for name, *_ in _trigger_specs(keys and flag)}
    expected |= {f"{TRIGGER_PREFIX}{n}" for n in ("fts_ai", "fts_ad", "fts_au", "rec_del")}
    if flag:
        expected.add(f"{TRIGGER_PREFIX}rec_public")
    with connection.cursor() as cur:
        cur.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('trigger', 'table', 'view') "
            "AND name LIKE %s",
            ["portal_%"],
        )
        present = {row[0] for row in cur.fetchall()}
    if flag:
        expected.add(FTS_CONTENT_VIEW)
    return not (expected <= present and FTS_TABLE in present)


def rebuild(connection: BaseDatabaseWrapper) -> None:
    """Rewrite every search row from the catalogue (and rebuild the FTS5 index on SQLite)."""
    vendor = connection.vendor
    flag, keys = _layout(connection)
    with connection.cursor() as cur:
        for stmt in _refresh_sql(vendor, "1 = 1", flag, keys):
            cur.execute(stmt)
        if vendor == "sqlite":
            cur.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


def install(
    connection: BaseDatabaseWrapper, *, only_if_missing: bool = False, keys: bool | None = None
) -> bool:
    """Create (idempotently) the index and its triggers, then rebuild the rows.

    Args:
        connection: a Django connection (SQLite or PostgreSQL; others are ignored).
        only_if_missing: on SQLite, do nothing when every trigger is present
            (used after each ``migrate``).
        keys: whether the search rows hold the facet keys; ``None``: as the table is
            (:func:`has_facet_keys`): PostgreSQL's ``vector`` a plain column, SQLite's
            ``fts_keys`` present.

    Returns:
        True when something was (re)created; False also when the catalogue's tables are
        older than the index (``catalog_recommendationtext`` missing).
    """
    vendor = connection.vendor
    if _Tables().texts not in connection.introspection.table_names():
        # A database migrated back before catalog 0003: the index reads that table, and
        # portal 0003 installs it again once the table is back.
        return False
    flag, has_keys = _layout(connection)
    keys = has_keys if keys is None else keys
    if vendor == "sqlite":
        if only_if_missing and not _sqlite_missing_triggers(connection, flag, keys):
            return False
        stmts = sqlite_statements(flag, keys)
    elif vendor == "postgresql":
        if only_if_missing:
            return False
        stmts = postgresql_statements(flag, keys)
    else:
        return False
    with connection.cursor() as cur:
        for stmt in stmts:
            cur.execute(stmt)
    rebuild(connection)
    return True


def reinstall(connection: BaseDatabaseWrapper) -> None:
    """Drop the index and install it again, rewriting every search row (a migration that
    changes how rows are indexed runs it).

    The search rows are emptied between the two: the new FTS5 table starts empty, and its
    delete trigger must not be asked to remove rows it never indexed (FTS5 then reports
    "database disk image is malformed"). The rows hold the facet keys again if they held
    them before (:func:`has_facet_keys`).

    Args:
        connection: a Django connection (SQLite or PostgreSQL; others are ignored).
    """
    if connection.vendor not in {"sqlite", "postgresql"}:
        return
    keys = has_facet_keys(connection)
    uninstall(connection)
    with connection.cursor() as cur:
        cur.execute(f"DELETE FROM {SEARCH_TABLE}")
    install(connection, keys=keys)


def suspend_refresh_triggers(connection: BaseDatabaseWrapper) -> bool:
    """Drop the triggers that refresh search rows, for the length of a bulk load.

    The FTS5 content-sync triggers (SQLite) and the delete trigger stay. Run it inside
    the loading transaction, then call :func:`resume_refresh_triggers` in the same
    transaction with the ids of the recommendations written in between: DDL is
    transactional on SQLite and PostgreSQL, so a rollback restores the triggers too.

    Args:
        connection: a Django connection.

    Returns:
        True when the triggers were dropped; False (nothing done) on engines other than
        SQLite and PostgreSQL.
    """
    vendor = connection.vendor
    if vendor not in {"sqlite", "postgresql"}:
        return False
    keys = has_facet_keys(connection)
    with connection.cursor() as cur:
        for name, _event, table, _cond in _trigger_specs(keys):
            trigger = f"{TRIGGER_PREFIX}{name}"
            if vendor == "sqlite":
                cur.execute(f"DROP TRIGGER IF EXISTS {trigger}")
            else:
                cur.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
    return True


def resume_refresh_triggers(connection: BaseDatabaseWrapper, record_ids: Iterable[int]) -> None:
    """Re-create the index's triggers and rewrite the search rows of ``record_ids``.

    The end of a bulk load begun with :func:`suspend_refresh_triggers`: the statements
    of :func:`sqlite_statements` / :func:`postgresql_statements` (idempotent), then the
    search rows of the given recommendations, :data:`REFRESH_CHUNK` ids per statement.
    Does nothing on engines other than SQLite and PostgreSQL.

    Args:
        connection: a Django connection, inside the loading transaction.
        record_ids: primary keys of the recommendations created or updated meanwhile.
    """
    vendor = connection.vendor
    if vendor not in {"sqlite", "postgresql"}:
        return
    flag, keys = _layout(connection)
    statements = (
        sqlite_statements(flag, keys) if vendor == "sqlite" else postgresql_statements(flag, keys)
    )
    ids = sorted(set(record_ids))
    with connection.cursor() as cur:
        for stmt in statements:
            cur.execute(stmt)
        for start in range(0, len(ids), REFRESH_CHUNK):
            chunk = ", ".join(str(int(i)) for i in ids[start : start + REFRESH_CHUNK])
            for stmt in _refresh_sql(vendor, f"r.id IN ({chunk})", flag, keys):
                cur.execute(stmt)


#: The column and index of the facet keys before they moved into the vector (``portal``
#: migration 0006 made them; 0007 drops them).
_OLD_FACET_KEYS = ("facet_keys", f"{SEARCH_TABLE}_facet_keys_public_gin")


def put_facet_keys_in_vector(connection: BaseDatabaseWrapper) -> None:
    """PostgreSQL: make ``vector`` a plain column written with the facet keys as lexemes
    (:func:`has_facet_keys`), drop the ``text[]`` column of the keys that migration 0006
    made if present, install the index again (its GIN indexes, the triggers of the keys'
    sources) and rewrite every row. Other engines: nothing (``portal`` migration 0007)."""
    if connection.vendor != "postgresql":
        return
    column, index = _OLD_FACET_KEYS
    with connection.cursor() as cur:
        cur.execute(f"DROP INDEX IF EXISTS {index}")
        cur.execute(f"ALTER TABLE {SEARCH_TABLE} DROP COLUMN IF EXISTS {column}")
        # Its GIN indexes go with it; install() makes them again.
        cur.execute(f"ALTER TABLE {SEARCH_TABLE} DROP COLUMN IF EXISTS vector")
        # Every row is written again: into a new file, instead of after the old rows (a
        # DELETE then INSERT in one transaction doubles the table, which VACUUM cannot
        # shrink, since the new rows sit at its end: 153 -> 298 MB at 250,000).
        cur.execute(f"TRUNCATE {SEARCH_TABLE}")
    install(connection, keys=True)


def take_facet_keys_out_of_vector(connection: BaseDatabaseWrapper) -> None:
    """PostgreSQL: the reverse of :func:`put_facet_keys_in_vector` (the triggers of the
    keys' own sources dropped; ``vector`` generated from the texts again, as before
    ``portal`` 0006)."""
    if connection.vendor != "postgresql":
        return
    own = {name for name, *_ in _trigger_specs()}
    with connection.cursor() as cur:
        for name, _event, table, _cond in _trigger_specs(keys=True):
            if name not in own:
                cur.execute(f"DROP TRIGGER IF EXISTS {TRIGGER_PREFIX}{name} ON {table}")
                cur.execute(f"DROP FUNCTION IF EXISTS {TRIGGER_PREFIX}{name}()")
        cur.execute(f"ALTER TABLE {SEARCH_TABLE} DROP COLUMN IF EXISTS vector")
        cur.execute(f"TRUNCATE {SEARCH_TABLE}")  # as above
    install(connection, keys=False)


def uninstall(connection: BaseDatabaseWrapper) -> None:
    """Drop the FTS table, triggers and functions (migration reverse)."""
    specs = [name for name, *_ in _trigger_specs(keys=True)] + ["rec_del", "rec_public"]
    t = _Tables()
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            for name in [*specs, "fts_ai", "fts_ad", "fts_au"]:
                cur.execute(f"DROP TRIGGER IF EXISTS {TRIGGER_PREFIX}{name}")
            cur.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
            cur.execute(f"DROP VIEW IF EXISTS {FTS_CONTENT_VIEW}")
        elif connection.vendor == "postgresql":
            tables = {name: table for name, _e, table, _c in _trigger_specs(keys=True)}
            tables["rec_del"] = t.rec
            tables["rec_public"] = t.rec
            for name in specs:
                cur.execute(f"DROP TRIGGER IF EXISTS {TRIGGER_PREFIX}{name} ON {tables[name]}")
                cur.execute(f"DROP FUNCTION IF EXISTS {TRIGGER_PREFIX}{name}()")
            cur.execute(f"DROP INDEX IF EXISTS {PG_PUBLIC_INDEX}")
            cur.execute(f"ALTER TABLE {SEARCH_TABLE} DROP COLUMN IF EXISTS vector")
