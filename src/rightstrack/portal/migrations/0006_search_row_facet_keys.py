"""PostgreSQL: this migration gave the search row a ``text[]`` column of facet keys with its
own GIN index (stop 23). Migration 0007 replaced it by lexemes of the row's ``vector``, and
drops the column where this migration made it; a database that has not run this one yet
goes straight to 0007's layout, so it does nothing now (kept so that every database's
history names the same migrations). SQLite: nothing, as before."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0005_search_row_public_flag"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop),
    ]
