# ruff: noqa: S608 -- SQL built from constant table names; no user input.
"""What the database keeps in step by itself: the public flag and the change token.

``Recommendation.is_public``
    True exactly when the recommendation is public, not archived and in a public
    document: the rule of ``RecommendationQuerySet.public()`` (``docs/security.md``), stored
    on the row so that the public list, its counts and its sorts read one table with
    partial indexes instead of joining ``catalog_document`` over the whole catalogue.
    Database triggers set it on every insert and on every change of the recommendation's
    ``visibility``, ``is_archived``, ``document_id`` or ``is_public`` (a write of the flag
    itself is recomputed), and on every change of a document's ``visibility``; so every
    write path (the ORM, ``QuerySet.update``, bulk inserts, raw SQL, ``COPY``) keeps it.

``CatalogueChange.token``
    A random token replaced by database triggers after any write to the tables the
    recommendations list counts (recommendations, documents, the tag tables of the facets
    and the tables their labels come from). The list's cache keys carry it
    (``portal/list_cache.py``), so a cached count never outlives the data it counted, in
    any process. Random rather than a counter: a rolled-back write restores the previous
    token, and a later write never reuses one, so two states never share a key.
    PostgreSQL replaces it once per statement (``FOR EACH STATEMENT``, ``TRUNCATE``
    included); SQLite, which has row triggers only, once per row, except inside a bulk
    import, which suspends those triggers and replaces the token once
    (:func:`suspend_change_triggers`, :func:`resume_change_triggers`).

Installed by migration ``catalog.0004_recommendation_is_public``; on SQLite again after
any ``migrate`` (a later migration that rebuilds a table drops its triggers).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.db.backends.base.base import BaseDatabaseWrapper

REC = "catalog_recommendation"
DOC = "catalog_document"
CHANGE = "catalog_cataloguechange"
PREFIX = "catalog_derived_"

#: Tables whose writes change the list's counts or labels.
COUNTED_TABLES = (
    REC,
    DOC,
    "catalog_recommendation_recommending_states",
    "catalog_recommendation_themes",
    "catalog_recommendation_affected_groups",
    "catalog_recommendation_sdg_goals",
    "catalog_recommendation_upr_issues",
    "catalog_recommendationtext",
    "catalog_country",
    "catalog_mechanism",
    "catalog_theme",
    "catalog_affectedgroup",
    "catalog_sdggoal",
    "catalog_uprissue",
)


def _public_expr(row: str) -> str:
    """The public rule on a recommendation row ``row`` (``NEW`` or a table alias)."""
    return (
        f"({row}.visibility = 'public' AND NOT {row}.is_archived AND EXISTS ("
        f"SELECT 1 FROM {DOC} d WHERE d.id = {row}.document_id AND d.visibility = 'public'))"
    )


def public_flag(visibility: str, is_archived: bool, document_visibility: str | None) -> bool:
    """The value the triggers give ``Recommendation.is_public``, computed in Python.

    The same rule as :func:`_public_expr` (``RecommendationQuerySet.public()``,
    ``docs/security.md``): public, not archived, in a public document. A bulk insert that
    writes this value spares SQLite the fix-up ``UPDATE`` of its insert trigger (which
    fires only when the value given is wrong); the triggers still check every row, so a
    wrong value here is corrected, never stored.

    Args:
        visibility: the recommendation's ``visibility`` (``"public"``, ``"restricted"``).
        is_archived: the recommendation's ``is_archived``.
        document_visibility: its document's ``visibility``, ``None`` when there is none.
    """
    return visibility == "public" and not is_archived and document_visibility == "public"


def _short(table: str) -> str:
    return table.removeprefix("catalog_").replace("recommendation_", "rec_")


def sqlite_statements() -> list[str]:
    """Triggers for SQLite (``CREATE TRIGGER IF NOT EXISTS``: idempotent)."""
    public = _public_expr("NEW")
    set_flag = f"UPDATE {REC} SET is_public = {public} WHERE id = NEW.id"
    stmts = [
        f"CREATE TRIGGER IF NOT EXISTS {PREFIX}public_ins AFTER INSERT ON {REC} "
        f"WHEN NEW.is_public IS NOT {public} BEGIN {set_flag}; END",
        f"CREATE TRIGGER IF NOT EXISTS {PREFIX}public_upd "
        f"AFTER UPDATE OF visibility, is_archived, document_id, is_public ON {REC} "
        f"WHEN NEW.is_public IS NOT {public} BEGIN {set_flag}; END",
        f"CREATE TRIGGER IF NOT EXISTS {PREFIX}public_doc AFTER UPDATE OF visibility ON {DOC} "
        f"BEGIN UPDATE {REC} SET is_public = {_public_expr(REC)} "
        f"WHERE document_id = NEW.id AND is_public IS NOT {_public_expr(REC)}; END",
    ]
    return stmts + change_trigger_statements("sqlite", COUNTED_TABLES)


def change_trigger_statements(vendor: str, tables: Iterable[str]) -> list[str]:
    """Triggers that replace the change token after any write to ``tables`` (SQLite: per
    row; PostgreSQL: per statement, ``TRUNCATE`` included; the function
    ``catalog_derived_change()`` must exist, see :func:`postgresql_statements`).

    An app whose table changes what the list finds (the portal's search rows) installs
    them on it too (:func:`install_change_triggers`).
    """
    stmts = []
    new_token = (
        f"INSERT OR REPLACE INTO {CHANGE} (id, token) VALUES (1, lower(hex(randomblob(16))))"
    )
    for table in tables:
        if vendor == "sqlite":
            for event in ("INSERT", "UPDATE", "DELETE"):
                stmts.append(
                    f"CREATE TRIGGER IF NOT EXISTS {PREFIX}change_{_short(table)}_{event.lower()} "
                    f"AFTER {event} ON {table} BEGIN {new_token}; END"
                )
        else:
            stmts.append(
                f"CREATE OR REPLACE TRIGGER {PREFIX}change_{_short(table)} "
                f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {PREFIX}change()"
            )
    return stmts


def install_change_triggers(connection: BaseDatabaseWrapper, tables: Iterable[str]) -> None:
    """Create (idempotently) the change-token triggers on ``tables`` of another app.

    Args:
        connection: a Django connection; other engines than SQLite and PostgreSQL, or a
            database without the token's table, are left alone.
        tables: table names.
    """
    if connection.vendor not in {"sqlite", "postgresql"}:
        return
    if CHANGE not in connection.introspection.table_names():
        return
    with connection.cursor() as cur:
        for stmt in change_trigger_statements(connection.vendor, tables):
            cur.execute(stmt)


def suspend_change_triggers(connection: BaseDatabaseWrapper) -> list[str]:
    """Drop SQLite's per-row change-token triggers for the length of a bulk load.

    SQLite has no statement triggers, so each row written to a counted table replaces the
    token (about 200,000 token writes for the 41,066 UPR Info rows, their tags and search
    rows). Inside one transaction nobody else sees the rows before the commit, so one new
    token at the end (:func:`resume_change_triggers`) invalidates the same cached counts.
    Every trigger named ``catalog_derived_change_*`` is dropped, those other apps installed
    with :func:`install_change_triggers` too. Call it inside the loading transaction (DDL is
    transactional on SQLite: a rollback restores the triggers), and always pair it with
    :func:`resume_change_triggers` in the same transaction.

    Args:
        connection: a Django connection; other engines are left alone (PostgreSQL's
            triggers fire once per statement: a ``COPY`` of 41,000 rows replaces the token
            once).

    Returns:
        The ``CREATE TRIGGER`` statements of the dropped triggers, for
        :func:`resume_change_triggers`; empty when nothing was dropped.
    """
    if connection.vendor != "sqlite":
        return []
    with connection.cursor() as cur:
        cur.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
            [f"{PREFIX}change%"],
        )
        found = [(name, sql) for name, sql in cur.fetchall() if name.startswith(f"{PREFIX}change_")]
        for name, _sql in found:
            cur.execute(f'DROP TRIGGER IF EXISTS "{name}"')
    return [sql for _name, sql in found]


def resume_change_triggers(connection: BaseDatabaseWrapper, statements: list[str]) -> None:
    """Re-create the triggers :func:`suspend_change_triggers` dropped and replace the change
    token once, for everything written meanwhile.

    Args:
        connection: the same connection, in the same transaction.
        statements: what :func:`suspend_change_triggers` returned; nothing is done when
            it is empty.
    """
    if not statements:
        return
    with connection.cursor() as cur:
        for stmt in statements:
            cur.execute(stmt)
        cur.execute(
            f"INSERT OR REPLACE INTO {CHANGE} (id, token) VALUES (1, %s)", [secrets.token_hex(16)]
        )


def postgresql_statements() -> list[str]:
    """Functions and triggers for PostgreSQL (``CREATE OR REPLACE``: idempotent)."""
    stmts = [
        f"CREATE OR REPLACE FUNCTION {PREFIX}public_rec() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN NEW.is_public := {_public_expr('NEW')}; RETURN NEW; END $$",
        f"CREATE OR REPLACE TRIGGER {PREFIX}public_rec BEFORE INSERT OR UPDATE OF "
        f"visibility, is_archived, document_id, is_public ON {REC} "
        f"FOR EACH ROW EXECUTE FUNCTION {PREFIX}public_rec()",
        f"CREATE OR REPLACE FUNCTION {PREFIX}public_doc() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN UPDATE {REC} r SET is_public = {_public_expr('r')} WHERE r.document_id = NEW.id "
        f"AND r.is_public IS DISTINCT FROM {_public_expr('r')}; RETURN NULL; END $$",
        f"CREATE OR REPLACE TRIGGER {PREFIX}public_doc AFTER UPDATE OF visibility ON {DOC} "
        f"FOR EACH ROW WHEN (OLD.visibility IS DISTINCT FROM NEW.visibility) "
        f"EXECUTE FUNCTION {PREFIX}public_doc()",
        # Once per statement, so that a transaction that writes twice gets two tokens.
        f"CREATE OR REPLACE FUNCTION {PREFIX}change() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN INSERT INTO {CHANGE} (id, token) VALUES "
        "(1, md5(random()::text || clock_timestamp()::text || txid_current()::text)) "
        "ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token; RETURN NULL; END $$",
    ]
    return stmts + change_trigger_statements("postgresql", COUNTED_TABLES)


#: Partial indexes (``WHERE is_public``) for counting by the most used filters.
PUBLIC_COUNT_INDEXES = {
    "country": "country_id",
    "mechanism": "mechanism_id, position",
    "cycle": "upr_cycle",
    "year": "year",
}


def index_statements(vendor: str) -> list[str]:
    """Partial indexes on the public rows, one per sort of the list (``portal/filters.py``
    ``SORTS``) that an index can serve: newest (the default), oldest and document order.

    PostgreSQL keeps each sort's ``NULLS LAST``. SQLite cannot write ``NULLS`` in an index,
    but puts NULLs last in a descending order anyway, so its newest index serves
    ``date DESC NULLS LAST``; its oldest sort (``ASC NULLS LAST``) gets no index.
    """
    where = "WHERE is_public"
    if vendor == "postgresql":
        newest = "date DESC NULLS LAST, id DESC"
        stmts = [
            f"CREATE INDEX IF NOT EXISTS rec_public_oldest ON {REC} (date ASC NULLS LAST, id) "
            f"{where}"
        ]
    else:
        newest = "date DESC, id DESC"
        stmts = []
    return [
        f"CREATE INDEX IF NOT EXISTS rec_public_newest ON {REC} ({newest}) {where}",
        f'CREATE INDEX IF NOT EXISTS rec_public_document ON {REC} (document_id, "order", id) '
        f"{where}",
        *stmts,
        # Totals and facet counts of the most used filters read these alone (index-only).
        *(
            f"CREATE INDEX IF NOT EXISTS rec_public_{name} ON {REC} ({cols}) {where}"
            for name, cols in PUBLIC_COUNT_INDEXES.items()
        ),
    ]


def uninstall_change_triggers(connection: BaseDatabaseWrapper, tables: Iterable[str]) -> None:
    """Drop the change-token triggers of :func:`install_change_triggers` (migration reverse)."""
    with connection.cursor() as cur:
        for table in tables:
            if connection.vendor == "sqlite":
                for event in ("insert", "update", "delete"):
                    cur.execute(f"DROP TRIGGER IF EXISTS {PREFIX}change_{_short(table)}_{event}")
            elif connection.vendor == "postgresql":
                cur.execute(f"DROP TRIGGER IF EXISTS {PREFIX}change_{_short(table)} ON {table}")


def _sqlite_trigger_names() -> set[str]:
    names = {f"{PREFIX}public_ins", f"{PREFIX}public_upd", f"{PREFIX}public_doc"}
    for table in COUNTED_TABLES:
        for event in ("insert", "update", "delete"):
            names.add(f"{PREFIX}change_{_short(table)}_{event}")
    return names


def install(connection: BaseDatabaseWrapper, *, only_if_missing: bool = False) -> bool:
    """Create the triggers (idempotent) and set every flag and the token from the data.

    Args:
        connection: a Django connection; engines other than SQLite and PostgreSQL are
            left alone.
        only_if_missing: on SQLite, do nothing when every trigger is there (after each
            ``migrate``); on PostgreSQL do nothing (its triggers survive table changes).

    Returns:
        True when the triggers were (re)created.
    """
    vendor = connection.vendor
    if vendor not in {"sqlite", "postgresql"}:
        return False
    tables = set(connection.introspection.table_names())
    if CHANGE not in tables or REC not in tables:
        return False
    if only_if_missing:
        if vendor != "sqlite":
            return False
        with connection.cursor() as cur:
            cur.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            present = {row[0] for row in cur.fetchall()}
        if _sqlite_trigger_names() <= present:
            return False
    stmts = sqlite_statements() if vendor == "sqlite" else postgresql_statements()
    stmts += index_statements(vendor)
    with connection.cursor() as cur:
        for stmt in stmts:
            cur.execute(stmt)
        cur.execute(
            f"UPDATE {REC} SET is_public = {_public_expr(REC)} "
            f"WHERE is_public IS {'NOT' if vendor == 'sqlite' else 'DISTINCT FROM'} "
            f"{_public_expr(REC)}"
        )
        # No token until one is needed (:func:`catalogue_token` makes it): a reinstall drops
        # the old one, so nothing counted before it is served again, and a new database
        # holds no row the migrations did not import.
        cur.execute(f"DELETE FROM {CHANGE}")
    return True


def uninstall(connection: BaseDatabaseWrapper) -> None:
    """Drop the triggers and functions (migration reverse)."""
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            for name in sorted(_sqlite_trigger_names()):
                cur.execute(f"DROP TRIGGER IF EXISTS {name}")
        elif connection.vendor == "postgresql":
            cur.execute(f"DROP TRIGGER IF EXISTS {PREFIX}public_rec ON {REC}")
            cur.execute(f"DROP TRIGGER IF EXISTS {PREFIX}public_doc ON {DOC}")
            for table in COUNTED_TABLES:
                cur.execute(f"DROP TRIGGER IF EXISTS {PREFIX}change_{_short(table)} ON {table}")
            for fn in ("public_rec", "public_doc", "change"):
                cur.execute(f"DROP FUNCTION IF EXISTS {PREFIX}{fn}()")
        names = ["newest", "document", "oldest", *PUBLIC_COUNT_INDEXES]
        for name in (f"rec_public_{n}" for n in names):
            cur.execute(f"DROP INDEX IF EXISTS {name}")


def catalogue_token(using: str = "default") -> str | None:
    """The current change token, made on first use when there is none (after ``migrate``
    or a reinstall of the triggers).

    Args:
        using: database alias (the primary: the token may be written here).
    """
    from django.db import connections

    with connections[using].cursor() as cur:
        cur.execute(f"SELECT token FROM {CHANGE} WHERE id = 1")
        row = cur.fetchone()
        if row is None:
            cur.execute(
                f"INSERT INTO {CHANGE} (id, token) VALUES (1, %s) ON CONFLICT (id) DO NOTHING",
                [secrets.token_hex(16)],
            )
            cur.execute(f"SELECT token FROM {CHANGE} WHERE id = 1")
            row = cur.fetchone()
    return str(row[0]) if row else None
