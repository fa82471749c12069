# ruff: noqa: S608 -- SQL built from model metadata (table and column names); values are bound.
"""Bulk inserts of plain tuples: the fast path of imports and of the suggestion step.

``bulk_create`` builds one model instance per row and compiles every value through the
ORM; for 41,000 recommendations, 41,000 history rows, 90,000 tag rows and 340,000
suggested labels that costs far more than the database work (cProfile of
``rightstrack import`` of the five UPR Info files, issue 14: 56 s of a 134 s profile in
``bulk_create`` of suggestions alone). :func:`insert_rows` takes tuples instead:

* SQLite: one ``executemany`` per 2,000 rows (``INSERT OR IGNORE`` when asked to skip
  conflicts);
* PostgreSQL: ``COPY ... FROM STDIN`` through psycopg 3's ``cursor.copy()`` (one
  statement streams every row: no per-row parse, plan or round trip); to skip conflicts,
  ``COPY`` into a temporary table then one ``INSERT ... SELECT ... ON CONFLICT DO
  NOTHING``;
* other engines: ``executemany`` of plain ``INSERT``.

Everything runs on the connection of the model's database, inside the caller's
transaction: a failed import still rolls every row back. No signals are sent and no
``save()`` runs, exactly as with ``bulk_create``; database triggers do fire.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connections, models, router

#: Rows per ``executemany`` call.
EXECUTEMANY_CHUNK = 2000


def _prep(field: models.Field[Any, Any], conn: Any) -> Callable[[Any], Any] | None:
    """Value converter for raw inserts: dates, datetimes, decimals and JSON go through
    Django (``get_db_prep_save``); other values are passed as they are.

    Dates, datetimes and decimals repeat (one import time, a few adoption dates per
    41,000 rows), so each distinct value is converted once per column.
    """
    if isinstance(field, models.JSONField):
        return lambda v: field.get_db_prep_save(v, conn)
    if isinstance(field, (models.DateField, models.DecimalField)):
        converted: dict[Any, Any] = {}

        def prep(value: Any) -> Any:
            try:
                return converted[value]
            except KeyError:
                converted[value] = result = field.get_db_prep_save(value, conn)
                return result

        return prep
    return None


def _converted(row: Sequence[Any], preps: list[tuple[int, Callable[[Any], Any]]]) -> list[Any]:
    out = list(row)
    for i, prep in preps:
        out[i] = prep(out[i])
    return out


def insert_rows(
    model: type[models.Model],
    attnames: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    ignore_conflicts: bool = False,
) -> None:
    """Insert ``rows`` (tuples of values in the order of ``attnames``) into ``model``'s table.

    Args:
        model: the model whose table receives the rows (a through or history model too).
        attnames: field attnames (``recommendation_id``, ``history_date``...), one per
            value of each row. Columns not named take their database default (the
            primary key its sequence), not the model's Python default.
        rows: the values; dates, datetimes, decimals and JSON are converted as Django
            would for ``save()``.
        ignore_conflicts: skip rows that violate a unique constraint, as
            ``bulk_create(ignore_conflicts=True)``.

    Raises:
        django.db.DatabaseError: any other constraint violated (the caller's transaction
            is then unusable and must be rolled back).
    """
    if not rows:
        return
    conn = connections[router.db_for_write(model)]
    qn = conn.ops.quote_name
    fields = [model._meta.get_field(a) for a in attnames]
    preps = [_prep(f, conn) for f in fields]  # type: ignore[arg-type]
    converted = [(i, p) for i, p in enumerate(preps) if p is not None]
    if converted:
        rows = [_converted(row, converted) for row in rows]
    columns = [str(getattr(f, "column", "")) for f in fields]
    table = model._meta.db_table
    if conn.vendor == "postgresql":
        _copy_rows(conn, table, columns, rows, ignore_conflicts=ignore_conflicts)
        return
    verb = "INSERT OR IGNORE" if ignore_conflicts and conn.vendor == "sqlite" else "INSERT"
    cols = ", ".join(qn(c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    sql = f"{verb} INTO {qn(table)} ({cols}) VALUES ({marks})"
    with conn.cursor() as cursor:
        for start in range(0, len(rows), EXECUTEMANY_CHUNK):
            cursor.executemany(sql, rows[start : start + EXECUTEMANY_CHUNK])


def _copy_rows(
    conn: Any,
    table: str,
    columns: list[str],
    rows: Sequence[Sequence[Any]],
    *,
    ignore_conflicts: bool,
) -> None:
    """``COPY <table> (<columns>) FROM STDIN`` through psycopg 3 (PostgreSQL only).

    With ``ignore_conflicts`` the rows are copied into a temporary table of the same
    columns (``CREATE TEMP TABLE ... AS SELECT ... WITH NO DATA``: types only, no
    constraints), then moved with one ``INSERT ... SELECT ... ON CONFLICT DO NOTHING``.
    """
    qn = conn.ops.quote_name
    cols = ", ".join(qn(c) for c in columns)
    # the raw psycopg cursor bypasses Django's error translation: errors raised here are
    # Django's (IntegrityError...) through wrap_database_errors, as for any other query
    with conn.cursor() as cursor, conn.wrap_database_errors:
        raw = cursor.cursor  # the psycopg cursor under Django's wrapper
        target = qn(table)
        if ignore_conflicts:
            # pg_temp: never a permanent table of that name, whatever the search_path
            target = "pg_temp." + qn(f"rightstrack_bulk_{table}")
            raw.execute(f"DROP TABLE IF EXISTS {target}")
            raw.execute(
                f"CREATE TEMP TABLE {target} AS SELECT {cols} FROM {qn(table)} WITH NO DATA"
            )
        with raw.copy(f"COPY {target} ({cols}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        if ignore_conflicts:
            raw.execute(
                f"INSERT INTO {qn(table)} ({cols}) SELECT {cols} FROM {target} "
                "ON CONFLICT DO NOTHING"
            )
            raw.execute(f"DROP TABLE {target}")
