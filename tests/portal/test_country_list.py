"""``/countries/`` lists every State with visible recommendations, by name, each linked to its
page and to its recommendations, counting only what the user may see."""

from __future__ import annotations

import re


def _rows(html: str) -> list[tuple[str, str, str]]:
    return re.findall(
        r'<th scope="row"><a href="/countries/(\w{3})/">([^<]+)</a></th>'
        r'<td class="num"><a href="/recommendations/\?country=\w{3}">([\d,]+)</a>',
        html,
    )


def test_it_lists_each_state_with_its_public_recommendations(client, svn_upr_catalogue):
    response = client.get("/countries/")
    assert response.status_code == 200
    # Slovenia: A/HRC/43/15 paras 121.52, 121.57, 122.71, 122.153 and A/HRC/59/15 para 140.7;
    # its two restricted records are not counted. Paraguay: CCPR/C/PRY/CO/4 para. 25 (c).
    # The UPR Info row of 121.52 is also Slovenia's.
    assert _rows(response.content.decode()) == [
        ("PRY", "Paraguay", "1"),
        ("SVN", "Slovenia", "6"),
    ]


def test_the_header_marks_the_country_list_as_the_current_page(client, svn_upr_catalogue):
    html = client.get("/countries/").content.decode()
    assert '<a href="/countries/" aria-current="page">' in html
