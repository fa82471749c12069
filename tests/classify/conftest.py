"""Fixtures of the classify tests: the real Slovenia thematic lists bundled in data/sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from rightstrack.ingest.pipeline import import_file

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "thematic-lists"
CYCLE3 = "UPR34_Slovenia_Thematic_list_of_Recommendations.docx"  # A/HRC/43/15
CYCLE4 = "upr48-slovenia-thematic-list-of-recommendatio.docx"  # A/HRC/59/15


@pytest.fixture
def slovenia_lists(reference_data) -> None:
    """Slovenia's UPR cycle 3 (215) and cycle 4 (254) recommendations, as imported."""
    for name in (CYCLE3, CYCLE4):
        assert import_file(SAMPLE / name).status == "succeeded"
