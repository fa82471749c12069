"""The review queue and the accept/reject buttons: coordinators only; outsiders are refused."""

import pytest

from rightstrack.catalog.models import Theme
from rightstrack.classify.models import Suggestion
from rightstrack.classify.suggest import suggest_for

pytestmark = pytest.mark.django_db

TORTURE_THEME = "prohibition-of-torture-and-cruel-inhuman-or-degrading-treatment"


def test_coordinator_sees_the_queue_filtered_by_taxonomy_label_and_score(
    pry_recommendation, coordinator, client_for
):
    suggest_for()
    page = client_for(coordinator).get(
        "/classify/review/", {"taxonomy": "theme", "label": "torture", "min_score": "0.5"}
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "Prohibition of torture &amp; cruel, inhuman or degrading treatment" in html
    assert "Guarantee that all allegations of torture" in html
    assert "Persons deprived of their liberty" not in html  # another taxonomy


def test_coordinator_accepts_from_the_recommendation_page(
    pry_recommendation, coordinator, client_for
):
    suggest_for()
    client = client_for(coordinator)
    page = client.get(f"/recommendations/{pry_recommendation.pk}/")
    assert "Suggested labels" in page.content.decode()
    theme = Theme.objects.get(slug=TORTURE_THEME)
    s = Suggestion.objects.get(
        recommendation=pry_recommendation, taxonomy="theme", label_id=theme.pk
    )
    response = client.post(f"/classify/suggestions/{s.pk}/accept/")
    assert response.status_code == 302
    assert list(pry_recommendation.themes.all()) == [theme]


def test_bulk_reject_from_the_queue(pry_recommendation, coordinator, client_for):
    suggest_for()
    ids = list(
        Suggestion.objects.pending().filter(taxonomy="sdg_target").values_list("pk", flat=True)
    )
    response = client_for(coordinator).post("/classify/review/", {"ids": ids, "decision": "reject"})
    assert response.status_code == 302
    assert set(Suggestion.objects.filter(pk__in=ids).values_list("status", flat=True)) == {
        "rejected"
    }


@pytest.mark.parametrize("role", ["focal_point_a", "validator", "contributor", "viewer"])
def test_other_roles_are_refused(pry_recommendation, cast, client_for, role):
    suggest_for()
    s = Suggestion.objects.pending().first()
    client = client_for(cast[role])
    assert client.get("/classify/review/").status_code == 403
    assert client.post(f"/classify/suggestions/{s.pk}/accept/").status_code == 403
    assert (
        client.post("/classify/publication/", {"publish": "on", "threshold": "0"}).status_code
        == 403
    )
    s.refresh_from_db()
    assert s.status == "suggested"
    page = client.get(f"/recommendations/{pry_recommendation.pk}/").content.decode()
    assert "Suggested labels" not in page


def test_anonymous_visitors_are_sent_to_log_in(pry_recommendation, client):
    suggest_for()
    s = Suggestion.objects.pending().first()
    assert client.get("/classify/review/").status_code == 302
    assert client.post(f"/classify/suggestions/{s.pk}/reject/").status_code == 302
    s.refresh_from_db()
    assert s.status == "suggested"
