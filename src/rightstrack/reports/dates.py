"""How reports write dates and numbers: :func:`long_date` ("1 December 2023", in the report's
language), :func:`whole_number` and :func:`word_list`."""

from __future__ import annotations

import datetime as dt

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal

#: Babel locale used for each UI language ("en" → British order: "1 December 2023",
#: as UN documents print dates).
_LOCALES = {"en": "en_GB", "zh-hans": "zh_Hans", "zh": "zh_Hans"}


def long_date(day: dt.date | None, language: str = "en") -> str:
    """``day`` written out in ``language``.

    Args:
        day: the date, or ``None``.
        language: a UI language code (``en``, ``fr``, ``zh-hans``...); an unknown
            code falls back to British English.

    Returns:
        ``"1 December 2023"`` (CLDR's long format of that language); ``""`` for ``None``.
    """
    if day is None:
        return ""
    try:
        locale = Locale.parse(_LOCALES.get(language, language).replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse("en_GB")
    return str(format_date(day, format="long", locale=locale))


def whole_number(value: int, language: str = "en") -> str:
    """``value`` (an ``int``) with the digit grouping of ``language``: "1,234"; "1.234" in
    Spanish; "1\u202f234" in French (CLDR, same locales as :func:`long_date`)."""
    try:
        locale = Locale.parse(_LOCALES.get(language, language).replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse("en_GB")
    return str(format_decimal(value, locale=locale))


def word_list(items: list[str], language: str = "en") -> str:
    """``items`` joined as ``language`` writes a list: "13, 29 and 35"; "13, 29 y 35" in
    Spanish (CLDR list patterns); "" for none."""
    if not items:
        return ""
    try:
        locale = Locale.parse(_LOCALES.get(language, language).replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse("en_GB")
    return str(format_list(items, locale=locale))
