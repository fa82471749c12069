"""Fixtures of the classify tests: a model folder of each test's own, and real texts."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
UPR_INFO_1_5 = REPO / "data" / "sample" / "upr-info" / "1-5.csv.gz"

#: CCPR/C/PRY/CO/4 (Human Rights Committee, Paraguay, 2019), para. 25 (c), as printed.
PRY_TORTURE = (
    "Guarantee that all allegations of torture and other cruel, inhuman and degrading "
    "treatment are investigated promptly, impartially and thoroughly, in line with the "
    "Manual on Effective Investigation and Documentation of Torture and Other Cruel, "
    "Inhuman or Degrading Treatment or Punishment (Istanbul Protocol); that the "
    "perpetrators are prosecuted and, if convicted, are punished appropriately; and that "
    "the victims receive full reparation;"
)


@pytest.fixture(autouse=True)
def model_dir(settings, tmp_path):
    """Each test writes its model file under its own ``DATA_DIR``."""
    settings.DATA_DIR = tmp_path
    return tmp_path / "classify"


@pytest.fixture
def upr_head(tmp_path) -> Path:
    """The header and first 400 rows of the UPR Info export 1-5.csv (bytes unchanged)."""
    raw = gzip.decompress(UPR_INFO_1_5.read_bytes())
    path = tmp_path / "1-5-head.csv"
    path.write_bytes(b"\r".join(raw.split(b"\r")[:401]) + b"\r")
    return path


@pytest.fixture
def pry_recommendation(reference_data):
    """CCPR/C/PRY/CO/4 para. 25 (c), with no confirmed label."""
    from rightstrack.catalog.models import Country, Document, Mechanism, Recommendation

    ccpr = Mechanism.objects.get(code="CCPR")
    pry = Country.objects.get(iso3="PRY")
    doc = Document.objects.create(
        key="CCPR/C/PRY/CO/4",
        symbol="CCPR/C/PRY/CO/4",
        doc_type="concluding_observations",
        mechanism=ccpr,
        country=pry,
        adopted_on=dt.date(2019, 7, 24),
    )
    return Recommendation.objects.create(
        natural_key="CCPR/C/PRY/CO/4#25 (c)",
        document=doc,
        paragraph="25 (c)",
        order=25,
        mechanism=ccpr,
        country=pry,
        year=2019,
        text=PRY_TORTURE,
    )
