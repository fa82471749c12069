"""Fuzz the import path a person takes: any bytes, any file type, through ``import_file``.

Each input is one file: its first byte picks the file name's suffix (:data:`SUFFIXES`),
the rest is the file's content. The harness writes it to a temporary file and imports it
with :func:`rightstrack.ingest.pipeline.import_file`, exactly as ``rightstrack import`` and
the upload do (format detection, parsing, storing, one transaction). A finding is:

* an exception that escapes ``import_file`` (it promises never to raise for bad input);
* a run that failed with "unexpected error (...)": the pipeline's last-resort handler for
  a bug, which names no row, page or line;
* a failed run that changed the catalogue (the import is all-or-nothing).

Run it for a bounded time (``make fuzz``, or ``FUZZ_SECONDS=30``)::

    .venv/bin/python fuzz/import_any_file.py fuzz/corpus -max_total_time=300

The seed corpus (``fuzz/corpus/``) holds small cuts of the real files in ``../shared`` made
by ``fuzz/make_corpus.py``; libFuzzer adds the inputs that reach new code to the first
folder given. The database is a new SQLite file in a temporary data directory.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import atheris

#: File name suffixes the importer tells apart; the first input byte picks one.
SUFFIXES = (".csv", ".txt", ".json", ".docx", ".xlsx", ".pdf", ".html", ".md", ".gz", ".xml")

with atheris.instrument_imports(include=["rightstrack.ingest.parsers"]):
    import rightstrack.ingest.parsers.countries
    import rightstrack.ingest.parsers.documents.kinds
    import rightstrack.ingest.parsers.excerpts
    import rightstrack.ingest.parsers.followup_grades
    import rightstrack.ingest.parsers.generic
    import rightstrack.ingest.parsers.tabular
    import rightstrack.ingest.parsers.thematic_list
    import rightstrack.ingest.parsers.uhri
    import rightstrack.ingest.parsers.upr_info  # noqa: F401


def _set_up_django(data_dir: Path) -> None:
    os.environ["RIGHTSTRACK_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
    import django
    from django.core.management import call_command

    django.setup()
    from django.db import connection

    with connection.cursor() as cursor:  # a throw-away database: no fsync per commit
        cursor.execute("PRAGMA synchronous=OFF")
    call_command("migrate", verbosity=0)


WORK = Path(tempfile.mkdtemp(prefix="rightstrack-fuzz-"))
_set_up_django(WORK / "data")

from rightstrack.catalog.models import Document, Recommendation  # noqa: E402
from rightstrack.ingest.models import ImportRun  # noqa: E402
from rightstrack.ingest.pipeline import import_file  # noqa: E402


def _catalogue() -> tuple[int, int]:
    return Document.objects.count(), Recommendation.objects.count()


class Finding(Exception):
    """What the fuzzer reports: a bug in the import path (see the module docstring)."""


def test_one_input(data: bytes) -> None:
    """Import ``data`` as one file; raise :class:`Finding` on a finding (see module doc)."""
    if not data:
        return
    suffix = SUFFIXES[data[0] % len(SUFFIXES)]
    path = WORK / f"input{suffix}"
    path.write_bytes(data[1:])
    before = _catalogue()
    run = import_file(path)
    if run.status == ImportRun.Status.FAILED:
        message = run.errors[0]["message"] if run.errors else ""
        if message.startswith("unexpected error"):
            raise Finding(message)
        if _catalogue() != before:
            raise Finding(f"a failed import changed the catalogue: {message}")


def main() -> None:
    """libFuzzer's entry point; arguments are libFuzzer's (corpus folders, -max_total_time)."""
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
