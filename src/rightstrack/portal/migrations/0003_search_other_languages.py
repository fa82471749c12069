"""Rebuild the search index so that a recommendation's texts in other languages
(``catalog.RecommendationText``) are searched with its own text, kept in step by
triggers on that table (see ``portal.search_index``)."""

from django.db import migrations


def uninstall_search_index(apps, schema_editor):
    # Going back before catalog 0003: no trigger may go on reading its table. The index
    # is installed again by this migration (or by the next migrate, on SQLite).
    from rightstrack.portal import search_index

    search_index.uninstall(schema_editor.connection)


def reinstall_search_index(apps, schema_editor):
    from rightstrack.portal import search_index

    search_index.reinstall(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("portal", "0002_search_normalisation"),
        ("catalog", "0003_recommendation_text"),
    ]

    operations = [
        migrations.RunPython(reinstall_search_index, uninstall_search_index),
    ]
