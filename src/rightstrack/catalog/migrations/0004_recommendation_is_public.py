"""The public flag of recommendations (kept by triggers), the catalogue change token and
the partial sort indexes: see ``rightstrack/catalog/derived.py``."""

from django.db import migrations, models


def _add_column(apps, schema_editor):
    false = "false" if schema_editor.connection.vendor == "postgresql" else "0"
    schema_editor.execute(
        f"ALTER TABLE catalog_recommendation ADD COLUMN is_public boolean NOT NULL DEFAULT {false}"
    )


def _drop_column(apps, schema_editor):
    schema_editor.execute("ALTER TABLE catalog_recommendation DROP COLUMN is_public")


add_column = migrations.RunPython(_add_column, _drop_column)


def install(apps, schema_editor):
    """Triggers of the public flag and the change token, the sort indexes, every flag set."""
    from rightstrack.catalog import derived

    derived.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from rightstrack.catalog import derived

    derived.uninstall(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0003_recommendation_text'),
    ]

    operations = [
        migrations.CreateModel(
            name='CatalogueChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('token', models.CharField(max_length=64)),
            ],
            options={
                'verbose_name': 'catalogue change',
                'verbose_name_plural': 'catalogue changes',
            },
        ),
        # ALTER TABLE ADD COLUMN on both engines: Django's AddField would rebuild the table
        # on SQLite, which the search index's triggers on catalog_recommendation forbid.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name='recommendation',
                    name='is_public',
                    field=models.BooleanField(default=False, editable=False, verbose_name='public'),
                ),
            ],
            database_operations=[add_column],
        ),
        migrations.RunPython(install, uninstall),
    ]
