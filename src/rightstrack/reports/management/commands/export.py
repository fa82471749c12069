"""``rightstrack export recommendations|actions|assessments --format csv|xlsx|json [filters] -o FILE``.

The recommendations CSV is the portal's ``/recommendations.csv`` for the same
filters, byte for byte, when ``--base-url`` names the portal's scheme and host
(links are relative without it).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any, cast

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import QueryDict

from rightstrack.accounts.models import ROLE_RANK, Role
from rightstrack.accounts.types import Viewer
from rightstrack.reports.exports import FORMATS, ExportError, export_to_file

FILTERS = ("country", "mechanism", "theme", "position", "symbol", "year", "cycle", "q")


class Command(BaseCommand):
    help = (
        "Export a filtered list (recommendations, actions or assessments) to CSV, XLSX or "
        "JSON. Only public records unless --include-restricted."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", help="recommendations | actions | assessments")
        parser.add_argument("--format", dest="fmt", choices=FORMATS, default="csv")
        parser.add_argument("--layout", default="default", help="default | uhri")
        parser.add_argument("-o", "--output", required=True, help="file to write ('-' = stdout)")
        parser.add_argument(
            "--base-url",
            default="",
            help="scheme and host put before links, e.g. https://rightstrack.example.org "
            "(default: relative links)",
        )
        for name in FILTERS:
            parser.add_argument(f"--{name}", action="append", help=f"filter on {name} (repeatable)")
        parser.add_argument(
            "--filter",
            action="append",
            default=[],
            metavar="KEY=VALUE",
            help="any other portal query parameter",
        )
        parser.add_argument(
            "--include-restricted",
            action="store_true",
            help="include restricted records (for coordinators' own files; never publish these)",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        params = QueryDict(mutable=True)
        for name in FILTERS:
            for value in opts.get(name) or []:
                params.appendlist(name, value)
        for item in opts["filter"]:
            key, sep, value = item.partition("=")
            if not sep:
                raise CommandError(f"--filter expects KEY=VALUE, got {item!r}")
            params.appendlist(key, value)
        user: Viewer | None = AnonymousUser()
        if opts["include_restricted"]:
            # Duck-typed: ranks as a coordinator for the permission helpers.
            user = cast("Viewer", _SystemCoordinator())
        started = time.perf_counter()
        out_name = opts["output"]
        base_url = opts["base_url"].rstrip("/")
        try:
            if out_name == "-":
                n = export_to_file(
                    opts["kind"],
                    opts["fmt"],
                    user,
                    params,
                    sys.stdout.buffer,
                    opts["layout"],
                    base_url=base_url,
                )
            else:
                with Path(out_name).open("wb") as out:
                    n = export_to_file(
                        opts["kind"],
                        opts["fmt"],
                        user,
                        params,
                        out,
                        opts["layout"],
                        base_url=base_url,
                    )
        except ExportError as exc:
            raise CommandError(str(exc)) from exc
        if out_name != "-":
            self.stderr.write(
                f"{n} rows written to {out_name} in {time.perf_counter() - started:.1f} s"
            )


class _SystemCoordinator:
    """The command-line operator seen as a coordinator (sees restricted rows)."""

    is_authenticated = True
    is_active = True
    is_superuser = False
    rank = ROLE_RANK[Role.COORDINATOR]
