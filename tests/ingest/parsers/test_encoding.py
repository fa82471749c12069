"""``ingest.parsers.encoding.decode_text``: text in the code pages other offices use.

The Western Mac Roman / Windows-1252 choice is tested on real reports in
``documents/test_every_upr_wg_text_reads_through_the_cli.py``; here, texts in scripts
that neither code page can hold go to charset-normalizer and come back intact.
"""

from __future__ import annotations

import pytest

from rightstrack.ingest.parsers.encoding import decode_text

RUSSIAN = (
    "Комитет по правам человека рассмотрел четвертый периодический доклад Парагвая.\n"
    "Комитет рекомендует государству-участнику обеспечить независимость судебной власти."
)
ARABIC = (
    "توصي اللجنة الدولة الطرف بأن تكفل استقلال السلطة القضائية وأن تحمي المدافعين عن حقوق الإنسان."
)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [(RUSSIAN, "cp1251"), (RUSSIAN, "koi8_r"), (ARABIC, "cp1256"), (RUSSIAN, "utf-16-le")],
)
def test_non_western_code_pages_are_read_intact(text, encoding):
    decoded, found = decode_text(text.encode(encoding))
    assert decoded == text
    assert found.replace("_", "-") == encoding.replace("_", "-")


def test_utf8_with_and_without_bom_and_utf32():
    text = "Côte d’Ivoire – État partie"
    assert decode_text(text.encode("utf-8")) == (text, "utf-8")
    assert decode_text(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, "utf-8-sig")
    assert decode_text(text.encode("utf-32")) == (text, "utf-32")
