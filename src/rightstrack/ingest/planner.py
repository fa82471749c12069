"""After a bulk import: the planner's statistics and tidy tables (one home for the CLI's
imports and the uploads' task)."""

from __future__ import annotations

from django.db import connection

#: After importing more rows than this, refresh the planner's statistics and tidy the tables
#: (:func:`refresh_planner_statistics`).
BULK_THRESHOLD = 2000


def refresh_planner_statistics() -> None:
    """After a bulk import: refresh the query planner's statistics and, on PostgreSQL, tidy
    the tables the import wrote.

    PostgreSQL: ``VACUUM (ANALYZE)`` when the connection is not inside a transaction
    (``VACUUM`` cannot run in one; inside, e.g. in a test's transaction, ``ANALYZE`` alone).
    ``VACUUM`` removes the dead row versions the import's own rewrites leave (the search
    rows are rewritten once the bulk load ends) and marks the pages all-visible, which
    index-only scans and bitmap scans need: on the 250,000-recommendation bench, the list's
    p95 without ``q`` went from 60.7-70.8 ms to 24.5-40.9 ms and the bare search count's
    from 79.9 to 17.1 ms (``docs/scaling.md``, "Tidy tables after an import"). Autovacuum
    does the same eventually, when it is on and its thresholds are reached; it is off on some
    servers. It skips the pages already all-visible, so it costs about the pages the
    import wrote (1.2 s for a whole 250,000-recommendation database vacuumed for the first
    time).

    ``ANALYZE`` feeds the planner the new row counts: PostgreSQL otherwise plans faceted
    searches on stale statistics (p95 of a list page was measured at 23 s before and about
    3 s after, on the 41k sample under load); SQLite's ``ANALYZE`` likewise fills its
    planner's ``sqlite_stat1``.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            cursor.execute("VACUUM (ANALYZE)")
        else:
            cursor.execute("ANALYZE")


def after_bulk_import(rows: int) -> bool:
    """Run :func:`refresh_planner_statistics` when ``rows`` (created plus updated
    recommendations, in all) exceed :data:`BULK_THRESHOLD`; returns whether it ran."""
    if rows <= BULK_THRESHOLD:
        return False
    refresh_planner_statistics()
    return True
