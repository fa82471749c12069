"""An iCalendar feed whose events did not change is answered 304, although each response
is stamped with the time it was made (DTSTAMP)."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from .followup_samples import make_cerd_brazil

pytestmark = pytest.mark.django_db


def test_the_country_calendar_revalidates_across_its_changing_dtstamp(
    reference_data, client_for, anonymous
):
    make_cerd_brazil()
    client = client_for(anonymous)
    url = reverse("tracking:deadlines_country_ics", args=["BRA"])
    first = client.get(url)
    assert b"DTSTAMP:" in first.content
    time.sleep(1.1)  # the next body has another DTSTAMP

    second = client.get(url)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert second.content != first.content
    assert second["ETag"] == first["ETag"]
    assert again.status_code == 304
