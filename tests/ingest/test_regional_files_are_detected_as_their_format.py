"""Format detection of the regional bodies' files (MANIFEST §11): text and JSON record alike
go to their reader, and the CoE Committee of Ministers' documents (no reader) to none."""

from __future__ import annotations

import pytest

from rightstrack.ingest import importers
from rightstrack.ingest.errors import ImportFailure


@pytest.mark.parametrize(
    ("folder", "stem", "fmt"),
    [
        ("CPTReports", "CoE_CPT_p-ukr-20231016-en", "cpt-visit-report"),
        ("IACHR-Commission", "IACHR-merits-ReportNo.11-15", "iachr-merits-report"),
        ("IACHR-Commission", "IACHR-merits-ReportNo.101-17", "iachr-merits-report"),
        ("HUDOC-ESC", "114546", "ecsr-merits-decision"),
    ],
)
def test_text_and_record_go_to_the_same_reader(shared_raw, folder, stem, fmt):
    base = shared_raw / "regional-worldwidelaw" / folder
    assert importers.detect(base / f"{stem}.txt").name == fmt
    assert importers.detect(base / f"{stem}.json").name == fmt


def test_african_commission_texts_and_records_are_detected(shared_raw):
    base = shared_raw / "regional-worldwidelaw" / "IHRDA-AfricanCL"
    # record_0010.json holds the text of IHRDA-ACHPR-smuuhw5cccl2qzmbztmeoecdi.txt (Nigeria)
    assert importers.detect(base / "record_0010.json").name == "achpr-decision"
    assert (
        importers.detect(base / "IHRDA-ACHPR-smuuhw5cccl2qzmbztmeoecdi.txt").name
        == "achpr-decision"
    )


def test_committee_of_ministers_documents_have_no_reader(shared_raw):
    path = shared_raw / "regional-worldwidelaw" / "HUDOCExec" / "93165.json"
    with pytest.raises(ImportFailure, match="unknown format"):
        importers.detect(path)
