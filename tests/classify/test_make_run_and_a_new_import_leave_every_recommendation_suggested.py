"""Issue 12, Done means: after ``make run`` every bundled recommendation has suggestions in
each taxonomy, and the recommendations of a newly imported concluding observations
document get them within the import.

``make run`` runs ``rightstrack load-sample --no-classify``, then ``rightstrack classify
suggest --train && rightstrack classify cluster`` (Makefile). The whole sample (41k rows)
is ``bench/classify.py``'s job; here a sample folder of the same layout holds one file of
each importer the sample uses: the first 400 rows of UPR Info's 1-5.csv (bytes
unchanged), both Slovenian thematic lists and the 16 UHRI records.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import Count

from rightstrack.catalog.models import Recommendation
from rightstrack.classify.models import ClusterMember, Suggestion

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "data" / "sample"
TAXONOMIES = {"theme", "affected_group", "sdg_goal", "sdg_target", "upr_issue", "action_category"}
PRY_CO = "ccpr-co-rolandccpr/CCPR_C_PRY_CO_4.txt"


def fully_suggested(recs) -> set[int]:
    """Ids of ``recs`` with a suggestion in each of the six taxonomies."""
    return set(
        Suggestion.objects.filter(recommendation__in=recs)
        .values("recommendation_id")
        .annotate(n=Count("taxonomy", distinct=True))
        .filter(n=len(TAXONOMIES))
        .values_list("recommendation_id", flat=True)
    )


@pytest.fixture
def sample_dir(tmp_path, upr_head) -> Path:
    """A sample folder laid out as ``data/sample``: one file of each importer."""
    root = tmp_path / "sample"
    (root / "upr-info").mkdir(parents=True)
    shutil.copy(upr_head, root / "upr-info" / "1-5.csv")
    shutil.copytree(SAMPLE / "thematic-lists", root / "thematic-lists")
    shutil.copytree(SAMPLE / "uhri", root / "uhri")
    return root


def test_make_run_leaves_every_bundled_recommendation_with_suggestions(sample_dir):
    out = io.StringIO()
    call_command("load_sample", "--dir", str(sample_dir), "--no-classify", stdout=out)
    assert not Suggestion.objects.exists()
    call_command("classify", "suggest", "--train", stdout=out)
    call_command("classify", "cluster", stdout=out)
    recs = Recommendation.objects.filter(is_archived=False)
    # 400 UPR Info rows, 215 (A/HRC/43/15) + 254 (A/HRC/59/15) in the lists, 16 UHRI records.
    assert recs.count() == 400 + 215 + 254 + 16
    assert fully_suggested(recs) == set(recs.values_list("pk", flat=True))
    assert set(Suggestion.objects.values_list("taxonomy", flat=True)) == TAXONOMIES
    # A gold "same" pair (tests/samples/consolidation): "Amend defamation legislation so
    # that it is a civil offence" in cycle 3 (122.77) and cycle 4 (140.70).
    clusters = {
        key: set(
            ClusterMember.objects.filter(
                recommendation__natural_key=key, is_active=True
            ).values_list("cluster_id", flat=True)
        )
        for key in ("A/HRC/43/15#122.77", "A/HRC/59/15#140.70")
    }
    assert clusters["A/HRC/43/15#122.77"] & clusters["A/HRC/59/15#140.70"]


def test_a_newly_imported_concluding_observations_document_is_suggested_within_the_import(
    reference_data, upr_head, shared_raw
):
    call_command("import", str(upr_head), "--no-suggest", verbosity=0)
    call_command("classify", "train", stdout=io.StringIO())
    call_command("import", str(shared_raw / PRY_CO), verbosity=0)  # no --no-suggest
    new = Recommendation.objects.filter(document__symbol="CCPR/C/PRY/CO/4")
    assert new.count() > 0
    assert fully_suggested(new) == set(new.values_list("pk", flat=True))
    # The model trained on the UPR Info rows was used (its score wins over the rules').
    assert Suggestion.objects.filter(recommendation__in=new, reason__contains="model").exists()
