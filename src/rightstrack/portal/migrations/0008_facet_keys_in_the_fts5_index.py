"""SQLite: the facet keys in the FTS5 index. The search row gets a column ``fts_keys``
(its recommendation's facet keys as FTS5 tokens, ``search_index.fts_key_token``) that the
refresh statements write, and the FTS5 table a column ``keys`` that indexes it, so that a
visitor's query with facets is one ``MATCH`` (``docs/scaling.md``, "Facet keys in the FTS5
index"), as PostgreSQL's vector has done since 0007. PostgreSQL: the column only, left
empty (its keys are in the vector)."""

from django.db import migrations, models


def uninstall_search_index(apps, schema_editor):
    """SQLite: the index goes before the column changes (the FTS5 table, its content view
    and the triggers name the search table's columns); PostgreSQL: nothing."""
    from rightstrack.portal import search_index

    if schema_editor.connection.vendor == "sqlite":
        search_index.uninstall(schema_editor.connection)


def reinstall_search_index(apps, schema_editor):
    """SQLite: the index installed again, now with the keys (``search_index.has_facet_keys``
    sees the new column), every row rewritten; the change-token triggers too, in case the
    column rebuilt the table. PostgreSQL: nothing."""
    from rightstrack.catalog import derived
    from rightstrack.portal import search_index

    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    search_index.reinstall(connection)
    derived.install_change_triggers(connection, [search_index.SEARCH_TABLE])
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {search_index.SEARCH_TABLE}")


def reinstall_without_keys(apps, schema_editor):
    """Going back (SQLite): the index without the keys, once the column is dropped."""
    from rightstrack.portal import search_index

    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        search_index.reinstall(connection)  # the column is gone: no keys


class Migration(migrations.Migration):

    dependencies = [
        ("portal", "0007_facet_keys_in_the_vector"),
    ]

    operations = [
        migrations.RunPython(uninstall_search_index, reinstall_without_keys),
        migrations.AddField(
            model_name="searchdocument",
            name="fts_keys",
            field=models.TextField(editable=False, null=True, verbose_name="facet keys"),
        ),
        migrations.RunPython(reinstall_search_index, uninstall_search_index),
    ]
