"""``rightstrack seed-reference``: refresh the reference lists (countries, taxonomies...).

``rightstrack migrate`` already loads them (``catalog.0002_reference_data``); run this
after the files in ``catalog/data/`` change. Idempotent: a re-run writes nothing.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from rightstrack.catalog.reference import seed_reference


class Command(BaseCommand):
    help = (
        "Load countries, mechanisms, themes, affected persons, SDG goals and targets, "
        "UPR Info issues and action categories from catalog/data/*.csv. Safe to re-run."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        counts = seed_reference()
        elapsed = time.perf_counter() - started
        for table, count in counts.items():
            if table not in ("created", "updated"):
                self.stdout.write(f"{table:<16} {count:>5}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Reference data loaded in {elapsed:.2f} s: "
                f"{counts['created']} created, {counts['updated']} updated."
            )
        )
