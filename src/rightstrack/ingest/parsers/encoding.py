"""Which character encoding a text file is in, decided from its content.

The one place RightsTrack guesses an encoding (plain-Python, no Django). Order:

1. a byte-order mark: UTF-8, UTF-32 or UTF-16 (checked in that order, because the
   UTF-32 little-endian mark begins with the UTF-16 one);
2. UTF-16 without a mark, when NUL bytes fill every other byte of the first 400;
3. a NUL byte anywhere: UTF-16 or UTF-32 in a non-Latin script (Cyrillic "Ко" is
   ``1A 04 3E 04``), found by charset-normalizer as in step 6;
4. strict UTF-8 (almost never valid by accident for text holding accented letters);
5. otherwise a single-byte code page. The texts we read are Western European UN
   documents exported by classic Mac OS (**Mac Roman**: every text of
   ``upr-wg-reports-terman/txts``) or by Windows (**Windows-1252**). Both code pages
   accept almost every byte, and a general detector cannot tell them apart on
   English text: charset-normalizer 3.5 chose Windows-1252 or Latin-1 for 157 of
   those 220 Mac Roman files, which stores the apostrophe of "State's" as "StateÕs".
   So both are decoded and scored by :func:`typographic_score`: the typographic
   characters that Word puts in every UN text (’ “ ” – — • …) must appear where
   punctuation goes, and a wrong code page turns them into capital letters inside
   words ("StateÕs", "ÒwordÓ") or spacing accents. The higher score wins; the line
   endings (CR only: classic Mac) break a tie, so the decision never depends on
   them alone and a file re-saved with LF or CRLF endings reads the same;
6. text that is mostly non-ASCII in either reading (Cyrillic, Arabic or Chinese
   code pages) goes to charset-normalizer (a maintained detector, the one
   ``requests`` uses), which knows those code pages.

Decoding never fails here: a hopeless file comes back with U+FFFD characters, which
``extract.check_encoding`` refuses naming the first line.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["decode_text", "typographic_score"]

#: Western single-byte code pages tried, in tie-break order for files with LF/CRLF ends.
WESTERN = ("cp1252", "mac_roman")

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_QUOTES = frozenset("‘’“”")
_DASHES = frozenset("–—")
_OTHER_TYPOGRAPHY = frozenset("•…«»§°©®™€£")
#: Non-ASCII symbols legitimate in Western UN texts; other symbols (√ ≈ ∆ ◊ ⁄ ˆ ˜ ¯ ˘ ˙ ˚
#: ¸ ˝ ˛ ˇ ¬ ƒ ‡ ‰ ¥...) are what a wrong code page makes of accented letters and quotes.
_FINE_SYMBOLS = frozenset("§°©®™€£±×¶·")


def typographic_score(text: str) -> int:
    """How much ``text`` reads like typeset Western text, for choosing a code page.

    Each non-ASCII character scores:

    * +2 for an apostrophe between letters (``State’s``, ``d’Ivoire``), which outweighs
      the +1 of the letter another code page makes of it (``Stateís``);
    * +1 for another quotation mark next to a letter or digit (``“word”``), a dash or
      bullet beside a space or digit, or a lower-case accented letter next to another
      letter (``réserve``);
    * -2 for a capital non-ASCII letter straight after a lower-case letter
      (``StateÕs``, ``rŽsum``), a control or unassigned character, or a symbol
      outside :data:`_FINE_SYMBOLS` and the typographic set;
    * 0 otherwise.

    Args:
        text: the decoded text (any length; every non-ASCII character is looked at).

    Returns:
        The sum (an ``int``; higher is more plausible).
    """
    score = 0
    n = len(text)
    for m in _NON_ASCII.finditer(text):
        i = m.start()
        c = text[i]
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < n else " "
        cat = unicodedata.category(c)
        if c == "’" and before.isalpha() and after.isalpha():
            score += 2
        elif c in _QUOTES:
            score += 1 if (before.isalnum() or after.isalnum()) else 0
        elif c in _DASHES or c in _OTHER_TYPOGRAPHY:
            score += 1 if (before.isspace() or after.isspace() or before.isdigit()) else 0
        elif cat == "Ll":
            score += 1 if (before.isalpha() or after.isalpha()) else 0
        elif cat == "Lu":
            score -= 2 if before.isalpha() and before.islower() else 0
        elif cat[0] in "CS" and c not in _FINE_SYMBOLS:
            score -= 2
    return score


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def _not_western(text: str) -> bool:
    """True when a Western reading is hopeless: more than a third of the letters are
    non-ASCII, or more than 1% of the characters are control characters (UTF-16 without
    a byte-order mark in a non-Latin script: Cyrillic "К" is the bytes 1A 04)."""
    letters = sum(1 for c in text if c.isalpha())
    if len(_CONTROL.findall(text)) > len(text) / 100:
        return True
    return letters > 0 and len(_NON_ASCII.findall(text)) > letters / 3


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode the bytes of a text file, choosing the encoding from the content.

    Line endings are left as they are (the caller normalises them).

    Args:
        data: the file's bytes.

    Returns:
        ``(text, encoding)``; ``encoding`` is a Python codec name (``"utf-8"``,
        ``"utf-8-sig"``, ``"utf-16"``, ``"utf-16-le"``, ``"utf-16-be"``, ``"utf-32"``,
        ``"mac_roman"``, ``"cp1252"``, or what charset-normalizer found). Bytes that
        the chosen encoding cannot decode become U+FFFD (refused by the caller).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return data.decode("utf-32", errors="replace"), "utf-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    head = data[:400]
    if len(head) >= 16:
        odd, even = head[1::2], head[0::2]
        if odd.count(0) > 0.8 * len(odd):
            return data.decode("utf-16-le", errors="replace"), "utf-16-le"
        if even.count(0) > 0.8 * len(even):
            return data.decode("utf-16-be", errors="replace"), "utf-16-be"
    if b"\x00" in data:  # no text file holds NUL: UTF-16/32 in a non-Latin script
        return _detect_other(data)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    readings: list[tuple[int, int, str, str]] = []
    classic_mac = b"\r" in data and b"\n" not in data
    for rank, codec in enumerate(WESTERN):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:  # cp1252 leaves 0x81, 0x8D, 0x8F, 0x90, 0x9D undefined
            continue
        tie_break = rank if classic_mac else -rank
        readings.append((typographic_score(text), tie_break, codec, text))
    if not readings or all(_not_western(r[3]) for r in readings):
        return _detect_other(data)
    _score, _tie, codec, text = max(readings)
    return text, codec


def _detect_other(data: bytes) -> tuple[str, str]:
    """A non-Western single- or multi-byte code page, found by charset-normalizer."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return data.decode("cp1252", errors="replace"), "cp1252"
    return str(best), best.encoding
