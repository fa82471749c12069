"""Every page type carries the strict Content Security Policy, and no HTML page needs it relaxed.

URLs come from the confidentiality matrix's enumeration of the resolver (every pattern,
filled with the world's objects; views added later are covered without editing this
file), fetched by an administrator (who reaches every page) and by an anonymous visitor
(login redirects, 403 and 404 pages), plus the admin site: its index, login, and for
every registered model the list, the add form, one object's form and its history.
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

import pytest
from django.contrib import admin
from django.urls import reverse

from csp_rules import HEADER, STRICT, inline_code, parse_policy

from .conftest import World, add_confidential_records
from .test_confidentiality_matrix import project_urls

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def _admin_urls() -> list[str]:
    urls = [reverse("admin:index"), reverse("admin:login"), reverse("admin:password_change")]
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        urls += [reverse("admin:{}_{}_changelist".format(*info))]
        urls += [reverse("admin:{}_{}_add".format(*info))]
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            urls += [
                reverse("admin:{}_{}_change".format(*info), args=[first.pk]),
                reverse("admin:{}_{}_history".format(*info), args=[first.pk]),
            ]
    return urls


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _style_hashes(svg: str) -> list[str]:
    texts = re.findall(r"<style[^>]*>(.*?)</style>", svg, re.S)
    unescaped = [t.replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&") for t in texts]
    return [
        "'sha256-" + base64.b64encode(hashlib.sha256(t.encode()).digest()).decode() + "'"
        for t in unescaped
    ]


_CACHE: dict[str, dict[str, Any]] = {}


@pytest.fixture
def sweep(request: pytest.FixtureRequest) -> dict[str, Any]:
    """``{"role url": response}`` for every page, as the administrator and as anonymous.

    Fetched once per run (about 500 requests); the responses are kept, the database of
    each test is rolled back anyway.
    """
    if "sweep" not in _CACHE:
        _CACHE["sweep"] = _fetch_every_page(
            request.getfixturevalue("world"),
            request.getfixturevalue("cast"),
            request.getfixturevalue("client_for"),
        )
    return _CACHE["sweep"]


def _fetch_every_page(world: World, cast: dict[str, Any], client_for: Any) -> dict[str, Any]:
    add_confidential_records(world, cast)
    urls, problems, _confidential = project_urls(world)
    assert problems == []
    # Pages, not their search variants nor generated DOCX/PDF files (which no browser
    # renders as a page): one fetch per URL pattern and object.
    pages = [u for u in urls if "?" not in u]
    responses: dict[str, Any] = {}
    for role in ("admin", "anonymous"):
        client = client_for(cast[role])
        client.raise_request_exception = False
        for url in pages + _admin_urls():
            responses[f"{role} {url}"] = client.get(url)
    return responses


def test_every_page_type_sends_the_strict_policy(sweep):
    statuses = {r.status_code for r in sweep.values()}
    wrong = []
    for key, response in sweep.items():
        policy = parse_policy(response.get(HEADER, ""))
        if key.endswith(".svg") and response.status_code == 200:
            # A chart file allows its one embedded <style>, by hash; nothing else differs.
            allowed = policy.pop("style-src", [])
            if allowed != _style_hashes(_body(response).decode()):
                wrong.append(f"{key}: style-src {allowed}")
        if policy != STRICT:
            wrong.append(f"{key} ({response.status_code}): {response.get(HEADER)!r}")
    assert wrong == []
    # The sweep met every kind of response: pages, redirects, refusals, missing objects.
    assert {200, 302, 403, 404} <= statuses
    assert len(sweep) > 200


def test_no_html_page_holds_inline_style_script_or_event_handler(sweep):
    found = []
    html_pages = 0
    for key, response in sweep.items():
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        html_pages += 1
        found += [f"{key}: {what}" for what in inline_code(_body(response).decode())]
    assert found == [], "\n".join(found)
    assert html_pages > 100


def test_the_sweep_covers_admin_charts_files_and_error_pages(sweep):
    keys = list(sweep)
    assert "admin /admin/" in keys
    assert "anonymous /admin/login/" in keys
    assert any(k.startswith("admin /admin/catalog/recommendation/") for k in keys)
    assert any(k.endswith(".svg") for k in keys)
    assert "admin /reports/charts/charts.css" in keys
    assert any(r.status_code == 404 for k, r in sweep.items() if k.startswith("anonymous"))
