"""``rightstrack parse FILE [--json]``: parse a UN or regional document and print it; stores
nothing."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rightstrack.ingest.errors import ImportFailure
from rightstrack.ingest.parsers.documents.json_output import to_json
from rightstrack.ingest.parsers.documents.kinds import parse_document

#: Regional bodies whose documents ``parse`` reads (``parsers/documents/regional.py``):
#: their paragraphs are counted by kind (recommendation, not taken, finding...).
REGIONAL_BODIES = frozenset({"CPT", "IACHR", "ACHPR", "ECSR"})


class Command(BaseCommand):
    help = (
        "Parse a concluding observations, Views, follow-up reply or UPR Working Group report "
        "file, or a regional body's document (CPT visit report, IACHR merits report, African "
        "Commission or ECSR decision) (PDF, DOCX, HTML, JSON, text) and print the result. "
        "Nothing is stored."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--json", action="store_true", help="print the JSON structure")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            parsed = parse_document(path)
        except ImportFailure as exc:
            raise CommandError(str(exc)) from exc
        data = to_json(parsed)
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        follow_up = data["follow_up"] or {}
        lines = [
            f"{data['symbol'] or path.name}: {data['type']} ({data['committee'] or '?'}, "
            f"{data['country'] or '?'}), adopted {data['adopted'] or 'unknown'}",
            f"paragraphs: {len(data['paragraphs'])}",
        ]
        if data["committee"] in REGIONAL_BODIES:
            kinds = Counter(str(p["kind"]) for p in data["paragraphs"])
            lines.append("; ".join(f"{k.replace('_', ' ')}: {n}" for k, n in kinds.items()))
        if follow_up:
            lines.append(
                f"follow-up (para. {follow_up['paragraph']}): {', '.join(follow_up['items']) or '-'}; "
                f"due {follow_up['due'] or 'unknown'} ({follow_up['due_basis'] or 'no date'})"
            )
        if data["particular_importance"]:
            flags = data["particular_importance"]
            lines.append(
                f"{flags['kind'].replace('_', ' ')} (para. {flags['paragraph']}), no deadline: "
                f"{', '.join(flags['items'])}"
            )
        if comm := data["communication"]:
            lines.append(
                f"communication {comm['committee'] or '?'} {comm['number'] or '?'}: "
                f"State party {comm['country'] or 'unknown'}, adopted {comm['adopted'] or 'unknown'}, "
                f"reply {comm['reply_period'] or '-'} due {comm['reply_due'] or 'unknown'}"
            )
            lines += [f"missing: {reason}" for reason in comm["missing"].values()]
        if data["next_report"]:
            nr = data["next_report"]
            lines.append(f"next report: {nr['report'] or '?'}, due {nr['due'] or nr['status']}")
        self.stdout.write("\n".join(lines))
