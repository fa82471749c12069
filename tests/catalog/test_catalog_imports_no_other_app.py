"""Layering: ``core`` imports no RightsTrack app; ``catalog`` imports only ``core``.

(The apps above them may import catalog; catalog importing one of them would make a cycle,
as ``catalog.admin`` -> ``accounts.admin`` -> ``accounts.permissions`` -> ``catalog`` did.)
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "rightstrack"


def _rightstrack_imports(package: str) -> list[str]:
    """``file:line module`` for every ``rightstrack.*`` import in ``src/rightstrack/<package>``."""
    found = []
    for path in sorted((SRC / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom) and node.level == 0
                else []
            )
            found += [
                f"{path.relative_to(SRC)}:{node.lineno} {name}"
                for name in names
                if name == "rightstrack" or name.startswith("rightstrack.")
            ]
    return found


@pytest.mark.parametrize(("package", "allowed"), [("core", ()), ("catalog", ("core",))])
def test_a_lower_layer_imports_no_higher_app(package, allowed):
    ok = tuple(f"rightstrack.{name}" for name in (package, *allowed))
    wrong = [
        line
        for line in _rightstrack_imports(package)
        if not any(line.split()[-1] == m or line.split()[-1].startswith(m + ".") for m in ok)
    ]
    assert wrong == []
