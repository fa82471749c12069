"""UHRI record parser, on the real records of E/C.12/AUS/CO/6 and CEDAW/C/IRQ/CO/8/REV.1."""

from rightstrack.ingest.parsers.uhri import parse_uhri_json, split_text


def test_it_reads_paragraph_heading_kind_and_tags_of_a_cescr_record(uhri_dir):
    (rec,) = parse_uhri_json(uhri_dir / "0a0c9531-85fa-4408-a9db-bc816c2e1261.json")
    assert rec.symbol == "E/C.12/AUS/CO/6"
    assert rec.uhri_id == "0a0c9531-85fa-4408-a9db-bc816c2e1261"
    assert (rec.paragraph, rec.section, rec.kind) == (
        "7",
        "Domestic application of the Covenant",
        "recommendation",
    )
    assert rec.text.startswith("Reiterating its previous recommendation relating to this area")
    assert rec.country_iso3 == "AUS"
    assert rec.themes == ("Constitutional & legislative framework",)
    assert rec.date == "2026-03-23"


def test_a_concern_without_a_space_after_the_number_is_paragraph_11(uhri_dir):
    (rec,) = parse_uhri_json(uhri_dir / "06b43296-3b50-43d6-b1a6-419786f628a9.json")
    assert (rec.paragraph, rec.kind, rec.country_iso3) == ("11", "concern", "IRQ")
    assert rec.text.startswith("The Committee notes with concern:(a)The lack")
    assert "Women & girls" in rec.affected_persons
    assert "5.2 - End all violence against and exploitation of women" in rec.sdgs
    # UHRI prints this label with spaces around it; they are trimmed
    assert "Participation of women in political & public life" in rec.themes


def test_split_text_without_number_keeps_everything_as_text():
    assert split_text("No number here\nsecond line") == ("", "", "No number here\nsecond line")
