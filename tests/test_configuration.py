"""Every environment variable read by the code is documented (docs/configuration.md, .env.example)."""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ENV_CALL = re.compile(
    r"""env_(?:str|bool|int|list|path)\(\s*["']([A-Z0-9_]+)["']|os\.environ(?:\.get)?\(\s*["']([A-Z0-9_]+)["']|os\.environ\[["']([A-Z0-9_]+)["']\]"""
)
IGNORED = {"DJANGO_SETTINGS_MODULE"}


def _variables_read_by_the_code() -> set[str]:
    names: set[str] = set()
    for path in (REPO / "src" / "rightstrack").rglob("*.py"):
        for match in ENV_CALL.finditer(path.read_text(encoding="utf-8")):
            names.update(g for g in match.groups() if g)
    return names - IGNORED


def test_the_code_reads_at_least_the_core_variables():
    assert {
        "DATABASE_URL",
        "RIGHTSTRACK_DATA_DIR",
        "RIGHTSTRACK_SECRET_KEY",
    } <= _variables_read_by_the_code()


def test_every_variable_is_documented_in_configuration_md():
    doc = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
    missing = sorted(n for n in _variables_read_by_the_code() if f"`{n}`" not in doc)
    assert missing == [], f"add to docs/configuration.md: {missing}"


def test_every_variable_is_listed_in_env_example():
    example = (REPO / ".env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^#?\s*([A-Z0-9_]+)=", example, flags=re.M))
    missing = sorted(_variables_read_by_the_code() - listed)
    assert missing == [], f"add to .env.example: {missing}"
