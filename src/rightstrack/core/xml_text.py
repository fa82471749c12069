"""Text made safe for XML 1.0: the one filter every XML writer uses (plain Python, no Django).

XML 1.0 allows only tab, newline, carriage return, U+0020-U+D7FF, U+E000-U+FFFD and
U+10000-U+10FFFF (https://www.w3.org/TR/xml/#charsets). Recommendation texts
copied from PDFs or spreadsheets sometimes hold a form feed (``\\x0c``), a vertical
tab or another C0 control: Django's feed generator refuses them ("Control
characters are not supported in XML 1.0"), python-docx and openpyxl raise too.
:func:`xml_safe` removes them; the Atom feeds (``reports/feeds.py``) and the DOCX
and XLSX writers (``reports/writers/``) pass their texts through it.
"""

from __future__ import annotations

import re

_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    r"""``text`` without the characters XML 1.0 forbids; every other character kept.

    >>> xml_safe("Ensure\x0c that\x0b detainees\ufffe")
    'Ensure that detainees'
    """
    return _ILLEGAL_XML.sub("", text)
