"""Integer list parameters (year, cycle, sdg, page) out of range or not plain numbers are
ignored: never a server error, on the HTML page, the JSON and the CSV."""

from __future__ import annotations

import pytest
from django.test import Client

from rightstrack.portal.filters import ListParams

pytestmark = pytest.mark.django_db

BAD = ["99999999999999999999", "2147483648", "-1", "²", "١٢", "1e5", "0x10", " ", "nan"]


@pytest.mark.parametrize("param", ["year", "cycle", "sdg", "page"])
@pytest.mark.parametrize("value", BAD)
def test_bad_integers_never_give_a_server_error(svn_upr_catalogue, param, value):
    client = Client()
    for url in ("/recommendations/", "/recommendations.json", "/recommendations.csv"):
        response = client.get(url, {param: value})
        assert response.status_code == 200, (url, param, value)
        if url.endswith(".csv"):
            b"".join(response.streaming_content)


def test_bad_integers_are_dropped_and_good_ones_kept(rf):
    params = ListParams.from_querydict(
        rf.get("/", {"year": ["99999999999999999999", "2019"], "cycle": "²", "page": "10" * 20}).GET
    )
    assert params.selected == {"year": ["2019"]}
    assert params.page == 1


def test_parse_int():
    from rightstrack.portal.filters import parse_int

    assert parse_int("2019") == 2019
    assert parse_int(" 7 ") == 7
    assert parse_int("2147483647") == 2147483647
    for value in BAD:
        assert parse_int(value) is None, value
