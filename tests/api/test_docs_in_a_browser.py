"""A real Chromium renders the API docs page (Swagger UI) under a strict
Content-Security-Policy (everything from this server only: no inline script or style, no
eval, no data: images) with no policy violation and no script error, and "Try it out"
gets an answer from the API."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
#: The policy of the project (one origin, nothing inline), added to every answer here.
POLICY = (
    "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("CI"),
        reason="/usr/bin/chromium is not installed",
    ),
]


@pytest.mark.django_db(transaction=True)
def test_the_docs_page_works_under_a_strict_policy(live_server):
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    outside: list[str] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            page = browser.new_page()

            def with_policy(route):
                if not route.request.url.startswith(live_server.url):
                    outside.append(route.request.url)
                    route.abort()
                    return
                response = route.fetch()
                route.fulfill(
                    response=response,
                    headers={**response.headers, "content-security-policy": POLICY},
                )

            page.route("**/*", with_policy)
            page.on(
                "console",
                lambda m: problems.append(m.text) if m.type in ("error", "warning") else None,
            )
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.goto(f"{live_server.url}/api/v1/docs")
            page.wait_for_selector(".opblock", timeout=30000)
            assert page.locator(".opblock").count() == 11
            # Try the mechanisms list from the page.
            block = page.locator(".opblock", has_text="/api/v1/mechanisms").first
            block.locator(".opblock-summary").click()
            page.get_by_role("button", name="Try it out").click()
            page.get_by_role("button", name="Execute").click()
            cell = ".live-responses-table tbody .response-col_status"
            page.wait_for_selector(cell, timeout=30000)
            status = page.locator(cell).first.inner_text()
            assert status.strip() == "200"
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    assert outside == []
    assert problems == []
