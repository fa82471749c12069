"""``rightstrack send-digests``: email each confirmed subscription what is new (cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from rightstrack.subscriptions.digest import send_digests
from rightstrack.subscriptions.mail import default_base_url


class Command(BaseCommand):
    help = (
        "Email every confirmed subscription the new public recommendations and documents of "
        "its country since its last digest, in its language. Running it again sends nothing "
        "new. Schedule daily, or after imports (docs/subscriptions.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url",
            default="",
            help="scheme and host for links in the emails, e.g. https://rightstrack.example.org "
            "(default: https:// and RIGHTSTRACK_INSTANCE_DOMAIN)",
        )
        parser.add_argument("--dry-run", action="store_true", help="build but send nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        base_url = options["base_url"].rstrip("/") or default_base_url()
        report = send_digests(base_url=base_url, dry_run=options["dry_run"])
        verb = "would send" if options["dry_run"] else "sent"
        for pk, error in sorted(report.failed.items()):
            self.stderr.write(f"subscription {pk}: not sent ({error}); tried again next run")
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(report.sent)} digest(s) {verb}, {report.empty} subscription(s) with "
                f"nothing new, {len(report.failed)} failed, {report.expired} unconfirmed "
                "subscription(s) expired."
            )
        )
        if report.failed:
            raise SystemExit(1)
