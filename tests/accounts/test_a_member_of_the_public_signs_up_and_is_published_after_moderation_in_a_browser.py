"""In a real Chromium: a member of the public signs up from the site's header, the
verification mail reaches a REAL SMTP server (aiosmtpd, Django's SMTP backend), the test
reads the link from the received message and follows it; the new contributor logs in and
submits an assessment of CCPR/C/PRY/CO/4 paragraph 29 (pretrial detention; imported with
``rightstrack import`` from ``shared/data/raw/ccpr-co-rolandccpr/CCPR_C_PRY_CO_4.txt``);
the public does not see it until a coordinator approves it, and then sees it under the
name the contributor chose, never the login name.

Screenshots (1280 px wide) go to ``$RIGHTSTRACK_SCREENSHOTS`` when set, else to a
temporary folder; the ones kept are ``docs/screenshots/flow-signup-*.png``.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from browser_support import BROWSER_MARKS, chromium
from paraguay_engagement import SYMBOL, TEXT_29
from smtp_support import smtp_server

pytestmark = [*BROWSER_MARKS, pytest.mark.slow]

NAME = "María Benítez"
LOGIN = "mbz-login-7731"
ADDRESS = "maria.benitez@example.org"
PASSWORD = "tereré-con-yuyos-2024"
FINDING = "Pretrial detention still exceeds 70% of the prison population."
VIEWPORT = {"width": 1280, "height": 800}


@pytest.fixture
def paragraph_29(reference_data, shared_raw):
    from rightstrack.catalog.models import Recommendation

    path = shared_raw / "ccpr-co-rolandccpr" / "CCPR_C_PRY_CO_4.txt"
    call_command("import", str(path), stdout=io.StringIO())
    rec = Recommendation.objects.get(document__symbol=SYMBOL, paragraph="29")
    assert TEXT_29 in rec.text
    return rec


def _shot(folder: Path, page, name: str, *, full: bool = False) -> None:
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(folder / f"flow-signup-{name}.png"), full_page=full)


def _sign_up(page, base: str, folder: Path) -> None:
    page.goto(base + "/")
    page.get_by_role("link", name="Sign up").click()
    assert "What is public" in page.content() and "reprisals" in page.content()
    page.get_by_label("Your name as the public may see it").fill(NAME)
    page.get_by_label("Email address").fill(ADDRESS)
    page.get_by_label("Login name").fill(LOGIN)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    assert not page.get_by_label("Hide my name in public pages").is_checked()
    _shot(folder, page, "1-form", full=True)
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url("**/accounts/signup/sent/")


def _assess(page, base: str, rec) -> None:
    page.goto(f"{base}/recommendations/{rec.pk}/")
    page.get_by_role("link", name="Submit an assessment").click()
    page.get_by_label("Date").fill("2024-05-02")
    page.get_by_label("Level of implementation").select_option("partial")
    page.get_by_label("Assessment:", exact=True).fill(FINDING)
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_url("**/tracking/assessments/*/")


@pytest.mark.django_db(transaction=True)
def test_a_visitor_signs_up_verifies_through_smtp_and_is_published_after_moderation(
    paragraph_29, coordinator, client_for, live_server, tmp_path
):
    from django.conf import settings

    from rightstrack.accounts.models import User
    from rightstrack.tracking.models import Assessment

    folder = Path(os.environ.get("RIGHTSTRACK_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    base, rec = live_server.url, paragraph_29
    with smtp_server() as inbox, chromium() as browser:
        visitor = browser.new_context(viewport=VIEWPORT)
        visitor.set_default_timeout(10_000)
        page = visitor.new_page()
        _sign_up(page, base, folder)
        account = User.objects.get(username=LOGIN)
        assert (account.is_active, account.role, account.first_name) == (
            False,
            "contributor",
            NAME,
        )
        ((recipients, message),) = inbox.messages
        assert recipients == [ADDRESS]
        link = re.search(r"(https?://\S+/accounts/signup/verify/[^/\s]+/)", message.get_content())
        assert link.group(1).startswith(base + "/")
        page.goto(link.group(1))
        assert page.locator("h1").inner_text() == "Your address is confirmed"
        _shot(folder, page, "2-verified")
        page.get_by_role("main").get_by_role("link", name="Log in").click()
        page.get_by_label("Login name").fill(LOGIN)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_load_state("load")
        _assess(page, base, rec)
        _shot(folder, page, "3-submitted")
        visitor.close()

        assessment = Assessment.objects.get(recommendation=rec)
        assert (assessment.author.username, assessment.publication_state) == (LOGIN, "pending")
        public = browser.new_context(viewport=VIEWPORT).new_page()
        public.goto(f"{base}/recommendations/{rec.pk}/")
        assert FINDING not in public.content()

        coord = browser.new_context(viewport=VIEWPORT)
        name = settings.SESSION_COOKIE_NAME
        cookie = client_for(coordinator).cookies[name].value
        coord.add_cookies([{"name": name, "value": cookie, "url": base}])
        moderation = coord.new_page()
        moderation.goto(base + "/tracking/moderation/")
        item = moderation.locator("article.queue-item", has_text=FINDING)
        assert NAME in item.inner_text() and LOGIN not in moderation.content()
        _shot(folder, moderation, "4-moderation")
        item.get_by_role("button", name="Approve and publish").click()
        moderation.wait_for_load_state("load")
        coord.close()

        public.goto(f"{base}/recommendations/{rec.pk}/")
        card = public.locator("article.assessment-card", has_text=FINDING)
        assert NAME in card.inner_text()
        assert LOGIN not in public.content()
        card.scroll_into_view_if_needed()
        public.screenshot(path=str(folder / "flow-signup-5-published.png"))
