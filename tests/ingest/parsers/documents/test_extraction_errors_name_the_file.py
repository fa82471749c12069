"""Bad input gets a typed error naming the file (and page), never a partial result."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from rightstrack.ingest.errors import ImportFailure
from rightstrack.ingest.parsers.documents.errors import (
    BrokenEncodingError,
    CorruptFileError,
    NoTextLayerError,
    UnknownDocumentKindError,
)
from rightstrack.ingest.parsers.documents.extract import decode_bytes, extract_text
from rightstrack.ingest.parsers.documents.kinds import parse_document


def test_a_corrupt_pdf_is_refused_with_its_name(shared_raw):
    path = shared_raw / "upr-slovenia-tony33344" / "cycle1" / "original" / "g0917123_CORRUPT.pdf"
    with pytest.raises(CorruptFileError) as caught:
        parse_document(path)
    assert caught.value.file == "g0917123_CORRUPT.pdf"
    assert "damaged PDF" in str(caught.value)
    assert isinstance(caught.value, ImportFailure)


def test_a_pdf_without_text_layer_says_ocr_is_needed(tmp_path: Path):
    scan = tmp_path / "scanned.pdf"
    Image.new("RGB", (200, 280), "white").save(scan, "PDF")
    with pytest.raises(NoTextLayerError) as caught:
        extract_text(scan)
    assert caught.value.file == "scanned.pdf"
    assert caught.value.page == 1
    assert "OCR is needed" in str(caught.value)


def test_text_of_an_unknown_kind_is_refused_naming_its_title(tmp_path: Path):
    memo = tmp_path / "memo.txt"
    memo.write_text(
        "Minutes of the coalition meeting\n1. We met on Monday.\n2. Next meeting in May.\n",
        encoding="utf-8",
    )
    with pytest.raises(UnknownDocumentKindError) as caught:
        parse_document(memo)
    assert caught.value.file == "memo.txt"
    assert "unknown document kind" in str(caught.value)
    assert "Minutes of the coalition meeting" in str(caught.value)


def test_utf16_read_as_utf8_is_refused_not_guessed(juris_dir):
    # OHCHR-Juris/case_1.json: 'text' has a NUL after every character and U+FFFD for accents
    with pytest.raises(BrokenEncodingError) as caught:
        parse_document(juris_dir / "OHCHR-Juris" / "case_1.json")
    message = str(caught.value)
    assert caught.value.file == "case_1.json"
    assert "NUL characters" in message and "field 'text'" in message


def test_a_heuristic_repair_that_still_lost_letters_is_refused_too(juris_dir):
    with pytest.raises(BrokenEncodingError, match="U\\+FFFD"):
        parse_document(juris_dir / "OHCHR-Juris" / "CAT_C_51_D_441_2010.repaired.txt")


def test_mac_roman_with_cr_line_endings_is_decoded():
    raw = "115.1 Ratify the Convention (Côte d’Ivoire);\r115.2 Next".encode("mac_roman")
    text, encoding = decode_bytes(raw)
    assert encoding == "mac_roman"
    assert text == "115.1 Ratify the Convention (Côte d’Ivoire);\n115.2 Next"


def test_utf16_with_bom_is_decoded():
    text, encoding = decode_bytes("Concluding observations".encode("utf-16"))
    assert (text, encoding) == ("Concluding observations", "utf-16")
