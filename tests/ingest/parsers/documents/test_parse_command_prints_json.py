"""``rightstrack parse FILE --json`` prints the parsed structure and stores nothing."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from rightstrack.catalog.models import Document, Recommendation


@pytest.mark.django_db
def test_it_prints_the_json_keys_and_stores_nothing(ccpr_co_dir):
    out = io.StringIO()
    call_command("parse", str(ccpr_co_dir / "CCPR_C_PRY_CO_4.txt"), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert list(data) == [
        "symbol", "type", "committee", "country", "adopted",
        "paragraphs", "follow_up", "particular_importance", "next_report", "communication",
    ]  # fmt: skip
    assert data["communication"] is None  # only Views have one
    assert data["symbol"] == "CCPR/C/PRY/CO/4"
    assert data["follow_up"]["items"] == ["13", "29", "35"]
    assert (data["follow_up"]["due"], data["follow_up"]["due_basis"]) == ("2021-07-26", "stated")
    assert (Document.objects.count(), Recommendation.objects.count()) == (0, 0)


def test_a_corrupt_file_is_a_command_error_naming_it(shared_raw):
    path = shared_raw / "upr-slovenia-tony33344" / "cycle1" / "original" / "g0917123_CORRUPT.pdf"
    with pytest.raises(CommandError, match=r"g0917123_CORRUPT\.pdf"):
        call_command("parse", str(path), "--json", stdout=io.StringIO())
