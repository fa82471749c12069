"""Keep the portal's search index in step with bulk imports, cheaply.

The portal keeps its full-text rows up to date with per-row triggers on
recommendations and their tag tables (``portal/search_index.py``). That is right
for edits, but a bulk import of 41,000 recommendations and 55,000 tag rows would
rewrite a search row for each of them (measured: 195 s for the five UPR Info
files on PostgreSQL). For large imports the store drops the *refresh* triggers
inside the import's transaction (the FTS5 content-sync triggers stay), and the
pipeline re-creates them and refreshes the search rows of exactly the records
the import touched, before the transaction commits. DDL is transactional on
SQLite and PostgreSQL, so a failed import rolls the triggers back too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection

#: Records to create or re-tag in one import above which triggers are suspended.
THRESHOLD = 2000
_CHUNK = 900


def _index() -> Any:
    try:
        from rightstrack.portal import search_index
    except ImportError:  # the portal app is not installed
        return None
    needed = ("_trigger_specs", "_refresh_sql", "sqlite_statements", "postgresql_statements")
    if not all(hasattr(search_index, name) for name in needed):
        return None
    return search_index


def suspend() -> bool:
    """Drop the search refresh triggers (in the current transaction). False if none."""
    index = _index()
    if index is None or connection.vendor not in {"sqlite", "postgresql"}:
        return False
    with connection.cursor() as cur:
        for name, _event, table, _cond in index._trigger_specs():
            trigger = f"{index.TRIGGER_PREFIX}{name}"
            if connection.vendor == "sqlite":
                cur.execute(f"DROP TRIGGER IF EXISTS {trigger}")
            else:
                cur.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
    return True


def resume(record_ids: Iterable[int]) -> None:
    """Re-create the refresh triggers and rewrite the search rows of ``record_ids``."""
    index = _index()
    if index is None:
        return
    vendor = connection.vendor
    statements = index.sqlite_statements() if vendor == "sqlite" else index.postgresql_statements()
    ids = sorted(set(record_ids))
    with connection.cursor() as cur:
        for stmt in statements:
            cur.execute(stmt)
        for start in range(0, len(ids), _CHUNK):
            chunk = ", ".join(str(int(i)) for i in ids[start : start + _CHUNK])
            for stmt in index._refresh_sql(vendor, f"r.id IN ({chunk})"):
                cur.execute(stmt)
