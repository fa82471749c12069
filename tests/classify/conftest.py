"""Fixtures of the classify tests: a model folder of each test's own, real texts, and the
real Slovenia thematic lists bundled in data/sample."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

import pytest

from rightstrack.ingest.pipeline import import_file

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


SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "thematic-lists"
CYCLE3 = "UPR34_Slovenia_Thematic_list_of_Recommendations.docx"  # A/HRC/43/15
CYCLE4 = "upr48-slovenia-thematic-list-of-recommendatio.docx"  # A/HRC/59/15


@pytest.fixture
def slovenia_lists(reference_data) -> None:
    """Slovenia's UPR cycle 3 (215) and cycle 4 (254) recommendations, as imported."""
    for name in (CYCLE3, CYCLE4):
        assert import_file(SAMPLE / name).status == "succeeded"
