"""In a browser, the list's script puts the counted filters in place after the page
(``portal/static/portal/facets.js``), under the site's Content Security Policy (no bypass):
the counts appear, the plain link goes, the live region says so, and a value the visitor
ticked meanwhile stays ticked. Without JavaScript the plain link gives the same counts.

Figures: ``country=SVN`` holds six public recommendations, all UPR (``conftest.py``).
"""

from __future__ import annotations

import pytest

from browser_support import BROWSER_MARKS, chromium

pytestmark = [*BROWSER_MARKS, pytest.mark.django_db(transaction=True)]

COUNTED = "aside.facets .count"


def _wait_for_status(page) -> str:
    # Polled from Python: the page's CSP forbids the eval that wait_for_function needs.
    for _ in range(120):
        text = (page.locator("[data-facets-status]").text_content() or "").strip()
        if text:
            return text
        page.wait_for_timeout(250)
    return ""


def test_the_script_loads_the_counts_after_the_page(svn_upr_catalogue, live_server):
    with chromium() as browser:
        context = browser.new_context()
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.route(
            "**/recommendations/facets/**",
            lambda route: (page.wait_for_timeout(300), route.continue_()),
        )
        page.goto(f"{live_server.url}/recommendations/?country=SVN")
        # before the counts: the visitor ticks "Repeated" (a filter of the form)
        page.locator("#f-repeated").check()
        assert _wait_for_status(page) == (
            "Filters updated: each value now shows its number of results."
        )
        assert page.locator("[data-facets-link]").count() == 0
        mechanism = page.locator("details[data-facet=mechanism] label")
        assert mechanism.first.inner_text().split() == ["UPR", "6"]
        assert page.locator("#f-repeated").is_checked()
        assert page.locator("aside input[name=country][value=SVN]").is_checked()
        assert errors == []
        context.close()


def test_without_javascript_the_link_gives_the_counts(svn_upr_catalogue, live_server):
    with chromium() as browser:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(f"{live_server.url}/recommendations/?country=SVN")
        assert page.locator(COUNTED).count() == 0
        page.locator("[data-facets-link] a").click()
        page.wait_for_load_state()
        assert "facets=1" in page.url
        mechanism = page.locator("details[data-facet=mechanism] label")
        assert mechanism.first.inner_text().split() == ["UPR", "6"]
        context.close()
