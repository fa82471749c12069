"""A real Chromium loads the main pages under the site's Content Security Policy and reports
no violation, and the styles that moved out of the templates still apply.

Violations are recorded two ways: ``securitypolicyviolation`` events (listened to from an
init script, which no page policy governs) and Chromium's console errors ("Refused to
apply inline style ..."). The context does NOT bypass the policy (only the axe test does,
to inject axe). A control first proves the recorder sees a real violation.
"""

from __future__ import annotations

import pytest

from browser_support import BROWSER_MARKS, chromium

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline')
                    + ' at line ' + e.lineNumber + ': ' + (e.sample || ''));
});
"""

pytestmark = BROWSER_MARKS


@pytest.fixture
def browser():
    with chromium() as launched:
        yield launched


class Recorder:
    """A page whose policy violations (events and console errors) are collected per URL."""

    def __init__(self, context) -> None:
        context.add_init_script(RECORD_VIOLATIONS)
        self.page = context.new_page()
        self.console: list[str] = []
        self.page.on(
            "console",
            lambda m: (
                self.console.append(m.text)
                if m.type == "error" and "Content Security Policy" in m.text
                else None
            ),
        )

    def visit(self, url: str) -> list[str]:
        """Load ``url`` (must answer 200) and return the violations it caused."""
        self.console.clear()
        response = self.page.goto(url)
        assert response is not None and response.status == 200, url
        self.page.wait_for_load_state("load")
        self.page.wait_for_timeout(50)  # violation events are queued as tasks
        return self.violations()

    def violations(self) -> list[str]:
        return [*self.page.evaluate("window.__csp || []"), *self.console]


def _session_cookie(client, live_server_url: str) -> dict[str, str]:
    """The session cookie of a test ``client`` (logged in), for the browser."""
    from django.conf import settings

    name = settings.SESSION_COOKIE_NAME
    return {"name": name, "value": client.cookies[name].value, "url": live_server_url}


@pytest.mark.django_db(transaction=True)
def test_the_main_pages_load_under_the_policy_without_any_violation(
    pry_co_catalogue, tracking, cast, client_for, live_server, browser
):
    co = pry_co_catalogue.pry_co
    rec = pry_co_catalogue.pry_recs[13]
    base = live_server.url
    context = browser.new_context()
    # The administrator, logged in and past the TOTP step, reaches every page of the list.
    context.add_cookies([_session_cookie(client_for(cast["admin"]), base)])
    recorder = Recorder(context)
    page = recorder.page

    # Control: the recorder does see a violation when a page breaks the policy.
    recorder.visit(base + "/countries/")
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")
    page.wait_for_timeout(100)
    assert any(v.startswith("style-src-attr blocked inline") for v in recorder.violations())

    found: dict[str, list[str]] = {}
    paths = [
        "/",
        "/recommendations/?q=torture&country=PRY&mechanism=CCPR",
        f"/recommendations/{rec.pk}/",
        f"/documents/{co.pk}/",
        "/tracking/deadlines/?from=2021-01-01&to=2021-12-31",
        "/reports/",
        "/reports/charts/",
        "/reports/charts/by-mechanism/",
        "/reports/charts/by-mechanism.svg",
        f"/reports/plain/{co.pk}/",
        "/accounts/login/",
        "/admin/",
        "/admin/catalog/recommendation/",
        f"/admin/catalog/recommendation/{rec.pk}/change/",
        f"/admin/catalog/recommendation/{rec.pk}/history/",
    ]
    for path in paths:
        violations = recorder.visit(base + path)
        if violations:
            found[path] = violations
        if path.startswith("/tracking/deadlines/"):
            # The overdue styles moved from an inline <style> to tracking.css still apply.
            badge = page.locator(".badge-overdue").first
            colour = badge.evaluate("e => getComputedStyle(e).backgroundColor")
            if colour != "rgb(253, 236, 234)":  # #fdecea
                found.setdefault(path, []).append(f"overdue badge background {colour}")
        if path.startswith("/reports/charts/by-mechanism"):
            # pygal's colours come from the chart stylesheet (inline page) or the file's
            # hashed <style>: the first series is Okabe-Ito blue #0072B2.
            bar = page.locator(".pygal-chart .color-0 rect.rect").first
            fill = bar.evaluate("e => getComputedStyle(e).fill")
            if fill != "rgb(0, 114, 178)":
                found.setdefault(path, []).append(f"first series fill {fill}")
    context.close()

    # The admin login page, as a visitor who is not logged in.
    anonymous = Recorder(browser.new_context())
    if violations := anonymous.visit(base + "/admin/login/"):
        found["/admin/login/"] = violations
    assert found == {}
