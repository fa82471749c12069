"""Latency of the API's recommendations list next to the portal's ``.json`` for the same queries.

Through the Django test client (every middleware, URL routing, JSON rendering), anonymous,
after one warm-up pass, for N queries without ``q`` (facet values only: a country, UPR and
a position, a cycle, a recommending State, a year, or nothing) and N with ``q`` (a word or
phrase plus one facet value), drawn with a fixed seed from values present in the database:

  GET /api/v1/recommendations?<query>&limit=25     one page of 25, its count, ``next``
  GET /recommendations.json?<query>                 one page of 25, its count, every facet's counts
  GET /api/v1/recommendations?<query>&limit=500    the largest page

Prints p50 and p95 in milliseconds. Data: the database of ``RIGHTSTRACK_DATA_DIR`` (or
``DATABASE_URL``); when it holds fewer than 1,000 recommendations, a temporary SQLite
database is made and the bundled sample (41k rows) loaded first (about a minute).

Run: ``.venv/bin/python bench/api.py [--queries 30] [--seed 7]``.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from search import WORDS, ensure_data, percentile, setup_django  # noqa: E402


def build_queries(n: int, seed: int, with_q: bool) -> list[dict[str, list[str] | str]]:
    """``n`` query dicts from values present in the database (with or without ``q``)."""
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
    rng = random.Random(seed)
    facets = [
        lambda: {"country": [rng.choice(countries)]},
        lambda: {"mechanism": ["UPR"], "position": [rng.choice(["supported", "noted"])]},
        lambda: {"cycle": [rng.choice(["1", "2", "3"])]},
        lambda: {"recommending_state": [rng.choice(countries[:20])]},
        lambda: {"year": [str(rng.choice(range(2008, 2015)))]},
        lambda: {},
    ]
    out: list[dict[str, list[str] | str]] = []
    for i in range(n):
        query: dict[str, list[str] | str] = dict(facets[i % len(facets)]())
        if with_q:
            query["q"] = WORDS[i % len(WORDS)]
        out.append(query)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    tmp = None
    no_database = not os.environ.get("DATABASE_URL") and not os.environ.get("RIGHTSTRACK_DATA_DIR")
    if no_database and not (ROOT / "var" / "rightstrack.sqlite3").exists():
        tmp = tempfile.TemporaryDirectory(prefix="rightstrack-bench-")
        os.environ["RIGHTSTRACK_DATA_DIR"] = tmp.name
    setup_django()

    from django.conf import settings
    from django.test import Client

    from rightstrack.accounts.permissions import visible_recommendations

    where = ensure_data()
    # Measure the endpoints, not the rate limiter's refusals.
    settings.RIGHTSTRACK_API_ANON_RATE = 10**9
    total = visible_recommendations(None).count()
    client = Client()

    targets = [
        ("API limit=25", "/api/v1/recommendations", {"limit": "25"}),
        ("portal .json", "/recommendations.json", {}),
        ("API limit=500", "/api/v1/recommendations", {"limit": "500"}),
    ]
    print(
        f"\nAPI bench: {args.queries} queries without q and {args.queries} with q over "
        f"{total:,} visible recommendations ({where}); anonymous, Django test client"
    )
    header = f"{'queries':<10} {'endpoint':<15} {'p50 ms':>8} {'p95 ms':>8} {'median count':>13}"
    print(header)
    print("-" * len(header))
    for with_q in (False, True):
        queries = build_queries(args.queries, args.seed, with_q)
        for label, path, extra in targets:
            for query in queries[:5]:
                client.get(path, {**query, **extra})  # warm-up
            times, counts = [], []
            for query in queries:
                start = time.perf_counter()
                response = client.get(path, {**query, **extra})
                times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (path, query, response.content[:200])
                counts.append(response.json()["count"])
            counts.sort()
            print(
                f"{'with q' if with_q else 'without q':<10} {label:<15} "
                f"{percentile(times, 50):>8.1f} {percentile(times, 95):>8.1f} "
                f"{counts[len(counts) // 2]:>13,}"
            )
    example = build_queries(1, args.seed, True)[0]
    print(
        "\nThe portal's .json also counts every facet (about ten more queries); the API\n"
        "returns the page and its count only. Example query: " + urlencode(example, doseq=True)
    )
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
