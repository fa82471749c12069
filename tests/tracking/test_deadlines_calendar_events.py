"""The calendar's kinds of events, scopes and visibility (``tracking.deadlines``)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from rightstrack.catalog.models import Country, Document, Mechanism
from rightstrack.tracking.actions import do_add_indicator, do_assign_recommendation
from rightstrack.tracking.deadlines import (
    ACTION_TARGET,
    FOLLOW_UP_REPLY,
    INDICATOR_MEASUREMENT,
    UPR_MID_TERM,
    Filters,
    build_calendar,
    due_soon_and_overdue,
    scope_for,
)

from .followup_samples import make_cerd_brazil, make_paraguay, make_restricted_visit

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 6, 1)


def _wg_report(**extra) -> Document:
    # A UPR WG report of Brazil's 4th-cycle review (WG41, held on 14 November 2022); the
    # test dates its adoption that day to check the 30-month arithmetic.
    return Document.objects.create(
        key="A/HRC/52/14",
        symbol="A/HRC/52/14",
        doc_type=Document.Type.UPR_WG_REPORT,
        mechanism=Mechanism.objects.get(code="UPR"),
        country=Country.objects.get(iso3="BRA"),
        adopted_on=dt.date(2022, 11, 14),
        **extra,
    )


def test_upr_mid_term_is_suggested_two_and_a_half_years_after_adoption(reference_data):
    _wg_report()
    [event] = build_calendar(None, TODAY, Filters(kinds=frozenset({UPR_MID_TERM})))
    assert event.date == dt.date(2025, 5, 14)
    assert event.basis == "suggested"
    assert event.state == "suggested"
    assert "suggested" in event.title


def test_a_recorded_mid_term_report_replaces_the_suggestion(reference_data):
    report = _wg_report()
    Document.objects.create(
        key="BRA-UPR-midterm-2025",
        title="Brazil: UPR mid-term report (4th cycle)",
        doc_type=Document.Type.OTHER,
        mechanism=report.mechanism,
        country=report.country,
        published_on=dt.date(2025, 3, 3),
        parent=report,
    )
    [event] = build_calendar(None, TODAY, Filters(kinds=frozenset({UPR_MID_TERM})))
    assert (event.date, event.basis, event.state) == (dt.date(2025, 3, 3), "recorded", "submitted")


def test_actions_and_indicators_bring_their_dates(reference_data, coordinator, action_a):
    do_add_indicator(
        coordinator,
        action_a,
        name="Police officers trained",
        unit="persons",
        baseline_date=dt.date(2024, 3, 1),
        frequency="quarterly",
    )
    events = build_calendar(coordinator, TODAY)
    target = [e for e in events if e.kind == ACTION_TARGET]
    assert [(e.date, e.state) for e in target] == [(dt.date(2025, 6, 30), "upcoming")]
    measure = [e for e in events if e.kind == INDICATOR_MEASUREMENT]
    # Baseline 1 March 2024 + one quarter, no measurement yet → due 1 June 2024, overdue.
    assert [(e.date, e.state) for e in measure] == [(dt.date(2024, 6, 1), "overdue")]


def test_a_focal_point_scope_is_their_institutions_work(
    reference_data, coordinator, focal_point_a, focal_point_b, ministry_a
):
    co = make_cerd_brazil()
    rec = co.recommendations.get(paragraph="36 (a)")
    do_assign_recommendation(coordinator, rec, ministry_a, role="lead")
    mine_a = build_calendar(focal_point_a, TODAY, scope_for(focal_point_a))
    assert [(e.kind, e.item) for e in mine_a] == [(FOLLOW_UP_REPLY, "36 (a)")]
    assert build_calendar(focal_point_b, TODAY, scope_for(focal_point_b)) == []


def test_restricted_records_only_for_coordinators(reference_data, cast):
    make_cerd_brazil()
    make_restricted_visit("BRA")
    for role, user in cast.items():
        items = {e.item for e in build_calendar(user, TODAY)}
        if role in ("admin", "coordinator"):
            assert "Q-77" in items, role
        else:
            assert "Q-77" not in items, role
            assert "36 (d)" in items, role


def test_country_and_mechanism_filters(reference_data):
    make_cerd_brazil()
    make_paraguay()
    pry = build_calendar(AnonymousUser(), TODAY, Filters(country="PRY"))
    assert {e.symbol for e in pry} == {"CCPR/C/PRY/CO/4"}
    cerd = build_calendar(AnonymousUser(), TODAY, Filters(mechanism="cerd"))
    assert {e.mechanism for e in cerd} == {"CERD"}


def test_due_within_30_days_and_overdue(reference_data):
    make_cerd_brazil()
    make_paraguay()
    events = build_calendar(None, dt.date(2023, 11, 15))
    soon, late = due_soon_and_overdue(events, dt.date(2023, 11, 15))
    assert [e.item for e in soon] == [
        "17 (a)",
        "19 (c)",
        "23 (a)",
        "36 (a)",
        "36 (b)",
        "36 (c)",
        "36 (d)",
    ]
    # Paraguay's items were due 26 July 2021; no reply recorded → overdue.
    assert [e.item for e in late] == ["13", "29", "35"]
