"""``rightstrack import-shared [--dir PATH]``: every catalogue file of ``shared/data/raw``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from rightstrack.ingest.command_runs import raise_if_any_failed, run_imports

#: Catalogue files under ``shared/data/raw``, in import order. Glob patterns allowed.
#: Document parsers (concluding observations, WG reports, Views) add their files here.
SHARED_FILES = [
    "upr-info-terman/upr-info-db-2008-2014/1-5.csv",
    "upr-info-terman/upr-info-db-2008-2014/6-9.csv",
    "upr-info-terman/upr-info-db-2008-2014/10-13.csv",
    "upr-info-terman/upr-info-db-2008-2014/14-17.csv",
    "upr-info-terman/upr-info-db-2008-2014/17-20.csv",
    "upr-info-terman/upr-info-db-2008-2014/voluntary.csv",
    "upr-slovenia-tony33344/cycle3/original/UPR34_Slovenia_Thematic_list_of_Recommendations.docx",
    "upr-slovenia-tony33344/cycle4/original/upr48-slovenia-thematic-list-of-recommendatio.docx",
    "uhri-sample-worldwidelaw/*.json",
    # treaty-body documents (sources/treaty_documents.py): COs before the State replies
    "cerd-brazil-lrcarneiro/CERD-Observacoes-Brasil-2022.pdf",
    "cerd-brazil-lrcarneiro/CERD-Follow-up-Brasil-2026.pdf",
    "ccpr-co-rolandccpr/CCPR_C_DNK_CO_6.txt",
    "ccpr-co-rolandccpr/CCPR_C_DNK_CO_6_Add.1.txt",
    "ccpr-co-rolandccpr/CCPR_C_PRY_CO_4.txt",
    "ccpr-co-rolandccpr/CCPR_C_PRY_FCO_4.txt",
    "tb-views-lszoszk/*.txt",
    "tb-juris-worldwidelaw/TreatyBodyJuris/record_*.json",
    # regional bodies (sources/regional_documents.py); files with nothing to follow up are
    # left out (the Lithuania CPT file, the CPT public statement, IACHR 80/15, six ACHPR
    # decisions): their import is refused by design (bench/known_errors.md)
    "regional-worldwidelaw/CPTReports/CoE_CPT_p-alb-20230504-en.json",
    "regional-worldwidelaw/CPTReports/CoE_CPT_p-aze-20221212-en.json",
    "regional-worldwidelaw/CPTReports/CoE_CPT_p-cyp-20230509-en.json",
    "regional-worldwidelaw/CPTReports/CoE_CPT_p-deu-20230904-en.json",
    "regional-worldwidelaw/CPTReports/CoE_CPT_p-grc-20231120-en.json",
    "regional-worldwidelaw/CPTReports/CoE_CPT_p-mkd-20231002-en.json",
    "regional-worldwidelaw/CPTReports/CoE_CPT_p-ukr-20231016-en.json",
    "regional-worldwidelaw/IACHR-Commission/IACHR-merits-ReportNo.11-15.json",
    "regional-worldwidelaw/IACHR-Commission/IACHR-merits-ReportNo.8-16.json",
    "regional-worldwidelaw/IACHR-Commission/IACHR-merits-ReportNo.7-16.json",
    "regional-worldwidelaw/IACHR-Commission/IACHR-merits-ReportNo.101-17.json",
    "regional-worldwidelaw/IHRDA-AfricanCL/record_0001.json",
    "regional-worldwidelaw/IHRDA-AfricanCL/record_0010.json",
    "regional-worldwidelaw/HUDOC-ESC/*.json",
]


def shared_files(root: Path) -> list[Path]:
    """The files of :data:`SHARED_FILES` that exist under ``root``, in order."""
    found: list[Path] = []
    for pattern in SHARED_FILES:
        found.extend(sorted(p for p in root.glob(pattern) if p.is_file()))
    return found


class Command(BaseCommand):
    help = "Import every catalogue file of shared/data/raw (when present)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dir",
            type=Path,
            default=settings.SHARED_DATA_DIR,
            help="the shared/data/raw folder (default: RIGHTSTRACK_SHARED_DIR or ../shared/data/raw)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        root: Path = options["dir"]
        if not root.is_dir():
            raise CommandError(f"{root} does not exist; pass --dir PATH")
        files = shared_files(root)
        if not files:
            raise CommandError(f"no catalogue files found under {root}")
        runs = run_imports(files, out=self.stdout, quiet=options["verbosity"] == 0)
        raise_if_any_failed(runs)
