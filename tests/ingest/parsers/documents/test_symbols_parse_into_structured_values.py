"""UN symbols parse into body, country, kind, report range, session, communication."""

from __future__ import annotations

import pytest

from rightstrack.ingest.parsers.documents.symbols import find_document_symbol, parse_symbol


@pytest.mark.parametrize(
    ("raw", "body", "country", "kind", "report", "add"),
    [
        ("CERD/C/BRA/CO/18-20", "CERD", "BRA", "CO", (18, 20), None),
        ("CERD/C/BRA/CO/18–20*", "CERD", "BRA", "CO", (18, 20), None),
        ("CRC/C/LUX/CO/3-4", "CRC", "LUX", "CO", (3, 4), None),
        ("CCPR/C/BLZ/CO/1/Add.1", "CCPR", "BLZ", "CO", (1, 1), 1),
        ("CERD/C/RUS/CO/19/Add.1", "CERD", "RUS", "CO", (19, 19), 1),
        ("CERD/C/BRA/FCO/18-20", "CERD", "BRA", "FCO", (18, 20), None),
        ("E/C.12/ECU/4", "CESCR", "ECU", "report", (4, 4), None),
        ("CEDAW/C/PAK/Q/4", "CEDAW", "PAK", "Q", (4, 4), None),
        ("CCPR/C/PRY/QPR/4", "CCPR", "PRY", "QPR", (4, 4), None),
        ("CCPR/C/NPL/Q/2/Add.1", "CCPR", "NPL", "Q", (2, 2), 1),
        ("CAT/OP/5", "SPT", None, None, None, None),
    ],
)
def test_country_documents(raw, body, country, kind, report, add):
    symbol = parse_symbol(raw)
    assert symbol is not None
    assert (symbol.body, symbol.country, symbol.kind, symbol.report, symbol.add) == (
        body,
        country,
        kind,
        report,
        add,
    )


def test_views_give_session_and_communication():
    symbol = parse_symbol("CCPR/C/134/D/2836/2016")
    assert (symbol.body, symbol.session, symbol.kind, symbol.communication) == (
        "CCPR",
        134,
        "D",
        "2836/2016",
    )
    assert parse_symbol("E/C.12/66/D/51/2018").communication == "51/2018"


def test_session_based_and_upr_symbols():
    assert (parse_symbol("CERD/C/65/CO/3").session, parse_symbol("CERD/C/65/CO/3").kind) == (
        65,
        "CO",
    )
    assert parse_symbol("CCPR/C/128/3").kind == "session_document"
    upr = parse_symbol("A/HRC/WG.6/22/USA/1")
    assert (upr.body, upr.session, upr.country, upr.kind) == (
        "UPR",
        22,
        "USA",
        "upr_national_report",
    )
    assert parse_symbol("A/HRC/WG.6/11/WSM/3").kind == "upr_stakeholders"
    assert (parse_symbol("A/HRC/WG.6/22/L.10").kind, parse_symbol("A/HRC/WG.6/22/L.10").number) == (
        "L",
        10,
    )
    wg = parse_symbol("A/HRC/59/15/Add.1")
    assert (wg.body, wg.session, wg.number, wg.add, wg.base) == ("HRC", 59, 15, 1, "A/HRC/59/15")
    assert parse_symbol("CRC/C/OPAC/USA/CO/2").optional_protocol == "OPAC"
    assert parse_symbol("not a symbol") is None


def test_the_masthead_symbol_wins_over_symbols_in_footnotes():
    first_page = " 1 CERD/C/BRA/18-20.\n 2 CERD/C/SR.2931 and CERD/C/SR.2932.\n United Nations CERD/C/BRA/CO/18-20* \n"
    assert find_document_symbol(first_page).raw == "CERD/C/BRA/CO/18-20"
    assert (
        find_document_symbol("United Nations\n\n CAT /C/51/D/441/2010 \n").raw
        == "CAT/C/51/D/441/2010"
    )
