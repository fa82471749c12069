"""The public flag on the search row (``SearchDocument.is_public``, a copy of
``Recommendation.is_public`` kept by the index's triggers), the FTS5 column ``restricted``
(SQLite) and the partial GIN index over the public rows (PostgreSQL), so that a visitor's
search is counted and ranked from the index alone (``docs/scaling.md``)."""

from django.db import migrations, models


def reinstall_search_index(apps, schema_editor):
    """Rebuild the index with the flag; on SQLite the new column rebuilt the table, which
    dropped its triggers: the change-token ones are installed again too."""
    from rightstrack.catalog import derived
    from rightstrack.portal import search_index

    search_index.reinstall(schema_editor.connection)
    derived.install_change_triggers(schema_editor.connection, [search_index.SEARCH_TABLE])
    # Statistics for the new column: without them PostgreSQL estimated 2,238 public matches
    # of "education" for 25,594 at 250,000 (docs/scaling.md).
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {search_index.SEARCH_TABLE}")


def uninstall_search_index(apps, schema_editor):
    # Going back: the index of the previous migration's code is installed again by the
    # next migrate on SQLite (``post_migrate``) or by ``rightstrack`` 0003's reinstall.
    from rightstrack.portal import search_index

    search_index.uninstall(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("portal", "0004_list_summary"),
    ]

    operations = [
        # SQLite adds the column by rebuilding the table, which the index's triggers on
        # catalog_recommendation (they name it) forbid: the index goes first.
        migrations.RunPython(uninstall_search_index, migrations.RunPython.noop),
        migrations.AddField(
            model_name="searchdocument",
            name="is_public",
            field=models.BooleanField(
                db_default=False, default=False, editable=False, verbose_name="public"
            ),
        ),
        migrations.RunPython(reinstall_search_index, uninstall_search_index),
    ]
