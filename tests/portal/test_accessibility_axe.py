"""axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation on the main public pages, in each
of the six UN languages (Arabic right to left); and no interface phrase is left in English
inside a page in another language unless marked ``lang="en"`` (WCAG 3.1.2, Language of
Parts).

The English phrases are the interface's own: every msgid of the project's catalogues of
three words or more whose translation in that language differs from it.

axe-core 4.14.1 is vendored in ``tests/vendor/axe-core/`` (MPL-2.0, see SOURCE.md) because CI
has no node_modules. Rules are the ones a WCAG 2.2 AA audit uses (tags wcag2a, wcag2aa, wcag21a,
wcag21aa, wcag22aa); best-practice rules are not asserted.
"""

from __future__ import annotations

import glob
from pathlib import Path

import polib
import pytest

from browser_support import BROWSER_MARKS, chromium

AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN_AXE = """async (tags) => {
  const r = await axe.run(document, {runOnly: tags});
  return r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
}"""

pytestmark = BROWSER_MARKS

SRC = Path(__file__).resolve().parents[2] / "src" / "rightstrack"
LANGUAGES = {"en": "en", "ar": "ar", "es": "es", "fr": "fr", "ru": "ru", "zh-hans": "zh_Hans"}
#: Text nodes outside any lang="en" element that hold one of the phrases.
ENGLISH_LEFT = """(phrases) => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest('script, style, [lang="en"], [lang^="en-"]')) continue;
    const text = node.textContent.replace(/\\s+/g, ' ').trim();
    for (const phrase of phrases) {
      if (text === phrase || (phrase.length > 24 && text.includes(phrase))) {
        found.push(el.tagName.toLowerCase() + ': ' + phrase);
      }
    }
  }
  return found;
}"""


def english_phrases(locale: str) -> list[str]:
    """Interface msgids of three words or more that ``locale`` translates differently."""
    phrases = set()
    for path in glob.glob(str(SRC / "*" / "locale" / locale / "LC_MESSAGES" / "django.po")):
        for entry in polib.pofile(path):
            text = entry.msgid.strip()
            if (
                entry.translated()
                and not entry.msgid_plural
                and "%" not in text
                and "{" not in text
                and "<" not in text
                and len(text.split()) >= 3
                and entry.msgstr.strip() != text
            ):
                phrases.add(text)
    return sorted(phrases)


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
    english: dict[str, list[str]] = {}
    for language, locale in LANGUAGES.items():
        phrases = english_phrases(locale) if language != "en" else []
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
            left = page.evaluate(ENGLISH_LEFT, phrases) if phrases else []
            if left:
                english[f"{language} {path}"] = left
        assert page.locator("html").get_attribute("lang") == language
        context.close()
    assert found == {}
    assert english == {}


def test_the_english_check_finds_an_unmarked_phrase_and_spares_a_marked_one():
    phrases = english_phrases("es")
    assert len(phrases) > 100
    phrase = next(p for p in phrases if len(p) > 24)
    with chromium() as browser:
        page = browser.new_page()
        page.set_content(
            f'<html lang="es"><body><p>{phrase}</p><p lang="en">{phrase}</p></body></html>'
        )
        assert page.evaluate(ENGLISH_LEFT, phrases) == [f"p: {phrase}"]
