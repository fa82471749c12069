"""UPR Info CSV parser, on the real export (values checked in the files by hand)."""

import gzip
from collections import Counter

import pytest

from rightstrack.ingest.errors import ImportFailure
from rightstrack.ingest.parsers.upr_info import parse_upr_info


@pytest.fixture
def csv_1_5(tmp_path, upr_info_dir):
    path = tmp_path / "1-5.csv"
    path.write_bytes(gzip.decompress((upr_info_dir / "1-5.csv.gz").read_bytes()))
    return path


def test_it_reads_6094_recommendations_4087_accepted_and_2007_noted_from_1_5_csv(csv_1_5):
    parsed = parse_upr_info(csv_1_5)
    assert len(parsed.rows) == 6094
    assert Counter(r.response for r in parsed.rows) == {"Accepted": 4087, "Noted": 2007}
    assert Counter(r.position for r in parsed.rows) == {"supported": 4087, "noted": 2007}
    assert parsed.rejected == []


def test_it_decodes_mac_roman_with_cr_line_endings(csv_1_5):
    first = parse_upr_info(csv_1_5).rows[0]
    # row 2 of 1-5.csv: Afghanistan, recommended by Austria, session 5, action 5
    assert (first.to_iso3, first.from_iso3, first.session, first.action) == ("AFG", "AUT", 5, 5)
    assert first.text.startswith("Enact legislation and take effective measures")
    assert first.issues == ("Rights of the Child", "Women's rights")
    assert first.cycle == 1
    assert first.year == 2009


def test_it_keeps_the_nine_rows_whose_recommending_state_is_unknown(csv_1_5):
    unknown = [r for r in parse_upr_info(csv_1_5).rows if r.from_iso3 is None]
    assert len(unknown) == 9
    assert {r.from_name for r in unknown} == {"(Unknown)"}


def test_exact_duplicate_rows_get_distinct_natural_keys(tmp_path, upr_info_dir):
    # 6-9.csv holds one row twice, word for word; UPR Info counts both (8,343 rows)
    path = tmp_path / "6-9.csv"
    path.write_bytes(gzip.decompress((upr_info_dir / "6-9.csv.gz").read_bytes()))
    rows = parse_upr_info(path).rows
    assert len(rows) == 8343
    assert len({r.key for r in rows}) == 8343
    texts = Counter((r.to_iso3, r.session, r.from_iso3, r.text, r.response) for r in rows)
    assert max(texts.values()) == 2


def test_pledges_are_marked_as_pledges(tmp_path, upr_info_dir):
    path = tmp_path / "voluntary.csv"
    path.write_bytes(gzip.decompress((upr_info_dir / "voluntary.csv.gz").read_bytes()))
    rows = parse_upr_info(path).rows
    assert len(rows) == 947
    assert all(r.is_pledge for r in rows)
    assert rows[0].to_iso3 == "ALB" and rows[0].session == 19


def test_it_names_the_missing_columns(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue\rX\r")
    with pytest.raises(ImportFailure) as info:
        parse_upr_info(path)
    assert str(info.value) == (
        "bad.csv, row 1: missing column(s) Session; a UPR Info export has the columns "
        "To, To-Rgrp, To-Org, Text, From, From-Rgrp, From-Org, Response, Action, Issue, Session"
    )


def test_javascript_escapes_in_the_export_are_read_as_the_characters_they_name(csv_1_5):
    # 1-5.csv row 3495 (Mexico, from New Zealand, session 4) prints "women%u2019s access to
    # justice": the apostrophe U+2019 as a web form's escape() wrote it.
    row = next(r for r in parse_upr_info(csv_1_5).rows if r.row == 3495)
    assert (row.to_iso3, row.from_iso3, row.session) == ("MEX", "NZL", 4)
    assert row.text.endswith("legislation that prevents women\u2019s access to justice.")
    assert "%u" not in row.text


def test_the_pledges_bullets_are_read_as_bullets(tmp_path, upr_info_dir):
    # voluntary.csv row 769: Sri Lanka's pledge, session 14, lists two groups of children
    # after "%u2022" (U+2022, a bullet) each.
    path = tmp_path / "voluntary.csv"
    path.write_bytes(gzip.decompress((upr_info_dir / "voluntary.csv.gz").read_bytes()))
    row = next(r for r in parse_upr_info(path).rows if r.row == 769)
    assert (row.to_iso3, row.session) == ("LKA", 14)
    assert (
        "protection of children \u2022 who come into conflict with the legal system, and \u2022 who are in need"
        in row.text
    )


def test_the_repair_keeps_the_natural_key_of_the_text_as_printed(csv_1_5):
    # Records imported before the repair keep their key: the digest is of the source's text.
    from rightstrack.ingest.parsers._text import short_hash

    row = next(r for r in parse_upr_info(csv_1_5).rows if r.row == 3495)
    printed = row.text.replace("\u2019", "%u2019")
    assert row.key == f"upr-info:MEX:WG4:{short_hash('MEX', 4, 'NZL', printed.casefold(), '')}"
