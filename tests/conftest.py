"""Shared fixtures. Paths to the real samples shipped in the repo and in ../shared."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "tests" / "samples"
SHARED_RAW = Path(os.environ.get("RIGHTSTRACK_SHARED_DIR", REPO.parent / "shared" / "data" / "raw"))


def pytest_configure(config: pytest.Config) -> None:
    """Refuse to silently fall back to SQLite when the PostgreSQL pass is asked for."""
    if os.environ.get("RIGHTSTRACK_REQUIRE_POSTGRES") == "1":
        from django.conf import settings

        engine = settings.DATABASES["default"]["ENGINE"]
        if "postgresql" not in engine:
            raise pytest.UsageError(f"PostgreSQL pass requested but engine is {engine}")


@pytest.fixture
def shared_raw() -> Path:
    """The ``shared/data/raw`` folder; tests that need it skip outside CI when it is absent."""
    if not SHARED_RAW.is_dir():
        if os.environ.get("CI"):
            raise RuntimeError(f"{SHARED_RAW} is missing in CI")
        pytest.skip("shared/data/raw not present")
    return SHARED_RAW
