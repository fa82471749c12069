"""``{% load un_links %}{% ods_url doc.symbol %}``: the document in the UN Official Document
System, in the page's language (``catalog/un_links.py``)."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from rightstrack.catalog import un_links

register = template.Library()


@register.simple_tag
def ods_url(symbol: str) -> str:
    """The ODS address of ``symbol`` in the active language ("" for no symbol)."""
    return un_links.ods_url(symbol or "", get_language())
