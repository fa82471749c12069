"""How many real Views get a State party, a date and a reply deadline, through the CLI.

Everything goes through the ``rightstrack`` console script's entry point
(``rightstrack.cli.main``, in this process so Django starts once), as a person would type:

1. ``rightstrack parse FILE --json`` on every file of ``shared/data/raw/tb-views-lszoszk/``
   (``*.txt`` and ``*.json``): one row per file with the communication number, the
   State party (and what it was read from), the date of the Views, the reply period and
   deadline, and what is missing with the reason (the ``communication`` key);
2. ``rightstrack import`` on the whole folder into a temporary SQLite database
   (migrated first), counting the warnings it prints per file;
3. ``rightstrack deadlines --json``: the ``views_reply`` events the calendar lists.

Prints the table, then the counts; ``--json`` prints the same as JSON. About a minute,
most of it the migration.

Run: ``.venv/bin/python bench/views_dates.py [--json] [--folder PATH]``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
SHARED = Path(os.environ.get("RIGHTSTRACK_SHARED_DIR", ROOT.parent / "shared" / "data" / "raw"))


def rightstrack(*args: str) -> str:
    """Run ``rightstrack ARGS`` through the console script's entry point; its output."""
    from rightstrack.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        main(list(args))
    return out.getvalue()


def row(path: Path, data: dict[str, Any]) -> dict[str, Any]:
    comm = data.get("communication") or {}
    basis = comm.get("state_party_basis")
    return {
        "file": path.name,
        "symbol": data.get("symbol") or "",
        "committee": comm.get("committee") or "",
        "number": comm.get("number") or "",
        "state": f"{comm['country']} ({basis})" if comm.get("country") else "",
        "adopted": comm.get("adopted") or "",
        "period": comm.get("reply_period") or "",
        "due": comm.get("reply_due") or "",
        "missing": "; ".join((comm.get("missing") or {}).values()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--folder", type=Path, default=SHARED / "tb-views-lszoszk")
    args = parser.parse_args()
    os.environ.pop("DATABASE_URL", None)
    os.environ["RIGHTSTRACK_DATA_DIR"] = tempfile.mkdtemp(prefix="rightstrack-bench-viewsdates-")
    files = sorted(p for p in args.folder.iterdir() if p.suffix in {".txt", ".json"})

    rows = [row(path, json.loads(rightstrack("parse", str(path), "--json"))) for path in files]
    rightstrack("migrate", "-v0")
    printed = rightstrack("import", *map(str, files))
    warnings = {p.name: printed.count(f"{p.name}: warning:") for p in files}
    events = json.loads(rightstrack("deadlines", "--json"))
    replies = [e for e in events if e["kind"] == "views_reply"]
    for r in rows:
        r["import_warnings"] = warnings[r["file"]]

    views = {r["symbol"] for r in rows}
    summary = {
        "files": len(rows),
        "views (distinct symbols)": len(views),
        "files with a State party": sum(bool(r["state"]) for r in rows),
        "files with a date of the Views": sum(bool(r["adopted"]) for r in rows),
        "files with a reply period": sum(bool(r["period"]) for r in rows),
        "files with a reply deadline": sum(bool(r["due"]) for r in rows),
        "import warnings": sum(warnings.values()),
        "views_reply events in `deadlines --json`": len(replies),
    }
    if args.json:
        print(json.dumps({"rows": rows, "summary": summary, "views_reply": replies}, indent=1))
        return
    head = ("file", "committee", "number", "state", "adopted", "period", "due")
    print(" | ".join(head))
    for r in rows:
        print(" | ".join(str(r[k]) or "-" for k in head))
    print()
    for key, value in summary.items():
        print(f"{key:42} {value}")
    print("\nmissing, with the reason (per file):")
    for r in rows:
        if r["missing"]:
            print(f"- {r['file']}: {r['missing']}")


if __name__ == "__main__":
    main()
