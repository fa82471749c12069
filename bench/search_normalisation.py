"""Cost of search normalisation: time of typical queries, hits, and the size of the index.

For each query of :data:`QUERIES` it prints the number of visible matches and the median
and p95 time, over ``--repeat`` runs after one warm-up, of

  count     ``search()`` on the visible recommendations, ``.count()``
  page      what ``/recommendations.json?q=...`` computes (count, a page of 25 by
            relevance, the facets)

then the size of the search index: SQLite, the pages of ``portal_searchdocument`` and of
the FTS5 table's shadow tables (``dbstat``); PostgreSQL, ``pg_total_relation_size`` of
``portal_searchdocument`` (rows, generated ``tsvector`` and GIN index).

Data: the database of ``RIGHTSTRACK_DATA_DIR`` (or ``DATABASE_URL``), migrated first (the
time of ``migrate`` is printed, so running it on a database of the previous schema
measures the index rebuild of the migration). When it holds fewer than 1,000
recommendations the bundled sample (41k rows) is loaded first (about a minute).

Run: ``RIGHTSTRACK_DATA_DIR=/tmp/bench .venv/bin/python bench/search_normalisation.py``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

#: Typical queries: plain words, a phrase, an exclusion, irregular English plurals,
#: accented and unaccented French, Arabic without its hamza.
QUERIES = [
    "torture",
    "women",
    "woman",
    "children",
    "child",
    '"domestic violence"',
    "torture -police",
    "education",
    "éducation",
    "الاطفال",
]


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile of ``values`` (pct in 0..100)."""
    ordered = sorted(values)
    rank = max(1, round(pct / 100 * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


def index_size_bytes() -> int:
    """Bytes taken by the search document table and the engine's index."""
    from django.db import connection

    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute(
                "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'portal_recommendation_fts%' "
                "OR name = 'portal_searchdocument' OR name LIKE 'sqlite_autoindex_portal_search%'"
            )
        else:
            cur.execute("SELECT pg_total_relation_size('portal_searchdocument')")
        return int(cur.fetchone()[0] or 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL") and not os.environ.get("RIGHTSTRACK_DATA_DIR"):
        sys.exit("set RIGHTSTRACK_DATA_DIR (or DATABASE_URL) to the database to measure")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
    import django

    django.setup()

    from django.contrib.auth.models import AnonymousUser
    from django.core.management import call_command
    from django.db import connection
    from django.test import RequestFactory

    from rightstrack.accounts.permissions import visible_recommendations
    from rightstrack.catalog.models import Recommendation
    from rightstrack.portal.pages import RecommendationList
    from rightstrack.portal.search import search

    start = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrate_s = time.perf_counter() - start
    if Recommendation.objects.count() < 1000:
        print("Loading the bundled sample (about a minute)...", flush=True)
        call_command("load_sample", verbosity=0)
    total = visible_recommendations(None).count()
    factory = RequestFactory()

    def count(q: str) -> int:
        return search(visible_recommendations(None), q, "en").count()

    def page(q: str) -> int:
        request = factory.get("/recommendations.json", {"q": q})
        request.user = AnonymousUser()
        return int(RecommendationList(request).as_json()["count"])

    print(
        f"\nsearch normalisation bench: {total:,} visible recommendations, "
        f"{connection.vendor} {connection.settings_dict['NAME']}; migrate {migrate_s:.1f} s"
    )
    header = (
        f"{'query':<22} {'hits':>6} {'count med ms':>13} {'count p95':>10} "
        f"{'page med ms':>12} {'page p95':>9}"
    )
    print(header)
    print("-" * len(header))
    all_page: list[float] = []
    for q in QUERIES:
        row = [f"{q:<22}"]
        hits = count(q)
        row.append(f"{hits:>6,}")
        for fn in (count, page):
            fn(q)  # warm-up
            times = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                fn(q)
                times.append((time.perf_counter() - t) * 1000)
            if fn is page:
                all_page.extend(times)
            row.append(f"{statistics.median(times):>13.1f} {percentile(times, 95):>10.1f}")
        print(" ".join(row))
    print(f"\nmedian page time over all queries: {statistics.median(all_page):.1f} ms")
    print(f"search index size: {index_size_bytes() / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
