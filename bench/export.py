"""Export all 41,066 UPR Info recommendations to XLSX and CSV (and JSON): time and peak memory.

Uses the database configured by ``RIGHTSTRACK_DATA_DIR`` / ``DATABASE_URL``.
When it holds fewer than 41,066 recommendations, the five UPR Info database
files (``shared/data/raw/upr-info-terman/upr-info-db-2008-2014``) are
imported first (``rightstrack import``).

Each export runs in a fresh child process, twice:
  seconds    wall time of ``export_to_file`` (no tracing)
  max RSS    peak resident memory of that child process (``VmHWM``), including
             the interpreter, Django, openpyxl and lxml (~60 MB before any row)
  py peak    peak Python heap during the export (``tracemalloc``, second run;
             tracing slows it down, so its time is not reported)
  rows       data rows written; bytes = file size

Run: ``.venv/bin/python bench/export.py [--formats csv,xlsx,json] [--layout default|uhri]``.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")

UPR_INFO_FILES = ["1-5.csv", "6-9.csv", "10-13.csv", "14-17.csv", "17-20.csv"]
EXPECTED = 41066


def _setup() -> None:
    import django

    django.setup()


def ensure_data() -> int:
    """Import the UPR Info files when the catalogue is smaller than 41,066 rows."""
    _setup()
    from django.conf import settings
    from django.core.management import call_command

    from rightstrack.catalog.models import Recommendation

    call_command("migrate", verbosity=0)
    n = Recommendation.objects.public().count()
    if n < EXPECTED:
        folder = Path(settings.SHARED_DATA_DIR) / "upr-info-terman" / "upr-info-db-2008-2014"
        call_command("seed_reference", verbosity=0)
        started = time.perf_counter()
        call_command("import", *[folder / f for f in UPR_INFO_FILES], verbosity=0)
        print(f"imported UPR Info files in {time.perf_counter() - started:.1f} s")
        n = Recommendation.objects.public().count()
    return n


def _run(fmt: str, layout: str, trace: bool, queue: mp.Queue) -> None:
    _setup()
    from django.http import QueryDict

    from rightstrack.reports.exports import export_to_file

    with tempfile.NamedTemporaryFile(suffix=f".{fmt}") as out:
        if trace:
            tracemalloc.start()
        started = time.perf_counter()
        rows = export_to_file("recommendations", fmt, None, QueryDict(), out, layout)
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] if trace else 0
        out.flush()
        size = Path(out.name).stat().st_size
    queue.put((rows, seconds, peak, peak_rss_kb(), size))


def peak_rss_kb() -> int:
    """Peak resident memory of this process in KB.

    ``VmHWM`` from /proc (Linux) belongs to this process image only; getrusage's
    ``ru_maxrss`` would also count the parent's memory inherited through fork.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure(fmt: str, layout: str, trace: bool) -> tuple[int, float, int, int, int]:
    """Run one export in a fresh process; return (rows, seconds, py peak, maxrss KB, bytes)."""
    ctx = mp.get_context("spawn")
    queue: mp.Queue = ctx.Queue()
    proc = ctx.Process(target=_run, args=(fmt, layout, trace, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--formats", default="xlsx,csv,json")
    parser.add_argument("--layout", default="default")
    args = parser.parse_args()
    total = ensure_data()
    print(f"catalogue: {total:,} public recommendations; layout={args.layout}")
    header = f"{'format':<6} {'rows':>8} {'seconds':>8} {'rows/s':>8} {'max RSS':>9} {'py peak':>9} {'MB out':>7}"
    print(header)
    print("-" * len(header))
    for fmt in args.formats.split(","):
        rows, seconds, _, maxrss, size = measure(fmt, args.layout, trace=False)
        _, _, peak, _, _ = measure(fmt, args.layout, trace=True)
        print(
            f"{fmt:<6} {rows:>8,} {seconds:>8.1f} {rows / seconds:>8,.0f} "
            f"{maxrss / 1024:>6.0f} MB {peak / 2**20:>6.1f} MB {size / 2**20:>7.1f}"
        )


if __name__ == "__main__":
    main()
