"""A restricted or unpublished record is absent from every generated report (follow-up
report, briefing pack, press release, article, share image alt text), even when a
coordinator, who may see restricted records on screen, generates it."""

from __future__ import annotations

import datetime as dt

import brazil_followup as bf
import pytest
from docx_text import docx_text

from rightstrack.reports import briefing, followup_report, press, share_image

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

cerd_brazil = bf.cerd_brazil  # fixtures
brazil_tracking = bf.brazil_tracking
ON = dt.date(2024, 6, 30)


def _all_outputs(user, t) -> dict[str, str]:
    doc = t.document
    fu = followup_report.build_followup_report(user, doc, organisations=[t.ngo], period_end=ON)
    pack = briefing.build_briefing_pack(user, t.ministry, on=ON)
    facts = press.press_facts(user, doc, today=ON)
    return {
        "follow-up report": docx_text(followup_report.render_followup_docx(fu)),
        "briefing pack": docx_text(briefing.render_briefing_docx(pack)),
        "press release": press.render_press("press_release", facts),
        "article": press.render_press("article", facts),
        "share image": share_image.document_share_image(user, doc, today=ON).alt,
        "recommendation image": share_image.recommendation_share_image(user, t.recs["19 (c)"]).alt,
    }


@pytest.mark.parametrize("who", ["coordinator", "contributor", "anonymous"])
def test_no_report_holds_a_restricted_or_pending_record(
    brazil_tracking, cast, hidden_contributor_markers, who
):
    outputs = _all_outputs(cast[who], brazil_tracking)
    for name, text in outputs.items():
        assert text, name
        assert bf.MARKER not in text, name
        for marker in hidden_contributor_markers:
            assert marker not in text, name


def test_the_restricted_follow_up_request_is_not_an_item(brazil_tracking, coordinator):
    fu = followup_report.build_followup_report(coordinator, brazil_tracking.document)
    assert [i.item for i in fu.items] == bf.SEVEN
