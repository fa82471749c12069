"""A real Chromium loads the list page, submits a search and sees the results (no JavaScript
of ours is involved: the form is a plain GET form)."""

from __future__ import annotations

import pytest

from browser_support import BROWSER_MARKS, chromium

pytestmark = BROWSER_MARKS


@pytest.fixture
def browser_page():
    with chromium() as browser:
        yield browser.new_page(java_script_enabled=False)


@pytest.mark.django_db(transaction=True)
def test_searching_from_the_list_page_shows_the_matching_recommendations(
    svn_upr_catalogue, live_server, browser_page
):
    page = browser_page
    page.goto(f"{live_server.url}/recommendations/")
    assert page.locator("h2#results-h").inner_text() == "7 recommendations"
    page.get_by_label("Search recommendations").fill("non-refoulement")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url("**/recommendations/?q=non-refoulement")
    assert page.locator("h2#results-h").inner_text() == "3 recommendations"
    headings = page.locator(".result h3").all_inner_texts()
    assert "A/HRC/43/15, para. 122.153" in headings
    assert "A/HRC/43/15, para. 121.52" in headings
    # Tick a facet and apply it, still without JavaScript.
    page.locator("summary", has_text="UPR position").click()  # a closed <details>
    page.get_by_label("Noted").check()
    page.get_by_role("button", name="Apply filters").first.click()
    assert page.locator("h2#results-h").inner_text() == "1 recommendation"
    assert page.locator(".result h3").all_inner_texts() == ["A/HRC/43/15, para. 122.153"]
    assert page.locator("html").get_attribute("dir") == "ltr"
