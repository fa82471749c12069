"""A plan, an action and an indicator that address a cluster (recommendations asking
the same thing) show on the page of every member, not only of the recommendations the
action names.

Members: A/HRC/43/15 para. 122.77 and A/HRC/59/15 para. 140.70, Slovenia's cycle 3 and
cycle 4 recommendations to make defamation a civil, not criminal, offence (OHCHR
thematic lists).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rightstrack.catalog.models import Recommendation
from rightstrack.classify.models import Cluster, ClusterMember
from rightstrack.ingest.pipeline import import_file
from rightstrack.tracking import actions as verbs

pytestmark = pytest.mark.django_db
LISTS = Path(__file__).resolve().parents[2] / "data" / "sample" / "thematic-lists"


def test_the_plan_action_and_indicator_show_on_both_members(client, coordinator, reference_data):
    for name in (
        "UPR34_Slovenia_Thematic_list_of_Recommendations.docx",
        "upr48-slovenia-thematic-list-of-recommendatio.docx",
    ):
        assert import_file(LISTS / name).status == "succeeded"
    r3 = Recommendation.objects.get(natural_key="A/HRC/43/15#122.77")
    r4 = Recommendation.objects.get(natural_key="A/HRC/59/15#140.70")
    cluster = Cluster.objects.create(country=r3.country)
    for rec in (r3, r4):
        ClusterMember.objects.create(cluster=cluster, recommendation=rec)
    plan = verbs.do_create_plan(coordinator, title="Media freedom plan 2026", cluster=cluster)
    action = verbs.do_create_action(
        coordinator, plan, title="Draft the civil defamation bill", cluster=cluster
    )
    verbs.do_add_indicator(
        coordinator, action, name="Bill tabled in the National Assembly", cluster=cluster
    )
    assert action.recommendations.count() == 0  # it names no recommendation itself
    for rec in (r3, r4):
        html = client.get(f"/recommendations/{rec.pk}/").content.decode()
        assert "Draft the civil defamation bill" in html
        assert "Media freedom plan 2026" in html
        assert "Bill tabled in the National Assembly" in html
    other = Recommendation.objects.get(natural_key="A/HRC/59/15#140.7")
    assert (
        "Draft the civil defamation bill"
        not in client.get(f"/recommendations/{other.pk}/").content.decode()
    )
