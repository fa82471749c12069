"""State follow-up replies: type from the title, parent CO, date received."""

from __future__ import annotations

from datetime import date


def test_an_add1_under_the_co_title_is_a_follow_up_reply_not_a_co(parse, ccpr_co_dir):
    # CCPR/C/DNK/CO/6/Add.1 prints "Concluding observations on the sixth periodic report of
    # Denmark / Addendum / Information received from Denmark on follow-up ..."
    doc = parse(ccpr_co_dir / "CCPR_C_DNK_CO_6_Add.1.txt")
    assert doc.kind == "follow_up_reply"
    assert doc.metadata.symbol.raw == "CCPR/C/DNK/CO/6/Add.1"
    assert (doc.result.parent_symbol, doc.result.received) == ("CCPR/C/DNK/CO/6", date(2017, 7, 14))


def test_the_new_fco_symbol_points_to_its_co(parse, ccpr_co_dir):
    doc = parse(ccpr_co_dir / "CCPR_C_PRY_FCO_4.txt")
    assert doc.kind == "follow_up_reply"
    assert (doc.result.parent_symbol, doc.result.received) == ("CCPR/C/PRY/CO/4", date(2023, 5, 12))
    assert "13 (a)" in doc.result.references


def test_the_cerd_brazil_reply_pdf(parse, shared_raw):
    doc = parse(shared_raw / "cerd-brazil-lrcarneiro" / "CERD-Follow-up-Brasil-2026.pdf")
    assert doc.kind == "follow_up_reply"
    assert doc.metadata.symbol.raw == "CERD/C/BRA/FCO/18-20"
    assert (doc.metadata.committee, doc.metadata.country) == ("CERD", "BRA")
    assert (doc.result.parent_symbol, doc.result.received) == (
        "CERD/C/BRA/CO/18-20",
        date(2026, 1, 8),
    )
