"""A text in another language finds recommendations through their texts in that language
(catalog.RecommendationText): Morocco's DIDH database gives each recommendation in French
(its own text) and Arabic (a RecommendationText).

Rows ``Id 1`` and ``Id 2`` of ``Recommendations.csv`` (shared didh-morocco-fr-ar): 1 asks
to consider ratifying the International Convention for the Protection of All Persons from
Enforced Disappearance ("... كالاتفاقية الدولية لحماية جميع الأشخاص من الاختفاء القسري"),
2 to ratify the amendments to article 8 (6) of the Convention (CERD).
"""

from __future__ import annotations

import io
import json
import shutil

import pytest
from django.core.management import call_command

from rightstrack.catalog.models import Recommendation

pytestmark = pytest.mark.django_db
DIDH = "didh-morocco-fr-ar/DERIVED_from_dev_db"
TABLES = ("Organes", "Visites", "Cycles", "Axes", "SousAxes", "Organismes", "RecomOrgs")
ARABIC_QUERY = "الاتفاقية الدولية لحماية جميع الأشخاص من الاختفاء القسري"


@pytest.fixture
def moroccan_recs(shared_raw, tmp_path, reference_data):
    for name in TABLES:
        shutil.copy(shared_raw / DIDH / f"{name}.csv", tmp_path / f"{name}.csv")
    lines = (shared_raw / DIDH / "Recommendations.csv").read_text(encoding="utf-8").split("\n")
    (tmp_path / "Recommendations.csv").write_text("\n".join(lines[:4]) + "\n", encoding="utf-8")
    call_command("import", str(tmp_path / "Recommendations.csv"), verbosity=0)


def test_an_arabic_text_finds_the_recommendation_through_its_arabic_text(moroccan_recs):
    first = Recommendation.objects.get(natural_key="didh-mar#1")
    assert first.language == "fr"  # the Arabic text is only a RecommendationText
    out = io.StringIO()
    call_command(
        "classify", "similar", "--country", "MAR", "--text", ARABIC_QUERY, "--json", stdout=out
    )
    rows = json.loads(out.getvalue())
    assert rows[0]["id"] == first.pk
    assert rows[0]["language"] == "ar"
