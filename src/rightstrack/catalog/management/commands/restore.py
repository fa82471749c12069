"""``rightstrack restore FILE``: put a backup back into an empty installation.

Every checksum is checked before anything is written; a backup of the other engine or of
a newer schema is refused; so is a target that is not empty, unless ``--force``.
Details: ``catalog/backup.py``; how to: ``docs/operations.md``.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rightstrack.catalog.backup import (
    ENGINE_LABELS,
    BackupError,
    restore_backup,
    unapplied_migrations,
)


class Command(BaseCommand):
    help = (
        "Restore a backup made by `rightstrack backup` into an empty database and data "
        "directory. Stop the web server and workers first."
    )
    # The database is empty (or about to be replaced): no checks, no migration warning.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="the backup file")
        parser.add_argument(
            "--force",
            action="store_true",
            help=(
                "replace a database and MEDIA_ROOT that are not empty: the SQLite file and "
                "MEDIA_ROOT are kept beside as *.before-restore-<time>; on PostgreSQL the "
                "tables, views, sequences and functions of the current schema are dropped"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        archive: Path = options["archive"]
        started = time.perf_counter()
        try:
            result = restore_backup(archive, force=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        for item in result.set_aside:
            self.stdout.write(f"Before restoring: {item}")
        manifest = result.manifest
        self.stdout.write(
            f"Restored the {ENGINE_LABELS[manifest.engine]} database and {result.files} files from {archive} "
            f"(made {manifest.created_at} by RightsTrack {manifest.version}) "
            f"in {time.perf_counter() - started:.1f} s."
        )
        pending = unapplied_migrations(manifest)
        if pending:
            self.stdout.write(
                f"The backup's schema is older than this code: run `rightstrack migrate` "
                f"({len(pending)} migrations to apply, e.g. {pending[0]})."
            )
