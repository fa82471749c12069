"""The pure parsers import nothing from Django (style.md: parsers are pure Python)."""

import subprocess
import sys

MODULES = [
    "rightstrack.ingest.errors",
    "rightstrack.ingest.parsers._text",
    "rightstrack.ingest.parsers.upr_info",
    "rightstrack.ingest.parsers.thematic_list",
    "rightstrack.ingest.parsers.tabular",
    "rightstrack.ingest.parsers.uhri",
    "rightstrack.ingest.parsers.generic",
]


def test_every_ingest_parser_imports_and_runs_without_django_configured(cycle4):
    code = (
        "import sys, os\n"
        "os.environ.pop('DJANGO_SETTINGS_MODULE', None)\n"
        + "".join(f"import {m}\n" for m in MODULES)
        + "from pathlib import Path\n"
        "from rightstrack.ingest.parsers.thematic_list import parse_thematic_list\n"
        f"assert len(parse_thematic_list(Path({str(cycle4)!r})).items) == 254\n"
        "assert not [m for m in sys.modules if m == 'django' or m.startswith('django.')], "
        "sorted(m for m in sys.modules if m.startswith('django'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
