"""Latency of 50 faceted full-text queries over the whole catalogue, next to a bare index count.

For each of 50 queries (a word or phrase plus one or two facet values, drawn with a
fixed seed from values present in the database) it times, after one warm-up pass:

  bare index count   ``SELECT count(*)`` straight on the index: FTS5 ``MATCH`` on SQLite,
                     ``vector @@`` the query's ``tsquery`` on PostgreSQL (no visibility, no facets)
  filtered count     ``search()`` + facet filters + visibility rule, ``.count()``
  list page (JSON)   what ``/recommendations.json`` computes: count, one sorted page of 25
                     rows with their tags, and the counts of every facet

and prints median, p95, min and max in milliseconds.

Data: the database of ``RIGHTSTRACK_DATA_DIR`` (or ``DATABASE_URL``). When it holds
fewer than 1,000 recommendations, a temporary SQLite database is created and the
bundled sample (41k UPR Info rows and more) is loaded first (about a minute).

Run: ``.venv/bin/python bench/search.py [--queries 50] [--seed 7]``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

WORDS = [
    "torture",
    "women",
    "children",
    "disabilities",
    '"death penalty"',
    "discrimination",
    "trafficking",
    "migrants",
    "education",
    "health",
    '"domestic violence"',
    "ratify",
    "journalists",
    "detention",
    "indigenous",
    '"national human rights institution"',
    "roma",
    "corruption",
    "poverty",
    "freedom expression",
]


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile of ``values`` (pct in 0..100)."""
    ordered = sorted(values)
    rank = max(1, round(pct / 100 * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


def setup_django() -> None:
    if not os.environ.get("DATABASE_URL") and not os.environ.get("RIGHTSTRACK_DATA_DIR"):
        os.environ["RIGHTSTRACK_DATA_DIR"] = str(ROOT / "var")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
    import django

    django.setup()


def ensure_data() -> str:
    """Make sure the catalogue is loaded; returns a description of the database."""
    from django.core.management import call_command
    from django.db import connection

    from rightstrack.catalog.models import Recommendation

    call_command("migrate", verbosity=0, interactive=False)
    if Recommendation.objects.count() < 1000:
        print("Loading the bundled sample (about a minute)...", flush=True)
        call_command("load_sample", verbosity=0)
    settings = connection.settings_dict
    return f"{connection.vendor} {settings['NAME']}"


def build_queries(n: int, seed: int) -> list[dict[str, list[str] | str]]:
    """``n`` query dicts (``q`` plus facet params) from values present in the database."""
    from django.db.models import Count

    from rightstrack.accounts.permissions import visible_recommendations

    visible = visible_recommendations(None)
    countries = [
        r["country__iso3"]
        for r in visible.order_by()
        .values("country__iso3")
        .annotate(n=Count("pk"))
        .order_by("-n")[:40]
        if r["country__iso3"]
    ]
    states = countries[:20]
    rng = random.Random(seed)
    facet_choices = [
        lambda: {"country": [rng.choice(countries)]},
        lambda: {"mechanism": ["UPR"], "position": [rng.choice(["supported", "noted"])]},
        lambda: {"cycle": [rng.choice(["1", "2", "3"])]},
        lambda: {"recommending_state": [rng.choice(states)]},
        lambda: {"country": [rng.choice(countries)], "cycle": [rng.choice(["1", "2"])]},
        lambda: {"year": [str(rng.choice(range(2008, 2015)))]},
    ]
    return [
        {"q": WORDS[i % len(WORDS)], **facet_choices[i % len(facet_choices)]()} for i in range(n)
    ]


def bare_count(q: str) -> int:
    """Count matches straight on the index, as a database user would."""
    from django.db import connection

    from rightstrack.portal.search import matching_ids_sql

    sql, params = matching_ids_sql(q, "en")
    with connection.cursor() as cur:
        cur.execute(f"SELECT count(*) FROM ({sql}) AS m", params)
        return int(cur.fetchone()[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    tmp = None
    if not os.environ.get("DATABASE_URL") and not os.environ.get("RIGHTSTRACK_DATA_DIR"):
        var_db = ROOT / "var" / "rightstrack.sqlite3"
        if not var_db.exists():
            tmp = tempfile.TemporaryDirectory(prefix="rightstrack-bench-")
            os.environ["RIGHTSTRACK_DATA_DIR"] = tmp.name
    setup_django()

    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    from rightstrack.accounts.permissions import visible_recommendations
    from rightstrack.portal.filters import ListParams, filtered
    from rightstrack.portal.pages import RecommendationList

    where = ensure_data()
    total = visible_recommendations(None).count()
    queries = build_queries(args.queries, args.seed)
    factory = RequestFactory()

    def run_bare(params: dict) -> int:
        return bare_count(str(params["q"]))

    def run_filtered(params: dict) -> int:
        request = factory.get("/recommendations/", params)
        return filtered(
            visible_recommendations(None), ListParams.from_querydict(request.GET), "en"
        ).count()

    def run_page(params: dict) -> int:
        request = factory.get("/recommendations.json", params)
        request.user = AnonymousUser()
        data = RecommendationList(request).as_json()
        return int(data["count"])

    timings: dict[str, list[float]] = {}
    counts: dict[str, list[int]] = {}
    for label, fn in [
        ("bare index count", run_bare),
        ("filtered count", run_filtered),
        ("list page (JSON)", run_page),
    ]:
        for params in queries[:5]:
            fn(params)  # warm-up: page cache, statement cache
        times, found = [], []
        for params in queries:
            start = time.perf_counter()
            found.append(fn(params))
            times.append((time.perf_counter() - start) * 1000)
        timings[label], counts[label] = times, found

    print(
        f"\nsearch bench: {len(queries)} faceted full-text queries over {total:,} visible "
        f"recommendations ({where})"
    )
    header = f"{'measure':<20} {'median ms':>10} {'p95 ms':>10} {'min ms':>9} {'max ms':>9} {'median hits':>12}"
    print(header)
    print("-" * len(header))
    for label, times in timings.items():
        print(
            f"{label:<20} {statistics.median(times):>10.1f} {percentile(times, 95):>10.1f} "
            f"{min(times):>9.1f} {max(times):>9.1f} {statistics.median(counts[label]):>12,.0f}"
        )
    print(
        "\nbare index count: the word or phrase alone, whole index; the other rows add the\n"
        "facet values and the visibility rule. Example query: " + urlencode(queries[0], doseq=True)
    )
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
