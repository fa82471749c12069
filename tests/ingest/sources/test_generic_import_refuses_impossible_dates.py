"""An impossible calendar date fails the whole import, naming the file, row and column."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from rightstrack.catalog.models import Document, Recommendation

pytestmark = pytest.mark.django_db


def test_2019_02_30_fails_the_import_and_nothing_is_stored(reference_data, tmp_path):
    path = tmp_path / "kept-by-hand.csv"
    path.write_text(
        "symbol,paragraph,country,mechanism,text,date\n"
        "A/HRC/59/15,140.1,Slovenia,UPR,A good row,2019-02-28\n"
        "A/HRC/59/15,140.2,Slovenia,UPR,A bad date,2019-02-30\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as info:
        call_command("import", str(path), stdout=io.StringIO())
    message = str(info.value)
    assert "kept-by-hand.csv" in message
    assert "2019-02-30 is not a real date" in message
    assert "row 3" in message and "date" in message
    assert Recommendation.objects.count() == 0
    assert Document.objects.count() == 0
