"""``rightstrack plain-language export|import|prefill ...``: plain-language translation workflow.

* ``export SYMBOL --lang es [--source en] -o FILE.po``: texts to translate;
* ``import FILE.po``: translations back (all or nothing);
* ``prefill SYMBOL FILE``: store the official positive aspects of a CO file
  (parsed by the document parser) as the source of "what the Committee welcomed".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rightstrack.catalog.models import Document
from rightstrack.reports.actions import do_save_plain_summary
from rightstrack.reports.plain_language import positive_aspects_from_file
from rightstrack.reports.translation import TranslationFileError, export_po, import_po


def _document(symbol: str) -> Document:
    document = Document.objects.filter(symbol=symbol, is_archived=False).first()
    if document is None:
        raise CommandError(f"no document {symbol!r}")
    return document


class Command(BaseCommand):
    help = "Plain-language texts: export for translators (PO), import translations, prefill."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="write a PO file to translate")
        export.add_argument("symbol")
        export.add_argument("--lang", required=True, help="target language, e.g. es")
        export.add_argument("--source", default="en", help="source language (default en)")
        export.add_argument("-o", "--output", required=True)
        imp = sub.add_parser("import", help="read a translated PO file")
        imp.add_argument("file", type=Path)
        prefill = sub.add_parser("prefill", help="store a CO's official positive aspects")
        prefill.add_argument("symbol")
        prefill.add_argument("file", type=Path)
        prefill.add_argument("--lang", default="en")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["action"] == "export":
            po = export_po(_document(opts["symbol"]), opts["lang"], opts["source"])
            po.save(opts["output"])
            self.stdout.write(f"{len(po)} entries written to {opts['output']}")
        elif opts["action"] == "import":
            path: Path = opts["file"]
            try:
                result = import_po(path.read_text(encoding="utf-8"), None, str(path))
            except (OSError, TranslationFileError) as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(
                f"{result.saved} saved, {result.skipped_fuzzy} fuzzy skipped, "
                f"{result.skipped_empty} untranslated, {len(result.unknown)} unknown"
            )
        else:
            document = _document(opts["symbol"])
            official = positive_aspects_from_file(opts["file"])
            do_save_plain_summary(None, document, opts["lang"], welcomed_official=official)
            self.stdout.write(f"{len(official.splitlines())} lines of positive aspects stored")
