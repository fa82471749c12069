"""axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation on the main public pages, in English
and in Arabic (right to left).

axe-core 4.14.1 is vendored in ``tests/vendor/axe-core/`` (MPL-2.0, see SOURCE.md) because CI
has no node_modules. Rules are the ones a WCAG 2.2 AA audit uses (tags wcag2a, wcag2aa, wcag21a,
wcag21aa, wcag22aa); best-practice rules are not asserted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_support import BROWSER_MARKS, chromium

AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN_AXE = """async (tags) => {
  const r = await axe.run(document, {runOnly: tags});
  return r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
}"""

pytestmark = BROWSER_MARKS


@pytest.fixture
def browser():
    with chromium() as launched:
        yield launched


def _violations(page, url: str) -> list[str]:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE, TAGS)


@pytest.mark.django_db(transaction=True)
def test_axe_finds_no_wcag_violation_on_the_public_pages(svn_upr_catalogue, live_server, browser):
    paths = [
        "/",
        "/recommendations/",
        "/recommendations/?q=torture&country=SVN",
        f"/recommendations/{svn_upr_catalogue.r122_153.pk}/",
        f"/documents/{svn_upr_catalogue.wg3.pk}/",
        "/countries/",
        "/countries/SVN/",
        "/tracking/deadlines/",
        "/reports/",
        "/reports/charts/",
        "/accounts/login/",
    ]
    found: dict[str, list[str]] = {}
    for language in ("en", "ar"):
        # axe is injected as an inline <script>, which the site's Content Security Policy
        # refuses (as it should): only this test's context bypasses it. The policy itself is
        # tested in a browser without bypass: tests/reports/test_content_security_policy_in_a_browser.py.
        context = browser.new_context(locale=language, bypass_csp=True)
        context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
        page = context.new_page()
        for path in paths:
            violations = _violations(page, live_server.url + path)
            if violations:
                found[f"{language} {path}"] = violations
        assert page.locator("html").get_attribute("lang") == language
        context.close()
    assert found == {}
