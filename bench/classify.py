"""Suggested labels: accuracy on the UPR time split, SDG goals, and speed.

On a temporary SQLite database (nothing else is touched), through the commands users run:

1. ``rightstrack import --no-suggest`` of the bundled sample (``data/sample``: the UPR Info
   rows of sessions 1-20, both Slovenian thematic lists, the UHRI records), timed;
2. ``rightstrack classify suggest --train``: the classify step ``load-sample`` runs after
   its imports (train on every confirmed label, then suggest for every recommendation in
   each taxonomy), timed: this is what the step adds to ``make run``;
3. ``rightstrack classify evaluate --json --sdg-sample tests/samples/classify/...``: UPR
   Info issues (micro/macro F1) and action category (accuracy), trained on cycle 1
   (sessions 1-12) and tested on cycle 2 (sessions 13-20); SDG goals on the UHRI records
   and on 147 hand-labelled concluding-observation paragraphs; training time and
   suggestions per second.

Run: ``.venv/bin/python bench/classify.py [--json]`` (a few minutes on 2 cores).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
SAMPLE = ROOT / "tests" / "samples" / "classify" / "co_paragraphs_sdg_goals.csv"
TARGETS = {"UPR issues micro-F1": 0.90, "action category accuracy": 0.92}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rightstrack-bench-classify-") as tmp:
        os.environ["RIGHTSTRACK_DATA_DIR"] = tmp
        os.environ.pop("DATABASE_URL", None)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
        import django

        django.setup()
        from django.core.management import call_command

        from rightstrack.catalog.models import Recommendation
        from rightstrack.classify.models import Suggestion
        from rightstrack.ingest.management.commands.load_sample import sample_files

        call_command("migrate", verbosity=0, interactive=False)
        start = time.perf_counter()
        call_command("import", *map(str, sample_files()), "--no-suggest", verbosity=0)
        imported = time.perf_counter() - start
        start = time.perf_counter()
        call_command("classify", "suggest", "--train", stdout=io.StringIO())
        classify_step = time.perf_counter() - start
        recs = Recommendation.objects.count()
        tagged = Suggestion.objects.values("recommendation_id", "taxonomy").distinct().count()
        out = io.StringIO()
        call_command("classify", "evaluate", "--json", "--sdg-sample", str(SAMPLE), stdout=out)
        figures: dict[str, float] = json.loads(out.getvalue())
        figures.update(
            {
                "sample import without the classify step (s)": round(imported, 1),
                "classify step of load-sample (s)": round(classify_step, 1),
                "recommendations": recs,
                "recommendation-taxonomy pairs with a suggestion": tagged,
                "suggestions stored": Suggestion.objects.count(),
            }
        )
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    width = max(len(k) for k in figures)
    print(f"{'figure':<{width}}  {'value':>10}  target")
    for key, value in figures.items():
        target = TARGETS.get(key)
        mark = f">= {target} {'met' if value >= target else 'NOT met'}" if target else ""
        print(f"{key:<{width}}  {value:>10}  {mark}".rstrip())


if __name__ == "__main__":
    main()
