"""``rightstrack deadlines``: the deadlines calendar on the command line (text or JSON)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation

from rightstrack.tracking.deadlines import KIND_LABELS, Filters, build_calendar


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"not a date (YYYY-MM-DD): {value!r}") from None


def operator() -> Any:
    """The operator at the command line as an unsaved admin user: sees restricted records
    (``--include-restricted``). Never saved."""
    return get_user_model()(username="command-line", role="admin", is_superuser=True)


class Command(BaseCommand):
    help = (
        "List deadlines (follow-up replies, periodic and UPR mid-term reports, action targets, "
        "indicator measurements, six-months-since dates). Public records only unless "
        "--include-restricted."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--country", help="ISO 3166 alpha-3 code, e.g. BRA")
        parser.add_argument("--mechanism", help="mechanism code, e.g. CERD")
        parser.add_argument("--from", dest="start", type=_date, help="first day (YYYY-MM-DD)")
        parser.add_argument("--to", dest="end", type=_date, help="last day (YYYY-MM-DD)")
        parser.add_argument(
            "--kind", action="append", choices=sorted(KIND_LABELS), help="only this kind"
        )
        parser.add_argument(
            "--date", type=_date, help="judge states as of this day (default: today)"
        )
        parser.add_argument("--json", action="store_true", help="print a JSON list")
        parser.add_argument("--language", default=None, help="language of titles (en, fr, es…)")
        parser.add_argument(
            "--include-restricted",
            action="store_true",
            help="include restricted records (never publish that output)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        viewer = operator() if options["include_restricted"] else AnonymousUser()
        filters = Filters(
            country=(options["country"] or "").upper() or None,
            mechanism=(options["mechanism"] or "").upper() or None,
            start=options["start"],
            end=options["end"],
            kinds=frozenset(options["kind"]) if options["kind"] else None,
        )
        today = options["date"] or timezone.localdate()
        with translation.override(options["language"] or translation.get_language() or "en"):
            events = build_calendar(viewer, today, filters)
            if options["json"]:
                self.stdout.write(
                    json.dumps([e.as_json() for e in events], ensure_ascii=False, indent=2)
                )
                return
            for e in events:
                ref = f"{e.symbol} {e.item}".strip()
                self.stdout.write(
                    f"{e.date.isoformat()}  {e.state_label:<18} {e.title}"
                    + (f"  [{ref}]" if ref and ref not in e.title else "")
                )
            self.stdout.write(f"{len(events)} deadline(s).")
