"""Follow-up references expand into single items.

Wordings from the real COs, and CEDAW's sub-paragraph style ("paragraphs 14 (a) and 30 (c)").
"""

from __future__ import annotations

from rightstrack.ingest.parsers.documents.concluding_observations import expand_references


def labels(text: str) -> list[str]:
    return [ref.label for ref in expand_references(text)]


def test_a_lettered_range_gives_every_letter():
    assert labels("paragraphs 36 (a)–(d) (excessive use of force) above") == [
        "36 (a)", "36 (b)", "36 (c)", "36 (d)",
    ]  # fmt: skip


def test_two_lettered_ranges_on_one_number_give_four_items():
    assert labels("paragraphs 17 (b)–(c) and (e)–(f) (right to health)") == [
        "17 (b)",
        "17 (c)",
        "17 (e)",
        "17 (f)",
    ]


def test_a_list_of_whole_paragraphs_gives_each_number():
    assert labels("the recommendations made in paragraphs 20, 24 and 32 above.") == [
        "20",
        "24",
        "32",
    ]


def test_titles_in_parentheses_are_kept_and_not_read_as_letters():
    refs = expand_references(
        "paragraphs 20 (domestic violence), 24 (solitary confinement) and 32 (rights of aliens)"
    )
    assert [(r.label, r.title) for r in refs] == [
        ("20", "domestic violence"), ("24", "solitary confinement"), ("32", "rights of aliens"),
    ]  # fmt: skip


def test_a_rule_of_procedure_is_not_a_reference():
    text = (
        "In accordance with rule 71, paragraph 5, of the Committee's rules of procedure, the State party is "
        "requested to provide ... information on the recommendations in paragraphs 20 and 24 above."
    )
    assert labels(text) == ["20", "24"]


def test_crc_para_references_in_parentheses_are_collected():
    text = "urgent measures must be taken: non-discrimination (para. 18), birth registration (para. 21 (b)) and education (para. 40)."
    assert labels(text) == ["18", "21 (b)", "40"]


def test_a_numeric_range_gives_every_paragraph():
    assert labels("paragraphs 20–22") == ["20", "21", "22"]


def test_symbols_and_years_after_the_list_are_not_references():
    assert labels("paragraphs 14 (a) and 30 (c) above, and General Assembly resolution 68/268") == [
        "14 (a)",
        "30 (c)",
    ]
