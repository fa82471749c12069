"""`rightstrack deadlines --country BRA --json` with CERD/C/BRA/CO/18-20."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from rightstrack.tracking.followup import do_record_follow_up_reply

from .followup_samples import (
    CERD_BRA_ITEMS,
    CERD_BRA_REPLY,
    make_cerd_brazil,
    make_cerd_brazil_reply,
    make_restricted_visit,
)

pytestmark = pytest.mark.django_db


def _run(*args: str) -> list[dict]:
    out = io.StringIO()
    call_command("deadlines", *args, stdout=out)
    return json.loads(out.getvalue())


def _follow_ups(rows):
    return [r for r in rows if r["kind"] == "follow_up_reply"]


def test_it_lists_the_seven_follow_up_items_due_1_december_2023(reference_data):
    make_cerd_brazil()
    rows = _run("--country", "BRA", "--json", "--date", "2025-06-01")
    items = _follow_ups(rows)
    assert [r["item"] for r in items] == list(CERD_BRA_ITEMS)
    for r in items:
        assert r["date"] == "2023-12-01"
        assert r["symbol"] == "CERD/C/BRA/CO/18-20"
        assert r["basis"] == "computed"
        assert r["state"] == "overdue"
        assert r["url"].startswith("/recommendations/")
        assert set(r) >= {"date", "kind", "title", "symbol", "item", "state", "basis", "url"}


def test_after_the_reply_of_8_january_2026_they_read_submitted_late(reference_data, coordinator):
    co = make_cerd_brazil()
    do_record_follow_up_reply(coordinator, co, CERD_BRA_REPLY, make_cerd_brazil_reply(co))
    items = _follow_ups(_run("--country", "BRA", "--json", "--date", "2026-02-01"))
    assert len(items) == 7
    assert {r["state"] for r in items} == {"submitted_late"}
    assert {r["state_label"] for r in items} == {"Submitted late"}


def test_other_events_of_the_co_next_report_by_2026_and_six_months_since(reference_data):
    make_cerd_brazil()
    rows = _run("--country", "BRA", "--json", "--date", "2025-06-01")
    by_kind = {r["kind"]: r for r in rows if r["kind"] != "follow_up_reply"}
    # Para. 70: combined reports "by 2026" → dated 31 December 2026, basis "year".
    assert by_kind["periodic_report"]["date"] == "2026-12-31"
    assert by_kind["periodic_report"]["basis"] == "year"
    # Adopted 1 December 2022 → six months later, 1 June 2023.
    assert by_kind["six_months_since"]["date"] == "2023-06-01"


def test_public_output_never_lists_restricted_records(reference_data):
    make_cerd_brazil()
    make_restricted_visit("BRA")
    out = io.StringIO()
    call_command("deadlines", "--country", "BRA", "--json", stdout=out)
    assert "Q-77" not in out.getvalue()
    assert "Q77" not in out.getvalue()
    everything = _run("--country", "BRA", "--json", "--include-restricted")
    assert "Q-77" in {r["item"] for r in everything}


def test_date_range_and_kind_filters(reference_data):
    make_cerd_brazil()
    rows = _run("--country", "BRA", "--json", "--from", "2023-11-01", "--to", "2023-12-31")
    assert {r["date"] for r in rows} == {"2023-12-01"}
    rows = _run("--json", "--kind", "periodic_report")
    assert [r["symbol"] for r in rows] == ["CERD/C/BRA/CO/18-20"]


def test_text_output_is_readable(reference_data):
    make_cerd_brazil()
    out = io.StringIO()
    call_command("deadlines", "--country", "BRA", "--date", "2023-06-02", stdout=out)
    text = out.getvalue()
    assert "2023-12-01  Pending" in text
    assert "9 deadline(s)." in text


def test_states_are_judged_against_the_given_date(reference_data):
    make_cerd_brazil()
    before = _follow_ups(_run("--country", "BRA", "--json", "--date", "2023-12-01"))
    assert {r["state"] for r in before} == {"pending"}  # the due day itself
    after = _follow_ups(_run("--country", "BRA", "--json", "--date", "2023-12-02"))
    assert {r["state"] for r in after} == {"overdue"}
