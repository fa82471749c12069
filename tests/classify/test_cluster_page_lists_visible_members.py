"""The cluster page lists its members with mechanism, symbol, paragraph as printed and
date, oldest first, and never shows a restricted recommendation below coordinator.

Members: A/HRC/43/15 para. 122.77 (2019) and A/HRC/59/15 para. 140.70 (2025), both
"Amend defamation legislation so that it is considered a civil, not criminal, offence
(United Kingdom...)" in the OHCHR thematic lists; plus a restricted recommendation made
for this test (it stands for a confidential record).
"""

from __future__ import annotations

import re

import pytest

from rightstrack.catalog.models import Recommendation, Visibility
from rightstrack.classify.models import Cluster, ClusterMember

pytestmark = pytest.mark.django_db
SECRET = "ZZCLUSTERSECRET"


@pytest.fixture
def defamation(slovenia_lists) -> Cluster:
    r3 = Recommendation.objects.get(natural_key="A/HRC/43/15#122.77")
    r4 = Recommendation.objects.get(natural_key="A/HRC/59/15#140.70")
    secret = Recommendation.objects.create(
        natural_key="TEST#secret",
        document=r4.document,
        paragraph="999",
        mechanism=r4.mechanism,
        country=r4.country,
        year=2025,
        text=f"{SECRET} defamation",
        visibility=Visibility.RESTRICTED,
    )
    cluster = Cluster.objects.create(country=r3.country)
    for rec in (r4, secret, r3):
        ClusterMember.objects.create(cluster=cluster, recommendation=rec)
    return cluster


def test_members_with_mechanism_symbol_paragraph_and_date(client, defamation):
    html = client.get(f"/classify/clusters/{defamation.pk}/").content.decode()
    rows = re.findall(
        r"<tr>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>", html
    )
    assert rows == [
        ("UPR · cycle 3", "A/HRC/43/15", "122.77", "2019"),
        ("UPR · cycle 4", "A/HRC/59/15", "140.70", "2025"),
    ]
    assert "2 recommendations, oldest first" in html
    assert "Candidate" in html
    assert SECRET not in html


def test_a_coordinator_sees_the_restricted_member(client_for, coordinator, defamation):
    html = client_for(coordinator).get(f"/classify/clusters/{defamation.pk}/").content.decode()
    assert SECRET in html
    assert "3 recommendations, oldest first" in html
    assert 'name="recommendation"' in html  # the split form


def test_a_cluster_of_restricted_records_only_is_not_found(
    client, client_for, coordinator, defamation
):
    only = Recommendation.objects.get(natural_key="TEST#secret")
    hidden = Cluster.objects.create(country=only.country)
    ClusterMember.objects.create(cluster=hidden, recommendation=only)
    assert client.get(f"/classify/clusters/{hidden.pk}/").status_code == 404
    assert client.get("/classify/clusters/999999/").status_code == 404
    assert client_for(coordinator).get(f"/classify/clusters/{hidden.pk}/").status_code == 200
