"""Throughput under load: 20 clients for 60 s against ``rightstrack serve``, per page and engine.

Run: ``.venv/bin/python bench/load.py [--engines sqlite,postgresql] [--duration 60]
[--clients 20] [--workers N] [--json]``.

Load tool: ``wrk`` (Debian package ``wrk``, 4.1: ``apt-get install wrk``), a C load
generator with an event loop, so that the client is not the bottleneck; it runs on the
same 2-core machine as the server, as a visitor's browser would not, so the figures are
a lower bound. For each engine, in the same run:

1. a fresh database (temporary SQLite file in WAL mode; a new PostgreSQL database on
   ``BENCH_PG_URL``, default ``postgres://postgres@127.0.0.1:5432/postgres``, dropped
   afterwards), migrated, with the 41,066 UPR Info recommendations of the bundled
   sample imported (``rightstrack import``);
2. ``rightstrack serve`` on 127.0.0.1:8114 (workers: ``--workers``, else serve's default,
   2 × cores + 1);
3. ``wrk -t2 -c<clients> -d<duration>s --latency`` on each page, one after the other:
   the list page ``/recommendations/``, a detail page ``/recommendations/<id>/`` and a
   trivial page (Django's 404 page for an unknown URL: the full middleware stack, a
   template, no query: the yardstick of issue 14). A 404 is what the trivial page
   should answer, so its 404s are not errors; any other non-2xx/3xx answer or socket
   error is.

Printed: requests per second, p50/p99 latency, errors, and each page's throughput as a
share of the trivial page's on the same engine (issue 14's bar: list page >= 50 %).
Every loop is bounded (wrk's duration) and only loopback addresses are used.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "data" / "sample" / "upr-info"
FILES = ["1-5", "6-9", "10-13", "14-17", "17-20"]
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
PORT = 8114
RIGHTSTRACK = [sys.executable, "-m", "rightstrack.cli"]


def _env(data_dir: Path, database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["RIGHTSTRACK_DATA_DIR"] = str(data_dir)
    env["DJANGO_SETTINGS_MODULE"] = "rightstrack.settings"
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def prepare(env: dict[str, str]) -> int:
    """Migrate, seed, import the sample; return the id of a public recommendation."""
    for args in (["migrate", "-v0"], ["seed_reference", "-v0"]):
        subprocess.run([*RIGHTSTRACK, *args], env=env, check=True, cwd=REPO)
    paths = [str(SAMPLE / f"{n}.csv.gz") for n in FILES]
    subprocess.run([*RIGHTSTRACK, "import", *paths, "-v0"], env=env, check=True, cwd=REPO)
    code = (
        "import django; django.setup();"
        "from rightstrack.catalog.models import Recommendation as R;"
        "print(R.objects.public().order_by('id')[20000].pk)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, cwd=REPO, capture_output=True, text=True
    )
    return int(out.stdout.strip())


def _wait_until_up(url: str, proc: subprocess.Popen[bytes], seconds: float = 600) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("rightstrack serve stopped while starting")
        try:
            with urllib.request.urlopen(url, timeout=60):  # noqa: S310 - loopback only
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("rightstrack serve did not answer in time")


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def run_wrk(url: str, clients: int, duration: int, expected_status: int = 200) -> dict[str, Any]:
    """One wrk run; returns requests/s, p50/p99 ms, requests and errors."""
    out = subprocess.run(
        ["wrk", "-t2", f"-c{clients}", f"-d{duration}s", "--latency", "--timeout", "30s", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    pct = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, flags=re.M))
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    socket_errors = sum(int(g) for g in socket.groups()) if socket else 0
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    non_2xx = int(bad.group(1)) if bad else 0
    errors = socket_errors + (0 if expected_status == 404 and non_2xx == total else non_2xx)
    return {
        "rps": rps,
        "p50_ms": _ms(pct["50"]),
        "p99_ms": _ms(pct["99"]),
        "requests": total,
        "errors": errors,
    }


def bench_engine(engine: str, args: argparse.Namespace) -> dict[str, Any]:
    """Prepare a database for ``engine``, serve it, and load each page."""
    tmp = Path(tempfile.mkdtemp(prefix="rightstrack-load-"))
    dbname = f"rt_bench_load_{os.getpid()}"
    url = ""
    if engine == "postgresql":
        import psycopg

        with psycopg.connect(PG_URL, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{dbname}"')
        url = PG_URL.rsplit("/", 1)[0] + f"/{dbname}"
    env = _env(tmp, url)
    # an empty manifest: pages link plain static names, no collectstatic needed here
    (tmp / "static").mkdir(parents=True)
    (tmp / "static" / "staticfiles.json").write_text('{"paths": {}, "version": "1.1"}')
    server: subprocess.Popen[bytes] | None = None
    try:
        started = time.perf_counter()
        rec_id = prepare(env)
        print(f"[{engine}] prepared in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        serve = [*RIGHTSTRACK, "serve", "--bind", f"127.0.0.1:{PORT}"]
        if args.workers:
            serve += ["--workers", str(args.workers)]
        base = f"http://127.0.0.1:{PORT}"
        pages = {
            "list /recommendations/": (f"{base}/recommendations/", 200),
            f"detail /recommendations/{rec_id}/": (f"{base}/recommendations/{rec_id}/", 200),
            "trivial (Django 404 page)": (f"{base}/no-such-page/", 404),
        }
        results = {}
        for label, (page, status) in pages.items():
            # a fresh server per page: requests still queued from the previous page's run
            # (wrk stops sending, the server does not stop answering) must not count here
            server = subprocess.Popen(
                serve, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            _wait_until_up(f"{base}/no-such-page/", server)
            # warm-up: every worker has loaded the application and served this page once
            # (its first visit renders what the next ones reuse: templates, the kept page)
            run_wrk(page, 2 * (args.workers or 2 * (os.cpu_count() or 1) + 1), 10, status)
            results[label] = run_wrk(page, args.clients, args.duration, status)
            print(f"[{engine}] {label}: {results[label]}", file=sys.stderr)
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
            server = None
        return {"engine": engine, "pages": results}
    finally:
        if server is not None:
            server.kill()
            server.wait(timeout=60)
        shutil.rmtree(tmp, ignore_errors=True)
        if engine == "postgresql":
            import psycopg

            with psycopg.connect(PG_URL, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--duration", type=int, default=60, help="seconds per page")
    parser.add_argument("--clients", type=int, default=20, help="concurrent connections")
    parser.add_argument("--workers", type=int, default=0, help="serve --workers (0: default)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk")
    results = [bench_engine(e, args) for e in args.engines.split(",")]
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"{args.clients} clients, {args.duration} s per page, rightstrack serve, wrk")
    head = f"{'engine':<11} {'page':<34} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'vs trivial':>10}"
    print(head)
    print("-" * len(head))
    for r in results:
        trivial = next(v for k, v in r["pages"].items() if k.startswith("trivial"))["rps"]
        for label, v in r["pages"].items():
            print(
                f"{r['engine']:<11} {label:<34} {v['rps']:>8.1f} {v['p50_ms']:>8.1f} "
                f"{v['p99_ms']:>8.1f} {v['errors']:>7} {v['rps'] / trivial:>9.0%}"
            )


if __name__ == "__main__":
    main()
