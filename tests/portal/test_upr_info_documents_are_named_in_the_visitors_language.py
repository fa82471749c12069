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


def test_a_regional_report_keeps_its_own_title_marked_with_its_language(
    reference_data, shared_raw, client
):
    """CoE CPT report on Albania (regional-worldwidelaw/CPTReports, CPT/Inf(2024)01): no UN
    symbol, so its page is headed by its English title, marked as English on a French page
    ("Report to the Government of Albania on the periodic visit carried out by the CPT")."""
    path = shared_raw / "regional-worldwidelaw/CPTReports/CoE_CPT_p-alb-20230504-en.json"
    call_command("import", str(path), "--no-suggest", verbosity=0)
    doc = Document.objects.get(mechanism__code="CPT")
    french = client.get(f"/fr/documents/{doc.pk}/").content.decode()
    assert '<h1 lang="en" dir="auto">Report to the Government of Albania' in french
    rec = doc.recommendations.order_by("order").first()
    page = client.get(f"/fr/recommendations/{rec.pk}/").content.decode()
    assert 'lang="en" dir="auto">Report to the Government of Albania' in page
