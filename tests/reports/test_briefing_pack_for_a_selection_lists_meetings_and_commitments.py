"""A selection of CCPR/C/PRY/CO/4 paragraphs 13, 29 and 35 becomes a briefing pack (DOCX)
that lists the public meeting with the Senate committee and its commitment; the
follow-up report has "Engagement with the authorities since the review". Engagements
that are not public never enter either."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from docx_text import docx_text, headings

from paraguay_engagement import (
    COMMITMENT,
    MEETING,
    TEXT_13,
    TEXT_29,
    TEXT_35,
    paraguay,
    record_meeting,
)
from rightstrack.reports.followup_report import build_followup_report, render_followup_docx
from rightstrack.tracking.actions import do_create_selection

pytestmark = [pytest.mark.django_db]
__all__ = ["paraguay"]
HIDDEN = "Confidential meeting with a witness"


def test_the_briefing_pack_of_a_selection_lists_the_meeting_and_the_commitment(
    paraguay, coordinator, client_for
):
    record_meeting(coordinator, paraguay)
    record_meeting(coordinator, paraguay, visibility="restricted", title=HIDDEN)
    recs = [paraguay.recs[p] for p in ("13", "29", "35")]
    sel = do_create_selection(coordinator, "Senate hearing, March 2026", recommendations=recs)
    response = client_for(coordinator).get(
        reverse("reports:briefing") + f"?selection={sel.pk}&language=en&fmt=docx&on=2026-03-01"
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="briefing-senate-hearing-march-2026.docx"'
    )
    text = docx_text(response.content)
    assert "Briefing pack: Senate hearing, March 2026" in text
    for words in (TEXT_13, TEXT_29, TEXT_35):
        assert words in text
    assert "26 July 2021 (Overdue)" in text
    assert "Last meetings and commitments" in headings(response.content, 1)
    assert f"10 March 2026: {MEETING}" in headings(response.content, 2)
    assert f"{COMMITMENT} — Ministerio de Justicia — by 30 June 2026" in text
    assert "CCPR/C/PRY/CO/4, para. 13; CCPR/C/PRY/CO/4, para. 29" in text
    assert HIDDEN not in text
    assert coordinator.username not in text


def test_someone_else_cannot_use_a_private_selection(paraguay, coordinator, client_for, validator):
    sel = do_create_selection(coordinator, "Private", shared=False, recommendations=[])
    response = client_for(validator).get(
        reverse("reports:briefing") + f"?selection={sel.pk}&language=en&fmt=docx"
    )
    assert response.status_code == 400  # not a valid choice: as if it did not exist


def test_the_follow_up_report_has_the_engagement_with_the_authorities(paraguay, coordinator):
    record_meeting(coordinator, paraguay)
    record_meeting(coordinator, paraguay, visibility="organisation", title=HIDDEN)
    report = build_followup_report(
        coordinator, paraguay.document, period_end=dt.date(2026, 7, 1), language="en"
    )
    data = render_followup_docx(report)
    assert "Engagement with the authorities since the review" in headings(data, 1)
    text = docx_text(data)
    assert MEETING in text and COMMITMENT in text
    assert HIDDEN not in text
