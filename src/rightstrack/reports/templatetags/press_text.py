"""Filters of the press templates (the built-ins of ``reports.press``'s template engine):
numbers and durations in the language being rendered, through :mod:`rightstrack.reports.dates`.

``{{ total|number }}`` → "1 234" (French); ``{{ days_overdue|days }}`` → "212 días";
``{{ months|months }}`` → "18 месяцев"; ``{{ months|period }}`` → whole years as years
("1 an", "2 años"), anything else as months.
"""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from rightstrack.reports import dates

register = template.Library()


def _int(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[call-overload, no-any-return]
    except (TypeError, ValueError):
        return None


@register.filter
def number(value: object) -> str:
    """``value`` formatted for the active language; unchanged when it is not a number."""
    n = _int(value)
    return str(value) if n is None else dates.number(n, get_language() or "en")


@register.filter
def days(value: object) -> str:
    """``value`` days in words of the active language ("212 jours")."""
    n = _int(value)
    return str(value) if n is None else dates.duration(n, "day", get_language() or "en")


@register.filter
def months(value: object) -> str:
    """``value`` months in words of the active language ("18 meses")."""
    n = _int(value)
    return str(value) if n is None else dates.duration(n, "month", get_language() or "en")


@register.filter
def period(value: object) -> str:
    """A number of months as the press templates say it: whole years as years ("1 year",
    "2 años"), otherwise months ("18 mois")."""
    n = _int(value)
    if n is None:
        return str(value)
    language = get_language() or "en"
    if n and n % 12 == 0:
        return dates.duration(n // 12, "year", language)
    return dates.duration(n, "month", language)
