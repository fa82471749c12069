"""Briefing pack for one institution: its assigned recommendations, follow-up items first
(with their deadline), status and open actions; restricted records absent."""

from __future__ import annotations

import datetime as dt
import io

import brazil_followup as bf
import pytest
from django.core.management import call_command
from django.urls import reverse
from docx_text import docx_text, headings, table_rows

from rightstrack.reports.briefing import build_briefing_pack, render_briefing_docx

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

cerd_brazil = bf.cerd_brazil  # fixtures
brazil_tracking = bf.brazil_tracking


def test_it_lists_the_assigned_follow_up_items_first_then_the_others(brazil_tracking, coordinator):
    pack = build_briefing_pack(coordinator, brazil_tracking.ministry, on=dt.date(2024, 6, 30))
    # Assigned: 40, 36 (d), 19 (c) and the restricted para. 99 (never shown).
    assert [i.recommendation.paragraph for i in pack.items] == ["19 (c)", "36 (d)", "40"]
    assert [i.priority for i in pack.items] == [1, 1, 3]
    assert pack.items[0].due_on == dt.date(2023, 12, 1)


def test_the_docx_gives_deadlines_status_and_open_actions(brazil_tracking, coordinator):
    pack = build_briefing_pack(coordinator, brazil_tracking.ministry, on=dt.date(2024, 6, 30))
    data = render_briefing_docx(pack)
    h2 = headings(data, 2)
    assert [h.split(":")[0] for h in h2] == [
        "CERD/C/BRA/CO/18-20, para. 19 (c)",
        "CERD/C/BRA/CO/18-20, para. 36 (d)",
        "CERD/C/BRA/CO/18-20, para. 40",
    ]
    glance = table_rows(data, 0)
    assert glance[1][1] == "19 (c): 1 December 2023 (Overdue)"
    assert glance[2][2] == "Measures contrary (Civil society, 2 April 2024)"
    text = docx_text(data)
    assert "Body cameras for state police operations: In progress, target 31 December 2026" in text
    assert bf.TEXT_36D in text


def test_it_never_shows_restricted_records_even_to_a_coordinator(brazil_tracking, coordinator):
    pack = build_briefing_pack(coordinator, brazil_tracking.ministry, on=dt.date(2024, 6, 30))
    text = docx_text(render_briefing_docx(pack))
    assert bf.MARKER not in text
    assert "para. 99" not in text


def test_the_cli_and_the_web_form_give_the_same_pack(
    brazil_tracking, tmp_path, client_for, coordinator
):
    out = tmp_path / "pack.docx"
    call_command(
        "report", "briefing", "MJA", "--on", "2024-06-30", "-o", str(out), stdout=io.StringIO()
    )
    response = client_for(coordinator).get(
        reverse("reports:briefing"),
        {
            "organisation": brazil_tracking.ministry.pk,
            "on": "2024-06-30",
            "language": "en",
            "fmt": "docx",
        },
    )
    assert response.status_code == 200
    assert docx_text(response.content) == docx_text(out.read_bytes())
