"""The import registry's cheap check claims treaty-body documents and nothing else."""

from __future__ import annotations

from pathlib import Path

from rightstrack.ingest.parsers.documents.kinds import treaty_document_score


def head(path: Path) -> str:
    return path.read_bytes()[:65536].decode("utf-8", errors="replace")


def test_every_view_and_decision_is_claimed(views_dir, juris_dir):
    files = sorted(views_dir.glob("*.txt")) + sorted(views_dir.glob("*.json"))
    files += sorted((juris_dir / "TreatyBodyJuris").glob("record_*.json"))
    assert len(files) == 43
    assert [f.name for f in files if treaty_document_score(head(f)) < 0.5] == []


def test_concluding_observations_and_replies_are_claimed(ccpr_co_dir):
    for name in (
        "CCPR_C_DNK_CO_6.txt",
        "CCPR_C_DNK_CO_6_Add.1.txt",
        "CCPR_C_PRY_CO_4.txt",
        "CCPR_C_PRY_FCO_4.txt",
    ):
        assert treaty_document_score(head(ccpr_co_dir / name)) == 0.9, name


def test_other_formats_and_regional_bodies_are_left_to_their_sources(shared_raw, ccpr_co_dir):
    others = sorted((shared_raw / "uhri-sample-worldwidelaw").glob("*.json"))
    others += sorted((shared_raw / "regional-worldwidelaw").glob("*/*"))
    others += sorted((ccpr_co_dir / "followup-assessments").glob("*.txt"))
    others += sorted((shared_raw / "upr-wg-reports-terman" / "txts").glob("*.txt"))[:20]
    assert len(others) > 40
    assert [f.name for f in others if treaty_document_score(head(f)) > 0] == []
