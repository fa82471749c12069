"""A JSON field of the wrong type refuses the file, naming record and field (issue 9, row 14)."""

from __future__ import annotations

import json
import re

import pytest

from rightstrack.ingest.errors import ImportFailure
from rightstrack.ingest.parsers.documents.errors import CorruptFileError
from rightstrack.ingest.parsers.documents.extract import clear_cache, extract_text
from rightstrack.ingest.parsers.uhri import parse_uhri_json


def _uhri_record(uhri_dir, **changes):
    record = json.loads(
        (uhri_dir / "0a0c9531-85fa-4408-a9db-bc816c2e1261.json").read_text(encoding="utf-8-sig")
    )
    record.update(changes)
    return record


def test_a_number_as_uhri_text_is_refused_naming_record_and_field(uhri_dir, tmp_path):
    path = tmp_path / "uhri.json"
    good = _uhri_record(uhri_dir)
    bad = _uhri_record(uhri_dir, _id="rec-2", text=12345)
    path.write_text(json.dumps([good, bad]), encoding="utf-8")
    with pytest.raises(ImportFailure) as refused:
        parse_uhri_json(path)
    problem = refused.value.problem
    assert problem.row == 2
    assert problem.cell == "text"
    assert problem.message == (
        "record 2 (id 'rec-2'): field 'text' is a number (12345); expected a string"
    )


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("symbol", ["E/C.12/AZE/CO/4"], "a list of strings; expected a string"),
        ("themes", [1, 2], "a list holding a number (1)"),
        ("countries", {"name": "Azerbaijan"}, "an object"),
        ("date", 20210101, "a number (20210101)"),
        ("body", True, "true/false (true)"),
        ("upr_cycle", 3.5, "a number (3.5)"),
    ],
)
def test_every_field_read_is_type_checked(uhri_dir, tmp_path, field, value, said):
    path = tmp_path / "uhri.json"
    path.write_text(json.dumps(_uhri_record(uhri_dir, **{field: value})), encoding="utf-8")
    with pytest.raises(ImportFailure, match=re.escape(f"field '{field}' is {said}")) as refused:
        parse_uhri_json(path)
    assert refused.value.problem.message.startswith(
        "record 1 (id '0a0c9531-85fa-4408-a9db-bc816c2e1261'): "
    )


def test_the_real_uhri_records_still_read(uhri_dir):
    for path in sorted(uhri_dir.glob("*.json")):
        assert parse_uhri_json(path)


def test_a_number_as_a_paragraph_text_of_a_jurisprudence_record_is_refused(tmp_path):
    path = tmp_path / "views.json"
    paragraphs = [
        {"ID": "1.", "Section": "Facts", "Text": "The author is a national of Spain."},
        {"ID": "2.", "Section": "Facts", "Text": 12345},
    ]
    path.write_text(json.dumps(paragraphs), encoding="utf-8")
    clear_cache()
    with pytest.raises(CorruptFileError) as refused:
        extract_text(path)
    assert refused.value.problem.message == (
        "record 2 (id '2.'): field 'Text' is a number (12345); expected a string or null"
    )
    assert refused.value.problem.row == 2


def test_a_number_as_the_text_of_a_json_record_is_refused(tmp_path):
    path = tmp_path / "record.json"
    path.write_text(json.dumps({"symbol": "CCPR/C/1/D/1/2000", "text": 12345}), encoding="utf-8")
    clear_cache()
    with pytest.raises(CorruptFileError, match="field 'text' is a number"):
        extract_text(path)


ROLAND = "ccpr-followup-rolandccpr/hrc_all_UZB_excerpt.json"


def test_the_real_rolandccpr_excerpt_still_reads(shared_raw):
    from rightstrack.ingest.parsers.followup_grades import parse_rolandccpr_json

    assert parse_rolandccpr_json(shared_raw / ROLAND)


def test_a_number_as_a_committee_grade_is_refused_naming_the_limb(shared_raw, tmp_path):
    from rightstrack.ingest.parsers.followup_grades import parse_rolandccpr_json

    data = json.loads((shared_raw / ROLAND).read_text(encoding="utf-8"))
    records = list(data.values()) if isinstance(data, dict) else data
    first = next(r for r in records if r.get("paragraphs"))
    first["paragraphs"][0]["limbs"][0]["grade"] = 3
    path = tmp_path / "hrc.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ImportFailure) as refused:
        parse_rolandccpr_json(path)
    index = records.index(first) + 1
    assert refused.value.problem.message == (
        f"record {index} (id {first['code']!r}): field 'paragraphs[1].limbs[1].grade' "
        "is a number (3); expected a string or null"
    )
