"""Issue 12, Done means: ``rightstrack classify similar --country SVN --text "<a cycle 3
recommendation's text>" --json`` returns the cycle 4 recommendation a person pairs with it
in its top 5, for the gold set's pairs at the recall ``bench/classify.py`` reports.

The gold pairs are the hand-labelled ones of ``tests/samples/consolidation/gold_pairs.csv``
(rule in its README): Slovenia's UPR cycle 3 (A/HRC/43/15) against cycle 4 (A/HRC/59/15)
recommendations labelled "same". Slovenia's recommendations here are those of the
bundled sample that ``bench/classify.py`` searches: the UPR Info rows addressed to
Slovenia (cycles 1 and 2, and its voluntary pledges, bytes unchanged) and both thematic
lists. The command is run exactly as written in the issue (whole country, default
limit; the query's own recommendation is one of the five rows).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from rightstrack.catalog.models import Recommendation, VoluntaryPledge
from rightstrack.ingest.pipeline import import_file

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO / "tests" / "samples" / "consolidation" / "gold_pairs.csv"
UPR_INFO = REPO / "data" / "sample" / "upr-info"
LISTS = REPO / "data" / "sample" / "thematic-lists"
#: ``bench/classify.py``, "similar --country SVN, cycle 4 side in the top 5", on the whole
#: bundled sample (run of 5 December 2026, docs/classify.md): 59 of the 121 pairs (0.488).
REPORTED_HITS, PAIRS = 59, 121


def gold_svn_pairs() -> list[tuple[str, str, str]]:
    """(cycle 3 key, cycle 3 text, cycle 4 key) of every "same" Slovenian pair."""
    with GOLD.open(encoding="utf-8") as fh:
        return [
            (r["a_key"], r["a_text"], r["b_key"])
            for r in csv.DictReader(fh)
            if r["label"] == "same"
            and r["a_key"].startswith("A/HRC/43/15#")
            and r["b_key"].startswith("A/HRC/59/15#")
        ]


@pytest.fixture
def slovenia_catalogue(reference_data, tmp_path) -> None:
    """Every recommendation to Slovenia in the bundled sample, imported as the sample is."""
    for gz in sorted(UPR_INFO.glob("*.csv.gz")):
        records = gzip.decompress(gz.read_bytes()).split(b"\r")
        kept = [records[0]] + [r for r in records[1:] if r.startswith(b"Slovenia,")]
        if len(kept) > 1:
            path = tmp_path / gz.name.removesuffix(".gz")
            path.write_bytes(b"\r".join(kept) + b"\r")
            assert import_file(path, suggest=False).status == "succeeded"
    for docx in sorted(LISTS.glob("*.docx")):
        assert import_file(docx, suggest=False).status == "succeeded"


def top5(text: str) -> list[int]:
    out = io.StringIO()
    call_command("classify", "similar", "--country", "SVN", "--text", text, "--json", stdout=out)
    return [row["id"] for row in json.loads(out.getvalue())][:5]


def test_similar_finds_the_cycle_4_side_of_gold_pairs_at_the_reported_recall(slovenia_catalogue):
    # 106 + 180 UPR Info rows (cycles 1 and 2) and 215 + 254 in the lists; the 3
    # voluntary pledges are pledges, not recommendations.
    assert Recommendation.objects.filter(country__iso3="SVN").count() == 755
    assert VoluntaryPledge.objects.filter(country__iso3="SVN").count() == 3
    pairs = gold_svn_pairs()
    assert len(pairs) == PAIRS
    ids = dict(Recommendation.objects.values_list("natural_key", "pk"))
    hits = [ids[b] in top5(text) for _a, text, b in pairs]
    assert sum(hits) >= REPORTED_HITS, f"recall {sum(hits)}/{len(pairs)} below the reported 59/121"
