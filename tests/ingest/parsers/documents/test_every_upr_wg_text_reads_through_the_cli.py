"""The 2008-2012 Working Group report texts of ``upr-wg-reports-terman/txts`` through the
command a user runs, ``rightstrack parse FILE --json``: whatever their code page and
line endings, and with the typing errors of their titles.

Before: 68 of the 220 files were refused, 26 as "broken text encoding" (Mac Roman files
with some LF line ends were read as Windows-1252) and 42 as "unknown document kind"
("UniversalPeriodic" glued in the title, "Report of the Working on the ...", or no title
at all). Values below were read in the text files.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from rightstrack.ingest.parsers.encoding import decode_text

TXTS = "upr-wg-reports-terman/txts"


def parse_cli(path: Path) -> dict[str, Any]:
    out = io.StringIO()
    call_command("parse", str(path), "--json", stdout=out)
    data: dict[str, Any] = json.loads(out.getvalue())
    return data


def by_number(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["number"]: p for p in data["paragraphs"]}


def test_a_title_with_universal_periodic_glued_is_a_wg_report(shared_raw):
    # paraguay2011.txt: "Report of the Working Group on the UniversalPeriodic Review*", and
    # mixed line ends ("\n\r" in the table of contents).
    data = parse_cli(shared_raw / TXTS / "paraguay2011.txt")
    items = by_number(data)
    assert data["type"] == "upr_wg_report"
    assert data["country"] == "PRY"
    assert items["84.11"]["full_text"] == (
        "Make the National Plan for the Prevention and Eradication of Commercial Sexual "
        "Exploitation of Children operational by ensuring public funding (Poland);"
    )
    assert items["84.11"]["recommending_states"] == ["POL"]


def test_a_title_without_group_is_a_wg_report(shared_raw):
    # saudiarabia2009.txt: "Report of the Working on the Universal Periodic Review *".
    data = parse_cli(shared_raw / TXTS / "saudiarabia2009.txt")
    assert (data["symbol"], data["country"]) == ("A/HRC/11/23", "SAU")
    assert data["paragraphs"][0]["number"] == "87.1"


def test_a_report_printed_without_its_title_is_read_from_its_opening(shared_raw):
    # peru2008.txt (A/HRC/8/37): only "UNIVERSAL PERIODIC REVIEW / Peru" on page 1, then
    # "The Working Group on the Universal Periodic Review, established in accordance with
    # Human Rights Council resolution 5/1 ..." and "II. CONCLUSIONS AND/OR RECOMMENDATIONS".
    data = parse_cli(shared_raw / TXTS / "peru2008.txt")
    items = by_number(data)
    assert (data["symbol"], data["country"]) == ("A/HRC/8/37", "PER")
    assert items["52.1"]["recommending_states"] == ["PHL", "DZA"]


def test_mac_roman_with_some_lf_line_ends_keeps_its_quotes_and_accents(shared_raw):
    # belgium2011.txt was refused ("27 U+FFFD replacement characters"): read as
    # Windows-1252, byte 0xD2 is "Ò", not "“". Item 100.10 as printed:
    # 'the Belgian Parliamentary Special Commission on “the treatment of sexual abuse'.
    items = by_number(parse_cli(shared_raw / TXTS / "belgium2011.txt"))
    assert "Commission on “the treatment of sexual abuse" in items["100.10"]["full_text"]
    # france2008.txt, 60.17: "... (Côte d’Ivoire)".
    items = by_number(parse_cli(shared_raw / TXTS / "france2008.txt"))
    assert "Côte d’Ivoire" in items["60.17"]["full_text"]
    assert items["60.17"]["recommending_states"] == ["CIV"]


def test_every_text_is_read_and_decoded_as_mac_roman(shared_raw):
    files = sorted((shared_raw / TXTS).glob("*.txt"))
    assert len(files) == 220
    # Every one of them is a classic Mac OS export: "’" is byte 0xD5, "é" 0x8E.
    assert {decode_text(f.read_bytes())[1] for f in files} == {"mac_roman"}


def _line_ends(text: str, style: str) -> str:
    lines = text.split("\n")
    if style == "mixed":
        return "".join(line + ("\r\n", "\r", "\n")[i % 3] for i, line in enumerate(lines))
    return {"cr": "\r", "lf": "\n", "crlf": "\r\n"}[style].join(lines)


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1252", "mac_roman"]


@pytest.mark.parametrize("name", ["algeria2008.txt", "belgium2011.txt"])
def test_re_encoding_a_report_gives_the_same_recommendations(shared_raw, tmp_path, name):
    original = parse_cli(shared_raw / TXTS / name)["paragraphs"]
    text, _ = decode_text((shared_raw / TXTS / name).read_bytes())
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # A recommendation with a typographic apostrophe or quote, so a wrong code page shows.
    assert any("’" in p["full_text"] or "“" in p["full_text"] for p in original)
    for encoding in ENCODINGS:
        for style in ("cr", "lf", "crlf", "mixed"):
            variant = tmp_path / f"{encoding}-{style}-{name}"
            variant.write_bytes(_line_ends(text, style).encode(encoding))
            assert parse_cli(variant)["paragraphs"] == original, (encoding, style)


@pytest.mark.parametrize("encoding", ["cp1252", "mac_roman"])
@pytest.mark.parametrize("line_end", ["\r", "\n"])
def test_apostrophes_alone_decide_the_code_page(encoding, line_end):
    # The hardest case: no accents or dashes, only apostrophes, which one code page reads
    # as "’" and the other as a letter ("Stateís" or "StateÕs").
    text = line_end.join(["The State’s report", "and the Committee’s views"])
    assert decode_text(text.encode(encoding)) == (text, encoding)


@pytest.mark.django_db
def test_a_report_that_lost_its_symbol_imports_with_the_symbol_given(shared_raw, reference_data):
    from django.core.management.base import CommandError

    from rightstrack.catalog.models import Recommendation

    path = shared_raw / TXTS / "paraguay2011.txt"  # A/HRC/17/18 (MANIFEST §13)
    with pytest.raises(CommandError, match="give it with --symbol"):
        call_command("import", str(path), verbosity=0)
    with pytest.raises(CommandError, match="not the symbol of a Working Group report"):
        call_command("import", str(path), "--symbol", "A/HRC/17/18/Add.1", verbosity=0)
    call_command("import", str(path), "--symbol", "A/HRC/17/18", verbosity=0)
    rec = Recommendation.objects.get(natural_key="A/HRC/17/18#84.11")
    assert rec.document.symbol == "A/HRC/17/18" and rec.document.hrc_session == 17
    assert rec.recommending_states.get().iso3 == "POL"
    # A report that prints its symbol refuses another one.
    peru = shared_raw / TXTS / "peru2008.txt"  # prints A/HRC/8/37
    with pytest.raises(CommandError, match="prints the symbol A/HRC/8/37"):
        call_command("import", str(peru), "--symbol", "A/HRC/8/38", verbosity=0)


@pytest.mark.django_db
@pytest.mark.slow  # eleven imports of a 43 KB report
def test_a_re_encoded_report_stores_nothing_new(shared_raw, reference_data, tmp_path):
    # The import of each variant finds every stored recommendation of the original
    # unchanged: not one created or updated (texts, States, numbers all the same).
    from rightstrack.catalog.models import Recommendation
    from rightstrack.ingest.models import ImportRun

    name = "algeria2008.txt"  # A/HRC/8/29, Mac Roman, CR line ends, curly apostrophes
    call_command("import", str(shared_raw / TXTS / name), "--no-suggest", verbosity=0)
    stored = set(
        Recommendation.objects.filter(document__symbol="A/HRC/8/29").values_list(
            "paragraph", "text"
        )
    )
    # Paragraph 69 lists 17 supported recommendations (69.1 ... 69.17, read in the file);
    # 69.17 "... gender mainstreaming and women’s rights ..." has a curly apostrophe.
    assert len(stored) == 17
    assert "women’s rights" in dict(stored)["69.17"]
    text, _ = decode_text((shared_raw / TXTS / name).read_bytes())
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for encoding in ENCODINGS:
        for style in ("crlf", "mixed"):
            variant = tmp_path / f"{encoding}-{style}-{name}"
            variant.write_bytes(_line_ends(text, style).encode(encoding))
            call_command("import", str(variant), "--no-suggest", verbosity=0)
            run = ImportRun.objects.get(file_name=variant.name)
            assert (run.created, run.updated, run.unchanged) == (0, 0, 17), (encoding, style)
    assert (
        set(
            Recommendation.objects.filter(document__symbol="A/HRC/8/29").values_list(
                "paragraph", "text"
            )
        )
        == stored
    )
