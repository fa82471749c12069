"""The Content Security Policy: strict, enforced, on error pages too; no template needs it relaxed.

Every page type (admin and error pages included) is swept in
``tests/accounts/test_content_security_policy_on_every_page.py``; a real browser loads the
main pages under the policy in ``tests/reports/test_content_security_policy_in_a_browser.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from csp_rules import HEADER, STRICT, inline_code, parse_policy

SRC = Path(__file__).resolve().parents[1] / "src" / "rightstrack"
TEMPLATES = sorted(SRC.glob("**/templates/**/*.html"))

#: What a policy without 'unsafe-inline' refuses, as it is written in a template's source.
TEMPLATE_PATTERNS = {
    "inline <style>": re.compile(r"<style\b", re.I),
    "style attribute": re.compile(r"<[^>]*\sstyle\s*=", re.I),
    "inline <script> without nonce": re.compile(r"<script\b(?![^>]*\b(?:src|nonce)\s*=)", re.I),
    "event handler attribute": re.compile(r"<[^>]*\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"javascript\s*:", re.I),
}


@pytest.mark.django_db
def test_pages_send_the_strict_policy_enforced_not_report_only(client):
    response = client.get("/countries/")

    assert response.status_code == 200
    assert parse_policy(response[HEADER]) == STRICT
    assert "Content-Security-Policy-Report-Only" not in response
    for relaxation in ("unsafe-inline", "unsafe-eval", "unsafe-hashes", "*", "data:", "http"):
        assert relaxation not in response[HEADER]


@pytest.mark.django_db
def test_the_404_page_sends_the_policy_and_has_no_inline_code(client):
    response = client.get("/recommendations/987654/")

    assert response.status_code == 404
    assert parse_policy(response[HEADER]) == STRICT
    assert inline_code(response.content.decode()) == []


@pytest.mark.django_db
def test_the_500_page_sends_the_policy_and_has_no_inline_code(client, monkeypatch):
    from rightstrack.portal import pages

    def broken(request):
        raise RuntimeError("broken on purpose")

    monkeypatch.setattr(pages, "home_context", broken)
    client.raise_request_exception = False

    response = client.get("/")

    assert response.status_code == 500
    assert parse_policy(response[HEADER]) == STRICT
    assert inline_code(response.content.decode()) == []


def test_there_are_templates_to_check():
    names = {p.name for p in TEMPLATES}
    assert {"base.html", "deadlines.html", "plain_summary_print.html", "404.html"} <= names


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_template_holds_inline_style_script_or_event_handler(template):
    text = template.read_text(encoding="utf-8")
    found = [
        f"{what}: line {text.count(chr(10), 0, match.start()) + 1}"
        for what, pattern in TEMPLATE_PATTERNS.items()
        for match in pattern.finditer(text)
    ]
    assert found == []


def test_the_template_patterns_find_each_kind_of_inline_code():
    sample = (
        '<style>p{}</style><p style="color:red"><script>alert(1)</script>'
        '<button onclick="x()"><a href="javascript:x()">'
        '<script src="/static/a.js"></script><script nonce="{{ request.csp_nonce }}">ok()</script>'
    )
    found = {what for what, pattern in TEMPLATE_PATTERNS.items() if pattern.search(sample)}
    assert found == set(TEMPLATE_PATTERNS)
    assert len(TEMPLATE_PATTERNS["inline <script> without nonce"].findall(sample)) == 1


def test_the_html_check_finds_each_kind_of_inline_code_and_nothing_else():
    html = (
        "<!doctype html><html><head><style>p{}</style>"
        '<script type="application/json" id="data">{"a": 1}</script>'
        '<script src="/static/a.js"></script><script nonce="abc">ok()</script></head>'
        '<body><p style="color: red">x</p><script>alert(1)</script>'
        '<button onclick="x()">b</button><a href=" JavaScript:x()">a</a>'
        '<svg><style>.a{}</style><rect style="opacity: 0"/></svg>'
        '<a href="/javascript-guide/">fine</a></body></html>'
    )

    found = inline_code(html.replace("<body>", "\n<body>"))

    assert found == [
        "inline <style> (line 1)",
        'style="color: red" on <p> (line 2)',
        "inline <script> without nonce (line 2)",
        "onclick= handler on <button> (line 2)",
        "javascript: URL in href= on <a> (line 2)",
        "inline <style> (line 2)",
        'style="opacity: 0" on <rect> (line 2)',
    ]


def test_the_history_list_override_differs_from_simple_historys_only_by_the_inline_style():
    import simple_history

    name = "templates/simple_history/object_history_list.html"
    original = (Path(simple_history.__file__).parent / name).read_text(encoding="utf-8")
    ours = (SRC / name).read_text(encoding="utf-8").split("\n", 1)[1]  # less the comment line

    assert ' style="border-top: 0"' in original
    assert ours == original.replace(' style="border-top: 0"', "")
