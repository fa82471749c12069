"""``rightstrack classify similar`` finds, for a Slovenian UPR cycle 3 recommendation,
the cycle 4 recommendation a person pairs with it, in its top 5.

Pairs read in the two OHCHR thematic lists (tests/samples/consolidation, labelled
"same"): A/HRC/43/15 para. 122.1 "Complete the process of ratification of the Optional
Protocol to the International Covenant on Economic, Social and Cultural Rights
(Senegal)" / A/HRC/59/15 para. 140.7 "Ratify the Optional Protocol to the International
Covenant on Economic, Social and Cultural Rights (Maldives) (Portugal)"; 122.77 / 140.70
(defamation a civil, not criminal, offence); 122.127 / 140.230 (the Croatian community
recognised as an autochthonous national minority).
"""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from rightstrack.catalog.models import Recommendation

pytestmark = pytest.mark.django_db

PAIRS = [("122.1", "140.7"), ("122.77", "140.70"), ("122.127", "140.230")]


def similar(*args: str) -> list[dict]:
    out = io.StringIO()
    call_command("classify", "similar", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.parametrize(("cycle3", "cycle4"), PAIRS)
def test_a_cycle_3_recommendation_finds_its_cycle_4_counterpart(slovenia_lists, cycle3, cycle4):
    text = Recommendation.objects.get(natural_key=f"A/HRC/43/15#{cycle3}").text
    rows = similar("--country", "SVN", "--document", "A/HRC/59/15", "--text", text, "--limit", "5")
    assert cycle4 in [r["paragraph"] for r in rows]
    assert {r["symbol"] for r in rows} == {"A/HRC/59/15"}
    assert rows == sorted(rows, key=lambda r: -r["score"])
    assert all(0 < r["score"] <= 1 for r in rows)


def test_without_a_document_the_whole_country_is_searched(slovenia_lists):
    text = Recommendation.objects.get(natural_key="A/HRC/43/15#122.77").text
    rows = similar("--country", "svn", "--text", text, "--limit", "5")
    # The text itself comes first, then its cycle 4 counterpart.
    assert [(r["symbol"], r["paragraph"]) for r in rows[:2]] == [
        ("A/HRC/43/15", "122.77"),
        ("A/HRC/59/15", "140.70"),
    ]
    assert rows[0]["mechanism"] == "UPR" and rows[0]["upr_cycle"] == 3
    assert rows[1]["url"] == f"/recommendations/{rows[1]['id']}/"


def test_an_unknown_country_is_an_error():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="unknown country"):
        similar("--country", "XXX", "--text", "ratify")
