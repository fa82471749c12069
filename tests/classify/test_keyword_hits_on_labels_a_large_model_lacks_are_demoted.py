"""A keyword hit on a label the model has no model for: kept beside the best candidate
only while the model learned from fewer than ``RARE_EXAMPLES`` recommendations.

The model is trained on the first 400 rows of UPR Info's 1-5.csv, where "Impunity" is
given to fewer than 5 recommendations (no model for it). CCPR/C/PRY/CO/4 para. 25 (c)
asks that "the perpetrators are prosecuted": the hand-written keyword "perpetrators" of
"Impunity" (classify/data/keywords.csv) fires; "torture", "cruel" fire for "Torture and
other CID treatment", which has a model.
"""

import io

import pytest
from django.core.management import call_command

from rightstrack.catalog.models import UprIssue
from rightstrack.classify import suggest
from rightstrack.classify.models import Suggestion

pytestmark = pytest.mark.django_db


def _suggest(upr_head) -> dict[str, Suggestion]:
    call_command("import", str(upr_head), "--no-suggest", verbosity=0)
    call_command("classify", "suggest", "--train", stdout=io.StringIO())
    names = dict(UprIssue.objects.values_list("pk", "name"))
    return {
        names[s.label_id]: s
        for s in Suggestion.objects.filter(
            recommendation__natural_key="CCPR/C/PRY/CO/4#25 (c)", taxonomy="upr_issue"
        )
    }


def test_below_the_limit_the_keyword_hit_is_kept(reference_data, upr_head, pry_recommendation):
    assert suggest.RARE_EXAMPLES > 400
    found = _suggest(upr_head)
    assert found["Impunity"].reason == "keywords: perpetrators"
    assert found["Impunity"].score == 0.6
    assert "model" in found["Torture and other CID treatment"].reason


def test_from_the_limit_on_the_keyword_hit_is_not_stored(
    reference_data, upr_head, pry_recommendation, monkeypatch
):
    monkeypatch.setattr(suggest, "RARE_EXAMPLES", 400)
    found = _suggest(upr_head)
    assert "Impunity" not in found
    assert "model" in found["Torture and other CID treatment"].reason
