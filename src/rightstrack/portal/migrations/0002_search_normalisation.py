"""Rebuild the search index with normalised text (see ``portal.search_index``).

The search rows now hold the folded text (Arabic harakat, tatweel and letter forms;
``SEARCH_FOLDS``), and on PostgreSQL the ``tsvector`` uses the accent-free
configurations (``CREATE EXTENSION IF NOT EXISTS unaccent``). The triggers and the
generated column carry the old rule, so the index is dropped and installed again, and
every search row is rewritten from the catalogue.
"""

from django.db import migrations


def reinstall_search_index(apps, schema_editor):
    from rightstrack.portal import search_index

    search_index.reinstall(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("portal", "0001_initial"),
        # The index's code reads catalog_recommendationtext (portal 0003).
        ("catalog", "0003_recommendation_text"),
    ]

    operations = [
        # Reversing keeps the new index: the old one differs only in what it finds.
        migrations.RunPython(reinstall_search_index, migrations.RunPython.noop),
    ]
