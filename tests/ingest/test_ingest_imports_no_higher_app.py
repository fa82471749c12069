"""The ingest app imports no higher app (layers: catalog, accounts < ingest < tracking <
portal < reports); higher apps hook in through the importers registry and ingest signals."""

from __future__ import annotations

import ast
from pathlib import Path

import rightstrack.ingest

INGEST = Path(rightstrack.ingest.__file__).resolve().parent
HIGHER = ("rightstrack.tracking", "rightstrack.portal", "rightstrack.reports")


def imported_modules(source: str) -> set[str]:
    """Absolute module names an ``import`` / ``from ... import`` statement names, anywhere
    in ``source`` (functions included); ``from a import b`` gives ``a`` and ``a.b``."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_the_check_sees_every_form_of_import():
    code = (
        "from rightstrack import portal\n"
        "def f():\n"
        "    import rightstrack.tracking.models\n"
        "    from rightstrack.reports.exports import x\n"
    )
    found = {name for name in imported_modules(code) if name.startswith(HIGHER)}
    assert found == {
        "rightstrack.portal",
        "rightstrack.tracking.models",
        "rightstrack.reports.exports",
        "rightstrack.reports.exports.x",
    }


def test_no_ingest_module_imports_tracking_portal_or_reports():
    offending = sorted(
        f"{path.relative_to(INGEST)}: {name}"
        for path in sorted(INGEST.rglob("*.py"))
        for name in imported_modules(path.read_text(encoding="utf-8"))
        if name.startswith(HIGHER)
    )
    assert offending == []
