"""``rightstrack send-reminders``: email the daily deadline digests (run once a day by cron)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from rightstrack.tracking.reminders import HORIZON_DAYS, send_reminders


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"not a date (YYYY-MM-DD): {value!r}") from None


class Command(BaseCommand):
    help = (
        f"Email each focal point and coordinator what is due within {HORIZON_DAYS} days and "
        "what is overdue, in their language. Schedule daily (docs/operations.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", type=_date, help="the digest's day (default: today)")
        parser.add_argument(
            "--base-url",
            default="",
            help="scheme and host for links in the emails, e.g. https://rightstrack.example.org",
        )
        parser.add_argument("--dry-run", action="store_true", help="build but send nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["date"] or timezone.localdate()
        report = send_reminders(
            today, base_url=options["base_url"].rstrip("/"), dry_run=options["dry_run"]
        )
        verb = "would send" if options["dry_run"] else "sent"
        for address in report.sent:
            self.stdout.write(f"{verb}: {address}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{today.isoformat()}: {len(report.sent)} digest(s) {verb}, "
                f"{len(report.skipped)} user(s) with nothing due."
            )
        )
