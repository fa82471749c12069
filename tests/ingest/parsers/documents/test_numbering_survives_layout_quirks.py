"""Paragraph numbering and sub-paragraphs survive the layout quirks listed in co_truth.json."""

from __future__ import annotations


def test_inline_runs_after_headings_split_into_paragraphs(parse, ccpr_co_dir):
    co = parse(ccpr_co_dir / "CCPR_C_DNK_CO_6.txt").result
    # 'Family reunification 35. The Committee ... (art. 23). 36. The State party ...' on one line
    assert co.paragraph(35).topic == "Family reunification"
    assert co.paragraph(35).text.startswith(
        "The Committee is concerned at the amendment to the Aliens Act"
    )
    assert co.paragraph(35).text.endswith("(art. 23).")
    assert co.paragraph(36).text.startswith("The State party should consider reducing the duration")
    assert co.paragraph(37).topic == "Discrimination on the basis of religion"
    assert co.paragraph(40).text.startswith("In accordance with rule 71, paragraph 5")
    assert co.paragraph(42).text.endswith("the word limit for the report is 21,200 words.")


def test_a_scrambled_short_line_is_put_back_in_its_sub_paragraph(parse, ccpr_co_dir):
    para = parse(ccpr_co_dir / "CCPR_C_DNK_CO_6.txt").result.paragraph(3)
    assert para.letters == list("abcdefghijk")
    # printed as '(g) 2011;' and, two lines later, 'The strengthening ... on Gender, in'
    assert (
        para.subparagraphs[6].text
        == "The strengthening of the mandate of the Danish Equality Body on Gender, in 2011;"
    )


def test_inline_and_line_start_sub_paragraphs_are_both_found(parse, ccpr_co_dir):
    co = parse(ccpr_co_dir / "CCPR_C_DNK_CO_6.txt").result
    assert co.paragraph(27).letters == [
        "a",
        "b",
        "c",
    ]  # inline '...: (a) ...; (b) ...; and (c) ...'
    assert (
        co.paragraph(27)
        .subparagraphs[2]
        .text.startswith("the possibility of revoking the citizenship")
    )
    assert co.paragraph(32).letters == ["a", "b", "c", "d", "e"]  # one per line


def test_page_breaks_inside_a_paragraph_keep_the_text_whole(parse, ccpr_co_dir):
    co = parse(ccpr_co_dir / "CCPR_C_PRY_CO_4.txt").result
    para = co.paragraph(15)  # (b) continues on page 4 after 'GE.19-14116', '3' and the symbol
    assert para.subparagraphs[1].text.endswith(
        "including by expanding training programmes for law enforcement and security officers "
        "and awareness-raising campaigns promoting tolerance and respect for diversity;"
    )
    assert "GE.19-14116" not in co.paragraph(15).text
    assert "CCPR/C/PRY/CO/4" not in co.paragraph(20).text
