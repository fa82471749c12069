"""Export speed and memory: ``rightstrack export`` of every recommendation to CSV and XLSX
vs a bare ``csv`` writer and openpyxl's write-only workbook, on SQLite and PostgreSQL.

Run: ``.venv/bin/python bench/export.py [--engines sqlite,postgresql] [--formats csv,xlsx]
[--json]``.

For each engine, in the same run: a fresh database (temporary SQLite file; a new
PostgreSQL database on ``BENCH_PG_URL``, default
``postgres://postgres@127.0.0.1:5432/postgres``, dropped afterwards) with the 41,066
UPR Info recommendations of the bundled sample (``data/sample/upr-info``) imported by
``rightstrack import``. Then, each in a fresh child process:

* **bare8** (``bare``): one SQL query (recommendation joined with its document, mechanism
  and country: id, symbol, paragraph, text, mechanism, country, date, position: 8
  columns, :data:`BARE_SQL`) streamed from a server-side cursor into ``csv.writer`` /
  an openpyxl ``write_only`` sheet. The baseline of issue 14's first figures;
* **bare22** (``bare_full``): the same, with one bare SQL query giving the 22 cells
  RightsTrack writes (:func:`bare_full_sql`: each tag list joined with "; " by the
  engine's ``group_concat`` / ``string_agg`` in a correlated subquery, the link built by
  concatenation), still with no Django model, no visibility rule, no sorting of the
  lists, no formula neutralising. Like for like: **the bars (CSV <= 2x, XLSX <= 1.3x)
  are read against bare22**; the bare8 ratio is printed too, as measured before;
* **RightsTrack**: ``export_to_file("recommendations", fmt, ...)``, what
  ``rightstrack export`` and the web export run: every column of a portal row (tags,
  recommending States, SDGs, links...), visibility rules, formula neutralising.

Every child loads Django and the URLconf before the clock starts (process start-up, as a
web worker has done before any export; the CLI pays it once per command).

``py peak`` is the peak of Python's heap during the export (``tracemalloc``, a second run:
tracing slows it down, so its time is not used); ``RSS`` the child's peak resident memory
(VmHWM, interpreter and Django included). Both stay flat in the row count: every writer
streams chunks of rows (``portal/rows.py`` ``CHUNK_SIZE``, server-side cursors).
To check it, RightsTrack's export of a smaller part of the same catalogue
(:data:`SMALL_QUERY`) is traced too: ``small py MB`` beside ``ours py MB``.
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing as mp
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "sample" / "upr-info"
FILES = ["1-5", "6-9", "10-13", "14-17", "17-20"]
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
BARE_SQL = """
SELECT r.id, d.symbol, r.paragraph, r.text, m.code, c.name_en, r.date, r.position
FROM catalog_recommendation r
JOIN catalog_document d ON d.id = r.document_id
JOIN catalog_mechanism m ON m.id = r.mechanism_id
LEFT JOIN catalog_country c ON c.id = r.country_id
ORDER BY r.id
"""
#: Every tag list of a portal row, as (many-to-many table, its tag column, tag table, the
#: tag's value shown): recommending States (ISO3), themes, affected persons, SDG goal
#: numbers, SDG target codes, UPR Info issues.
BARE_TAGS = [
    ("catalog_recommendation_recommending_states", "country_id", "catalog_country", "iso3"),
    ("catalog_recommendation_themes", "theme_id", "catalog_theme", "name"),
    ("catalog_recommendation_affected_groups", "affectedgroup_id", "catalog_affectedgroup", "name"),
    ("catalog_recommendation_sdg_goals", "sdggoal_id", "catalog_sdggoal", "number"),
    ("catalog_recommendation_sdg_targets", "sdgtarget_id", "catalog_sdgtarget", "code"),
    ("catalog_recommendation_upr_issues", "uprissue_id", "catalog_uprissue", "name"),
]


def bare_full_sql(vendor: str) -> str:
    """One bare SQL query giving the cells of RightsTrack's export, in its column order
    (``portal.rows.RECOMMENDATION_COLUMNS``): each tag list joined with "; " by the
    engine's own aggregate, the link built by concatenation. No visibility filter, no
    sorting of the lists, no formula neutralising: what a bare script would write."""
    lists = []
    for through, tag_col, table, value in BARE_TAGS:
        joined = (
            f"group_concat(t.{value}, '; ')"
            if vendor == "sqlite"
            else f"string_agg(t.{value}::text, '; ')"
        )
        lists.append(
            f"(SELECT {joined} FROM {through} x JOIN {table} t ON t.id = x.{tag_col} "
            "WHERE x.recommendation_id = r.id)"
        )
    states, themes, affected, sdgs, targets, issues = lists
    return f"""
SELECT r.id, d.symbol, r.paragraph, r.text, r.kind, m.code, c.iso3, r.date, r.year,
  {states}, r.position, r.upr_cycle, r.upr_session, {themes}, {affected}, {sdgs},
  {targets}, {issues}, a.number, r.uhri_id, d.key,
  '/recommendations/' || r.id || '/'
FROM catalog_recommendation r
JOIN catalog_document d ON d.id = r.document_id
JOIN catalog_mechanism m ON m.id = r.mechanism_id
LEFT JOIN catalog_country c ON c.id = r.country_id
LEFT JOIN catalog_actioncategory a ON a.id = r.action_category_id
ORDER BY r.id
"""


#: The smaller export of the memory check: UPR cycle 1 (sessions 1-12), about a third.
SMALL_QUERY = "cycle=1"
HEADERS = ["id", "symbol", "paragraph", "text", "mechanism", "country", "date", "position"]


def _setup() -> None:
    sys.path.insert(0, str(REPO / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
    import django

    django.setup()


def _peak_rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def _bare(fmt: str, out: Any, full: bool = False) -> int:
    """The bare export: :data:`BARE_SQL` (8 columns), or with ``full`` the same cells as
    RightsTrack's (:func:`bare_full_sql`), streamed into ``csv.writer`` or openpyxl."""
    from django.db import connection, transaction

    from rightstrack.portal.rows import RECOMMENDATION_COLUMNS

    sql = bare_full_sql(connection.vendor) if full else BARE_SQL
    headers = [c.header for c in RECOMMENDATION_COLUMNS] if full else HEADERS
    with transaction.atomic(), connection.chunked_cursor() as cur:
        cur.execute(sql)
        n = 0
        if fmt == "csv":
            text = open(out.fileno(), "w", encoding="utf-8", newline="", closefd=False)  # noqa: SIM115
            writer = csv.writer(text)
            writer.writerow(headers)
            while rows := cur.fetchmany(2000):
                writer.writerows(rows)
                n += len(rows)
            text.flush()
            return n
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Recommendations")
        ws.append(headers)
        while rows := cur.fetchmany(2000):
            for row in rows:
                ws.append(list(row))
            n += len(rows)
        wb.save(out)
        return n


def _child(kind: str, fmt: str, trace: bool, queue: Any, query: str = "") -> None:
    try:
        _run_child(kind, fmt, trace, queue, query)
    except BaseException as exc:
        queue.put({"error": repr(exc)})
        raise


def _run_child(kind: str, fmt: str, trace: bool, queue: Any, query: str = "") -> None:
    _setup()
    from django.http import QueryDict
    from django.urls import get_resolver

    from rightstrack.reports.exports import export_to_file

    # Process start-up, before the clock as django.setup() is, in every child (bare too):
    # the URLconf, loaded once per process (a web worker has it already; the export
    # reverses the recommendation page's URL once).
    get_resolver().url_patterns  # noqa: B018

    with tempfile.NamedTemporaryFile(suffix=f".{fmt}") as out:
        if trace:
            tracemalloc.start()
        started = time.perf_counter()
        if kind in ("bare", "bare_full"):
            rows = _bare(fmt, out, full=kind == "bare_full")
        else:
            rows = export_to_file("recommendations", fmt, None, QueryDict(query), out)
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] if trace else 0
        out.flush()
        size = Path(out.name).stat().st_size
    queue.put(
        {"rows": rows, "s": seconds, "py_peak": peak, "rss_kb": _peak_rss_kb(), "bytes": size}
    )


def measure(kind: str, fmt: str) -> dict[str, Any]:
    """Time (untraced run) and Python peak (traced run) of one export, each in a new process."""
    ctx = mp.get_context("spawn")
    found: dict[str, Any] = {}
    for trace in (False, True):
        queue = ctx.Queue()
        proc = ctx.Process(target=_child, args=(kind, fmt, trace, queue))
        proc.start()
        got = queue.get(timeout=1800)
        proc.join()
        if "error" in got:
            raise SystemExit(f"{kind} {fmt} export failed: {got['error']}")
        if trace:
            found["py_peak"] = got["py_peak"]
        else:
            found.update(got)
    return found


def small_peak(fmt: str) -> dict[str, Any]:
    """Python peak and RSS of RightsTrack's export of a smaller part of the same catalogue
    (:data:`SMALL_QUERY`), in a new process: beside the whole catalogue's, it shows
    whether memory grows with the row count."""
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=("rightstrack", fmt, True, queue, SMALL_QUERY))
    proc.start()
    got: dict[str, Any] = queue.get(timeout=1800)
    proc.join()
    if "error" in got:
        raise SystemExit(f"small {fmt} export failed: {got['error']}")
    return got


def engine_child(formats: list[str]) -> list[dict[str, Any]]:
    """In a process whose environment names the engine's database: load it, then measure."""
    _setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed_reference", verbosity=0)
    call_command("import", *[str(SAMPLE / f"{n}.csv.gz") for n in FILES], verbosity=0)
    results = []
    for fmt in formats:
        bare = measure("bare", fmt)
        full = measure("bare_full", fmt)
        ours = measure("rightstrack", fmt)
        small = small_peak(fmt)
        results.append(
            {"format": fmt, "bare": bare, "bare_full": full, "rightstrack": ours, "small": small}
        )
    return results


def run_engine(engine: str, formats: list[str]) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    dbname = f"rt_bench_export_{os.getpid()}"
    with tempfile.TemporaryDirectory(prefix="rightstrack-export-") as tmp:
        env["RIGHTSTRACK_DATA_DIR"] = tmp
        if engine == "postgresql":
            import psycopg

            with psycopg.connect(PG_URL, autocommit=True) as admin:
                admin.execute(f'CREATE DATABASE "{dbname}"')
            env["DATABASE_URL"] = PG_URL.rsplit("/", 1)[0] + f"/{dbname}"
        try:
            out = subprocess.run(
                [sys.executable, __file__, "--child", "--formats", ",".join(formats)],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
        finally:
            if engine == "postgresql":
                import psycopg

                with psycopg.connect(PG_URL, autocommit=True) as admin:
                    admin.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
    return {"engine": engine, "results": json.loads(out.stdout.strip().splitlines()[-1])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--formats", default="csv,xlsx")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    formats = args.formats.split(",")
    if args.child:
        print(json.dumps(engine_child(formats)))
        return
    runs = [run_engine(e, formats) for e in args.engines.split(",")]
    if args.json:
        print(json.dumps(runs, indent=2))
        return
    limits = {"csv": "<=2.0x", "xlsx": "<=1.3x"}
    head = (
        f"{'engine':<11} {'fmt':<5} {'rows':>7} {'bare8 s':>7} {'bare22 s':>8} {'ours s':>7} "
        f"{'/bare8':>7} {'/bare22':>7} {'target':>7} {'bare py MB':>10} {'ours py MB':>10} "
        f"{'ours RSS MB':>11} {'small rows':>10} {'small py MB':>11} {'small RSS MB':>12}"
    )
    print(head)
    print("-" * len(head))
    for run in runs:
        for r in run["results"]:
            b, f, o = r["bare"], r["bare_full"], r["rightstrack"]
            print(
                f"{run['engine']:<11} {r['format']:<5} {o['rows']:>7,} {b['s']:>7.2f} "
                f"{f['s']:>8.2f} {o['s']:>7.2f} {o['s'] / b['s']:>6.2f}x "
                f"{o['s'] / f['s']:>6.2f}x {limits.get(r['format'], ''):>7} "
                f"{f['py_peak'] / 2**20:>10.1f} {o['py_peak'] / 2**20:>10.1f} "
                f"{o['rss_kb'] / 1024:>11.0f} {r['small']['rows']:>10,} "
                f"{r['small']['py_peak'] / 2**20:>11.1f} {r['small']['rss_kb'] / 1024:>12.0f}"
            )
    print(
        "bare8: the 8 columns of BARE_SQL; bare22: the same 22 cells as ours (bare_full_sql), "
        "both one bare SQL query into csv.writer / openpyxl write-only. /bare8, /bare22: "
        "ours s / bare s (same engine, same run); the target applies to /bare22 (like for "
        "like), /bare8 is the figure measured before. py MB: peak of Python's heap "
        f"(tracemalloc; bare = bare22); small: our export of `{SMALL_QUERY}` only, for the "
        "memory check (flat in the row count when its peaks match the whole catalogue's)."
    )
    print(f"load average after the run: {os.getloadavg()[0]:.1f} (1 min)")


if __name__ == "__main__":
    main()
