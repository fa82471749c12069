"""``{{ rec|reference }}``: how pages name a recommendation (``portal.results.reference``)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from rightstrack.catalog.models import Recommendation
from rightstrack.portal.results import reference as _reference

register = template.Library()


@register.filter(is_safe=True)
def reference(rec: Recommendation) -> SafeString:
    """The reference of ``rec`` as HTML (escaped), in the active language."""
    return _reference(rec)
