"""Issue 12's figures in one table: suggested labels, consolidation and speed.

On a temporary SQLite database (or ``--data-dir DIR``; nothing else is touched), through
the commands users run, in this order:

1. ``rightstrack load-sample --no-classify`` (what ``make run`` runs first: the bundled
   sample, i.e. the 41,066 UPR Info rows of sessions 1-20, both Slovenian thematic lists
   and the UHRI records), timed;
2. ``rightstrack classify suggest --train`` (what ``make run`` runs next, in the
   background): train on every confirmed label, then suggest for every recommendation
   in each taxonomy, timed;
3. ``rightstrack import`` of two concluding observations (CCPR/C/DNK/CO/6,
   CCPR/C/PRY/CO/4, from ``../shared/data/raw/ccpr-co-rolandccpr``; the gold set's
   treaty-body side), with the classify step an import runs by default, timed; then the
   share of recommendations with a suggestion in each of the six taxonomies, for the
   whole catalogue and for the newly imported documents;
4. ``rightstrack classify cluster`` on every country, from scratch, timed (wall clock and
   CPU seconds of this process);
5. ``rightstrack classify evaluate --json --sdg-sample tests/samples/classify/...``: UPR
   Info issues (micro/macro F1) and action category (accuracy), trained on cycle 1
   (sessions 1-12), tested on cycle 2 (sessions 13-20); SDG goals on the UHRI records and
   on the hand-labelled concluding-observation paragraphs; training time and
   suggestions per second;
6. consolidation on the hand-labelled gold set (``tests/samples/consolidation``): precision
   and recall of the clusters of step 4, recall@5 / recall@10 of ``rightstrack classify
   similar --json`` (functions of ``bench/classify_consolidation.py``);
7. the catalogue copied with changed keys to 250,000 recommendations (as
   ``bench/search.py`` scales it), and ``rightstrack classify cluster`` timed again.

The machine's load average is printed at the start and at the end: on a shared 2-core
machine, wall-clock times are upper bounds.

Run: ``.venv/bin/python bench/classify.py [--json] [--skip-250k] [--data-dir DIR]``
(about half an hour on an idle 2-core machine).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
SAMPLE = ROOT / "tests" / "samples" / "classify" / "co_paragraphs_sdg_goals.csv"
TAXONOMIES = 6
#: Issue 12's targets (``>=``).
TARGETS = {"UPR issues micro-F1": 0.90, "action category accuracy": 0.92}
#: Figures of ``classify evaluate --json`` and the section of the table they go in.
SECTIONS = {
    "UPR issues": "UPR Info issues, time split",
    "action category": "UPR Info action category, time split",
    "SDG goals": "SDG goals",
    "training": "speed",
    "suggestions per second": "speed",
}


def loadavg() -> str:
    """The 1, 5 and 15 minute load averages and the number of cores, as text."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def coverage(where: Any = None) -> tuple[int, int]:
    """(recommendations, those with a suggestion in each of the six taxonomies)."""
    from django.db.models import Count

    from rightstrack.catalog.models import Recommendation
    from rightstrack.classify.models import Suggestion

    recs = Recommendation.objects.filter(is_archived=False)
    sugg = Suggestion.objects.filter(recommendation__is_archived=False)
    if where is not None:
        recs, sugg = recs.filter(where), sugg.filter(recommendation__in=recs.filter(where))
    full = (
        sugg.values("recommendation_id")
        .annotate(n=Count("taxonomy", distinct=True))
        .filter(n=TAXONOMIES)
        .count()
    )
    return recs.count(), full


def timed(*args: str) -> tuple[float, str]:
    """Run ``rightstrack ARGS`` through ``call_command``; (wall seconds, its output)."""
    from django.core.management import call_command

    out = io.StringIO()
    start = time.perf_counter()
    call_command(*args, stdout=out)
    return time.perf_counter() - start, out.getvalue()


def run(args: argparse.Namespace) -> list[tuple[str, str, Any, str]]:
    """Every figure as ``(section, figure, value, note)``."""
    import classify_consolidation as cons
    from django.core.management import call_command
    from django.db.models import Q

    rows: list[tuple[str, str, Any, str]] = []

    def add(section: str, figure: str, value: Any, note: str = "") -> None:
        rows.append((section, figure, value, note))
        print(f"  [{time.strftime('%H:%M:%S')}] {figure}: {value} {note}", file=sys.stderr)

    add("machine", "load average at the start", loadavg())
    call_command("migrate", verbosity=0, interactive=False)
    seconds, _ = timed("load_sample", "--no-classify", "--verbosity", "0")
    add("speed", "load-sample --no-classify (s)", round(seconds, 1), "make run, step 1")
    seconds, _ = timed("classify", "suggest", "--train")
    add("speed", "classify suggest --train (s)", round(seconds, 1), "make run, step 2")
    n, full = coverage()
    add("coverage", "recommendations with suggestions in all 6 taxonomies", full, f"of {n}")

    files = [str(cons.SHARED / f) for f in cons.CO_FILES if (cons.SHARED / f).is_file()]
    if files:
        seconds, _ = timed("import", *files)
        new = Q(document__symbol__in=["CCPR/C/DNK/CO/6", "CCPR/C/PRY/CO/4"])
        n, full = coverage(new)
        add("speed", "import of 2 CCPR observations, classify step included (s)", round(seconds, 1))
        add(
            "coverage",
            "their recommendations with all 6, within the import",
            full,
            f"of {n} (CCPR/C/DNK/CO/6, CCPR/C/PRY/CO/4)",
        )
    else:
        add("coverage", "CCPR observations", "absent", f"no {cons.SHARED / cons.CO_FILES[0]}")

    wall, cpu, n41 = cons.timed_cluster()
    add(
        "speed",
        f"classify cluster, {n41:,} recommendations (s)",
        round(wall, 1),
        f"CPU {cpu:.1f} s",
    )

    _, out = timed("classify", "evaluate", "--json", "--sdg-sample", str(SAMPLE))
    with SAMPLE.open(encoding="utf-8") as fh:
        paragraphs = sum(1 for _row in csv.DictReader(fh))
    for name, value in json.loads(out).items():
        section = next((s for k, s in SECTIONS.items() if name.startswith(k)), "other")
        target = TARGETS.get(name)
        note = f">= {target}: {'met' if value >= target else 'NOT met'}" if target else ""
        if name.startswith("SDG goals precision (hand"):
            note = f"{paragraphs} paragraphs, {SAMPLE.name}"
        add(section, name, value, note)

    pairs = cons.gold_pairs()
    same = sum(p["label"] == "same" for p in pairs)
    section = f"consolidation, gold set ({len(pairs)} pairs, {same} same)"
    c = cons.clustering_scores(pairs)
    add(
        section,
        "clustering precision",
        round(c["precision"], 3),
        f"{c['true_positives']} of "
        f"{c['true_positives'] + c['false_positives']} pairs put together are 'same'",
    )
    add(section, "clustering recall", round(c["recall"], 3), f"{c['true_positives']} of {same}")
    m = cons.matching_scores(pairs)
    add(section, "similar recall@5, other side's document", round(m["doc5"], 3), "--document")
    add(section, "similar recall@10, other side's document", round(m["doc10"], 3), "--document")
    add(section, "similar recall@5, whole country", round(m["country5"], 3))
    add(section, "similar recall@10, whole country", round(m["country10"], 3))
    svn = cons.svn_top5_recall(pairs)
    add(
        section,
        "similar --country SVN, cycle 4 side in the top 5",
        round(svn["recall"], 3),
        f"{svn['hits']} of {svn['pairs']} cycle 3 / 4 pairs, query's own row included",
    )

    if not args.skip_250k:
        start = time.perf_counter()
        cons.scale_catalogue(cons.SCALED)
        add("speed", "copying the catalogue to 250k (s)", round(time.perf_counter() - start, 1))
        wall, cpu, n = cons.timed_cluster()
        add(
            "speed",
            f"classify cluster, {n:,} recommendations (s)",
            round(wall, 1),
            f"CPU {cpu:.1f} s",
        )
    add("machine", "load average at the end", loadavg())
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--skip-250k", action="store_true", help="do not time 250k")
    parser.add_argument("--data-dir", help="RIGHTSTRACK_DATA_DIR to use (an empty folder)")
    args = parser.parse_args()
    os.environ["RIGHTSTRACK_DATA_DIR"] = args.data_dir or tempfile.mkdtemp(
        prefix="rightstrack-bench-classify-"
    )
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
    import django

    django.setup()
    started = time.perf_counter()
    rows = run(args)
    total = round(time.perf_counter() - started)
    if args.json:
        print(
            json.dumps(
                [dict(zip(("section", "figure", "value", "note"), r, strict=True)) for r in rows]
            )
        )
        return
    print(f"bench/classify.py: SQLite, {os.environ['RIGHTSTRACK_DATA_DIR']}, {total} s in all")
    width = max(len(r[1]) for r in rows)
    for section in dict.fromkeys(r[0] for r in rows):
        print(f"\n{section}")
        for _s, figure, value, note in (r for r in rows if r[0] == section):
            print(f"  {figure:<{width}}  {value!s:>12}  {note}".rstrip())


if __name__ == "__main__":
    main()
