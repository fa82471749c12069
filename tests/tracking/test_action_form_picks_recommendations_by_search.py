"""The "New action" form of a Paraguay plan links recommendations through the search
picker: it lists only the chosen ones and the results of a search scoped to the plan's
country, so its size does not grow with the catalogue.

Hand-checked in CCPR/C/PRY/CO/4 (raw/ccpr-co-rolandccpr/CCPR_C_PRY_CO_4.txt): para. 28 is
the concern about pretrial detention ("78 per cent of the prison population"); para. 29
"The State party should: (a) Continue its reforms to significantly reduce the use of
pretrial detention ..." is its recommendation and a follow-up paragraph (para. 47).
"""

from __future__ import annotations

import datetime as dt

import pytest

from rightstrack.catalog.models import Country, Document, Recommendation
from rightstrack.ingest.pipeline import import_file
from rightstrack.tracking.actions import do_create_plan
from rightstrack.tracking.models import Action

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def paraguay_plan(shared_raw, reference_data, coordinator):
    run = import_file(shared_raw / "ccpr-co-rolandccpr/CCPR_C_PRY_CO_4.txt")
    assert run.status == "succeeded", run.errors
    doc = Document.objects.get(symbol="CCPR/C/PRY/CO/4")
    # 3,000 recommendations of another country, which must never reach the page.
    other = Country.objects.get(iso3="BRA")
    Recommendation.objects.bulk_create(
        Recommendation(
            natural_key=f"test-other#{i}",
            document=doc,
            paragraph=str(1000 + i),
            order=1000 + i,
            mechanism=doc.mechanism,
            country=other,
            text=f"Pretrial detention recommendation number {i} to another State.",
        )
        for i in range(3000)
    )
    return do_create_plan(
        coordinator,
        title="Plan de seguimiento CCPR 2019",
        kind="advocacy",
        owner=coordinator.organisation,
        country=Country.objects.get(iso3="PRY"),
        period_start=dt.date(2019, 8, 1),
    )


def _url(plan):
    return f"/tracking/plans/{plan.pk}/actions/new/"


def test_the_empty_form_is_small_and_lists_no_recommendation(
    paraguay_plan, coordinator, client_for
):
    page = client_for(coordinator).get(_url(paraguay_plan))
    assert page.status_code == 200
    assert len(page.content) < 100_000
    assert 'name="recommendations"' not in page.text  # no checkbox until a search
    assert 'src="/static/tracking/picker.js"' in page.text


def test_find_without_javascript_shows_paragraph_29_by_number_and_by_word(
    paraguay_plan, coordinator, client_for
):
    client = client_for(coordinator)
    by_number = client.post(
        _url(paraguay_plan),
        {
            "title": "Reduce pretrial detention",
            "recommendations_q": "29",
            "_find": "recommendations",
        },
    )
    assert by_number.status_code == 200
    assert "CCPR/C/PRY/CO/4 ¶ 29" in by_number.text
    assert "CCPR/C/PRY/CO/4 ¶ 28" not in by_number.text
    assert 'value="Reduce pretrial detention"' in by_number.text  # what was typed is kept
    assert Action.objects.count() == 0  # a search saves nothing

    by_word = client.post(
        _url(paraguay_plan), {"recommendations_q": "pretrial", "_find": "recommendations"}
    )
    found = by_word.text
    assert "CCPR/C/PRY/CO/4 ¶ 28" in found and "CCPR/C/PRY/CO/4 ¶ 29" in found
    assert "another State" not in found  # scoped to Paraguay
    assert len(by_word.content) < 100_000


def test_the_checked_result_is_saved_on_the_action(paraguay_plan, coordinator, client_for):
    para_29 = Recommendation.objects.get(document__symbol="CCPR/C/PRY/CO/4", paragraph="29")
    client = client_for(coordinator)
    saved = client.post(
        _url(paraguay_plan),
        {
            "title": "Reduce pretrial detention",
            "status": "planned",
            "recommendations": [para_29.pk],
        },
    )
    action = Action.objects.get()
    assert saved["Location"] == f"/tracking/actions/{action.pk}/"
    assert list(action.recommendations.all()) == [para_29]
    edit = client.get(f"/tracking/actions/{action.pk}/edit/")
    assert f'value="{para_29.pk}" checked' in edit.text


def test_a_recommendation_of_another_country_is_refused(paraguay_plan, coordinator, client_for):
    elsewhere = Recommendation.objects.get(natural_key="test-other#7")
    page = client_for(coordinator).post(
        _url(paraguay_plan),
        {"title": "Out of scope", "status": "planned", "recommendations": [elsewhere.pk]},
    )
    assert page.status_code == 200
    assert Action.objects.count() == 0


def test_the_search_endpoint_answers_as_the_user_types(paraguay_plan, coordinator, client_for):
    client = client_for(coordinator)
    fragment = client.get("/tracking/picker/?name=recommendations&country=PRY&q=pretrial")
    assert fragment.status_code == 200
    assert "CCPR/C/PRY/CO/4 ¶ 29" in fragment.text
    assert "<html" not in fragment.text
    assert "another State" not in fragment.text
    assert client_for(None).get("/tracking/picker/?q=29").status_code == 302  # login first
