"""The pure parsers import nothing from Django."""

import os
import subprocess
import sys
from pathlib import Path

import rightstrack.ingest.parsers as parsers_package

PARSERS_DIR = Path(parsers_package.__file__).resolve().parent


def parser_modules() -> list[str]:
    """Every module under ``rightstrack/ingest/parsers/``, found on disk (new ones included)."""
    modules = []
    for path in sorted(PARSERS_DIR.rglob("*.py")):
        parts = ["rightstrack", "ingest", "parsers", *path.relative_to(PARSERS_DIR).parts]
        parts[-1] = parts[-1].removesuffix(".py")
        if parts[-1] == "__init__":
            parts.pop()
        modules.append(".".join(parts))
    return modules


def test_the_module_list_covers_every_parser_file():
    modules = parser_modules()
    # 18 modules on 2026-11-29; the list grows with new parsers, it never shrinks silently.
    assert len(modules) >= 18
    for name in (
        "rightstrack.ingest.parsers.countries",
        "rightstrack.ingest.parsers.followup_grades",
        "rightstrack.ingest.parsers.documents.upr_report",
        "rightstrack.ingest.parsers.documents.un_views",
    ):
        assert name in modules


def test_every_ingest_parser_imports_and_runs_without_django_configured(cycle4):
    code = (
        "import sys, os\n"
        "os.environ.pop('DJANGO_SETTINGS_MODULE', None)\n"
        "import rightstrack.ingest.errors\n"
        + "".join(f"import {m}\n" for m in parser_modules())
        + "from pathlib import Path\n"
        "from rightstrack.ingest.parsers.thematic_list import parse_thematic_list\n"
        f"assert len(parse_thematic_list(Path({str(cycle4)!r})).items) == 254\n"
        "assert not [m for m in sys.modules if m == 'django' or m.startswith('django.')], "
        "sorted(m for m in sys.modules if m.startswith('django'))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, env=env
    )
    assert result.returncode == 0, result.stderr
