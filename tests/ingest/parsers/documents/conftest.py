"""Fixtures for the document parser tests: real files in shared/data/raw, hand-made samples.

Parsing a PDF takes seconds, so each real file is parsed once per test session.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest

from rightstrack.ingest.parsers.documents.kinds import ParsedDocument, parse_document

REPO = Path(__file__).resolve().parents[4]
DOCUMENT_SAMPLES = REPO / "tests" / "samples" / "documents"
SHARED_RAW = Path(os.environ.get("RIGHTSTRACK_SHARED_DIR", REPO.parent / "shared" / "data" / "raw"))


@functools.cache
def parsed(path: Path) -> ParsedDocument:
    """``parse_document(path)``, cached for the session (results are not mutated by tests)."""
    return parse_document(path)


def _shared(*parts: str) -> Path:
    path = SHARED_RAW.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI"):
            raise RuntimeError(f"{path} is missing in CI")
        pytest.skip(f"{path} not present")
    return path


@pytest.fixture
def cerd_brazil_pdf() -> Path:
    """CERD/C/BRA/CO/18-20 (18 pages, adopted 1 December 2022)."""
    return _shared("cerd-brazil-lrcarneiro", "CERD-Observacoes-Brasil-2022.pdf")


@pytest.fixture
def cerd_brazil(cerd_brazil_pdf: Path) -> ParsedDocument:
    """The parsed CERD Brazil CO."""
    return parsed(cerd_brazil_pdf)


@pytest.fixture
def ccpr_co_dir() -> Path:
    """RolandCCPR's text extractions of CCPR/C/DNK/CO/6 and CCPR/C/PRY/CO/4 (+ replies)."""
    return _shared("ccpr-co-rolandccpr")


@pytest.fixture
def views_dir() -> Path:
    """14 Views/decisions of 8 committees (lszoszk), JSON paragraphs + .txt."""
    return _shared("tb-views-lszoszk")


@pytest.fixture
def juris_dir() -> Path:
    """worldwidelaw treaty-body records: TreatyBodyJuris (clean) and OHCHR-Juris (broken)."""
    return _shared("tb-juris-worldwidelaw")


@pytest.fixture
def sample_dir() -> Path:
    """Hand-made concluding observations in each committee's style (see README.md there)."""
    return DOCUMENT_SAMPLES


@pytest.fixture
def parse():
    """``parse(path)``: :func:`parse_document` cached for the session."""
    return parsed
