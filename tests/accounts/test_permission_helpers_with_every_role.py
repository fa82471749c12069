"""Each permission helper, with every role of the cast (the one place protected objects
are fetched: accounts.permissions for catalogue records, tracking.permissions for
tracking records)."""

from __future__ import annotations

import pytest
from django.http import Http404

from rightstrack.accounts import permissions as acc
from rightstrack.tracking import permissions as trk

pytestmark = pytest.mark.django_db

LOW = ["anonymous", "viewer", "contributor", "focal_point_a", "focal_point_b", "validator"]
HIGH = ["coordinator", "admin"]
RANKS = {
    "admin": 60,
    "coordinator": 50,
    "validator": 40,
    "focal_point_a": 30,
    "focal_point_b": 30,
    "contributor": 20,
    "viewer": 10,
    "anonymous": 0,
}


def _public(w, kind):
    return {o.pk for o in w.objects[kind] if o not in w.confidential.get(kind, [])}


def _all(w, kind):
    return {o.pk for o in w.objects[kind]}


@pytest.mark.parametrize("role", list(RANKS))
def test_user_rank_follows_the_role(role, cast):
    assert acc.user_rank(cast[role]) == RANKS[role]
    assert acc.can_see_restricted(cast[role]) is (role in HIGH)


def test_an_inactive_coordinator_ranks_as_anonymous(coordinator):
    coordinator.is_active = False
    assert acc.user_rank(coordinator) == 0
    assert acc.can_see_restricted(coordinator) is False


# Catalogue helpers -------------------------------------------------------------------


@pytest.mark.parametrize("role", LOW + HIGH)
def test_visible_recommendations_and_documents(role, cast, full_world):
    w, user = full_world, cast[role]
    pick = _all if role in HIGH else _public

    assert set(acc.visible_recommendations(user).values_list("pk", flat=True)) == pick(
        w, "recommendation"
    )
    assert set(acc.visible_documents(user).values_list("pk", flat=True)) == pick(w, "document")


@pytest.mark.parametrize("role", LOW + HIGH)
def test_get_helpers_hide_restricted_catalogue_records_with_404(role, cast, full_world):
    w, user = full_world, cast[role]
    for rec in w.confidential["recommendation"]:
        if role in HIGH:
            assert acc.get_recommendation_for_user(user, rec.pk) == rec
        else:
            with pytest.raises(Http404):
                acc.get_recommendation_for_user(user, rec.pk)
    spt_report = w.confidential["document"][0]
    if role in HIGH:
        assert acc.get_document_for_user(user, spt_report.pk) == spt_report
    else:
        with pytest.raises(Http404):
            acc.get_document_for_user(user, spt_report.pk)
    public_rec = w.objects["recommendation"][0]
    assert acc.get_recommendation_for_user(user, public_rec.pk) == public_rec


@pytest.mark.parametrize("role", LOW + HIGH)
def test_visible_follow_up_requests(role, cast, full_world):
    seen = set(acc.visible_follow_up_requests(cast[role]).values_list("pk", flat=True))

    pick = _all if role in HIGH else _public
    assert seen == pick(full_world, "follow_up")
    assert len(seen) == (3 if role in HIGH else 1)


@pytest.mark.parametrize("bad", ["abc", None, 10**9, "1 OR 1=1"])
def test_get_helpers_answer_404_for_malformed_or_missing_ids(bad, coordinator):
    with pytest.raises(Http404):
        acc.get_recommendation_for_user(coordinator, bad)
    with pytest.raises(Http404):
        acc.get_document_for_user(coordinator, bad)


def test_archived_records_are_hidden_even_from_coordinators(world, coordinator):
    rec = world.objects["recommendation"][0]
    rec.is_archived = True
    rec.save()

    with pytest.raises(Http404):
        acc.get_recommendation_for_user(coordinator, rec.pk)


# Tracking helpers --------------------------------------------------------------------

TRACKING = {
    "plan": (trk.visible_plans, trk.get_plan_for_user),
    "action": (trk.visible_actions, trk.get_action_for_user),
    "assessment": (trk.visible_assessments, trk.get_assessment_for_user),
    "assignment": (trk.visible_assignments, trk.get_assignment_for_user),
    "indicator": (None, trk.get_indicator_for_user),
    "measurement": (None, trk.get_measurement_for_user),
    "evidence": (None, trk.get_evidence_for_user),
}


@pytest.mark.parametrize("kind", list(TRACKING))
@pytest.mark.parametrize("role", LOW + HIGH)
def test_tracking_helpers_hide_confidential_records_below_coordinator(role, kind, cast, full_world):
    w, user = full_world, cast[role]
    visible, get = TRACKING[kind]
    if visible is not None:
        seen = set(visible(user).values_list("pk", flat=True))
        if role in HIGH:
            assert seen == _all(w, kind)
        else:
            assert seen == _public(w, kind)
    for obj in w.confidential[kind]:
        if role in HIGH:
            assert get(user, obj.pk).pk == obj.pk
        else:
            with pytest.raises(Http404):
                get(user, obj.pk)
    for pk in _public(w, kind):
        assert get(user, pk).pk == pk


# Hidden names ------------------------------------------------------------------------


@pytest.mark.parametrize("role", LOW + HIGH)
def test_public_name_hides_a_contributor_who_asked_from_everyone_below_coordinator(role, cast):
    contributor = cast["contributor"]
    name = acc.public_name(contributor, cast[role])

    if role in HIGH or role == "contributor":
        assert name == "Ximena Zorrilla-Quintanar"
    else:
        assert name == "Anonymous contributor"
    assert acc.public_name(contributor, None) == "Anonymous contributor"


@pytest.mark.parametrize("role", LOW + HIGH)
def test_public_name_shows_people_who_did_not_ask(role, cast):
    assert acc.public_name(cast["focal_point_a"], cast[role]) == "Fatou Alpha"
    assert acc.public_name(None, cast[role]) == ""


def test_history_pages_name_people_through_public_name(cast):
    """A user shown in a record's history (an assessment's author) follows the same rule."""
    from rightstrack.tracking.history import _show
    from rightstrack.tracking.models import Assessment

    author = Assessment._meta.get_field("author")
    for role in LOW + HIGH:
        for person in (cast["contributor"], cast["focal_point_b"]):
            shown = _show(author, person.pk, cast[role])
            assert shown == acc.public_name(person, cast[role])
    assert _show(author, cast["contributor"].pk, cast["viewer"]) == "Anonymous contributor"
