"""``parse_document`` recognises UPR Working Group reports and addenda; ``to_json`` keeps
the shared keys (symbol, type, committee, country, adopted, paragraphs, follow_up,
particular_importance, next_report)."""

from __future__ import annotations

from rightstrack.ingest.parsers.documents.json_output import JSON_KEYS, to_json
from rightstrack.ingest.parsers.documents.kinds import parse_document

SLOVENIA = "upr-slovenia-tony33344"


def test_a_working_group_report_parses_to_the_shared_json_keys(shared_raw):
    data = to_json(parse_document(shared_raw / SLOVENIA / "cycle4/original/g2502644.pdf"))
    assert tuple(data) == JSON_KEYS
    assert (data["symbol"], data["type"], data["committee"], data["country"]) == (
        "A/HRC/59/15",
        "upr_wg_report",
        "UPR",
        "SVN",
    )
    assert data["adopted"] == "2025-01-31"  # "At its 17th meeting, held on 31 January 2025"
    assert len(data["paragraphs"]) == 254
    item = next(p for p in data["paragraphs"] if p["number"] == "140.7")
    assert (item["kind"], item["recommending_states"], item["position"]) == (
        "recommendation",
        ["MDV", "PRT"],
        "pending",  # para. 140: "will be examined by Slovenia"
    )
    assert data["follow_up"] is None and data["next_report"] is None


def test_an_addendum_parses_to_positions_by_number(shared_raw):
    parsed = parse_document(shared_raw / SLOVENIA / "cycle4/original/g2505828.pdf")
    assert parsed.kind == "upr_addendum"
    data = to_json(parsed)
    assert (data["symbol"], data["type"], data["country"]) == (
        "A/HRC/59/15/Add.1",
        "upr_addendum",
        "SVN",
    )
    positions = {p["number"]: p["position"] for p in data["paragraphs"]}
    assert len(positions) == 254
    assert positions["140.7"] == "supported" and positions["140.1"] == "noted"


def test_a_plain_text_report_of_2010_is_recognised(shared_raw):
    parsed = parse_document(shared_raw / "upr-wg-reports-terman/txts/albania2010.txt")
    assert parsed.kind == "upr_wg_report"
    # Para. 67 "... enjoy the support of Albania: 1. Consider signing the CRPD (Canada);"
    first = parsed.result.recommendations[0]
    assert (first.number, first.recommending_states, first.position) == (
        "67.1",
        ["CAN"],
        "supported",
    )
