"""Size and p95 time of every create/edit form, with 41k and 250k recommendations.

What a coordinator's browser receives (the Django test client, logged in as a
coordinator who has passed two-factor, so every form is shown in full) for each form
of the product that creates or edits a record: tracking (assign, plan, action,
indicator, measurement, assessment, evidence), the bulk change of a document's
recommendations, the plain-language editors and the press template editor. The
new-action form is measured empty and after a "Find" for "29" and for "pretrial"
(no-JavaScript search of the recommendation picker), and the picker's search endpoint
as JavaScript calls it.

Data: a new temporary SQLite database (or ``DATABASE_URL``, which must be empty): the
bundled sample (``rightstrack load-sample``, 41k recommendations) plus CCPR/C/PRY/CO/4
imported from the shared data (``RIGHTSTRACK_SHARED_DIR``, default ``../shared/data/raw``),
a Paraguay plan with one action, indicator, measurement and assessment. Then every
recommendation is copied with a changed natural key until there are 250,000, and every
form is measured again.

Run: ``.venv/bin/python bench/forms.py [--repeat 20] [--json]``; ``--json`` prints a list
of ``{"form", "recommendations", "bytes", "p95_ms"}``. About four minutes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
TARGET = 250_000
PRY_CO = "ccpr-co-rolandccpr/CCPR_C_PRY_CO_4.txt"


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile of ``values`` (pct in 0..100)."""
    ordered = sorted(values)
    rank = max(1, round(pct / 100 * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


def setup_data(log: Any) -> dict[str, Any]:
    """Load the sample and CCPR/C/PRY/CO/4; make a coordinator and the records forms edit."""
    from django.conf import settings
    from django.core.management import call_command

    from rightstrack.accounts.models import Organisation, Role, User
    from rightstrack.catalog.models import Country, Document, Recommendation
    from rightstrack.ingest.pipeline import import_file
    from rightstrack.tracking import actions as verbs

    call_command("migrate", verbosity=0, interactive=False)
    if Recommendation.objects.count() < 1000:
        log("Loading the bundled sample (about a minute)...")
        call_command("load_sample", verbosity=0)
    if not Document.objects.filter(symbol="CCPR/C/PRY/CO/4").exists():
        run = import_file(Path(settings.SHARED_DATA_DIR) / PRY_CO)
        if run.status != "succeeded":
            raise SystemExit(f"import of {PRY_CO} failed: {run.errors}")
    doc = Document.objects.get(symbol="CCPR/C/PRY/CO/4")
    para_29 = Recommendation.objects.get(document=doc, paragraph="29")
    nmrf, _ = Organisation.objects.get_or_create(
        name="Bench national mechanism", defaults={"org_type": Organisation.Type.NMRF}
    )
    ministry, _ = Organisation.objects.get_or_create(
        name="Bench ministry of justice", defaults={"org_type": Organisation.Type.MINISTRY}
    )
    user, created = User.objects.get_or_create(
        username="bench-coordinator",
        defaults={"role": Role.COORDINATOR, "organisation": nmrf},
    )
    if created:
        user.set_password("bench-only-not-a-secret")
        user.save()
    plan = verbs.do_create_plan(
        user,
        title="Bench plan, Paraguay",
        kind="advocacy",
        owner=nmrf,
        country=Country.objects.get(iso3="PRY"),
        period_start=dt.date(2019, 8, 1),
    )
    action = verbs.do_create_action(
        user, plan, recommendations=[para_29], title="Reduce pretrial detention", status="planned"
    )
    indicator = verbs.do_add_indicator(user, action, name="Persons in pretrial detention (%)")
    assessment = verbs.do_submit_assessment(
        user, para_29, date=dt.date(2023, 5, 12), text="Reply received.", visibility="public"
    )
    return {
        "user": user,
        "doc": doc,
        "rec": para_29,
        "plan": plan,
        "action": action,
        "indicator": indicator,
        "assessment": assessment,
        "ministry": ministry,
    }


def forms_to_measure(w: dict[str, Any]) -> list[tuple[str, str, str, dict[str, str] | None]]:
    """(label, method, URL, POST data) of every create/edit form."""
    rec, plan, action = w["rec"].pk, w["plan"].pk, w["action"].pk
    new_action = f"/tracking/plans/{plan}/actions/new/"
    find = {"_find": "recommendations", "title": "Reduce pretrial detention"}
    return [
        ("assign a recommendation", "get", f"/tracking/recommendations/{rec}/assign/", None),
        ("end an assignment (confirmation)", "get", "ASSIGNMENT", None),
        ("new plan", "get", "/tracking/plans/new/", None),
        ("edit plan", "get", f"/tracking/plans/{plan}/edit/", None),
        ("new action (Paraguay plan)", "get", new_action, None),
        (
            "new action, Find 29",
            "post",
            new_action,
            {**find, "recommendations_q": "29"},
        ),
        (
            "new action, Find pretrial",
            "post",
            new_action,
            {**find, "recommendations_q": "pretrial"},
        ),
        ("picker search (JavaScript)", "get", "/tracking/picker/?country=PRY&q=pretrial", None),
        ("edit action", "get", f"/tracking/actions/{action}/edit/", None),
        ("new indicator", "get", f"/tracking/actions/{action}/indicators/new/", None),
        ("edit indicator", "get", f"/tracking/indicators/{w['indicator'].pk}/edit/", None),
        (
            "new measurement",
            "get",
            f"/tracking/indicators/{w['indicator'].pk}/measurements/new/",
            None,
        ),
        ("new assessment", "get", f"/tracking/recommendations/{rec}/assess/", None),
        ("edit assessment", "get", f"/tracking/assessments/{w['assessment'].pk}/edit/", None),
        ("new evidence", "get", f"/tracking/action/{action}/evidence/new/", None),
        (
            "bulk change of a document",
            "get",
            f"/recommendations/bulk/?document={w['doc'].key}",
            None,
        ),
        ("plain-language text", "get", f"/reports/plain/recommendations/{rec}/edit/", None),
        ("plain-language summary", "get", f"/reports/plain/{w['doc'].pk}/edit/", None),
        ("press template", "get", "/reports/press/templates/press_release/", None),
    ]


def logged_in_client(user: Any) -> Any:
    """A test client of ``user`` that has passed the two-factor step."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = device or TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def measure(client: Any, w: dict[str, Any], repeat: int, total: int) -> list[dict[str, Any]]:
    """Bytes and p95 milliseconds of each form (after two warm-up requests)."""
    from rightstrack.tracking.models import Assignment

    assignment = Assignment.objects.filter(recommendation=w["rec"], is_archived=False).first()
    rows = []
    for label, method, url, data in forms_to_measure(w):
        if url == "ASSIGNMENT":
            url = f"/tracking/assignments/{assignment.pk}/archive/"
        call = client.get if method == "get" else client.post
        for _ in range(2):
            call(url, data) if data else call(url)
        times, size = [], 0
        for _ in range(repeat):
            start = time.perf_counter()
            response = call(url, data) if data else call(url)
            times.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{label}: {url} answered {response.status_code}")
            size = len(response.content)
        rows.append(
            {
                "form": label,
                "recommendations": total,
                "bytes": size,
                "p95_ms": round(percentile(times, 95), 1),
            }
        )
    return rows


def grow_to(target: int, log: Any) -> int:
    """Copy recommendations with changed natural keys until there are ``target``."""
    from django.db import transaction

    from rightstrack.catalog.models import Recommendation

    fields = [
        f.name
        for f in Recommendation._meta.concrete_fields
        if f.name not in ("id", "natural_key", "created_at", "updated_at")
    ]
    attnames = [Recommendation._meta.get_field(n).attname for n in fields]
    have = Recommendation.objects.count()
    log(f"Copying recommendations from {have:,} to {target:,}...")
    copy = 0
    while have < target:
        copy += 1
        batch: list[Recommendation] = []
        originals = Recommendation.objects.exclude(natural_key__contains="#copy")
        for row in originals.values("natural_key", *attnames).iterator(chunk_size=5000):
            if have + len(batch) >= target:
                break
            values = {a: row[a] for a in attnames}
            values["natural_key"] = f"{row['natural_key']}#copy{copy}"[:255]
            batch.append(Recommendation(**values))
        with transaction.atomic():
            Recommendation.objects.bulk_create(batch, batch_size=2000)
        have += len(batch)
    return have


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per form")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()

    tmp = None
    if not os.environ.get("DATABASE_URL"):
        tmp = tempfile.TemporaryDirectory(prefix="rightstrack-bench-forms-")
        os.environ["RIGHTSTRACK_DATA_DIR"] = tmp.name
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
    import django

    django.setup()
    from django.db import connection

    from rightstrack.catalog.models import Recommendation
    from rightstrack.tracking.actions import do_assign_recommendation

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    w = setup_data(log)
    do_assign_recommendation(w["user"], w["rec"], w["ministry"])
    client = logged_in_client(w["user"])
    rows = measure(client, w, args.repeat, Recommendation.objects.count())
    total = grow_to(TARGET, log)
    rows += measure(client, w, args.repeat, total)

    if args.json:
        print(json.dumps(rows, indent=1))
    else:
        print(
            f"\nforms bench: {args.repeat} requests per form as a coordinator "
            f"({connection.vendor}); p95 in ms"
        )
        counts = sorted({r["recommendations"] for r in rows})
        header = f"{'form':<34}" + "".join(
            f" {f'{n:,} recs bytes':>18} {'p95 ms':>8}" for n in counts
        )
        print(header)
        print("-" * len(header))
        for label in dict.fromkeys(r["form"] for r in rows):
            cells = ""
            for n in counts:
                r = next(x for x in rows if x["form"] == label and x["recommendations"] == n)
                cells += f" {r['bytes']:>18,} {r['p95_ms']:>8.1f}"
            print(f"{label:<34}{cells}")
    if tmp is not None:
        connection.close()
        tmp.cleanup()


if __name__ == "__main__":
    main()
