"""``rightstrack backup -o FILE``: the database and every evidence file and upload, in one archive.

What the archive holds and why the copy is consistent while the server runs:
``catalog/backup.py``; how to schedule it and test a restore: ``docs/operations.md``.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rightstrack.catalog.backup import ENGINE_LABELS, WRITE_MODES, BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Write one archive with a consistent snapshot of the database, every file under "
        "MEDIA_ROOT (evidence, uploads) and a manifest of checksums. Safe while the server runs."
    )
    # Runs on a database that may be busy or older than the code: no checks needed.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "-o",
            "--output",
            type=Path,
            required=True,
            help="archive to write; its ending chooses the compression: " + ", ".join(WRITE_MODES),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output: Path = options["output"]
        started = time.perf_counter()
        try:
            manifest = create_backup(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        files = len(manifest.files) - 1
        self.stdout.write(
            f"Backup of the {ENGINE_LABELS[manifest.engine]} database and {files} files written to {output} "
            f"({output.stat().st_size:,} bytes) in {time.perf_counter() - started:.1f} s."
        )
