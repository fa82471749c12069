"""A list of one facet value takes its total from the unfiltered list's kept counts
(``RecommendationList.count_of_one_value``): no count query, and the same total as the
list counted, for the public and for a coordinator, for every facet value offered."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from rightstrack.portal.list_cache import precompute_common_pages

pytestmark = pytest.mark.django_db


def _total(client: Client, params: dict[str, str]) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        data = client.get("/recommendations.json", params).json()
    return data["count"], [q["sql"] for q in queries.captured_queries]


def test_each_offered_value_gives_the_counted_total_without_a_count(
    svn_upr_catalogue, client_for, coordinator
):
    precompute_common_pages()
    staff = client_for(coordinator)
    for client, who in ((Client(), "public"), (staff, "coordinator")):
        offered = client.get("/recommendations.json", {"facets": "1"}).json()["facets"]
        pairs = [(p, v["value"]) for p, values in offered.items() for v in values]
        assert len(pairs) >= 15, who
        for param, value in pairs:
            fast, sql = _total(client, {param: value})
            assert not any("COUNT(" in s.upper() for s in sql), (who, param, value, sql)
            # The same list counted: one value twice is the same list, but not "one value".
            counted, sql2 = _total(client, {param: [value, value]})
            assert any("COUNT(" in s.upper() for s in sql2), (who, param, value)
            assert fast == counted, (who, param, value)


def test_slovenia_and_cycle_3_totals_for_each_audience(svn_upr_catalogue, client_for, coordinator):
    # The fixture's records (tests/portal/conftest.py): six public Slovenian records and two
    # restricted ones; cycle 3 is A/HRC/43/15's 121.52, 121.57, 122.71 and 122.153 and the
    # UPR Info row of 121.52's text (public), plus the restricted record in A/HRC/43/15.
    precompute_common_pages()
    staff = client_for(coordinator)
    staff.get("/recommendations.json", {"facets": "1"})  # keeps the coordinator's counts
    assert _total(Client(), {"country": "SVN"})[0] == 6
    assert _total(staff, {"country": "SVN"})[0] == 8
    assert _total(Client(), {"cycle": "3"})[0] == 5
    assert _total(staff, {"cycle": "3"})[0] == 6


def test_a_value_not_kept_or_a_changed_catalogue_is_counted(svn_upr_catalogue):
    from rightstrack.catalog.models import Recommendation, Visibility

    precompute_common_pages()
    client = Client()
    # Not offered (no record of Honduras is reviewed): counted, and 0.
    total, sql = _total(client, {"country": "HND"})
    assert total == 0 and any("COUNT(" in s.upper() for s in sql)
    # A write replaces the change token: the kept counts no longer hold, so the list counts.
    Recommendation.objects.filter(pk=svn_upr_catalogue.r121_52.pk).update(
        visibility=Visibility.RESTRICTED
    )
    total, sql = _total(client, {"country": "SVN"})
    assert total == 5 and any("COUNT(" in s.upper() for s in sql)
