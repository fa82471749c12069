"""Import speed: all 41,066 UPR Info rows through RightsTrack vs a bare csv + executemany.

Run: ``.venv/bin/python bench/import.py`` (or ``make bench``). Uses a fresh SQLite
database in a temporary RIGHTSTRACK_DATA_DIR and the bundled sample
(``data/sample/upr-info/*.csv.gz``), so it needs neither ../shared nor PostgreSQL.

RightsTrack's import parses, resolves countries/issues/action categories, builds
natural keys, writes one synthetic document per State and session, the
recommendations, their recommending-State and issue tags, and one history row per
recommendation, all in one transaction per file. The baseline only decodes the
CSV and inserts its 11 text columns into one table.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FILES = ["1-5", "6-9", "10-13", "14-17", "17-20"]
SAMPLE = REPO / "data" / "sample" / "upr-info"


def bench_rightstrack(tmp: Path) -> tuple[int, tuple[float, float], tuple[float, float]]:
    """(rows, (wall, CPU) seconds of the imports, (wall, CPU) of a re-import)."""
    os.environ["RIGHTSTRACK_DATA_DIR"] = str(tmp / "rt")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
    sys.path.insert(0, str(REPO / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    from rightstrack.catalog.models import Recommendation
    from rightstrack.catalog.reference import seed_reference
    from rightstrack.ingest.pipeline import import_file

    call_command("migrate", verbosity=0)
    seed_reference()
    start, cpu = time.perf_counter(), time.process_time()
    runs = [import_file(SAMPLE / f"{name}.csv.gz") for name in FILES]
    first = (time.perf_counter() - start, time.process_time() - cpu)
    failed = [r.message for r in runs if r.status != "succeeded"]
    if failed:
        raise SystemExit(f"import failed: {failed}")
    rows = Recommendation.objects.count()
    start, cpu = time.perf_counter(), time.process_time()
    again = [import_file(SAMPLE / f"{name}.csv.gz") for name in FILES]
    second = (time.perf_counter() - start, time.process_time() - cpu)
    assert sum(r.unchanged for r in again) == rows
    return rows, first, second


def bench_plain(tmp: Path) -> tuple[int, tuple[float, float]]:
    """(rows, (wall, CPU) seconds): csv.reader + executemany into one SQLite table."""
    db = sqlite3.connect(tmp / "plain.sqlite3")
    db.execute(
        "CREATE TABLE rec (to_state TEXT, to_rgrp TEXT, to_org TEXT, text TEXT, "
        "from_state TEXT, from_rgrp TEXT, from_org TEXT, response TEXT, action TEXT, "
        "issue TEXT, session TEXT)"
    )
    start, cpu = time.perf_counter(), time.process_time()
    total = 0
    for name in FILES:
        raw = gzip.decompress((SAMPLE / f"{name}.csv.gz").read_bytes()).decode("mac_roman")
        reader = csv.reader(io.StringIO(raw, newline=""))
        next(reader)
        rows = [r for r in reader if r]
        db.executemany("INSERT INTO rec VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
        total += len(rows)
    db.commit()
    seconds = (time.perf_counter() - start, time.process_time() - cpu)
    db.close()
    return total, seconds


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="rightstrack-bench-") as name:
        tmp = Path(name)
        plain_rows, plain_s = bench_plain(tmp)
        rows, first_s, again_s = bench_rightstrack(tmp)
    assert rows == plain_rows == 41066, (rows, plain_rows)
    lines = [
        ("plain csv + executemany (SQLite)", plain_rows, plain_s),
        ("RightsTrack import (SQLite, fresh DB)", rows, first_s),
        ("RightsTrack re-import (all unchanged)", rows, again_s),
    ]
    # CPU time next to wall time: on a shared machine the wall clock also measures
    # the other processes; CPU seconds are what this import itself costs.
    head = f"{'method':<40} {'rows':>7} {'wall s':>7} {'rows/s':>8} {'CPU s':>7} {'rows/CPU s':>10}"
    print(head)
    for label, n, (wall, cpu) in lines:
        print(f"{label:<40} {n:>7,} {wall:>7.2f} {n / wall:>8,.0f} {cpu:>7.2f} {n / cpu:>10,.0f}")
    print(
        f"RightsTrack / plain, wall: {first_s[0] / plain_s[0]:.1f}x  CPU: {first_s[1] / plain_s[1]:.1f}x"
    )


if __name__ == "__main__":
    main()
