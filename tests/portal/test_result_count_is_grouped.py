"""The list's result count is written with the page language's digit grouping
("1,124" in English, "1 124" in French), not as a bare "1124"."""

from __future__ import annotations

import re

import pytest

from rightstrack.catalog.models import Recommendation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "pattern"),
    [("en", r"1,1\d\d recommendations"), ("fr", "1\u00a01\\d\\d recommandations")],
)
def test_the_count_is_grouped(client, svn_upr_catalogue, language, pattern):
    first = Recommendation.objects.first()
    assert first is not None
    existing = Recommendation.objects.count()
    Recommendation.objects.bulk_create(
        Recommendation(
            natural_key=f"count-test#{i}",
            document_id=first.document_id,
            mechanism_id=first.mechanism_id,
            country_id=first.country_id,
            paragraph=str(i),
            text=f"Recommendation {i}",
        )
        for i in range(1124 - existing)
    )
    client.cookies["django_language"] = language
    html = client.get("/recommendations/").content.decode()
    heading = re.search(r"<h2 id=\"results-h\">([^<]*)<", html)
    assert heading is not None
    assert re.fullmatch(pattern, heading.group(1)), heading.group(1)
