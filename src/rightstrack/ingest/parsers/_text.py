"""Small text helpers shared by the pure parsers (no Django)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

_SPACES = re.compile(r"\s+")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_PERCENT_U = re.compile(r"%u([0-9A-Fa-f]{4})")


def clean(text: str) -> str:
    """Collapse runs of whitespace (including non-breaking spaces) and strip."""
    return _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()


def unescape_percent_u(text: str) -> str:
    """Replace each JavaScript ``escape()`` form ``%uXXXX`` in ``text`` by the character it
    names (``women%u2019s`` -> ``women’s``).

    Source of the rule: UPR Info's database export (upr-info-terman) carries this form in
    four rows, copied from its web forms: 1-5.csv row 3495 (Mexico, "women%u2019s access to
    justice"), 10-13.csv row 9046, 17-20.csv row 7046 (U+2019, the apostrophe) and the pledge
    in row 769 of voluntary.csv (U+2022, a bullet, twice). A form naming a control
    character or half of a surrogate pair is left as it is: it is not text.
    """

    def char(match: re.Match[str]) -> str:
        code = int(match.group(1), 16)
        if code < 0x20 or 0x7F <= code < 0xA0 or 0xD800 <= code <= 0xDFFF:
            return match.group(0)
        return chr(code)

    return _PERCENT_U.sub(char, text) if "%u" in text else text


def short_hash(*parts: object, length: int = 16) -> str:
    """A stable hex digest of ``parts`` joined by ``|`` (SHA-256, first ``length`` digits)."""
    joined = "|".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


def upr_cycle(session: int) -> int:
    """UPR cycle of a Working Group session (OHCHR, Cycles of the UPR: 1–12, 13–26, 27–40, 41–)."""
    if session <= 12:
        return 1
    if session <= 26:
        return 2
    if session <= 40:
        return 3
    return 4


#: Year of each UPR Working Group session (OHCHR UPR session calendar; consistent
#: with ``upr-info-terman/misc/upr-years.csv`` and the Slovenia documents: WG7 2010,
#: WG20 2014, WG34 2019, WG48 2025).
SESSION_YEARS = {
    1: 2008, 2: 2008, 3: 2008, 4: 2009, 5: 2009, 6: 2009, 7: 2010, 8: 2010, 9: 2010,
    10: 2011, 11: 2011, 12: 2011, 13: 2012, 14: 2012, 15: 2013, 16: 2013, 17: 2013,
    18: 2014, 19: 2014, 20: 2014, 21: 2015, 22: 2015, 23: 2015, 24: 2016, 25: 2016,
    26: 2016, 27: 2017, 28: 2017, 29: 2018, 30: 2018, 31: 2018, 32: 2019, 33: 2019,
    34: 2019, 35: 2020, 36: 2020, 37: 2021, 38: 2021, 39: 2021, 40: 2022, 41: 2022,
    42: 2023, 43: 2023, 44: 2023, 45: 2024, 46: 2024, 47: 2024, 48: 2025,
}  # fmt: skip


def session_year(session: int | None) -> int | None:
    """Year the UPR Working Group held ``session``, or ``None`` when not in the table."""
    return SESSION_YEARS.get(session) if session is not None else None


#: Characters quoted on each side of the first misread spot of a long text.
_QUOTE_CHARS = 30


def misread_as_cp1252(text: str) -> tuple[str, str] | None:
    """Detect UTF-8 text that was decoded as Windows-1252 or Latin-1 ("mojibake").

    ``"CÃ´te dâ€™Ivoire"`` is the UTF-8 of "Côte d’Ivoire" read one byte per
    character. Detection and repair are ftfy's (``ftfy.badness.is_bad`` and
    ``ftfy.fix_encoding``; Robyn Speer, MIT licence, the maintained library for this):
    its heuristics look for the character sequences such misreadings produce and
    real text almost never holds, so accented names in any language ("São Tomé",
    "Łódź", "Türkiye") pass. A text counts as misread only when ftfy also finds the
    repair, so odd but unrepairable text is left alone. ASCII text is never misread
    (no cost for most cells).

    Returns:
        ``None``, or ``(quote, fixed)``: the misread passage (the whole text when it
        is short, else a few words around the first misread spot) and ftfy's repair
        of it.
    """
    if text.isascii():
        return None
    import ftfy
    from ftfy.badness import is_bad

    if not is_bad(text):
        return None
    fixed = ftfy.fix_encoding(text)
    if fixed == text:
        return None
    if len(text) <= 2 * _QUOTE_CHARS + 20:
        return text, fixed
    at = next((i for i, (a, b) in enumerate(zip(text, fixed, strict=False)) if a != b), 0)
    start = text.rfind(" ", 0, max(0, at - _QUOTE_CHARS)) + 1
    end = text.find(" ", at + _QUOTE_CHARS)
    quote = text[start : end if end >= 0 else len(text)]
    return quote, ftfy.fix_encoding(quote)


def check_decoding(file: str | Path, value: str, *, row: int | None, cell: str | None) -> str:
    """Return ``value``, or refuse a text misread as Windows-1252/Latin-1 (see
    :func:`misread_as_cp1252`): nothing is stored misread, and the person can fix it.

    Raises:
        ImportFailure: naming ``file``, ``row`` and ``cell``, quoting the misread
            passage and ftfy's suggestion ("did you mean 'Côte d’Ivoire'?").
    """
    from rightstrack.ingest.errors import ImportFailure

    found = misread_as_cp1252(value)
    if found is None:
        return value
    quote, fixed = found
    raise ImportFailure(
        file,
        f"the text {quote!r} looks like UTF-8 read as Windows-1252 or Latin-1 "
        f"(did you mean {fixed!r}?); correct the file or export it again as UTF-8",
        row=row,
        cell=cell,
    )


def decode_bytes(raw: bytes, file: str, *, fallback: str | None) -> str:
    """Decode a text file: UTF-8 (BOM allowed), else ``fallback`` (e.g. Mac Roman).

    Raises:
        ImportFailure: UTF-16/UTF-32 or binary data (NUL bytes), or not UTF-8
            when there is no fallback; the message gives the row (line) and byte.
    """
    from rightstrack.ingest.errors import ImportFailure

    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFailure(
            file,
            "wrong encoding: the file is UTF-16 (Excel 'Unicode text'); save it as CSV UTF-8",
            row=1,
        )
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise ImportFailure(
            file,
            f"wrong encoding: NUL byte at byte offset {nul}; this is not a text CSV "
            "(binary file, or UTF-16/UTF-32 text)",
            row=_line_of(raw, nul),
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if fallback is not None:
            return raw.decode(fallback)
        bad = raw[exc.start : exc.start + 1].hex()
        raise ImportFailure(
            file,
            f"wrong encoding: byte 0x{bad} at offset {exc.start} is not valid UTF-8; "
            "save the file as UTF-8",
            row=_line_of(raw, exc.start),
        ) from exc


def _line_of(raw: bytes, offset: int) -> int:
    """1-based line number of byte ``offset`` (CR, LF or CRLF line ends)."""
    head = raw[:offset].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return head.count(b"\n") + 1


def iso_date(value: str, file: str | Path, *, row: int, cell: str) -> str:
    """A date cell read by an import: ``YYYY-MM-DD`` (a time part after it is ignored),
    checked to be a real calendar date. The one date check of the table parsers.

    Returns:
        ``""`` for an empty cell, else the date as ``YYYY-MM-DD``.

    Raises:
        ImportFailure: naming ``file``, ``row`` and ``cell``: the cell does not start
            with ``YYYY-MM-DD``, or it is no real date ("2019-02-30 is not a real date").
            An impossible date is never stored as an empty one.
    """
    from rightstrack.ingest.errors import ImportFailure

    text = value.strip()
    if not text:
        return ""
    m = _ISO_DATE.match(text[:10])
    if not m:
        raise ImportFailure(file, f"date {text!r} is not YYYY-MM-DD", row=row, cell=cell)
    try:
        dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise ImportFailure(file, f"{m.group(0)} is not a real date", row=row, cell=cell) from None
    return m.group(0)
