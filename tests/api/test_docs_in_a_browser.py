"""A real Chromium renders the API docs page (Swagger UI) under a strict
Content-Security-Policy (everything from this server only: no inline script or style, no
eval, no data: images; the project's own header) with no policy violation and no script
error, and "Try it out" gets an answer from the API."""

from __future__ import annotations

import pytest

from browser_support import BROWSER_MARKS, chromium
from csp_rules import HEADER, STRICT, parse_policy

pytestmark = BROWSER_MARKS


@pytest.mark.django_db(transaction=True)
def test_the_docs_page_works_under_a_strict_policy(live_server):
    problems: list[str] = []
    outside: list[str] = []
    with chromium() as browser:
        page = browser.new_page()

        def only_this_server(route):
            if not route.request.url.startswith(live_server.url):
                outside.append(route.request.url)
                route.abort()
                return
            route.continue_()

        page.route("**/*", only_this_server)
        page.on(
            "console",
            lambda m: problems.append(m.text) if m.type in ("error", "warning") else None,
        )
        page.on("pageerror", lambda e: problems.append(str(e)))
        answer = page.goto(f"{live_server.url}/api/v1/docs")
        # The project's own strict policy (django-csp), not one added by the test.
        assert parse_policy(answer.headers[HEADER.lower()]) == STRICT
        page.wait_for_selector(".opblock", timeout=30000)
        # 11 operations, plus /communications and /communications/{id}.
        assert page.locator(".opblock").count() == 13
        # Try the mechanisms list from the page.
        block = page.locator(".opblock", has_text="/api/v1/mechanisms").first
        block.locator(".opblock-summary").click()
        page.get_by_role("button", name="Try it out").click()
        page.get_by_role("button", name="Execute").click()
        cell = ".live-responses-table tbody .response-col_status"
        page.wait_for_selector(cell, timeout=30000)
        status = page.locator(cell).first.inner_text()
        assert status.strip() == "200"
    assert outside == []
    assert problems == []
