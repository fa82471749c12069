"""Import speed: all 41,066 UPR Info rows through ``rightstrack import`` vs the bare bulk paths.

Run: ``.venv/bin/python bench/import.py [--engines sqlite,postgresql] [--json]``
(or ``make bench``). Uses the bundled sample (``data/sample/upr-info/*.csv.gz``).

For each engine, in the same run, each in a fresh database (a temporary SQLite file;
a new PostgreSQL database made on the server of ``BENCH_PG_URL``, default
``postgres://postgres@127.0.0.1:5432/postgres``, and dropped afterwards):

* **bare baseline**: decode the CSV (Mac Roman), ``csv.reader``, then insert its 11 text
  columns into one table: ``executemany`` on SQLite, ``COPY ... FROM STDIN`` (psycopg)
  on PostgreSQL;
* **RightsTrack**: ``rightstrack import`` of the five files (``call_command``), one
  transaction per file: parse, resolve countries/issues/action categories, natural
  keys, one synthetic document per State and session, the recommendations, their
  recommending-State and issue tags, one history row per recommendation (with its m2m
  snapshot) and the full-text search rows;
* **re-import**: the same files again (every row unchanged: nothing written).

Ratios are RightsTrack wall time / baseline wall time on the same engine (the whole
import: the classify step and the facet counts after each commit included; the table
also gives those two steps' seconds, timed inside the import, and the ratio without them). Each engine
runs in a child process (Django is set up once per process, for one database).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
FILES = ["1-5", "6-9", "10-13", "14-17", "17-20"]
SAMPLE = REPO / "data" / "sample" / "upr-info"
EXPECTED = 41066
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
COLUMNS = (
    "to_state, to_rgrp, to_org, text, from_state, from_rgrp, from_org, response, action, "
    "issue, session"
)


def _rows(name: str) -> list[list[str]]:
    raw = gzip.decompress((SAMPLE / f"{name}.csv.gz").read_bytes()).decode("mac_roman")
    reader = csv.reader(io.StringIO(raw, newline=""))
    next(reader)
    return [r for r in reader if r]


def bare_sqlite(tmp: Path) -> tuple[int, float]:
    """(rows, wall seconds): csv.reader + executemany into one SQLite table."""
    db = sqlite3.connect(tmp / "plain.sqlite3")
    db.execute(f"CREATE TABLE rec ({COLUMNS.replace(',', ' TEXT,')} TEXT)")
    start = time.perf_counter()
    total = 0
    for name in FILES:
        rows = _rows(name)
        db.executemany("INSERT INTO rec VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
        total += len(rows)
    db.commit()
    seconds = time.perf_counter() - start
    db.close()
    return total, seconds


def bare_postgresql(url: str) -> tuple[int, float]:
    """(rows, wall seconds): csv.reader + COPY FROM STDIN into one PostgreSQL table."""
    import psycopg

    with psycopg.connect(url) as db:
        db.execute(f"CREATE TABLE bench_rec ({COLUMNS.replace(',', ' TEXT,')} TEXT)")
        start = time.perf_counter()
        total = 0
        with db.cursor() as cur:
            for name in FILES:
                rows = _rows(name)
                with cur.copy(f"COPY bench_rec ({COLUMNS}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                total += len(rows)
        db.commit()
        seconds = time.perf_counter() - start
        db.execute("DROP TABLE bench_rec")
    return total, seconds


def _time_steps() -> dict[str, float]:
    """Time two steps inside the measured import without changing it: the classify step
    (``classify.suggest.suggest_for``, answering ``recommendations_stored``) and the
    unfiltered list's facet counts after the commit (``portal.list_cache.
    precompute_common_pages``). Both receivers import the function when called, so a
    timing wrapper on the module attribute sees every call. Returns the running totals."""
    from rightstrack.classify import suggest
    from rightstrack.portal import list_cache

    spent = {"suggest": 0.0, "facets": 0.0}

    def timed(module: Any, name: str, key: str) -> None:
        original = getattr(module, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent[key] += time.perf_counter() - started

        setattr(module, name, wrapper)

    timed(suggest, "suggest_for", "suggest")
    timed(list_cache, "precompute_common_pages", "facets")
    return spent


def child(engine: str) -> dict[str, Any]:
    """Run the baseline and RightsTrack's import on the database of this process."""
    with tempfile.TemporaryDirectory(prefix="rightstrack-bench-") as name:
        tmp = Path(name)
        os.environ["RIGHTSTRACK_DATA_DIR"] = str(tmp / "rt")
        url = os.environ.get("DATABASE_URL", "")
        base_rows, base_s = bare_postgresql(url) if engine == "postgresql" else bare_sqlite(tmp)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
        sys.path.insert(0, str(REPO / "src"))
        import django

        django.setup()
        from django.core.management import call_command

        from rightstrack.catalog.models import Recommendation

        call_command("migrate", verbosity=0)
        call_command("seed_reference", verbosity=0)
        spent = _time_steps()
        paths = [str(SAMPLE / f"{n}.csv.gz") for n in FILES]
        start = time.perf_counter()
        call_command("import", *paths, verbosity=0)
        first = time.perf_counter() - start
        steps = dict(spent)
        rows = Recommendation.objects.count()
        start = time.perf_counter()
        call_command("import", *paths, verbosity=0)
        again = time.perf_counter() - start
        assert Recommendation.objects.count() == rows
    return {
        "engine": engine,
        "rows": rows,
        "baseline_rows": base_rows,
        "baseline": "executemany" if engine == "sqlite" else "COPY",
        "baseline_s": base_s,
        "import_s": first,
        "suggest_s": steps["suggest"],
        "facets_s": steps["facets"],
        "reimport_s": again,
        "ratio": first / base_s,
    }


def run_engine(engine: str) -> dict[str, Any]:
    """Run :func:`child` for ``engine`` in a new process (a fresh PostgreSQL database)."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    dbname = f"rt_bench_import_{os.getpid()}"
    if engine == "postgresql":
        import psycopg

        with psycopg.connect(PG_URL, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{dbname}"')
        env["DATABASE_URL"] = PG_URL.rsplit("/", 1)[0] + f"/{dbname}"
    try:
        out = subprocess.run(
            [sys.executable, __file__, "--child", engine],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        return json.loads(out.stdout.strip().splitlines()[-1])
    finally:
        if engine == "postgresql":
            import psycopg

            with psycopg.connect(PG_URL, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return
    results = [run_engine(e) for e in args.engines.split(",")]
    for r in results:
        assert r["rows"] == r["baseline_rows"] == EXPECTED, r
    if args.json:
        print(json.dumps(results, indent=2))
        return
    limits = {"sqlite": 4.0, "postgresql": 10.0}
    head = (
        f"{'engine':<11} {'rows':>7} {'baseline':<12} {'base s':>7} {'import s':>9} "
        f"{'suggest s':>9} {'facets s':>8} {'re-import s':>11} {'ratio':>6} {'target':>7} "
        f"{'met':>4} {'w/o both':>8}"
    )
    print(head)
    print("-" * len(head))
    for r in results:
        rest = (r["import_s"] - r["suggest_s"] - r["facets_s"]) / r["baseline_s"]
        print(
            f"{r['engine']:<11} {r['rows']:>7,} {r['baseline']:<12} {r['baseline_s']:>7.2f} "
            f"{r['import_s']:>9.2f} {r['suggest_s']:>9.2f} {r['facets_s']:>8.2f} "
            f"{r['reimport_s']:>11.2f} {r['ratio']:>5.1f}x "
            f"{'<=' + str(limits[r['engine']]) + 'x':>7} "
            f"{'yes' if r['ratio'] <= limits[r['engine']] else 'no':>4} {rest:>7.1f}x"
        )
    print(
        "ratio: import s / base s, the whole `rightstrack import` (history, search rows, the "
        "classify step and the facet counts after the commit included). suggest s, facets s: "
        "the two last steps, inside import s; w/o both: the ratio without them (for "
        "reading only: the bar is on ratio)."
    )
    print(f"load average after the run: {os.getloadavg()[0]:.1f} (1 min)")


if __name__ == "__main__":
    main()
