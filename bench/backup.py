"""Backup and restore of the bundled sample (41,066 UPR Info recommendations and more).

Run: ``.venv/bin/python bench/backup.py [--engines sqlite,postgresql] [--pg-url URL]``
(or ``make bench``). Everything goes through the ``rightstrack`` console script, as an
operator would run it, each engine in a throw-away installation:

1. ``rightstrack migrate`` and ``rightstrack load-sample`` (what ``make run`` loads: the
   UPR Info database 2008-2014, the Slovenia thematic lists, UHRI records) into a fresh
   data directory (SQLite) or a fresh database on the server of ``--pg-url``
   (PostgreSQL; default ``postgres://postgres@127.0.0.1:5432/postgres``, the databases
   ``rt_bench_backup_src`` and ``rt_bench_backup_dst`` are created and dropped);
2. ``rightstrack backup -o backup.tar.gz``: wall time of the whole command (Python and
   Django start-up included, about 1 s) and the archive's size;
3. ``rightstrack restore backup.tar.gz`` into an empty data directory (and database):
   wall time, then the restored recommendation count is checked against the source.

The PostgreSQL row is skipped, with a note, when the server or pg_dump is missing.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONSOLE_SCRIPT = Path(sys.executable).with_name("rightstrack")
EXPECTED_UPR_INFO = 41066


def run(env: dict[str, str], *args: str) -> tuple[float, float]:
    """Run ``rightstrack ARGS``; return (wall, CPU) seconds (exit on failure).

    CPU is the user + system time of the command and its children (``pg_dump``,
    ``pg_restore``), not the PostgreSQL server's: on a shared machine the wall time
    also measures the other processes.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([str(CONSOLE_SCRIPT), *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"rightstrack {' '.join(args)} failed:\n{done.stderr}")
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def environment(data_dir: Path, database_url: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env["RIGHTSTRACK_DATA_DIR"] = str(data_dir)
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def count_recommendations(data_dir: Path, database_url: str | None) -> int:
    sql = "SELECT count(*) FROM catalog_recommendation"
    if database_url is None:
        db = sqlite3.connect(data_dir / "rightstrack.sqlite3")
        try:
            return int(db.execute(sql).fetchone()[0])
        finally:
            db.close()
    import psycopg

    with psycopg.connect(database_url) as conn:
        row = conn.execute(sql).fetchone()
    assert row is not None
    return int(row[0])


def bench(
    engine: str, tmp: Path, urls: tuple[str, str] | None
) -> tuple[int, float, float, int, float]:
    """(recommendations, load s, backup s, archive bytes, restore s) for one engine."""
    src_url, dst_url = urls if urls else (None, None)
    src, dst = tmp / f"{engine}-src", tmp / f"{engine}-dst"
    src_env, dst_env = environment(src, src_url), environment(dst, dst_url)
    load = run(src_env, "migrate", "--noinput", "-v0")[0] + run(src_env, "load-sample", "-v0")[0]
    rows = count_recommendations(src, src_url)
    assert rows >= EXPECTED_UPR_INFO, rows
    archive = tmp / f"{engine}.tar.gz"
    backup = run(src_env, "backup", "-o", str(archive))
    restore = run(dst_env, "restore", str(archive))
    restored = count_recommendations(dst, dst_url)
    assert restored == rows, (restored, rows)
    return rows, load, backup, archive.stat().st_size, restore


def pg_databases(base_url: str) -> tuple[str, str] | None:
    """Create the two bench databases; None (with a note) when PostgreSQL is unusable."""
    if shutil.which("pg_dump") is None:
        print("PostgreSQL skipped: pg_dump is not installed")
        return None
    try:
        import psycopg

        with psycopg.connect(base_url, autocommit=True) as conn:
            for name in ("rt_bench_backup_src", "rt_bench_backup_dst"):
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                conn.execute(f'CREATE DATABASE "{name}"')
    except Exception as exc:
        print(f"PostgreSQL skipped: {exc}")
        return None
    prefix = base_url.rsplit("/", 1)[0]
    return f"{prefix}/rt_bench_backup_src", f"{prefix}/rt_bench_backup_dst"


def drop_pg_databases(base_url: str) -> None:
    import psycopg

    with psycopg.connect(base_url, autocommit=True) as conn:
        for name in ("rt_bench_backup_src", "rt_bench_backup_dst"):
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    options = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="rightstrack-bench-backup-") as name:
        tmp = Path(name)
        for engine in options.engines.split(","):
            if engine == "sqlite":
                results.append(("SQLite", *bench("sqlite", tmp, None)))
            elif engine == "postgresql":
                urls = pg_databases(options.pg_url)
                if urls is not None:
                    try:
                        results.append(("PostgreSQL", *bench("postgresql", tmp, urls)))
                    finally:
                        drop_pg_databases(options.pg_url)
            else:
                raise SystemExit(f"unknown engine {engine!r} (sqlite, postgresql)")
    print(
        f"{'engine':<11} {'recommendations':>15} {'load s':>7} {'backup s':>9} {'CPU s':>6} "
        f"{'archive MB':>10} {'restore s':>9} {'CPU s':>6}"
    )
    for label, rows, load, backup, size, restore in results:
        print(
            f"{label:<11} {rows:>15,} {load:>7.1f} {backup[0]:>9.2f} {backup[1]:>6.2f} "
            f"{size / 1e6:>10.1f} {restore[0]:>9.2f} {restore[1]:>6.2f}"
        )
    print(
        "backup, restore: wall time of the whole CLI command, start-up included; CPU s: the "
        "command and its children (pg_dump, pg_restore), not the database server"
    )


if __name__ == "__main__":
    main()
