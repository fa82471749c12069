"""Every public page type reflows at 320 CSS pixels (WCAG 2.2 SC 1.4.10, Reflow), in
English and in Arabic (right to left): no horizontal scrolling of the page itself.

A wide table may scroll inside its own box (``overflow-x: auto``), as SC 1.4.10 allows
for data tables; the page (``document.documentElement.scrollWidth``) may not. Before this
test the deadlines page was 394 px wide in English and 426 px in Arabic, its Arabic
header cut off.
"""

from __future__ import annotations

import pytest

from browser_support import BROWSER_MARKS, chromium

pytestmark = BROWSER_MARKS

WIDTH = 320
#: The widest element that sticks out, to name in a failure.
WIDEST = """(width) => {
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.right > width + 1 || r.left < -1) {
      let inScroller = false;
      for (let p = el.parentElement; p; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (['auto', 'scroll'].includes(s.overflowX) && p.scrollWidth > p.clientWidth) {
          inScroller = true; break;
        }
      }
      if (!inScroller) out.push(el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
    }
  }
  return out.slice(0, 3);
}"""


@pytest.mark.django_db(transaction=True)
def test_public_pages_need_no_horizontal_scrolling_at_320_px(svn_upr_catalogue, live_server):
    cat = svn_upr_catalogue
    paths = [
        "/",
        "/recommendations/",
        "/recommendations/?q=torture&country=SVN",
        f"/recommendations/{cat.r122_153.pk}/",
        f"/documents/{cat.wg3.pk}/",
        "/countries/",
        "/countries/SVN/",
        "/communications/",
        "/tracking/deadlines/",
        "/reports/",
        "/reports/charts/",
        "/accounts/login/",
        "/accounts/signup/",
        "/api/v1/docs",
    ]
    too_wide: dict[str, str] = {}
    with chromium() as browser:
        for language in ("en", "ar"):
            context = browser.new_context(locale=language, viewport={"width": WIDTH, "height": 640})
            context.add_cookies(
                [{"name": "django_language", "value": language, "url": live_server.url}]
            )
            page = context.new_page()
            for path in paths:
                response = page.goto(live_server.url + path)
                assert response is not None and response.status == 200, path
                width = page.evaluate("document.documentElement.scrollWidth")
                if width > WIDTH:
                    widest = page.evaluate(WIDEST, WIDTH)
                    too_wide[f"{language} {path}"] = f"{width} px: {widest}"
            context.close()
    assert too_wide == {}
