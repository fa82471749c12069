"""``{% load pictograms %}{% theme_icon theme %}``: the theme's pictogram as inline SVG.

Usage::

    {% theme_icon theme %}                      {# role="img", <title> = theme name #}
    {% theme_icon theme size="2em" %}
    {% theme_icon theme decorative=True %}      {# aria-hidden: the name is printed beside it #}
    {% theme_icon "Prohibition of torture" %}   {# a plain name works too #}
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from rightstrack.reports.pictograms import icon_svg

register = template.Library()


@register.simple_tag
def theme_icon(
    theme: Any, size: str = "1.5em", title: str = "", decorative: bool = False
) -> SafeString:
    """Inline SVG pictogram of ``theme`` (a ``Theme`` or a theme name)."""
    return icon_svg(theme, size=size, title=title or None, decorative=decorative)
