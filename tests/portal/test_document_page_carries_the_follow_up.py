"""The public page of CCPR/C/PRY/CO/4 (imported with ``rightstrack import``) shows its
follow-up paragraphs 13, 29 and 35 with their deadline (26 July 2021, para. 47) and state,
the next periodic report due (26 July 2025, para. 48), and links to the plain-language
summary, the press kit, the country's feed and the calendar."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from paraguay_engagement import paraguay

pytestmark = [pytest.mark.django_db]
__all__ = ["paraguay"]


def test_the_document_page_lists_follow_up_paragraphs_deadline_state_and_links(
    paraguay, client, monkeypatch
):
    monkeypatch.setattr(timezone, "localdate", lambda: dt.date(2026, 1, 15))
    doc = paraguay.document
    page = client.get(reverse("portal:document_detail", args=[doc.pk])).content.decode()
    rows = re.findall(
        r'<th scope="row"><a href="/recommendations/\d+/">(\d+)</a></th>\s*'
        r'<td><time datetime="([\d-]+)">[^<]+</time></td>\s*'
        r'<td><span class="state state-(\w+)">',
        page,
    )
    assert rows == [
        ("13", "2021-07-26", "overdue"),
        ("29", "2021-07-26", "overdue"),
        ("35", "2021-07-26", "overdue"),
    ]
    assert 'Next periodic report due: <time datetime="2025-07-26">' in page
    for url in (
        reverse("reports:plain_summary", args=[doc.pk]),
        reverse("reports:press_kit", args=[doc.pk]),
        reverse("reports:feed_country", args=["PRY"]),
        reverse("tracking:deadlines_country_ics", args=["PRY"]),
        reverse("tracking:deadlines") + "?country=PRY",
    ):
        assert f'href="{url}"' in page, url
        assert client.get(url).status_code == 200, url
