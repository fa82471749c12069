"""Writes to clusters and their members replace the catalogue change token
(``catalog/derived.py``): the list's ``repeated=1`` filter ("Recommended again") reads
them, so counts and pages cached under the token must not outlive a change of them."""

from django.db import migrations

TABLES = ["classify_cluster", "classify_clustermember"]


def install(apps, schema_editor):
    from rightstrack.catalog import derived

    derived.install_change_triggers(schema_editor.connection, TABLES)


def uninstall(apps, schema_editor):
    from rightstrack.catalog import derived

    derived.uninstall_change_triggers(schema_editor.connection, TABLES)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0004_recommendation_is_public"),
        ("classify", "0002_clusters_of_the_same_ask"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
