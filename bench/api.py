"""Latency of the API's recommendations list next to the portal's ``.json`` for the same
queries, through the user's path (every middleware, URL routing, JSON rendering).

What it does:

1. makes a throw-away SQLite database in a temporary folder (``RIGHTSTRACK_DATA_DIR``),
   migrates it and loads the bundled sample the way ``make run`` does
   (``rightstrack load-sample``: 41,066 UPR Info recommendations, the OHCHR lists of
   Slovenia, UHRI records); with ``--database-url`` it uses that database instead
   (PostgreSQL), loading the sample only when it holds fewer than 1,000 recommendations;
2. for each query (the largest countries of the sample and no country, each without
   ``q`` and with a word), requests as an anonymous visitor through Django's test client:

     GET /api/v1/recommendations?<query>&limit=25   one page of 25, its count, ``next``
     GET /recommendations.json?<query>               one page of 25, its count, every facet

   ``--repeat`` times after one warm-up request. By default Django's cache is cleared
   before every request (``--warm`` keeps it: the portal then reads its cached count and
   facets, as a second visitor of the same page would);
3. prints p50 and p95 in milliseconds per query and endpoint, and whether both gave the
   same count; ``--json`` prints the same as JSON.

Run: ``nice .venv/bin/python bench/api.py [--repeat 15] [--warm] [--json]``
(about three minutes on one core, most of it loading the sample).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

#: Words searched (``q``), one per query with ``q``.
WORDS = ("torture", "women", '"death penalty"', "children", "education")
#: How many of the sample's largest countries are queried.
COUNTRIES = 4


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile of ``values`` (pct in 0..100)."""
    ordered = sorted(values)
    rank = max(1, round(pct / 100 * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


def prepare(database_url: str) -> tuple[str, float, Any]:
    """Point Django at a throw-away database (or ``database_url``), migrate, load the sample.

    Returns:
        (where, seconds spent loading, the temporary folder to clean up or None).
    """
    tmp = None
    if database_url:
        os.environ["DATABASE_URL"] = database_url
        where = "PostgreSQL" if database_url.startswith("postgres") else database_url
    else:
        tmp = tempfile.TemporaryDirectory(prefix="rightstrack-bench-api-")
        os.environ["RIGHTSTRACK_DATA_DIR"] = tmp.name
        os.environ.pop("DATABASE_URL", None)
        where = "throw-away SQLite"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from rightstrack.catalog.models import Recommendation

    start = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    if Recommendation.objects.count() < 1000:
        print("loading the bundled sample (rightstrack load-sample)...", file=sys.stderr)
        call_command("load_sample", verbosity=0)
    return where, time.perf_counter() - start, tmp


def queries() -> list[dict[str, str]]:
    """The largest countries of the sample and no country, each without and with ``q``."""
    from django.db.models import Count

    from rightstrack.accounts.permissions import visible_recommendations

    top = [
        row["country__iso3"]
        for row in visible_recommendations(None)
        .order_by()
        .values("country__iso3")
        .annotate(n=Count("pk"))
        .order_by("-n", "country__iso3")[:COUNTRIES]
    ]
    facets: list[dict[str, str]] = [{"country": iso3} for iso3 in top] + [{}]
    out = list(facets)
    out += [{**f, "q": WORDS[i % len(WORDS)]} for i, f in enumerate(facets)]
    return out


def measure(repeat: int, warm: bool) -> list[dict[str, Any]]:
    """Time both endpoints for every query; one row per (query, endpoint)."""
    from django.core.cache import caches
    from django.test import Client

    client = Client()
    targets = [
        ("API", "/api/v1/recommendations", {"limit": "25"}),
        ("portal .json", "/recommendations.json", {}),
    ]
    rows = []
    for query in queries():
        counts = {}
        for label, path, extra in targets:
            params = {**query, **extra}
            client.get(path, params)  # warm-up: imports, first compile of the SQL
            times = []
            for _ in range(repeat):
                if not warm:
                    for cache in caches.all():
                        cache.clear()
                start = time.perf_counter()
                response = client.get(path, params)
                times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (path, params, response.content[:300])
            counts[label] = response.json()["count"]
            rows.append(
                {
                    "query": "&".join(f"{k}={v}" for k, v in query.items()) or "(none)",
                    "with_q": "q" in query,
                    "endpoint": label,
                    "p50_ms": round(percentile(times, 50), 1),
                    "p95_ms": round(percentile(times, 95), 1),
                    "count": counts[label],
                }
            )
        for row in rows[-len(targets) :]:
            row["same_count"] = len(set(counts.values())) == 1
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=15, help="timed requests per query")
    parser.add_argument("--warm", action="store_true", help="keep Django's cache between requests")
    parser.add_argument(
        "--database-url", default="", help="use this database (default: throw-away SQLite)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()

    where, load_seconds, tmp = prepare(args.database_url)
    from django.conf import settings

    from rightstrack.accounts.permissions import visible_recommendations

    # Measure the endpoints, not the rate limiter's refusals.
    settings.RIGHTSTRACK_API_ANON_RATE = 10**9
    total = visible_recommendations(None).count()
    try:
        rows = measure(args.repeat, args.warm)
    finally:
        if tmp is not None:
            from django.db import connections

            connections.close_all()
            tmp.cleanup()
    cache_note = "cache kept between requests" if args.warm else "cache cleared before each request"
    if args.json:
        print(
            json.dumps(
                {
                    "database": where,
                    "recommendations": total,
                    "repeat": args.repeat,
                    "cache": "warm" if args.warm else "cleared",
                    "load_seconds": round(load_seconds, 1),
                    "rows": rows,
                },
                indent=2,
            )
        )
        return
    print(
        f"\nAPI bench: {total:,} public recommendations ({where}, loaded in {load_seconds:.0f} s); "
        f"anonymous, Django test client, {args.repeat} requests per row, {cache_note}"
    )
    header = f"{'query':<32} {'endpoint':<13} {'p50 ms':>8} {'p95 ms':>8} {'count':>7}  same"
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row['query']:<32} {row['endpoint']:<13} {row['p50_ms']:>8.1f} "
            f"{row['p95_ms']:>8.1f} {row['count']:>7,}  {'yes' if row['same_count'] else 'NO'}"
        )
    print(
        "\nThe portal's .json also counts every facet (about ten more queries); the API\n"
        "returns one page and its count."
    )


if __name__ == "__main__":
    main()
