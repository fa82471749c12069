"""PostgreSQL: the facet keys become lexemes of the search row's ``vector``
(``search_index.facet_key``: ``country 12``, ``year 2013``), which is now a plain column
that the index's triggers write; the ``text[]`` column of 0006 and its GIN index are
dropped. A visitor's query with facets is then one ``@@`` on the public GIN index, which
intersects the words and the facets before reading a row, instead of testing the keys of
every matching row (``docs/scaling.md``, "Facet keys in the vector"). SQLite: nothing."""

from django.db import migrations, transaction


def put_keys_in_vector(apps, schema_editor):
    """Every search row rewritten in one transaction, then (outside it, which ``VACUUM``
    needs) the old row versions removed: without it the table holds twice its rows until
    autovacuum comes (which may be off)."""
    from rightstrack.portal import search_index

    connection = schema_editor.connection
    with transaction.atomic(using=connection.alias):
        search_index.put_facet_keys_in_vector(connection)
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM (ANALYZE) {search_index.SEARCH_TABLE}")


def take_keys_out_of_vector(apps, schema_editor):
    from rightstrack.portal import search_index

    search_index.take_facet_keys_out_of_vector(schema_editor.connection)


class Migration(migrations.Migration):
    # VACUUM cannot run in a transaction: the rewrite has its own (above).
    atomic = False

    dependencies = [
        ("portal", "0006_search_row_facet_keys"),
    ]

    operations = [
        migrations.RunPython(put_keys_in_vector, take_keys_out_of_vector),
    ]
