"""How reports write dates, numbers and durations in the report's language, through Babel
(CLDR): :func:`long_date` ("1 December 2023", "1 de diciembre de 2023", "2023年12月1日"),
:func:`number` ("41,668", "41 668", "41.668"), :func:`word_list`
("13, 29 and 35", "13, 29 y 35") and :func:`duration` ("18 months", "18 месяцев",
"18 شهرًا", with the language's plural forms)."""

from __future__ import annotations

import datetime as dt

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal
from babel.units import format_unit

#: Babel locale used for each UI language ("en" → British order: "1 December 2023",
#: as UN documents print dates).
_LOCALES = {"en": "en_GB", "zh-hans": "zh_Hans", "zh": "zh_Hans"}

#: Units :func:`duration` accepts (CLDR unit identifiers).
DURATION_UNITS = {"day": "duration-day", "month": "duration-month", "year": "duration-year"}


def babel_locale(language: str | None) -> Locale:
    """The Babel locale of a UI language code (``en``, ``fr``, ``zh-hans``...); British
    English for ``None`` or an unknown code."""
    try:
        return Locale.parse(_LOCALES.get(language or "en", language or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en_GB")


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
    return str(format_date(day, format="long", locale=babel_locale(language)))


def number(value: float, language: str = "en") -> str:
    """``value`` with the grouping and decimal signs of ``language`` ("41 668" in French)."""
    return str(format_decimal(value, locale=babel_locale(language)))


def word_list(items: list[str], language: str = "en") -> str:
    """``items`` joined as ``language`` writes a list: "13, 29 and 35"; "13, 29 y 35" in
    Spanish (CLDR list patterns); "" for none."""
    if not items:
        return ""
    return str(format_list(items, locale=babel_locale(language)))


def duration(value: int, unit: str, language: str = "en") -> str:
    """``value`` days, months or years in words of ``language`` with its plural rules
    ("212 дней", "18 个月" is "18个月", "1 año").

    Raises:
        ValueError: ``unit`` is not "day", "month" or "year".
    """
    if unit not in DURATION_UNITS:
        raise ValueError(f"unknown duration unit {unit!r}")
    return str(
        format_unit(value, DURATION_UNITS[unit], length="long", locale=babel_locale(language))
    )


#: Separator of enumerated paragraph numbers ("13, 29, 35"): the Arabic comma in Arabic,
#: the enumeration comma (顿号) in Chinese, as the UN's documents in those languages print them.
_SEPARATORS = {"ar": "، ", "zh": "、"}


def list_separator(language: str) -> str:
    """The separator of an enumeration of paragraph numbers in ``language``: "، " (ar),
    "、" (zh-hans), ", " otherwise."""
    return _SEPARATORS.get(language.split("-")[0].lower(), ", ")
