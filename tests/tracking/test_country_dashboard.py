"""Country dashboard: status by mechanism, theme and institution; overdue; coming due."""

from __future__ import annotations

import datetime as dt

from rightstrack.catalog.models import FollowUpRequest, Theme
from rightstrack.tracking import actions
from rightstrack.tracking.dashboard import LEVELS, country_dashboard

COLUMNS = [code for code, _label in LEVELS]


def _count(row, level):
    return row.counts[COLUMNS.index(level)]


def test_the_dashboard_counts_the_latest_published_level(
    coordinator, contributor, rec, restricted_rec, ministry_a, co_document, anonymous
):
    theme = Theme.objects.create(name="Law enforcement", slug="law-enforcement")
    rec.themes.add(theme)
    actions.do_assign_recommendation(coordinator, rec, ministry_a, "lead")
    actions.do_submit_assessment(
        coordinator,
        rec,
        source="government",
        date=dt.date(2024, 1, 1),
        level="not_started",
        text="a",
    )
    actions.do_submit_assessment(
        coordinator, rec, source="nhri", date=dt.date(2024, 9, 1), level="partial", text="b"
    )
    actions.do_submit_assessment(
        contributor, rec, date=dt.date(2025, 1, 1), level="implemented", text="pending one"
    )
    actions.do_submit_assessment(
        coordinator,
        restricted_rec,
        source="government",
        date=dt.date(2024, 1, 1),
        level="implemented",
        text="c",
    )
    FollowUpRequest.objects.create(
        document=co_document, recommendation=rec, item="17", due_on=dt.date(2023, 12, 1)
    )
    FollowUpRequest.objects.create(
        document=co_document, recommendation=restricted_rec, item="3", due_on=dt.date(2026, 12, 1)
    )

    public = country_dashboard(anonymous, "BRA", dt.date(2025, 3, 1))
    assert public["total"] == 1
    (mech,) = public["by_mechanism"]
    assert mech.label == "CERD" and _count(mech, "partial") == 1 and mech.total == 1
    assert [(r.label, _count(r, "partial")) for r in public["by_theme"]] == [("Law enforcement", 1)]
    assert [(r.label, _count(r, "partial")) for r in public["by_institution"]] == [
        ("Ministry of Justice (A)", 1)
    ]
    assert [f.item for f in public["overdue"]] == ["17"]
    assert public["coming"] == []  # the restricted recommendation's item is hidden

    coord = country_dashboard(coordinator, "BRA", dt.date(2025, 3, 1))
    assert coord["total"] == 2
    assert _count(coord["overall"], "implemented") == 1
    assert [f.item for f in coord["coming"]] == ["3"]


def test_the_dashboard_page_lists_action_target_dates_coming_due(
    action_a, client_for, anonymous, brazil
):
    html = client_for(anonymous).get("/tracking/countries/bra/dashboard/").content.decode()
    assert "Brazil: implementation dashboard" in html
    # action_a targets 2025-06-30; the page uses today's date, so only check the table shape
    assert "By mechanism" in html and "Not assessed" in html


def test_an_unknown_country_is_404(client_for, anonymous, db):
    assert client_for(anonymous).get("/tracking/countries/XXX/dashboard/").status_code == 404
