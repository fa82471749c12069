"""The import pipeline's classify step: new recommendations get suggestions in every taxonomy."""

import pytest
from django.core.management import call_command

from rightstrack.catalog.models import Recommendation, UprIssue
from rightstrack.classify.models import Suggestion
from rightstrack.ingest.pipeline import import_file

pytestmark = pytest.mark.django_db

TAXONOMIES = {"theme", "affected_group", "sdg_goal", "sdg_target", "upr_issue", "action_category"}


def test_every_imported_recommendation_has_suggestions_in_each_taxonomy(reference_data, upr_head):
    run = import_file(upr_head)
    assert run.status == "succeeded"
    assert run.created == Recommendation.objects.count() == 400
    per_rec = {}
    for rec_id, tax in Suggestion.objects.values_list("recommendation_id", "taxonomy"):
        per_rec.setdefault(rec_id, set()).add(tax)
    assert len(per_rec) == 400
    assert all(taxes == TAXONOMIES for taxes in per_rec.values())


def test_a_suggested_label_the_source_already_gives_is_stored_as_accepted(reference_data, upr_head):
    import_file(upr_head)
    # 1-5.csv, Afghanistan (session 5), Denmark: "Take further steps to eliminate torture
    # and other cruel, inhuman or degrading treatment ..." tagged "Torture and other CID
    # treatment" by UPR Info.
    rec = Recommendation.objects.get(text__startswith="Take further steps to eliminate torture")
    torture = UprIssue.objects.get(name="Torture and other CID treatment")
    s = Suggestion.objects.get(recommendation=rec, taxonomy="upr_issue", label_id=torture.pk)
    assert s.status == "accepted"
    assert "torture" in s.reason


def test_import_with_no_suggest_leaves_recommendations_untagged(reference_data, upr_head):
    call_command("import", str(upr_head), "--no-suggest", verbosity=0)
    assert Recommendation.objects.count() == 400
    assert not Suggestion.objects.exists()
    call_command("classify", "suggest", verbosity=0)
    assert Suggestion.objects.values("recommendation_id").distinct().count() == 400
