"""Every document parser module imports and parses without Django configured."""

from __future__ import annotations

import subprocess
import sys

MODULES = [
    "rightstrack.ingest.parsers.documents",
    "rightstrack.ingest.parsers.documents.errors",
    "rightstrack.ingest.parsers.documents.extract",
    "rightstrack.ingest.parsers.documents.clean",
    "rightstrack.ingest.parsers.documents.symbols",
    "rightstrack.ingest.parsers.documents.metadata",
    "rightstrack.ingest.parsers.documents.concluding_observations",
    "rightstrack.ingest.parsers.documents.un_views",
    "rightstrack.ingest.parsers.documents.follow_up_reply",
    "rightstrack.ingest.parsers.documents.kinds",
    "rightstrack.ingest.parsers.documents.json_output",
]


def test_document_parsers_import_and_run_without_django(sample_dir):
    sample = sample_dir / "cat_co_sample.txt"
    code = (
        "import os, sys\n"
        "os.environ.pop('DJANGO_SETTINGS_MODULE', None)\n"
        + "".join(f"import {m}\n" for m in MODULES)
        + "from rightstrack.ingest.parsers.documents.kinds import parse_document\n"
        + "from rightstrack.ingest.parsers.documents.json_output import to_json\n"
        f"data = to_json(parse_document({str(sample)!r}))\n"
        "assert data['follow_up']['due'] == '2027-05-12', data['follow_up']\n"
        "leaked = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "assert not leaked, leaked\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
