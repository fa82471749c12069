"""Latency of the recommendations list at scale, on SQLite and PostgreSQL, next to a bare index count.

Default run (``--size 0``): the database of ``RIGHTSTRACK_DATA_DIR`` (or ``DATABASE_URL``),
loaded with the bundled sample when it holds fewer than 1,000 recommendations.

Scaled run (``--size 250000``): for each engine, a database of its own is built from the
real catalogue (``rightstrack load-sample``: 41,066 UPR Info rows and the rest of the
bundled sample), then copied with changed keys (documents ``key~N``, recommendations
``natural_key~N``, their tags and search rows) until it holds ``--size`` recommendations.
SQLite: ``var/bench/search-<size>.sqlite3`` (kept, reused by the next run; ``--fresh`` to
rebuild); PostgreSQL: the database of ``--pg-url`` (reused when it already holds ``--size``
recommendations). ``--engines postgresql`` runs only one engine (``--size 1000000``).

For each engine it then times, through the Django test client (the whole request: URL
routing, middleware, templates), after a warm-up pass over the first 5 queries:

  list page       ``/recommendations/`` (HTML, with its facets)
  list JSON       ``/recommendations.json`` (count, page of 25, every facet)
  API list        ``/api/v1/recommendations`` (count and a page of 25)
  bare count      ``SELECT count(*)`` straight on the index: FTS5 ``MATCH`` on SQLite,
                  ``vector @@`` the query's ``tsquery`` on PostgreSQL (no visibility, no facets)

with ``q`` (a word or phrase, half of them with one or two facet values) and without ``q``
(the unfiltered list, then facet values alone), and prints p50 and p95 in milliseconds,
side by side. Each query is distinct, so the facet-count cache serves the unfiltered list
(precomputed at import) but never a filtered query the run has not asked before
(``--repeat 2`` times the second visit of each query too).

Run: ``.venv/bin/python bench/search.py --size 250000 --pg-url postgres://postgres@127.0.0.1:5432/bench``
(``--json`` prints the figures as JSON).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

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
MEASURES = ("list page", "list JSON", "API list", "bare count")


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile of ``values`` (pct in 0..100)."""
    ordered = sorted(values)
    rank = max(1, round(pct / 100 * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


# --------------------------------------------------------------------------- one engine


def ensure_pg_database(pg_url: str) -> None:
    """Create the bench's PostgreSQL database if the server has none of that name (a
    first run), through the server's ``postgres`` database; says so. Raises SystemExit
    with the server's message when it cannot connect or create it."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg
    from psycopg import sql

    parts = urlsplit(pg_url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    try:
        with psycopg.connect(admin, autocommit=True) as conn:
            found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not found:
                print(f"  creating the database {name}...", flush=True)
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.Error as exc:
        raise SystemExit(f"PostgreSQL at {admin}: {exc}") from exc


def setup_django(engine: str, size: int, pg_url: str, fresh: bool) -> None:
    """Point the settings at the engine's bench database, then ``django.setup()``."""
    if size:
        if engine == "sqlite":
            data_dir = ROOT / "var" / "bench" / f"search-{size}"
            if fresh and data_dir.exists():
                for f in data_dir.iterdir():
                    f.unlink()
            data_dir.mkdir(parents=True, exist_ok=True)
            os.environ["RIGHTSTRACK_DATA_DIR"] = str(data_dir)
            os.environ.pop("DATABASE_URL", None)
        else:
            ensure_pg_database(pg_url)
            os.environ["DATABASE_URL"] = pg_url
    elif not os.environ.get("DATABASE_URL") and not os.environ.get("RIGHTSTRACK_DATA_DIR"):
        os.environ["RIGHTSTRACK_DATA_DIR"] = str(ROOT / "var")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
    # As the web process does (rightstrack/wsgi.py): PostgreSQL queries without parallel
    # workers, unless the environment says otherwise.
    os.environ.setdefault("RIGHTSTRACK_PG_PARALLEL_WORKERS", "0")
    import django

    django.setup()


def ensure_data(size: int, fresh: bool) -> float:
    """Migrate, load the real sample if needed, then scale to ``size``; returns build seconds."""
    from django.core.management import call_command

    from rightstrack.catalog.models import Recommendation

    start = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    if fresh and size and Recommendation.objects.count() != size:
        call_command("flush", verbosity=0, interactive=False)
        call_command("migrate", verbosity=0, interactive=False)
    if Recommendation.objects.count() < 1000:
        print("  loading the bundled sample (rightstrack load-sample)...", flush=True)
        call_command("load_sample", verbosity=0)
    if size and Recommendation.objects.count() < size:
        scale_to(size)
    return time.perf_counter() - start


def scale_to(size: int) -> None:
    """Copy the catalogue with changed keys until it holds ``size`` recommendations.

    Copy ``n`` of a document gets id ``id + n * max_doc_id`` and key ``key~n``; of a
    recommendation id ``id + n * max_rec_id``, ``natural_key~n``, the copied document; its
    tags, texts in other languages and search row are copied with it. The search index's
    refresh triggers are suspended meanwhile (as an import does), the search rows copied
    as they are (on SQLite the FTS5 content triggers index them).
    """
    from django.db import connection, transaction

    from rightstrack.catalog.models import Document, Recommendation, RecommendationText
    from rightstrack.portal import search_index
    from rightstrack.portal.models import SearchDocument

    rec_t, doc_t = Recommendation._meta.db_table, Document._meta.db_table
    with connection.cursor() as cur:
        cur.execute(f"SELECT max(id), count(*) FROM {rec_t}")
        max_rec, base_count = cur.fetchone()
        cur.execute(f"SELECT max(id) FROM {doc_t}")
        (max_doc,) = cur.fetchone()
    concat = "||"

    def cols(model: Any) -> list[str]:
        return [connection.ops.quote_name(f.column) for f in model._meta.concrete_fields]

    def copy_select(model: Any, n: int, replace: dict[str, str], where: str = "") -> str:
        names = cols(model)
        exprs = [replace.get(c.strip('"'), c) for c in names]
        table = model._meta.db_table
        return (
            f"INSERT INTO {table} ({', '.join(names)}) SELECT {', '.join(exprs)} FROM {table} "
            f"{where}"
        )

    m2m = []
    for field in Recommendation._meta.many_to_many:
        through = field.remote_field.through
        m2m.append((through._meta.db_table, field.m2m_column_name(), field.m2m_reverse_name()))
    copies = -(-size // base_count) - 1
    print(f"  scaling {base_count:,} to {size:,} recommendations ({copies} copies)...", flush=True)
    has_keys = getattr(search_index, "has_facet_keys", None)
    rewrite_search_rows = bool(has_keys and has_keys(connection))
    copied_ids: list[int] = []
    with transaction.atomic():
        search_index.suspend_refresh_triggers(connection)
        with connection.cursor() as cur:
            for n in range(1, copies + 1):
                remaining = size - base_count * n
                limit = f" AND id <= {int(max_rec)}"
                if remaining < base_count:
                    cur.execute(
                        f"SELECT id FROM {rec_t} WHERE id <= %s ORDER BY id LIMIT 1 OFFSET %s",
                        [max_rec, remaining],
                    )
                    row = cur.fetchone()
                    if row:
                        limit = f" AND id < {int(row[0])}"
                cur.execute(
                    copy_select(
                        Document,
                        n,
                        {"id": f"id + {n * max_doc}", "key": f"key {concat} '~{n}'"},
                        f"WHERE id <= {int(max_doc)}",
                    )
                )
                cur.execute(
                    copy_select(
                        Recommendation,
                        n,
                        {
                            "id": f"id + {n * max_rec}",
                            "natural_key": f"natural_key {concat} '~{n}'",
                            "document_id": f"document_id + {n * max_doc}",
                        },
                        f"WHERE 1 = 1{limit}",
                    )
                )
                rec_range = f"BETWEEN {n * max_rec + 1} AND {(n + 1) * max_rec}"
                for table, rec_col, tag_col in m2m:
                    cur.execute(
                        f"INSERT INTO {table} ({rec_col}, {tag_col}) "
                        f"SELECT x.{rec_col} + {n * max_rec}, x.{tag_col} FROM {table} x "
                        f"JOIN {rec_t} r ON r.id = x.{rec_col} + {n * max_rec} "
                        f"WHERE x.{rec_col} <= {int(max_rec)}"
                    )
                text_cols = [c for c in cols(RecommendationText) if c != '"id"']
                text_exprs = [
                    f"recommendation_id + {n * max_rec}" if c == '"recommendation_id"' else c
                    for c in text_cols
                ]
                cur.execute(
                    f"INSERT INTO {RecommendationText._meta.db_table} ({', '.join(text_cols)}) "
                    f"SELECT {', '.join(text_exprs)} FROM {RecommendationText._meta.db_table} t "
                    f"WHERE t.recommendation_id <= {int(max_rec)} AND EXISTS (SELECT 1 FROM "
                    f"{rec_t} r WHERE r.id = t.recommendation_id + {n * max_rec})"
                )
                cur.execute(f"SELECT count(*) FROM {rec_t} WHERE id {rec_range}")
                print(f"    copy {n}: {cur.fetchone()[0]:,} recommendations", flush=True)
                if rewrite_search_rows:
                    cur.execute(f"SELECT id FROM {rec_t} WHERE id {rec_range}")
                    copied_ids += [row[0] for row in cur.fetchall()]
                    continue
                search_cols = "symbol, paragraph, text, tags, language"
                if any(f.name == "is_public" for f in SearchDocument._meta.concrete_fields):
                    search_cols += ", is_public"  # the search row's copy of the public flag
                cur.execute(
                    f"INSERT INTO {search_index.SEARCH_TABLE} (recommendation_id, {search_cols}) "
                    f"SELECT s.recommendation_id + {n * max_rec}, {search_cols} "
                    f"FROM {search_index.SEARCH_TABLE} s WHERE s.recommendation_id <= "
                    f"{int(max_rec)} AND EXISTS (SELECT 1 FROM {rec_t} r "
                    f"WHERE r.id = s.recommendation_id + {n * max_rec})"
                )
        # The copies' search rows are copied as they are, or, where they hold values the
        # copy changes (PostgreSQL's facet keys name the copied document), written as an
        # import writes them.
        search_index.resume_refresh_triggers(connection, copied_ids)
    try:
        # What an import does after a bulk load: statistics, and on PostgreSQL tidy tables
        # (VACUUM marks the pages all-visible; autovacuum may be off on the server).
        from rightstrack.ingest.planner import refresh_planner_statistics
    except ImportError:  # the code before it
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    else:
        refresh_planner_statistics()
    if connection.vendor == "postgresql":
        from django.core.management.color import no_style

        with connection.cursor() as cur:
            for stmt in connection.ops.sequence_reset_sql(
                no_style(), [Document, Recommendation, RecommendationText]
            ):
                cur.execute(stmt)
    after_scale()


def after_scale() -> None:
    """What an import does once it has written rows (the list's precomputed facet counts)."""
    try:
        from rightstrack.portal.list_cache import precompute_common_pages
    except ImportError:  # the code before the list cache
        return
    precompute_common_pages()


def build_queries(n: int, seed: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(queries without ``q``, queries with ``q``), ``n`` each, from values in the database."""
    from django.db.models import Count

    from rightstrack.accounts.permissions import visible_recommendations

    visible = visible_recommendations(None)
    countries = [
        r["country__iso3"]
        for r in visible.order_by()
        .values("country__iso3")
        .annotate(n=Count("pk"))
        .order_by("-n")[:60]
        if r["country__iso3"]
    ]
    rng = random.Random(seed)
    facet_choices = [
        lambda: {"country": [rng.choice(countries)]},
        lambda: {"mechanism": ["UPR"], "position": [rng.choice(["supported", "noted"])]},
        lambda: {"cycle": [rng.choice(["1", "2", "3"])]},
        lambda: {"recommending_state": [rng.choice(countries[:30])]},
        lambda: {"country": [rng.choice(countries)], "cycle": [rng.choice(["1", "2"])]},
        lambda: {"year": [str(rng.choice(range(2008, 2015)))]},
        lambda: {"country": [rng.choice(countries)], "sort": "oldest"},
        lambda: {"cycle": [rng.choice(["1", "2"])], "page": str(rng.choice(range(2, 40)))},
    ]
    without_q: list[dict[str, Any]] = [{}]
    seen: set[str] = {"{}"}
    # Each attempt takes the next kind of list, whether or not it gave a new one: a kind
    # with few values (mechanism and position: two) must not be drawn again forever.
    for attempt in range(50 * n):
        if len(without_q) >= n:
            break
        params = facet_choices[attempt % len(facet_choices)]()
        key = json.dumps(params, sort_keys=True)
        if key not in seen:
            seen.add(key)
            without_q.append(params)
    with_q: list[dict[str, Any]] = []
    for i in range(n):
        params: dict[str, Any] = {"q": WORDS[i % len(WORDS)]}
        if i % 2:
            params.update(facet_choices[i % len(facet_choices)]())
        if i >= len(WORDS) and not i % 2:
            params["page"] = str(2 + i // len(WORDS))
        with_q.append(params)
    return without_q, with_q


def bare_count(q: str) -> int:
    """Count matches straight on the index, as a database user would."""
    from django.db import connection

    from rightstrack.portal.search import matching_ids_sql

    sql, params = matching_ids_sql(q, "en")
    with connection.cursor() as cur:
        cur.execute(f"SELECT count(*) FROM ({sql}) AS m", params)
        return int(cur.fetchone()[0])


def run_engine(args: argparse.Namespace) -> dict[str, Any]:
    """Build or reuse the engine's database, time every measure; returns the figures."""
    setup_django(args.engine, args.size, args.pg_url, args.fresh)
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import setup_test_environment

    from rightstrack.accounts.permissions import visible_recommendations

    setup_test_environment()  # the test client's template signals; DEBUG stays off
    build_seconds = ensure_data(args.size, args.fresh)
    total = visible_recommendations(None).count()
    without_q, with_q = build_queries(args.queries, args.seed)
    client = Client()
    # As each server worker does once the application is built (rightstrack/wsgi.py): the
    # objects made at start-up and by the set-up above leave the garbage collector's reach.
    gc.freeze()

    def get(url: str, params: dict[str, Any]) -> Any:
        response = client.get(url, params)
        if response.status_code != 200:
            raise SystemExit(f"{url} {params}: HTTP {response.status_code}")
        return response

    def list_page(params: dict[str, Any]) -> None:
        get("/recommendations/", params)

    def list_json(params: dict[str, Any]) -> None:
        get("/recommendations.json", params)

    def api_list(params: dict[str, Any]) -> None:
        api_params = {k: v for k, v in params.items() if k != "page"}
        get("/api/v1/recommendations", api_params)

    def count(params: dict[str, Any]) -> None:
        if params.get("q"):
            bare_count(str(params["q"]))

    figures: dict[str, Any] = {
        "engine": connection.vendor,
        "total": total,
        "build_seconds": round(build_seconds, 1),
        "queries": len(without_q) + len(with_q),
        "measures": {},
    }
    for group, queries in (("without q", without_q), ("with q", with_q)):
        for label, fn in zip(MEASURES, (list_page, list_json, api_list, count), strict=True):
            if group == "without q" and label == "bare count":
                continue
            for params in queries[:5]:
                fn(params)  # warm-up: page cache, statement cache, templates
            if label != "bare count":
                # the warm-up filled the facet cache for these five: time fresh queries only
                from django.core.cache import cache

                cache.clear()
                try:
                    from rightstrack.portal.list_cache import precompute_common_pages
                except ImportError:
                    pass
                else:
                    precompute_common_pages()
            times = []
            timed: list[tuple[float, dict[str, Any]]] = []
            for _ in range(args.repeat):
                for params in queries:
                    reset_queries()
                    start = time.perf_counter()
                    fn(params)
                    times.append((time.perf_counter() - start) * 1000)
                    timed.append((times[-1], params))
            figures["measures"][f"{group}|{label}"] = {
                "p50": round(statistics.median(times), 1),
                "p95": round(percentile(times, 95), 1),
                "max": round(max(times), 1),
                "n": len(times),
            }
            print(
                f"  {connection.vendor:<10} {group:<10} {label:<10} "
                f"p50 {statistics.median(times):8.1f}  p95 {percentile(times, 95):8.1f} ms",
                flush=True,
            )
            for ms, params in sorted(timed, key=lambda t: -t[0])[: args.slowest]:
                print(f"      {ms:8.1f} ms  {json.dumps(params, sort_keys=True)}", flush=True)
    return figures


# --------------------------------------------------------------------------- the driver


def print_table(results: list[dict[str, Any]]) -> None:
    """One row per measure, p50/p95 per engine side by side."""
    print()
    heads = []
    for r in results:
        heads.append(f"{r['engine']} ({r['total']:,})")
    header = f"{'group':<10} {'measure':<11}" + "".join(f" {h:>24}" for h in heads)
    print(header)
    print(f"{'':<22}" + "".join(f" {'p50 ms':>11} {'p95 ms':>12}" for _ in results))
    print("-" * len(header))
    for group in ("without q", "with q"):
        for label in MEASURES:
            key = f"{group}|{label}"
            if not any(key in r["measures"] for r in results):
                continue
            cells = ""
            for r in results:
                m = r["measures"].get(key)
                cells += f" {m['p50']:>11.1f} {m['p95']:>12.1f}" if m else f" {'':>24}"
            print(f"{group:<10} {label:<11}{cells}")
    for r in results:
        print(
            f"\n{r['engine']}: {r['total']:,} visible recommendations, {r['queries']} queries, "
            f"database ready in {r['build_seconds']:.0f} s"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--size", type=int, default=0, help="recommendations (0: as loaded)")
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get(
            "BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/rightstrack_bench"
        ),
        help="PostgreSQL database of its own for the scaled catalogue (emptied if smaller)",
    )
    parser.add_argument("--queries", type=int, default=40, help="queries per group")
    parser.add_argument("--repeat", type=int, default=1, help="visits of each query")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--fresh", action="store_true", help="rebuild the scaled databases")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--slowest", type=int, default=0, help="print the N slowest lists of each measure"
    )
    parser.add_argument("--engine", help=argparse.SUPPRESS)  # one engine, in a subprocess
    args = parser.parse_args()

    if args.engine:
        print("RESULT " + json.dumps(run_engine(args)), flush=True)
        return
    if not args.size:
        # the configured database only (one engine)
        args.engine = "postgresql" if os.environ.get("DATABASE_URL") else "sqlite"
        results = [run_engine(args)]
    else:
        results = []
        for engine in [e.strip() for e in args.engines.split(",") if e.strip()]:
            print(f"{engine}: {args.size:,} recommendations", flush=True)
            cmd = [sys.executable, __file__, "--engine", engine, "--size", str(args.size)]
            cmd += ["--pg-url", args.pg_url, "--queries", str(args.queries)]
            cmd += ["--repeat", str(args.repeat), "--seed", str(args.seed)]
            cmd += ["--slowest", str(args.slowest)]
            cmd += ["--fresh"] if args.fresh else []
            with subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True) as proc:
                assert proc.stdout is not None
                for line in proc.stdout:
                    if line.startswith("RESULT "):
                        results.append(json.loads(line[len("RESULT ") :]))
                    else:
                        print(line, end="", flush=True)
            if proc.returncode:
                raise SystemExit(f"{engine}: the bench failed (exit {proc.returncode})")
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print_table(results)


if __name__ == "__main__":
    main()
