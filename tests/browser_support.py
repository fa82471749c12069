"""Launching Debian's Chromium for the browser tests, in one place.

Imported by the tests marked ``browser`` (search, accessibility, the content security
policy, the API docs page). The flags are the project's (the network is closed: no
background networking, updates or sync). In CI Chromium must be there, so the tests
fail loudly instead of skipping.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: ``pytestmark`` of every browser test module.
BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("CI"),
        reason="/usr/bin/chromium is not installed",
    ),
]


@contextmanager
def chromium() -> Iterator[Any]:
    """A launched Playwright Chromium browser, closed on exit.

    Playwright's sync API runs an event loop in this thread; the ORM calls of the test's
    fixtures are still synchronous, so Django's async guard is relaxed meanwhile.
    """
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            try:
                yield browser
            finally:
                browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
