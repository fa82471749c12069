"""``classify evaluate`` prints SDG precision and recall on the hand-labelled CO sample."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

SAMPLE = (
    Path(__file__).resolve().parents[1] / "samples" / "classify" / "co_paragraphs_sdg_goals.csv"
)


def test_the_sample_has_at_least_100_paragraphs_with_symbol_and_paragraph():
    with SAMPLE.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) >= 100
    assert {r["symbol"] for r in rows} == {
        "CCPR/C/DNK/CO/6",
        "CCPR/C/PRY/CO/4",
        "CERD/C/BRA/CO/18-20",
    }
    # CCPR/C/PRY/CO/4 para. 41: birth registration, SDG target 16.9.
    [birth] = [r for r in rows if (r["symbol"], r["paragraph"]) == ("CCPR/C/PRY/CO/4", "41")]
    assert birth["text"].startswith("The State party should strengthen its efforts to ensure")
    assert birth["sdg_goals"] == "16"


def test_evaluate_prints_precision_and_recall(reference_data):
    out = io.StringIO()
    call_command(
        "classify", "evaluate", "--skip-upr", "--sdg-sample", str(SAMPLE), "--json", stdout=out
    )
    figures = json.loads(out.getvalue())
    assert set(figures) >= {
        "SDG goals precision (hand-labelled CO)",
        "SDG goals recall (hand-labelled CO)",
        "SDG goals on UHRI records",
    }
    assert 0 < figures["SDG goals precision (hand-labelled CO)"] <= 1
    assert 0 < figures["SDG goals recall (hand-labelled CO)"] <= 1
