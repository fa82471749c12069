"""Indicators with baseline, target and frequency; dated measurements; next measurement due."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rightstrack.tracking import actions
from rightstrack.tracking.models import Indicator, Measurement


def test_the_next_measurement_is_due_one_period_after_the_latest(coordinator, action_a):
    ind = actions.do_add_indicator(
        coordinator,
        action_a,
        name="Officers trained",
        unit="officers",
        baseline_value=Decimal(0),
        baseline_date=dt.date(2024, 1, 31),
        target_value=Decimal(500),
        target_date=dt.date(2025, 6, 30),
        frequency="quarterly",
    )
    assert ind.next_measurement_due() == dt.date(2024, 4, 30)
    actions.do_record_measurement(
        coordinator, ind, date=dt.date(2024, 6, 30), value=Decimal(120), source="Police academy"
    )
    assert ind.next_measurement_due() == dt.date(2024, 9, 30)
    once = actions.do_add_indicator(
        coordinator,
        action_a,
        name="Law adopted",
        frequency="once",
        target_date=dt.date(2025, 6, 30),
    )
    assert once.next_measurement_due() == dt.date(2025, 6, 30)


def test_the_focal_point_records_a_measurement_through_the_form(
    focal_point_a, coordinator, action_a, client_for
):
    ind = actions.do_add_indicator(
        coordinator, action_a, name="Officers trained", frequency="annual"
    )
    response = client_for(focal_point_a).post(
        f"/tracking/indicators/{ind.pk}/measurements/new/",
        {"date": "2024-12-31", "value": "120", "source": "Police academy", "note": ""},
    )
    assert response.status_code == 302
    m = Measurement.objects.get()
    assert (m.value, m.date, m.recorded_by) == (Decimal(120), dt.date(2024, 12, 31), focal_point_a)
    assert (
        "Police academy"
        in client_for(focal_point_a).get(f"/tracking/actions/{action_a.pk}/").content.decode()
    )


def test_indicator_edits_use_the_version_lock(coordinator, action_a, client_for):
    ind = actions.do_add_indicator(
        coordinator, action_a, name="Officers trained", frequency="annual"
    )
    client = client_for(coordinator)
    payload = {
        "version": ind.version,
        "name": "Officers trained (cumulative)",
        "frequency": "annual",
    }
    assert client.post(f"/tracking/indicators/{ind.pk}/edit/", payload).status_code == 302
    stale = client.post(f"/tracking/indicators/{ind.pk}/edit/", {**payload, "name": "Other"})
    assert stale.status_code == 409
    assert Indicator.objects.get(pk=ind.pk).name == "Officers trained (cumulative)"


def test_a_rejected_measurement_does_not_count_as_done(
    coordinator, focal_point_a, validator, action_a
):
    ind = actions.do_add_indicator(
        coordinator,
        action_a,
        name="Officers trained",
        baseline_date=dt.date(2024, 1, 31),
        frequency="quarterly",
    )
    m = actions.do_record_measurement(
        focal_point_a, ind, date=dt.date(2024, 4, 30), value=Decimal(10)
    )
    assert ind.next_measurement_due() == dt.date(2024, 7, 30)  # pending still counts
    actions.do_review_measurement(validator, m, m.version, approve=False, note="wrong source")
    assert ind.next_measurement_due() == dt.date(2024, 4, 30)
