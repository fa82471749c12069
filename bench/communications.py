"""Importing the real Views into communication records, and reading them back.

Through the commands and pages users take: ``rightstrack import`` on every Views file of
``shared/data/raw/tb-views-lszoszk/*.txt`` and ``tb-juris-worldwidelaw/TreatyBodyJuris/*.txt``
(one run per file, as the CLI does), then ``rightstrack deadlines --json`` (after one
warm-up call) and the
``/communications/`` list and one detail page through the Django test client (anonymous).
A temporary SQLite database is made and migrated first.

Prints one row per record (committee, number, State, outcome, articles violated, remedies,
reply period and deadline) and the timings in milliseconds; ``--json`` prints the same as JSON.

Run: ``.venv/bin/python bench/communications.py [--json]``.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
SHARED = Path(os.environ.get("RIGHTSTRACK_SHARED_DIR", ROOT.parent / "shared" / "data" / "raw"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="rightstrack-bench-views-")
    os.environ.pop("DATABASE_URL", None)
    os.environ["RIGHTSTRACK_DATA_DIR"] = tmp
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from rightstrack.catalog.models import Communication

    setup_test_environment()
    call_command("migrate", verbosity=0, interactive=False)
    files = sorted((SHARED / "tb-views-lszoszk").glob("*.txt")) + sorted(
        (SHARED / "tb-juris-worldwidelaw" / "TreatyBodyJuris").glob("*.txt")
    )
    start = time.perf_counter()
    for path in files:
        call_command("import", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    import_ms = (time.perf_counter() - start) * 1000
    call_command("deadlines", "--json", stdout=io.StringIO())  # warm-up (imports, catalogues)
    out = io.StringIO()
    start = time.perf_counter()
    call_command("deadlines", "--json", stdout=out)
    deadlines_ms = (time.perf_counter() - start) * 1000
    views_events = [e for e in json.loads(out.getvalue()) if e["kind"] == "views_reply"]
    client = Client()
    client.get("/communications/")
    start = time.perf_counter()
    status = client.get("/communications/").status_code
    list_ms = (time.perf_counter() - start) * 1000
    first = Communication.objects.order_by("pk").first()
    start = time.perf_counter()
    detail = client.get(f"/communications/{first.pk}/").status_code if first else 0
    detail_ms = (time.perf_counter() - start) * 1000
    rows = [
        {
            "committee": c.mechanism.code,
            "number": c.number,
            "state": c.country.iso3 if c.country else "",
            "status": c.status,
            "outcome": c.outcome,
            "articles": ", ".join(c.articles_violated),
            "remedies": ", ".join(c.remedies),
            "period": c.reply_period_text,
            "due": c.reply_due.isoformat() if c.reply_due else "",
        }
        for c in Communication.objects.select_related("mechanism", "country").order_by(
            "mechanism__code", "number"
        )
    ]
    summary = {
        "files": len(files),
        "records": len(rows),
        "with_violation": sum(r["outcome"] == "violation" for r in rows),
        "with_deadline": sum(bool(r["due"]) for r in rows),
        "views_reply_events": len(views_events),
        "import_ms_total": round(import_ms),
        "import_ms_per_file": round(import_ms / max(1, len(files))),
        "deadlines_json_ms": round(deadlines_ms),
        "list_page_ms": round(list_ms, 1),
        "list_status": status,
        "detail_page_ms": round(detail_ms, 1),
        "detail_status": detail,
    }
    if args.json:
        print(json.dumps({"records": rows, "summary": summary}, indent=1))
        return
    head = (
        "committee",
        "number",
        "state",
        "status",
        "outcome",
        "articles",
        "remedies",
        "period",
        "due",
    )
    print(" | ".join(head))
    for r in rows:
        print(" | ".join(str(r[k])[:60] for k in head))
    print()
    for key, value in summary.items():
        print(f"{key:22} {value}")


if __name__ == "__main__":
    main()
