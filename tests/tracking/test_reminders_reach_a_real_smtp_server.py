"""The daily digest is received by a REAL local SMTP server (aiosmtpd), with the right items.

Scenario on 15 November 2023: CERD/C/BRA/CO/18-20's seven items are due on 1 December
2023 (within 30 days); CCPR/C/PRY/CO/4's items were due on 26 July 2021 with no reply
recorded (overdue); a restricted visit item "Q-77" is due on 20 November 2023.
"""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command

from rightstrack.tracking.actions import do_assign_recommendation
from smtp_support import smtp_server

from .followup_samples import make_cerd_brazil, make_paraguay, make_restricted_visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp_inbox():
    with smtp_server(from_email="reminders@rightstrack.test") as inbox:
        yield inbox


@pytest.fixture
def scenario(reference_data, cast, ministry_a, ministry_b):
    import datetime as dt

    cerd = make_cerd_brazil()
    pry = make_paraguay()
    make_restricted_visit("BRA", due=dt.date(2023, 11, 20))
    coordinator = cast["coordinator"]
    do_assign_recommendation(coordinator, cerd.recommendations.get(paragraph="36 (a)"), ministry_a)
    do_assign_recommendation(coordinator, pry.recommendations.get(paragraph="29"), ministry_a)
    do_assign_recommendation(coordinator, cerd.recommendations.get(paragraph="19 (c)"), ministry_b)
    focal_a = cast["focal_point_a"]
    focal_a.language = "fr"
    focal_a.save()
    return cast


def _bodies(message):
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


def test_each_focal_point_and_coordinator_receives_their_digest(smtp_inbox, scenario):
    out = io.StringIO()
    call_command(
        "send_reminders", "--date", "2023-11-15", "--base-url", "https://rt.test", stdout=out
    )
    assert "3 digest(s) sent" in out.getvalue()

    recipients = sorted(r for rcpts, _ in smtp_inbox.messages for r in rcpts)
    assert recipients == ["coordinator@example.org", "focal_a@example.org", "focal_b@example.org"]

    # Coordinator: everything in scope, restricted item included.
    [coord] = smtp_inbox.for_("coordinator@example.org")
    text, html = _bodies(coord)
    assert coord["Subject"] == "RightsTrack: 8 due within 30 days, 3 overdue"
    assert coord["From"] == "reminders@rightstrack.test"
    for item in ("17 (a)", "19 (c)", "23 (a)", "36 (a)", "36 (b)", "36 (c)", "36 (d)"):
        assert f"CERD/C/BRA/CO/18-20, paragraph {item}" in text
    assert "Q-77" in text
    assert "December 1, 2023" in text
    assert "CCPR/C/PRY/CO/4, paragraph 29" in text and "July 26, 2021" in text
    assert "https://rt.test/recommendations/" in html
    assert '<html lang="en">' in html

    # Focal point of ministry A, in French: only ministry A's items, no restricted record.
    # (Assertions do not depend on the French catalogue's wording.)
    [fa] = smtp_inbox.for_("focal_a@example.org")
    text, html = _bodies(fa)
    assert '<html lang="fr">' in html
    assert "CERD/C/BRA/CO/18-20" in text and "36 (a)" in text
    assert "1 décembre 2023" in text  # Babel, French
    assert "CCPR/C/PRY/CO/4" in text and "26 juillet 2021" in text
    assert "36 (b)" not in text and "19 (c)" not in text
    assert "Q-77" not in text and "Q-77" not in html
    assert re.fullmatch(r"RightsTrack\D*1\D+30\D+1\D*", fa["Subject"])

    # Focal point of ministry B: only 19 (c).
    [fb] = smtp_inbox.for_("focal_b@example.org")
    text, _ = _bodies(fb)
    assert "CERD/C/BRA/CO/18-20, paragraph 19 (c)" in text
    assert "36 (a)" not in text and "Q-77" not in text and "PRY" not in text


def test_nobody_is_emailed_when_nothing_is_due(smtp_inbox, scenario):
    out = io.StringIO()
    # 1 January 2019: before any of these documents asked for anything.
    call_command("send_reminders", "--date", "2019-01-01", stdout=out)
    assert smtp_inbox.messages == []
    assert "0 digest(s) sent" in out.getvalue()


def test_dry_run_sends_nothing(smtp_inbox, scenario):
    out = io.StringIO()
    call_command("send_reminders", "--date", "2023-11-15", "--dry-run", stdout=out)
    assert "would send: focal_a@example.org" in out.getvalue()
    assert smtp_inbox.messages == []
