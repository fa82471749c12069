"""Upgrading a database of the previous release keeps every row and every history row.

What "the previous release" is, honestly: RightsTrack has no tagged release yet, so the
previous schema is the one just before the latest migration of each app, wherever that
migration can be unapplied alone (no other app's migration depends on it). Today that is
``catalog.0001`` (before the reference data migration), ``reports.0001`` (before press
templates) and ``tracking.0001`` (before measurements and evidence got a publication
state); ``accounts.0002_initial`` stays, because ``tracking.0001`` depends on it. The
list is computed from the migration graph, so the next migration is covered without
editing this test.

The data of that release is built in that schema: the bundled sample's Slovenia
thematic lists and UHRI records imported with the import pipeline (the catalogue tables
are the same in both schemas: ``catalog.0002`` loads rows, it changes no table), then a
plan, an action, an indicator, a measurement and an evidence link written with the
*historical* models of that schema (the models the previous code had), each with its
history row, as the previous release's verbs wrote them. The UPR Info part of the sample
(41,066 rows) is left out to keep the test under 30 seconds; it adds rows to the same
tables.

Then ``migrate`` runs forward, as an upgrade does, and every table of the old schema must
have the same number of rows, every history table the same rows, and the rows that the
new ``publication_state`` columns were added to must read "published" (the migration's
default: what was visible before stays visible).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
OURS = {"catalog", "ingest", "accounts", "tracking", "classify", "reports", "api", "portal"}


def previous_release_targets(executor: MigrationExecutor) -> list[tuple[str, str]]:
    """For each of our apps whose latest migration can be unapplied alone: its parent."""
    graph = executor.loader.graph
    targets = []
    for app, name in sorted(graph.leaf_nodes()):
        node = graph.node_map[(app, name)]
        if app not in OURS or any(child.key[0] != app for child in node.children):
            continue
        parents = [p.key for p in node.parents if p.key[0] == app]
        if parents:
            targets.append(parents[0])
    return targets


def table_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            if table.startswith(("sqlite_", "portal_search_fts")):
                continue  # SQLite's own tables and the FTS5 shadow tables
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - introspected name
            counts[table] = cursor.fetchone()[0]
    return counts


def history_rows() -> dict[str, list[tuple]]:
    """Every history table's rows: (history id, object id, type, date), in order."""
    rows = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = {
                c.name for c in connection.introspection.get_table_description(cursor, table)
            }
            if "history_type" not in columns:
                continue
            cursor.execute(
                f'SELECT history_id, id, history_type, history_date FROM "{table}" '  # noqa: S608
                "ORDER BY history_id"
            )
            rows[table] = cursor.fetchall()
    return rows


def create_with_history(apps, app: str, model: str, **fields):  # type: ignore[no-untyped-def]
    """Create a row with the schema's historical model, and its "+" history row."""
    obj = apps.get_model(app, model).objects.create(**fields)
    history = apps.get_model(app, f"Historical{model}")
    values = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
    history.objects.create(
        **values, history_date=dt.datetime(2026, 11, 1, tzinfo=dt.UTC), history_type="+"
    )
    return obj


@pytest.mark.django_db(transaction=True)
def test_migrating_the_previous_release_keeps_every_row_and_history():
    from rightstrack.catalog.reference import seed_reference
    from rightstrack.ingest.pipeline import import_file

    executor = MigrationExecutor(connection)
    targets = previous_release_targets(executor)
    assert ("tracking", "0001_initial") in targets
    assert ("catalog", "0001_initial") in targets
    try:
        executor.migrate(targets)
        old = MigrationExecutor(connection).loader.project_state(targets).apps
        with connection.cursor() as cursor:
            tables = connection.introspection.table_names(cursor)
        assert "reports_presstemplate" not in tables  # really the previous schema

        seed_reference()
        files = sorted((SAMPLE / "thematic-lists").glob("*.docx"))
        files += sorted((SAMPLE / "uhri").glob("*.json"))
        runs = [import_file(path) for path in files]
        assert [r.message for r in runs if r.status != "succeeded"] == []

        country = old.get_model("catalog", "Country").objects.get(iso3="SVN")
        plan = create_with_history(
            old,
            "tracking",
            "ImplementationPlan",
            title="National action plan 2024-2027",
            country_id=country.pk,
        )
        action = create_with_history(
            old,
            "tracking",
            "Action",
            plan_id=plan.pk,
            title="Train judges on hate speech",
        )
        indicator = create_with_history(
            old,
            "tracking",
            "Indicator",
            action_id=action.pk,
            name="Judges trained",
        )
        measurement = create_with_history(
            old,
            "tracking",
            "Measurement",
            indicator_id=indicator.pk,
            date=dt.date(2025, 3, 31),
            value=Decimal("42"),
        )
        evidence = create_with_history(
            old,
            "tracking",
            "Evidence",
            action_id=action.pk,
            title="Training report",
            url="https://www.gov.si/en/news/training-report/",
        )
        before_counts = table_counts()
        before_history = history_rows()
        assert before_counts["catalog_recommendation"] > 0
        assert before_counts["tracking_historicalmeasurement"] == 1
    finally:
        # The upgrade itself; also leaves the test database complete if a step failed.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    after_counts = table_counts()
    new_tables = set(after_counts) - set(before_counts)
    assert {"reports_presstemplate", "reports_historicalpresstemplate"} <= new_tables
    # The upgrade records the migrations it applied; every other table keeps its count.
    assert after_counts.pop("django_migrations") == before_counts.pop("django_migrations") + len(
        targets
    )
    assert {table: after_counts[table] for table in before_counts} == before_counts
    assert history_rows() == {
        **before_history,
        "reports_historicalpresstemplate": [],  # a new model: no history yet
    }

    from rightstrack.tracking.models import Evidence, Measurement

    assert Measurement.objects.get(pk=measurement.pk).publication_state == "published"
    assert Measurement.objects.get(pk=measurement.pk).value == Decimal("42")
    assert Evidence.objects.get(pk=evidence.pk).publication_state == "published"
    assert Evidence.history.get(id=evidence.pk).publication_state == "published"
