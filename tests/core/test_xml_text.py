"""Characters illegal in XML 1.0 are removed before any XML writer sees a text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from rightstrack.core.xml_text import xml_safe

ILLEGAL = [chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)] + [
    "\ufffe",
    "\uffff",
    "\ud800",
]


@pytest.mark.parametrize("char", ILLEGAL, ids=lambda c: f"U+{ord(c):04X}")
def test_illegal_characters_are_removed(char):
    assert xml_safe(f"a{char}b") == "ab"


def test_legal_characters_stay():
    text = "tab\there\nnew line\r\u00e9\u4e2d\U0001f600 \ufffd end"
    assert xml_safe(text) == text


def test_the_result_is_accepted_by_an_xml_parser():
    text = "".join(ILLEGAL) + "Ensure\x0c that\x0b detainees"
    root = ET.fromstring(f"<a>{xml_safe(text)}</a>")  # noqa: S314 - test data
    assert root.text == "Ensure that detainees"
