"""OHCHR thematic list parser, on the two Slovenia lists (checked by opening the DOCX)."""

from collections import Counter

from rightstrack.ingest.parsers.thematic_list import parse_thematic_list, split_states


def test_cycle_4_list_has_254_numbers_217_supported_and_37_noted(cycle3, cycle4):
    parsed = parse_thematic_list(cycle4)
    assert (parsed.layout, parsed.state_iso3, parsed.cycle, parsed.session) == (
        "cycle4",
        "SVN",
        4,
        48,
    )
    assert parsed.report_symbol == "A/HRC/59/15"
    assert len(parsed.items) == 254
    assert len({i.number for i in parsed.items}) == 254
    assert Counter(i.position for i in parsed.items) == {"supported": 217, "noted": 37}


def test_140_7_is_recommended_by_maldives_and_portugal_supported_with_its_printed_labels(
    cycle3, cycle4
):
    item = next(i for i in parse_thematic_list(cycle4).items if i.number == "140.7")
    assert item.states == ("Maldives", "Portugal")
    assert item.state_iso3 == ("MDV", "PRT")
    assert item.position == "supported"
    assert item.position_source == "A/HRC/59/15/Add.1 - Para.3"
    assert item.text == (
        "Ratify the Optional Protocol to the International Covenant on Economic, "
        "Social and Cultural Rights (Maldives) (Portugal);"
    )
    assert item.section == "Ratification of & accession to international instruments"
    assert item.themes == (
        "Ratification of & accession to international instruments",
        "Economic, social & cultural rights - general measures of implementation",
    )
    assert item.affected_persons == ("Public officials",)
    assert item.sdg_goals == (1, 2, 3, 4, 5, 6, 7, 8)


def test_140_1_lists_eight_recommending_states_including_venezuela(cycle3, cycle4):
    item = next(i for i in parse_thematic_list(cycle4).items if i.number == "140.1")
    assert item.state_iso3 == ("DZA", "CPV", "PRY", "SSD", "LKA", "TGO", "URY", "VEN")


def test_cycle_3_list_has_215_numbers_182_supported_and_33_noted(cycle3, cycle4):
    parsed = parse_thematic_list(cycle3)
    assert (parsed.layout, parsed.cycle, parsed.session) == ("cycle3", 3, 34)
    assert parsed.report_symbol == "A/HRC/43/15"
    assert len(parsed.items) == 215
    assert Counter(i.position for i in parsed.items) == {"supported": 182, "noted": 33}


def test_cycle_3_number_holding_two_recommendations_keeps_both_states_and_labels(cycle3, cycle4):
    item = next(i for i in parse_thematic_list(cycle3).items if i.number == "121.2")
    assert item.state_iso3 == ("UKR", "SVK")
    assert "(Ukraine); Increase efforts towards ratification" in item.text
    assert item.themes == ("Acceptance of international norms", "Enforced disappearances")
    assert item.sdg_goals == (16,)
    assert item.affected_persons == ("Disappeared persons",)


def test_parenthesised_words_that_are_not_states_stay_in_the_text():
    _, states = split_states(
        "Ratify the Protocol to the Forced Labour Convention, 1930 (No. 29) "
        "(United Kingdom of Great Britain and Northern Ireland);"
    )
    assert states == ["United Kingdom of Great Britain and Northern Ireland"]
