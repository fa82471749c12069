"""Accepting a suggestion confirms the label with history; a rejected one never comes back."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from rightstrack.catalog.models import Theme, UprIssue
from rightstrack.classify import actions
from rightstrack.classify.models import Suggestion
from rightstrack.classify.suggest import suggest_for

pytestmark = pytest.mark.django_db

TORTURE_THEME = "prohibition-of-torture-and-cruel-inhuman-or-degrading-treatment"


def _suggestion(rec, taxonomy, label):
    return Suggestion.objects.get(recommendation=rec, taxonomy=taxonomy, label_id=label.pk)


def test_accepting_confirms_the_label_and_records_who_and_why(pry_recommendation, coordinator):
    suggest_for()
    theme = Theme.objects.get(slug=TORTURE_THEME)
    s = _suggestion(pry_recommendation, "theme", theme)
    actions.do_accept_suggestion(coordinator, s)
    pry_recommendation.refresh_from_db()
    assert list(pry_recommendation.themes.all()) == [theme]
    s.refresh_from_db()
    assert (s.status, s.decided_by) == ("accepted", coordinator)
    last = s.history.latest()
    assert (last.status, last.history_user, last.history_change_reason) == (
        "accepted",
        coordinator,
        "accepted",
    )
    rec_history = pry_recommendation.history.latest()
    assert rec_history.history_user == coordinator
    assert rec_history.history_change_reason == (
        "label accepted: theme Prohibition of torture & cruel, inhuman or degrading treatment"
    )


def test_a_rejected_label_is_never_suggested_again(pry_recommendation, coordinator):
    suggest_for()
    torture = UprIssue.objects.get(name="Torture and other CID treatment")
    s = _suggestion(pry_recommendation, "upr_issue", torture)
    actions.do_reject_suggestion(coordinator, s)
    assert s.history.latest().history_change_reason == "rejected"
    suggest_for(Q(pk=pry_recommendation.pk))
    again = Suggestion.objects.filter(
        recommendation=pry_recommendation, taxonomy="upr_issue", label_id=torture.pk
    )
    assert [x.status for x in again] == ["rejected"]
    assert not pry_recommendation.upr_issues.exists()


def test_bulk_review_accepts_each_with_its_own_history(pry_recommendation, coordinator):
    suggest_for()
    pending = list(Suggestion.objects.pending().filter(taxonomy__in=["theme", "upr_issue"]))
    assert actions.do_review_suggestions(coordinator, pending, accept=True) == len(pending)
    assert pry_recommendation.themes.count() + pry_recommendation.upr_issues.count() == len(pending)
    assert all(s.history.count() == 1 for s in pending)


@pytest.mark.parametrize(
    "role", ["focal_point_a", "validator", "contributor", "viewer", "anonymous"]
)
def test_only_coordinators_and_admins_may_review(pry_recommendation, cast, role):
    suggest_for()
    s = Suggestion.objects.pending().first()
    with pytest.raises(PermissionDenied):
        actions.do_accept_suggestion(cast[role], s)
    with pytest.raises(PermissionDenied):
        actions.do_reject_suggestion(cast[role], s)
    s.refresh_from_db()
    assert s.status == "suggested"
    assert not pry_recommendation.themes.exists()


def test_retraining_uses_new_confirmations(pry_recommendation, coordinator):
    from rightstrack.classify.training import training_data

    suggest_for()
    before = training_data()
    assert pry_recommendation.pk not in before.ids
    s = _suggestion(pry_recommendation, "theme", Theme.objects.get(slug=TORTURE_THEME))
    actions.do_accept_suggestion(coordinator, s)
    after = training_data()
    assert pry_recommendation.pk in after.ids
    assert after.digest() != before.digest()


def test_classify_train_retrains_on_an_acceptance_not_on_a_rejection(
    pry_recommendation, coordinator, upr_head
):
    import io

    from django.core.management import call_command

    from rightstrack.classify import modelfile
    from rightstrack.ingest.pipeline import import_file

    def train() -> str:
        out = io.StringIO()
        call_command("classify", "train", stdout=out)
        return out.getvalue()

    import_file(upr_head)  # 400 UPR Info rows: confirmed issues and action categories
    suggest_for()
    assert train().startswith("trained ")
    assert train() == "training data unchanged: model kept\n"
    before = modelfile.load()
    assert before is not None
    # Reject one suggestion: rejections are not training data, so nothing changes.
    torture = UprIssue.objects.get(name="Torture and other CID treatment")
    actions.do_reject_suggestion(coordinator, _suggestion(pry_recommendation, "upr_issue", torture))
    assert train() == "training data unchanged: model kept\n"
    s = _suggestion(pry_recommendation, "theme", Theme.objects.get(slug=TORTURE_THEME))
    actions.do_accept_suggestion(coordinator, s)
    assert train().startswith("trained ")
    after = modelfile.load()
    assert after is not None and after.data_hash != before.data_hash
    # The rejected label does not come back, even when every recommendation is suggested
    # for again with the new model.
    call_command("classify", "suggest", "--all", stdout=io.StringIO())
    again = Suggestion.objects.filter(
        recommendation=pry_recommendation, taxonomy="upr_issue", label_id=torture.pk
    )
    assert [x.status for x in again] == ["rejected"]
