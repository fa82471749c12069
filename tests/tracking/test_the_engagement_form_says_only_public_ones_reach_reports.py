"""Briefing packs, follow-up reports, feeds and ICS files carry public engagements only
(``reports/data.py`` ``report_engagements``), and a new engagement is "Organisation only" by
default: the form says so next to the visibility, so a coordinator who records a meeting
for a briefing pack knows to make it public."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.django_db]

HINT = (
    "Only public engagements appear in briefing packs, follow-up reports, feeds and calendar files."
)


def test_the_visibility_field_carries_the_hint(coordinator, client_for):
    page = client_for(coordinator).get(reverse("tracking:engagement_create")).content.decode()
    select = re.search(r'<select name="visibility"[^>]*>', page).group(0)
    assert 'aria-describedby="id_visibility_helptext"' in select
    assert f'<p class="hint" id="id_visibility_helptext">{HINT}</p>' in page
    assert re.search(r'<option value="organisation" selected>', page)
