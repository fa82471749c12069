"""Stored facet counts of the recommendations list (``portal/list_cache.py``); writes to
the search rows replace the catalogue change token (``catalog/derived.py``)."""

from django.db import migrations, models


def install(apps, schema_editor):
    """The search rows change what the list finds: their writes replace the change token."""
    from rightstrack.catalog import derived
    from rightstrack.portal.search_index import SEARCH_TABLE

    derived.install_change_triggers(schema_editor.connection, [SEARCH_TABLE])


def uninstall(apps, schema_editor):
    from rightstrack.catalog import derived
    from rightstrack.portal.search_index import SEARCH_TABLE

    derived.uninstall_change_triggers(schema_editor.connection, [SEARCH_TABLE])


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0004_recommendation_is_public'),
        ('portal', '0003_search_other_languages'),
    ]

    operations = [
        migrations.CreateModel(
            name='ListSummary',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(max_length=128, unique=True)),
                ('token', models.CharField(max_length=64)),
                ('payload', models.JSONField()),
            ],
            options={
                'verbose_name': 'list summary',
                'verbose_name_plural': 'list summaries',
            },
        ),
        migrations.RunPython(install, uninstall),
    ]
