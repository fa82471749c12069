"""Confirming and splitting a cluster (coordinators only) write history with the person
and the reason; an edit based on an old version is refused; people below coordinator are
refused, in the verbs and through the pages.

Members: Slovenia's cycle 3 and cycle 4 recommendations on the Convention on the
Reduction of Statelessness (A/HRC/43/15 paras. 122.7, 122.8; A/HRC/59/15 para. 140.12),
and 140.70 (defamation), which a person takes out of the group.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rightstrack.catalog.models import Recommendation
from rightstrack.classify import actions
from rightstrack.classify.models import Cluster, ClusterMember

pytestmark = pytest.mark.django_db


def rec(key: str) -> Recommendation:
    return Recommendation.objects.get(natural_key=key)


@pytest.fixture
def statelessness(slovenia_lists) -> Cluster:
    cluster = Cluster.objects.create(country=rec("A/HRC/43/15#122.7").country)
    for key in (
        "A/HRC/43/15#122.7",
        "A/HRC/43/15#122.8",
        "A/HRC/59/15#140.12",
        "A/HRC/59/15#140.70",
    ):
        ClusterMember.objects.create(cluster=cluster, recommendation=rec(key))
    return cluster


def test_confirming_writes_history(coordinator, statelessness):
    done = actions.do_confirm_cluster(coordinator, statelessness, 1, note="checked the texts")
    assert done.status == Cluster.Status.CONFIRMED
    assert done.confirmed_by == coordinator and done.version == 2
    last = done.history.latest()
    assert last.history_user == coordinator
    assert last.history_change_reason == "confirmed: checked the texts"
    assert last.status == "confirmed"


def test_splitting_moves_members_and_writes_history(coordinator, statelessness):
    odd = rec("A/HRC/59/15#140.70")
    new = actions.do_split_cluster(coordinator, statelessness, [odd.pk], 1, note="defamation")
    statelessness.refresh_from_db()
    assert statelessness.status == new.status == Cluster.Status.CONFIRMED
    assert set(new.members.filter(is_active=True).values_list("recommendation_id", flat=True)) == {
        odd.pk
    }
    assert statelessness.members.filter(is_active=True).count() == 3
    old = statelessness.members.get(recommendation=odd)
    assert old.is_active is False
    assert old.history.latest().history_user == coordinator
    assert old.history.latest().history_change_reason == "split: defamation"
    assert new.history.latest().history_user == coordinator


def test_an_old_version_is_refused(coordinator, statelessness):
    actions.do_confirm_cluster(coordinator, statelessness, 1)
    with pytest.raises(actions.StaleCluster):
        actions.do_confirm_cluster(coordinator, statelessness, 1)


def test_splitting_needs_some_but_not_all_members(coordinator, statelessness):
    ids = list(statelessness.members.values_list("recommendation_id", flat=True))
    with pytest.raises(ValidationError):
        actions.do_split_cluster(coordinator, statelessness, ids, 1)
    with pytest.raises(ValidationError):
        actions.do_split_cluster(coordinator, statelessness, [], 1)  # nothing was saved


def test_a_confirmed_cluster_is_left_alone_by_the_command(coordinator, statelessness):
    from django.core.management import call_command

    actions.do_confirm_cluster(coordinator, statelessness, 1)
    call_command("classify", "cluster", "--country", "SVN", verbosity=0)
    statelessness.refresh_from_db()
    assert statelessness.status == Cluster.Status.CONFIRMED
    assert statelessness.members.filter(is_active=True).count() == 4
    # No candidate cluster takes one of its members again.
    assert not ClusterMember.objects.filter(
        cluster__status=Cluster.Status.CANDIDATE,
        recommendation__in=statelessness.members.values("recommendation"),
    ).exists()


@pytest.mark.parametrize("role", ["focal_point_a", "validator", "contributor", "viewer"])
def test_people_below_coordinator_are_refused(cast, statelessness, role):
    with pytest.raises(PermissionDenied):
        actions.do_confirm_cluster(cast[role], statelessness, 1)
    with pytest.raises(PermissionDenied):
        actions.do_split_cluster(cast[role], statelessness, [rec("A/HRC/59/15#140.70").pk], 1)
    statelessness.refresh_from_db()
    assert statelessness.status == Cluster.Status.CANDIDATE and statelessness.version == 1


def test_the_pages_refuse_and_accept(client, client_for, cast, statelessness):
    url = f"/classify/clusters/{statelessness.pk}/confirm/"
    anonymous = client.post(url, {"version": "1"})
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert client_for(cast["focal_point_a"]).post(url, {"version": "1"}).status_code == 403
    assert client_for(cast["coordinator"]).get(url).status_code == 405
    done = client_for(cast["coordinator"]).post(url, {"version": "1", "note": "same ask"})
    assert done.status_code == 302
    statelessness.refresh_from_db()
    assert statelessness.status == Cluster.Status.CONFIRMED
    split = client_for(cast["coordinator"]).post(
        f"/classify/clusters/{statelessness.pk}/split/",
        {"version": "2", "recommendation": [str(rec("A/HRC/59/15#140.70").pk)]},
    )
    assert split.status_code == 302
    assert statelessness.members.filter(is_active=True).count() == 3
