"""A bulk import suspends the portal's per-row search triggers and refreshes the rows it
touched, so search finds exactly what a direct SQL count finds."""

import pytest
from django.db import connection

from rightstrack.catalog.models import Recommendation
from rightstrack.ingest.pipeline import import_file
from rightstrack.ingest.store import BULK_LOAD_THRESHOLD

pytestmark = pytest.mark.django_db


def search_rows() -> int:
    with connection.cursor() as cur:
        cur.execute("SELECT COUNT(*) FROM portal_searchdocument")
        return cur.fetchone()[0]


def test_search_finds_every_torture_recommendation_after_a_bulk_import(
    reference_data, upr_info_dir, cycle4
):
    from rightstrack.portal.search import search

    import_file(cycle4)  # small: per-row triggers
    run = import_file(upr_info_dir / "1-5.csv.gz")  # large: triggers suspended
    assert run.created == 6094 > BULK_LOAD_THRESHOLD
    assert search_rows() == 6094 + 254
    # "torture" in the text, in the UPR Info issue "Torture and other CID treatment"
    # or in a thematic-list theme: the direct count over text and tags
    direct = (
        Recommendation.objects.filter(text__icontains="torture")
        | Recommendation.objects.filter(upr_issues__name__icontains="torture")
        | Recommendation.objects.filter(themes__name__icontains="torture")
    ).distinct()
    found = search(Recommendation.objects.all(), "torture")
    assert found.count() == direct.count()
    assert found.filter(upr_session__isnull=False, mechanism__code="UPR").count() > 100


def test_triggers_are_back_after_a_bulk_import(reference_data, upr_info_dir, uhri_dir):
    import_file(upr_info_dir / "1-5.csv.gz")
    import_file(uhri_dir / "0a0c9531-85fa-4408-a9db-bc816c2e1261.json")  # small: triggers
    assert search_rows() == 6094 + 1
