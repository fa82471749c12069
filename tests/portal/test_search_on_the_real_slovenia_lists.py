"""On the real Slovenia thematic lists bundled in data/sample, "torture" with
country=SVN finds what a person finds by reading the lists, and the same number as a
direct SQL count on the index.

Checked by hand in UPR34_Slovenia_Thematic_list_of_Recommendations.docx (cycle 3):
three recommendations carry the theme "Prohibition of torture & cruel, inhuman or
degrading treatment" (121.52 Peru, 122.71 Uzbekistan, 122.153 Cyprus) and no other
text mentions torture; the cycle 4 list (upr48-slovenia-...docx) never mentions it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from rightstrack.ingest.pipeline import import_file

from .test_search_count_matches_direct_sql import direct_sql_count

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "thematic-lists"


@pytest.mark.django_db
def test_torture_in_the_real_slovenia_lists(reference_data):
    for name in [
        "UPR34_Slovenia_Thematic_list_of_Recommendations.docx",
        "upr48-slovenia-thematic-list-of-recommendatio.docx",
    ]:
        assert import_file(SAMPLE / name).status == "succeeded"
    data = Client().get("/recommendations.json", {"q": "torture", "country": "SVN"}).json()
    assert data["count"] == direct_sql_count("torture", "SVN") == 3
    assert sorted(r["paragraph"] for r in data["results"]) == ["121.52", "122.153", "122.71"]
    by_para = {r["paragraph"]: r for r in data["results"]}
    assert by_para["122.153"]["recommending_states"] == ["CYP"]
    assert by_para["122.153"]["position"] == "noted"
    assert by_para["121.52"]["position"] == "supported"
