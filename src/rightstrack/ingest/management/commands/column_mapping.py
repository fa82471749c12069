"""``rightstrack column-mapping list|show|save``: saved column mappings on the command line.

A mapping is written and read as JSON (the fields of ``ingest.ColumnMapping``), so one
made on the upload page can be moved to another installation or kept with the files it
reads::

    rightstrack column-mapping show "DIDH Maroc" > didh.json
    rightstrack column-mapping save didh.json
    rightstrack import Recommendations.csv --mapping "DIDH Maroc"
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rightstrack.ingest.actions import MappingInvalid, do_save_column_mapping, find_mapping
from rightstrack.ingest.models import ColumnMapping

#: The JSON keys of a mapping file (``name`` required, the others optional).
KEYS = (
    "columns",
    "constants",
    "value_maps",
    "date_format",
    "list_separator",
    "language",
    "headers",
)


class Command(BaseCommand):
    help = "List, show (as JSON) or save (from JSON) the saved column mappings of imports."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="the active mappings")
        show = sub.add_parser("show", help="one mapping as JSON")
        show.add_argument("name")
        save = sub.add_parser("save", help="create or update a mapping from a JSON file")
        save.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            for m in ColumnMapping.objects.active():
                self.stdout.write(f"{m.name}\t{m.key}\t{len(m.columns)} fields")
            return
        if options["action"] == "show":
            mapping = find_mapping(options["name"])
            if mapping is None:
                raise CommandError(f"no saved column mapping named {options['name']!r}")
            data = {"name": mapping.name} | {k: getattr(mapping, k) for k in KEYS}
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        try:
            data = json.loads(options["file"].read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"{options['file']}: {exc}") from exc
        if not isinstance(data, dict) or not isinstance(data.get("name"), str):
            raise CommandError(f"{options['file']}: a JSON object with a 'name' is expected")
        unknown = sorted(set(data) - {"name", *KEYS})
        if unknown:
            raise CommandError(f"{options['file']}: unknown key(s) {', '.join(unknown)}")
        try:
            saved = do_save_column_mapping(
                data["name"], **{"columns": {}, **{k: data[k] for k in KEYS if k in data}}
            )
        except (MappingInvalid, TypeError, AttributeError) as exc:
            raise CommandError(f"{options['file']}: {exc}") from exc
        self.stdout.write(f"saved column mapping {saved.name!r} (key {saved.key})")
