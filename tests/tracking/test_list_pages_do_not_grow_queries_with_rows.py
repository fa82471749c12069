"""The panel, the plan page and the actors map run a fixed number of queries, whatever the row count."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from rightstrack.accounts.models import Organisation
from rightstrack.tracking import actions


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def _grow(coordinator, plan, rec, start, n):
    for i in range(start, start + n):
        org = Organisation.objects.create(name=f"Agency {i}", org_type="ministry")
        actions.do_assign_recommendation(coordinator, rec, org, "supporting")
        actions.do_create_action(
            coordinator, plan, recommendations=[rec], title=f"Action {i}", responsible=org
        )
        actions.do_submit_assessment(
            coordinator,
            rec,
            source="nhri",
            date=dt.date(2024, 1, 1 + i),
            level="partial",
            text=str(i),
        )


def test_query_counts_stay_flat(coordinator, plan, rec, client_for, anonymous):
    client = client_for(anonymous)
    urls = [
        f"/tracking/recommendations/{rec.pk}/",
        f"/tracking/plans/{plan.pk}/",
        "/tracking/actors/",
        "/tracking/countries/BRA/dashboard/",
    ]
    _grow(coordinator, plan, rec, 0, 1)
    small = [_queries(client, u) for u in urls]
    _grow(coordinator, plan, rec, 1, 10)
    large = [_queries(client, u) for u in urls]
    assert large == small
    assert max(large) <= 10
