"""In a real Chromium, the recommendation picker of the "New action" form answers as the
coordinator types (tracking/picker.js, loaded from a file under the strict Content Security
Policy), and the chosen paragraph is saved on the action.

CCPR/C/PRY/CO/4 para. 29 (hand-checked in raw/ccpr-co-rolandccpr/CCPR_C_PRY_CO_4.txt):
"The State party should: (a) Continue its reforms to significantly reduce the use of
pretrial detention ...".
"""

from __future__ import annotations

import datetime as dt

import pytest

from browser_support import BROWSER_MARKS, chromium
from rightstrack.catalog.models import Country, Recommendation
from rightstrack.ingest.pipeline import import_file
from rightstrack.tracking.actions import do_create_plan
from rightstrack.tracking.models import Action

pytestmark = [*BROWSER_MARKS, pytest.mark.slow]


@pytest.mark.django_db(transaction=True)
def test_typing_pretrial_offers_paragraph_29_and_saves_it(
    shared_raw, reference_data, coordinator, client_for, live_server, tmp_path
):
    from django.conf import settings

    assert import_file(shared_raw / "ccpr-co-rolandccpr/CCPR_C_PRY_CO_4.txt").status == "succeeded"
    para_29 = Recommendation.objects.get(document__symbol="CCPR/C/PRY/CO/4", paragraph="29")
    plan = do_create_plan(
        coordinator,
        title="Plan de seguimiento CCPR 2019",
        kind="advocacy",
        owner=coordinator.organisation,
        country=Country.objects.get(iso3="PRY"),
        period_start=dt.date(2019, 8, 1),
    )
    client = client_for(coordinator)
    cookie = settings.SESSION_COOKIE_NAME
    with chromium() as browser:
        context = browser.new_context()
        context.add_cookies(
            [{"name": cookie, "value": client.cookies[cookie].value, "url": live_server.url}]
        )
        page = context.new_page()
        errors: list[str] = []
        page.on(
            "console",
            lambda m: (
                errors.append(m.text)
                if m.type == "error" and "favicon" not in (m.location or {}).get("url", "")
                else None
            ),
        )
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{live_server.url}/tracking/plans/{plan.pk}/actions/new/")
        page.fill("#id_title", "Reduce pretrial detention")
        page.type("#id_recommendations", "pretrial", delay=20)
        result = page.locator(f'[data-picker-results] input[value="{para_29.pk}"]')
        result.wait_for(timeout=5000)
        assert "CCPR/C/PRY/CO/4 ¶ 29" in page.inner_text("[data-picker-results]")
        result.check()
        chosen = page.locator(f'[data-picker-selected] input[value="{para_29.pk}"]')
        assert chosen.is_checked()
        page.screenshot(path=str(tmp_path / "picker.png"), full_page=True)
        page.click("text=Save and publish")
        page.wait_for_url("**/tracking/actions/*/")
    assert errors == []
    action = Action.objects.get()
    assert list(action.recommendations.all()) == [para_29]
