"""The recommendation's JSON (portal and API) carries ``suggested`` labels beside confirmed ones."""

import pytest

from rightstrack.classify import actions
from rightstrack.classify.suggest import suggest_for

pytestmark = pytest.mark.django_db

KEYS = {"themes", "affected_persons", "sdgs", "sdg_targets", "upr_issues", "action_category"}


def test_coordinators_see_every_pending_suggestion_with_score_and_reason(
    pry_recommendation, coordinator, client_for
):
    suggest_for()
    data = client_for(coordinator).get(f"/recommendations/{pry_recommendation.pk}.json").json()
    assert set(data["suggested"]) == KEYS
    issues = {s["label"]: s for s in data["suggested"]["upr_issues"]}
    torture = issues["Torture and other CID treatment"]
    assert torture["reason"].startswith("keywords: ") and torture["score"] >= 0.6
    assert data["suggested"]["action_category"][0]["label"] == 4
    assert data["upr_issues"] == []  # confirmed labels stay apart


def test_public_json_shows_suggestions_only_once_published_above_the_threshold(
    pry_recommendation, coordinator, client
):
    suggest_for()
    url = f"/recommendations/{pry_recommendation.pk}.json"
    assert all(v == [] for v in client.get(url).json()["suggested"].values())
    actions.do_set_publication(coordinator, publish=True, threshold=0.6)
    shown = client.get(url).json()["suggested"]
    scores = [s["score"] for values in shown.values() for s in values]
    assert scores and min(scores) >= 0.6
    assert "Torture and other CID treatment" in [s["label"] for s in shown["upr_issues"]]


def test_api_detail_has_the_same_suggested_labels(pry_recommendation, coordinator, client):
    suggest_for()
    actions.do_set_publication(coordinator, publish=True, threshold=0.6)
    api = client.get(f"/api/v1/recommendations/{pry_recommendation.pk}").json()
    portal = client.get(f"/recommendations/{pry_recommendation.pk}.json").json()
    assert api["suggested"] == portal["suggested"]
    assert api["suggested"]["action_category"][0]["label"] == 4
