"""What the Content Security Policy tests check: the strict policy, and inline code in HTML.

Imported by ``tests/test_content_security_policy.py``,
``tests/accounts/test_content_security_policy_on_every_page.py`` and
``tests/portal/test_content_security_policy_in_a_browser.py``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

#: The policy every response carries, directive by directive, as the issue asks for it
#: (CSP Level 3 names): only this origin, no plugins, no <base>, forms post here, no framing.
STRICT = {
    "default-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
HEADER = "Content-Security-Policy"
#: ``<script type>`` values that are data blocks, never run (HTML § 4.12.1.1): not inline code.
DATA_BLOCK_TYPES = {"application/json", "application/ld+json"}
#: Attributes holding a URL that a click or a submit would run as script if it were javascript:.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}


def parse_policy(header: str) -> dict[str, list[str]]:
    """``"default-src 'self'; object-src 'none'"`` -> ``{"default-src": ["'self'"], ...}``.

    Raises:
        AssertionError: a directive appears twice (browsers ignore the second one).
    """
    policy: dict[str, list[str]] = {}
    for part in header.split(";"):
        words = part.split()
        if not words:
            continue
        name = words[0].lower()
        assert name not in policy, f"directive {name} twice in {header!r}"
        policy[name] = words[1:]
    return policy


class _InlineCode(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Any]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        line = f"(line {self.getpos()[0]})"
        if tag == "style":
            self.found.append(f"inline <style> {line}")
        runs = values.get("type", "").strip().lower() not in DATA_BLOCK_TYPES
        if tag == "script" and "src" not in values and "nonce" not in values and runs:
            self.found.append(f"inline <script> without nonce {line}")
        for name, value in values.items():
            if name == "style":
                self.found.append(f'style="{value}" on <{tag}> {line}')
            elif name.startswith("on"):
                self.found.append(f"{name}= handler on <{tag}> {line}")
            elif name in URL_ATTRIBUTES and re.sub(r"\s", "", value).lower().startswith(
                "javascript:"
            ):
                self.found.append(f"javascript: URL in {name}= on <{tag}> {line}")

    handle_startendtag = handle_starttag


def inline_code(html: str) -> list[str]:
    """Everything in ``html`` that a policy without ``'unsafe-inline'`` refuses: ``<style>``
    elements, ``style`` attributes, ``<script>`` without ``src`` or ``nonce`` (data blocks
    excepted), ``on*=`` event handlers and ``javascript:`` URLs; one line per finding."""
    parser = _InlineCode()
    parser.feed(html)
    parser.close()
    return parser.found
