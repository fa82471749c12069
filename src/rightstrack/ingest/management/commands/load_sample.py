"""``rightstrack load-sample``: reference data + the bundled real sample (idempotent).

Used by ``make run``. The sample lives in ``data/sample/`` (see its SOURCES.md);
a second run finds every record unchanged and writes nothing.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from rightstrack.catalog.reference import seed_reference
from rightstrack.ingest.command_runs import raise_if_any_failed, run_imports

SAMPLE_DIR = Path(settings.REPO_DIR) / "data" / "sample"
#: Import order (UPR Info first: the largest, then the thematic lists, then UHRI).
PATTERNS = ["upr-info/*.csv.gz", "upr-info/*.csv", "thematic-lists/*.docx", "uhri/*.json"]


def sample_files(root: Path = SAMPLE_DIR) -> list[Path]:
    """The bundled sample files, in import order."""
    files: list[Path] = []
    for pattern in PATTERNS:
        files.extend(sorted(root.glob(pattern), key=_natural))
    return files


def _natural(path: Path) -> tuple[int, str]:
    """``6-9.csv.gz`` before ``10-13.csv.gz``: leading number first, then the name."""
    head = path.name.split("-", 1)[0]
    return (int(head) if head.isdigit() else 10**6, path.name)


class Command(BaseCommand):
    help = "Seed reference data and import the bundled real sample (data/sample/)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", type=Path, default=SAMPLE_DIR)
        parser.add_argument(
            "--no-classify",
            action="store_true",
            help="import only; suggest labels later with `rightstrack classify suggest "
            "--train` (make run does it beside the web server, so the portal opens sooner)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        seed_reference()
        files = sample_files(options["dir"])
        if not files:
            raise CommandError(f"no sample files under {options['dir']}")
        runs = run_imports(files, out=self.stdout, quiet=options["verbosity"] == 0, suggest=False)
        raise_if_any_failed(runs)
        if options["no_classify"]:
            return
        # The classify step once for the whole sample: train on its confirmed labels, then
        # suggest labels for every recommendation that has none (``classify`` app).
        start = time.perf_counter()
        call_command("classify", "suggest", "--train", stdout=self.stdout)
        if options["verbosity"]:
            self.stdout.write(f"suggested labels in {time.perf_counter() - start:.1f} s")
