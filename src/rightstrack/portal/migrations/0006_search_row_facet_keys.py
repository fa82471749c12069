"""PostgreSQL: the facet keys on the search row (``portal_searchdocument.facet_keys``,
``text[]`` kept by the index's triggers, with a partial GIN index over the public rows), so
that a visitor's query with facets is counted and ranked from the search rows alone
(``docs/scaling.md``, "Facet keys on the search row"). SQLite: nothing."""

from django.db import migrations, transaction


def add_facet_keys(apps, schema_editor):
    """The column and every search row rewritten in one transaction, then (outside it, which
    ``VACUUM`` needs) the old row versions removed: every row was rewritten, so without it
    the table holds twice its rows until autovacuum comes (which may be off)."""
    from rightstrack.portal import search_index

    connection = schema_editor.connection
    with transaction.atomic(using=connection.alias):
        search_index.add_facet_keys(connection)
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM (ANALYZE) {search_index.SEARCH_TABLE}")


def drop_facet_keys(apps, schema_editor):
    from rightstrack.portal import search_index

    search_index.drop_facet_keys(schema_editor.connection)


class Migration(migrations.Migration):
    # VACUUM cannot run in a transaction: the rewrite has its own (above).
    atomic = False

    dependencies = [
        ("portal", "0005_search_row_public_flag"),
    ]

    operations = [
        migrations.RunPython(add_facet_keys, drop_facet_keys),
    ]
