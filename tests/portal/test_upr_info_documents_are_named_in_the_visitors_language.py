"""A UPR Info database export has no UN symbol: its pages name it from its State and
session in the visitor's language, never with the English words stored at import.

UPR Info's ``1-5.csv`` (shared/data/raw/upr-info-terman/upr-info-db-2008-2014, also in
``data/sample/upr-info``): the first rows are Afghanistan's, session 5 ("Afghanistan,Asia,
OIC,...,5").
"""

from __future__ import annotations

import pytest
from django.core.management import call_command

from rightstrack.catalog.models import Document

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_the_afghanistan_session_5_export_is_named_in_russian_and_spanish(
    reference_data, shared_raw, client
):
    csv = shared_raw / "upr-info-terman/upr-info-db-2008-2014/1-5.csv"
    call_command("import", str(csv), "--no-suggest", verbosity=0)
    doc = Document.objects.get(key="upr-info:AFG:WG5")
    assert doc.title == "UPR Info database: Afghanistan, UPR Working Group session 5"
    english = client.get(f"/documents/{doc.pk}/").content.decode()
    assert "<h1>UPR Info database: Afghanistan, UPR Working Group session 5</h1>" in english
    russian = client.get(f"/ru/documents/{doc.pk}/").content.decode()
    assert "UPR Working Group session" not in russian
    assert "Афганистан" in russian
    spanish_rec = client.get(
        f"/es/recommendations/{doc.recommendations.order_by('order').first().pk}/"
    ).content.decode()
    assert "UPR Working Group session" not in spanish_rec
    assert "Afganistán" in spanish_rec
