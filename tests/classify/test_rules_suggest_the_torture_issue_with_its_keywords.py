"""A Human Rights Committee paragraph on torture gets the torture labels, with the keywords."""

import pytest

from rightstrack.catalog.models import ActionCategory, Theme, UprIssue
from rightstrack.classify.models import Suggestion
from rightstrack.classify.suggest import suggest_for

pytestmark = pytest.mark.django_db


def test_torture_paragraph_gets_the_torture_issue_with_the_keyword_as_reason(pry_recommendation):
    suggest_for()
    torture = UprIssue.objects.get(name="Torture and other CID treatment")
    s = Suggestion.objects.get(
        recommendation=pry_recommendation, taxonomy="upr_issue", label_id=torture.pk
    )
    assert s.status == "suggested"
    assert s.reason.startswith("keywords: ")
    assert "torture" in s.reason and "cruel" in s.reason
    assert s.score >= 0.6


def test_torture_paragraph_gets_the_uhri_torture_theme(pry_recommendation):
    suggest_for()
    theme = Theme.objects.get(
        slug="prohibition-of-torture-and-cruel-inhuman-or-degrading-treatment"
    )
    s = Suggestion.objects.get(
        recommendation=pry_recommendation, taxonomy="theme", label_id=theme.pk
    )
    assert "torture" in s.reason


def test_leading_verb_guarantee_gives_action_category_4(pry_recommendation):
    # UPR Info: "guarantee" is a verb of category 4, general action.
    suggest_for()
    [s] = Suggestion.objects.filter(recommendation=pry_recommendation, taxonomy="action_category")
    assert s.label_id == ActionCategory.objects.get(number=4).pk
    assert s.reason == "keywords: guarantee"


def test_every_taxonomy_gets_a_suggestion_and_nothing_is_confirmed(pry_recommendation):
    suggest_for()
    assert set(
        Suggestion.objects.filter(recommendation=pry_recommendation).values_list(
            "taxonomy", flat=True
        )
    ) == {"theme", "affected_group", "sdg_goal", "sdg_target", "upr_issue", "action_category"}
    pry_recommendation.refresh_from_db()
    assert pry_recommendation.action_category is None
    assert not pry_recommendation.upr_issues.exists()
    assert not pry_recommendation.themes.exists()
