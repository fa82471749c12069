"""The import fuzzer (``fuzz/import_any_file.py``) runs for a bounded time with no finding.

``make fuzz`` runs it for five minutes; here a short run on the committed seed corpus keeps
it working and catches regressions on the inputs it already knows. The seeds are real
files (or their first rows) from ``../shared``, made by ``fuzz/make_corpus.py``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HARNESS = REPO / "fuzz" / "import_any_file.py"
CORPUS = REPO / "fuzz" / "corpus"
SECONDS = 20


@pytest.mark.slow
def test_twenty_seconds_of_fuzzing_find_no_crash_and_no_partial_import(tmp_path: Path) -> None:
    pytest.importorskip("atheris")
    work = tmp_path / "corpus"
    shutil.copytree(CORPUS, work)
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    done = subprocess.run(
        [
            sys.executable,
            str(HARNESS),
            str(work),
            f"-max_total_time={SECONDS}",
            "-max_len=8192",
            "-seed=1",
            f"-artifact_prefix={tmp_path}/",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=SECONDS + 240,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "INFO:        9 files found" in done.stderr
    runs = [line for line in done.stderr.splitlines() if line.startswith("Done ")]
    assert runs, done.stderr[-2000:]
    assert int(runs[0].split()[1]) > len(list(CORPUS.iterdir()))  # it did mutate
    assert not list(tmp_path.glob("crash-*"))


@pytest.mark.django_db(transaction=True)
def test_the_seeds_are_real_files_the_importer_reads(tmp_path: Path, reference_data: None) -> None:
    """Seeds the importer reads teach the fuzzer the formats, one seed per format; the DIDH
    table alone is refused, with its reason (it needs the tables exported beside it)."""
    from rightstrack.ingest.models import ImportRun
    from rightstrack.ingest.pipeline import import_file

    suffixes = (".csv", ".txt", ".json", ".docx", ".xlsx", ".pdf", ".html", ".md", ".gz", ".xml")
    formats = []
    for seed in sorted(CORPUS.iterdir()):
        data = seed.read_bytes()
        assert len(data) < 60_000  # small enough to keep in the repository
        path = tmp_path / f"{seed.name}{suffixes[data[0]]}"
        path.write_bytes(data[1:])
        run = import_file(path)
        if run.status == ImportRun.Status.FAILED:
            assert not run.errors[0]["message"].startswith("unexpected error")
            formats.append(f"refused {run.format or '?'}")
        else:
            formats.append(run.format)
    assert sorted(formats) == [
        "committee-grades",
        "document-excerpts",
        "generic-table",
        "ohchr-thematic-list",
        "refused didh-tracker",
        "treaty-body-document",
        "uhri-json",
        "upr-info-csv",
        "upr-wg-report",
    ]
