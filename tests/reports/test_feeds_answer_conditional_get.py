"""Feed readers revalidate cheaply: the Atom feeds carry Last-Modified and ETag, and the
iCalendar feed an ETag; an unchanged feed is answered 304."""

from __future__ import annotations

import pytest
from django.utils.http import parse_http_date

pytestmark = pytest.mark.django_db
FEED = "/reports/feeds/country/PRY.atom"


def test_the_atom_feed_answers_304_to_its_etag_and_to_its_last_modified(client, pry_co_catalogue):
    first = client.get(FEED)
    assert first.status_code == 200
    assert parse_http_date(first["Last-Modified"]) > 0

    by_etag = client.get(FEED, HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get(FEED, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert by_etag.status_code == 304
    assert by_date.status_code == 304


def test_an_atom_feed_modified_since_is_sent_in_full(client, pry_co_catalogue):
    response = client.get(FEED, HTTP_IF_MODIFIED_SINCE="Mon, 01 Jan 2001 00:00:00 GMT")

    assert response.status_code == 200
    assert b"<feed" in response.content
