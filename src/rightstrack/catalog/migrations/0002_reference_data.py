"""Load the reference lists (countries, mechanisms, taxonomies) into a new database.

After ``rightstrack migrate`` alone, imports find the countries, mechanisms, SDGs, UPR
Info issues and action categories they need. The loader is the one ``rightstrack
seed-reference`` runs (``catalog/reference.py``), here with this migration's historical
models; it is idempotent, so running it on a database that was already seeded changes
nothing. Reversing keeps the rows (imported records may point to them).
"""

from django.db import migrations

from rightstrack.catalog.reference import seed_reference


def load_reference_data(apps, schema_editor):
    seed_reference(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):

    dependencies = [
        ("catalog", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load_reference_data, migrations.RunPython.noop),
    ]
