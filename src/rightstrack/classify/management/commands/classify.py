"""``rightstrack classify SUBCOMMAND``: the classify app on the command line.

Subcommands are registered by the modules that implement them (``SUBCOMMANDS``), so
each part of the app (tagging, consolidation) keeps its own code.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from rightstrack.classify.consolidation import commands as consolidation

#: name -> (help, add_arguments(parser), run(command, options)).
SUBCOMMANDS = {**consolidation.SUBCOMMANDS}


class Command(BaseCommand):
    help = "Classify recommendations: " + ", ".join(sorted(SUBCOMMANDS)) + "."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        for name, (text, add, _run) in sorted(SUBCOMMANDS.items()):
            add(sub.add_parser(name, help=text))

    def handle(self, *args: Any, **options: Any) -> None:
        SUBCOMMANDS[options["subcommand"]][2](self, options)
