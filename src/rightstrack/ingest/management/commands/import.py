"""``rightstrack import FILE...``: import files, detect their format, print a summary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from rightstrack.ingest import importers, vocabulary
from rightstrack.ingest.command_runs import raise_if_any_failed, run_imports


class Command(BaseCommand):
    help = (
        "Import catalogue files (UPR Info CSV, OHCHR thematic list DOCX, UHRI JSON/XLSX, "
        "generic CSV/XLSX...). Each file runs in one transaction; exit status 1 if any fails."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument(
            "--format",
            choices=[s.name for s in importers.all_sources()],
            help="skip format detection",
        )
        parser.add_argument("--user", help="username recorded on the import runs")
        parser.add_argument(
            "--unknown-labels",
            choices=vocabulary.POLICIES,
            default=None,
            help=(
                "theme, affected-persons or SDG values not in the reference lists: "
                "'refuse' the file (naming row, column, value and the closest known labels), "
                "'map' each to its closest known label when the similarity is at least "
                f"{vocabulary.MAP_MIN_SCORE}/100 (a typo; else refused), or 'create' new "
                "labels (unknown SDGs are dropped); each mapping or creation is reported. "
                "Default: create for UHRI records and OHCHR thematic lists (the sources of "
                "the vocabularies), refuse for every other format"
            ),
        )

        parser.add_argument(
            "--symbol",
            default="",
            help=(
                "the UN symbol of a document whose text does not print it (for example a "
                "Working Group report text that lost its first page: A/HRC/17/18); one file "
                "only; refused when the document prints another symbol"
            ),
        )

        parser.add_argument(
            "--mapping",
            default=None,
            help=(
                "the name of a saved column mapping: read each file (CSV or XLSX of any "
                "layout) through it (see docs/import-generic.md, 'Saved column mappings')"
            ),
        )

        parser.add_argument(
            "--no-suggest",
            action="store_true",
            help=(
                "do not suggest labels for the new recommendations after the import "
                "(run `rightstrack classify suggest` later)"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["mapping"] and options["format"]:
            raise CommandError("--mapping reads the files through a mapping: drop --format")
        if options["symbol"] and len(options["files"]) != 1:
            raise CommandError("--symbol names the document of one file: give one file")
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"no user {options['user']!r}")
        runs = run_imports(
            options["files"],
            out=self.stdout,
            format=options["format"],
            user=user,
            quiet=options["verbosity"] == 0,
            unknown_labels=options["unknown_labels"],
            symbol=options["symbol"].strip(),
            suggest=not options["no_suggest"],
            mapping=options["mapping"],
        )
        raise_if_any_failed(runs)
