"""The import contracts of ``pyproject.toml`` (``[tool.importlinter]``) hold, and they bite.

``make lint`` runs the same ``lint-imports``; these tests also show that a deliberate bad
import in a copy of the source tree breaks the contract it should.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(src: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", str(REPO / "pyproject.toml")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=False,
    )


def _copy_with(tmp_path: Path, module: str, line: str) -> Path:
    src = tmp_path / "src"
    shutil.copytree(
        REPO / "src" / "rightstrack", src / "rightstrack", ignore=shutil.ignore_patterns("*.pyc")
    )
    with (src / module).open("a", encoding="utf-8") as fh:
        fh.write(f"\n{line}  # noqa\n")
    return src


def test_the_source_tree_keeps_every_contract(tmp_path):
    result = _lint(REPO / "src", tmp_path)
    assert result.returncode == 0, result.stdout
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract", "arrow"),
    [
        (
            "rightstrack/catalog/labels.py",
            "import rightstrack.tracking.models",
            "Apps import only the layers below them",
            "rightstrack.catalog.labels -> rightstrack.tracking.models",
        ),
        (
            "rightstrack/ingest/parsers/_text.py",
            "import django.db",
            "Document and table parsers are plain Python: no Django, no app models",
            "rightstrack.ingest.parsers._text -> django",
        ),
        (
            "rightstrack/reports/feeds.py",
            "import rightstrack.portal.views",
            "Only the portal uses its own views",
            "rightstrack.reports.feeds -> rightstrack.portal.views",
        ),
    ],
)
def test_a_bad_import_breaks_its_contract(tmp_path, module, line, contract, arrow):
    result = _lint(_copy_with(tmp_path, module, line), tmp_path)
    assert result.returncode == 1
    assert "1 broken" in result.stdout
    broken = result.stdout.split("Broken contracts", 1)[1]
    assert contract in broken
    assert arrow in broken
