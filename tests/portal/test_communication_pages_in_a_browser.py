"""The communications list and detail pages in Chromium: no WCAG 2.x A/AA violation found by
axe-core, in English and in Arabic (right to left); the detail page as a screenshot."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from browser_support import BROWSER_MARKS, chromium

from .test_accessibility_axe import _violations

pytestmark = BROWSER_MARKS


@pytest.mark.django_db(transaction=True)
def test_the_communication_pages_have_no_axe_violation(reference_data, live_server, tmp_path):
    from rightstrack.catalog.models import Communication, Country, Mechanism

    comm = Communication.objects.create(
        mechanism=Mechanism.objects.get(code="CAT"),
        number="441/2010",
        symbol="CAT/C/51/D/441/2010",
        country=Country.objects.get(iso3="KAZ"),
        author="Oleg Evloev",
        status="views_adopted",
        outcome="violation",
        views_adopted_on=dt.date(2013, 11, 5),
        articles_violated=["1", "2 (1)", "12", "13", "14", "15"],
        remedies=["compensation", "investigation", "non_repetition", "rehabilitation"],
        reply_period_text="within 90 days",
        reply_days=90,
        visibility="public",
    )
    comm.compute_reply_due()
    comm.save()
    found: dict[str, list[str]] = {}
    with chromium() as browser:
        for language in ("en", "ar"):
            context = browser.new_context(locale=language, bypass_csp=True)
            context.add_cookies(
                [{"name": "django_language", "value": language, "url": live_server.url}]
            )
            page = context.new_page()
            for path in ("/communications/", f"/communications/{comm.pk}/"):
                violations = _violations(page, live_server.url + path)
                if violations:
                    found[f"{language} {path}"] = violations
            shot = Path(os.environ.get("RIGHTSTRACK_SCREENSHOT_DIR", tmp_path))
            page.screenshot(path=str(shot / f"communication-detail-{language}.png"), full_page=True)
            assert page.locator("html").get_attribute("dir") == (
                "rtl" if language == "ar" else "ltr"
            )
            context.close()
    assert found == {}
