"""A real repeated UPR recommendation: Slovenia was asked to ratify the Optional Protocol
to the International Covenant on Economic, Social and Cultural Rights in UPR cycle 3
(A/HRC/43/15 para. 122.1, Senegal) and again in cycle 4 (A/HRC/59/15 para. 140.7,
Maldives and Portugal; 140.8 Spain) — read in the two OHCHR thematic lists.

After ``rightstrack classify cluster``, the cycle 4 page says it was asked before in
UPR cycle 3 and links 122.1; ``?repeated=1`` lists 140.7 and not 122.1 (nothing earlier
in these two lists asks it).
"""

from __future__ import annotations

import pytest
from django.core.management import call_command

from rightstrack.catalog.models import Recommendation

pytestmark = pytest.mark.django_db


@pytest.fixture
def clustered(slovenia_lists) -> None:
    call_command("classify", "cluster", "--country", "SVN", verbosity=0)


def test_the_cycle_4_page_names_the_earlier_cycle(client, clustered):
    r140_7 = Recommendation.objects.get(natural_key="A/HRC/59/15#140.7")
    r122_1 = Recommendation.objects.get(natural_key="A/HRC/43/15#122.1")
    html = client.get(f"/recommendations/{r140_7.pk}/").content.decode()
    assert "Recommended again" in html
    assert "Asked before in 1 earlier UPR cycle (3)" in html
    assert f'href="/recommendations/{r122_1.pk}/"' in html
    assert "A/HRC/43/15, para. 122.1" in html


def test_the_cycle_3_page_has_nothing_earlier(client, clustered):
    r122_1 = Recommendation.objects.get(natural_key="A/HRC/43/15#122.1")
    html = client.get(f"/recommendations/{r122_1.pk}/").content.decode()
    assert "No earlier recommendation of the same ask was found." in html


def test_the_repeated_filter_keeps_recommendations_asked_before(client, clustered):
    data = client.get(
        "/recommendations.json", {"country": "SVN", "repeated": "1", "q": "Covenant"}
    ).json()
    paragraphs = {r["paragraph"] for r in data["results"]}
    assert {"140.7", "140.8"} <= paragraphs
    assert "122.1" not in paragraphs
    assert data["query"]["repeated"] == "1"
    every = client.get("/recommendations.json", {"country": "SVN", "q": "Covenant"}).json()
    assert "122.1" in {r["paragraph"] for r in every["results"]}
    html = client.get("/recommendations/", {"country": "SVN", "repeated": "1"}).content.decode()
    assert 'name="repeated" value="1" id="f-repeated" checked' in html
