"""core.bulk.insert_rows, the bulk path of imports and of the classify step (executemany on
SQLite, COPY on PostgreSQL): rows arrive as given, a row that breaks a unique constraint
is skipped only with ``ignore_conflicts`` and otherwise fails the statement."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from rightstrack.catalog.models import Theme
from rightstrack.core.bulk import insert_rows

pytestmark = pytest.mark.django_db

FIELDS = [f for f in Theme._meta.concrete_fields if not f.primary_key]
COLUMNS = [f.attname for f in FIELDS]


def row(name: str, slug: str) -> tuple:
    values = {f.attname: f.get_default() for f in FIELDS}
    values.update(name=name, slug=slug, source="test")
    return tuple(values[c] for c in COLUMNS)


def test_rows_are_inserted_as_given():
    insert_rows(Theme, COLUMNS, [row("Quillbarrow rights", "quillbarrow-rights")])
    assert Theme.objects.get(slug="quillbarrow-rights").name == "Quillbarrow rights"


def test_a_duplicate_is_skipped_only_when_asked():
    first = row("Quillbarrow rights", "quillbarrow-rights")
    again = row("Quillbarrow rights", "quillbarrow-rights")
    other = row("Marrowfen rights", "marrowfen-rights")
    insert_rows(Theme, COLUMNS, [first, again, other], ignore_conflicts=True)
    assert Theme.objects.filter(slug__in=["quillbarrow-rights", "marrowfen-rights"]).count() == 2
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows(Theme, COLUMNS, [row("Quillbarrow rights", "quillbarrow-rights")])
